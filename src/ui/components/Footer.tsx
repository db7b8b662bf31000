// The keys that work right now, from the keymap, as many as fit. Navigation (back, help, quit) always fits and comes
// last, in the same place on every screen: with it a user can get around and find everything else.
import { footerHints, MODE_NOTES, type FooterHint, type Mode } from '../keymap.js';
import { useTheme } from '../theme-context.js';
import { widthOf } from '../text.js';
import { Line, type Segment } from './Line.js';

export interface FooterProps {
  width: number;
  mode: Mode;
  /** Polling is paused: `p` resumes it. */
  paused: boolean;
  /** A run history is kept: `h` opens it. */
  history?: boolean;
}

const GAP = 2;

export function Footer({ width, mode, paused, history = false }: FooterProps) {
  const { glyphs, colors } = useTheme();
  const note = MODE_NOTES[mode];
  const hints = footerHints(mode, { paused, history });
  const pieceWidth = (h: FooterHint) => widthOf(`${h.keys} ${h.hint}`) + GAP;
  let room = width + GAP - (note === undefined ? 0 : widthOf(note) + GAP) - hints.filter((h) => h.kept).reduce((n, h) => n + pieceWidth(h), 0);
  // Whole hints only, in keymap order: a cut-off key is worse than none.
  const shown = hints.filter((h) => {
    if (h.kept) return true;
    if (pieceWidth(h) > room) return false;
    room -= pieceWidth(h);
    return true;
  });
  const navigation = shown.filter((h) => h.navigation);
  const others = shown.filter((h) => !h.navigation);
  const segments: Segment[] = note === undefined ? [] : [{ text: note, color: colors.warning }];
  for (const { keys, hint } of [...others, ...navigation]) {
    segments.push({ text: `${segments.length === 0 ? '' : ' '.repeat(GAP)}${keys}`, color: colors.accent, bold: true }, { text: ` ${hint}`, color: colors.muted });
  }
  return <Line width={width} segments={segments} ellipsis={glyphs.ellipsis} />;
}
