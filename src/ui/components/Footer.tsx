// The keys that work right now, from the keymap, as many as fit. Help and quit always fit: with them a user can
// find everything else.
import { footerHints, type Mode } from '../keymap.js';
import { useTheme } from '../theme-context.js';
import { widthOf } from '../text.js';
import { Line, type Segment } from './Line.js';

const ALWAYS = new Set(['help', 'quit']);

export function Footer({ width, mode }: { width: number; mode: Mode }) {
  const { glyphs, colors } = useTheme();
  const hints = footerHints(mode);
  const pieceWidth = (h: { keys: string; hint: string }) => widthOf(`${h.keys} ${h.hint}`) + 2;
  let room = width + 2 - hints.filter((h) => ALWAYS.has(h.hint)).reduce((n, h) => n + pieceWidth(h), 0);
  // Whole hints only, in keymap order: a cut-off key is worse than none.
  const shown = hints.filter((h) => {
    if (ALWAYS.has(h.hint)) return true;
    if (pieceWidth(h) > room) return false;
    room -= pieceWidth(h);
    return true;
  });
  const segments: Segment[] = shown.flatMap(({ keys, hint }, i) => [
    { text: `${i === 0 ? '' : '  '}${keys}`, color: colors.accent, bold: true },
    { text: ` ${hint}`, color: colors.muted },
  ]);
  return <Line width={width} segments={segments} ellipsis={glyphs.ellipsis} />;
}
