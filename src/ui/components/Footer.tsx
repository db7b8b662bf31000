// The keys that work right now, from the keymap, as many as fit.
import { footerHints, type Mode } from '../keymap.js';
import { useTheme } from '../theme-context.js';
import { widthOf } from '../text.js';
import { Line, type Segment } from './Line.js';

export function Footer({ width, mode }: { width: number; mode: Mode }) {
  const { glyphs, colors } = useTheme();
  const segments: Segment[] = [];
  let used = 0;
  for (const { keys, hint } of footerHints(mode)) {
    const gap = segments.length === 0 ? '' : '  ';
    const piece = `${gap}${keys} ${hint}`;
    if (used + widthOf(piece) > width) break; // whole hints only: a cut-off key is worse than none
    segments.push({ text: `${gap}${keys}`, color: colors.accent, bold: true }, { text: ` ${hint}`, color: colors.muted });
    used += widthOf(piece);
  }
  return <Line width={width} segments={segments} ellipsis={glyphs.ellipsis} />;
}
