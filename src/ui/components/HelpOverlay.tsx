// `?`: every key of the screen underneath, straight from the keymap (the same table that handles the keys).
import { Box } from 'ink';
import { bindingsFor, type KeyBinding, type Mode } from '../keymap.js';
import { useTheme } from '../theme-context.js';
import { fit } from '../text.js';
import { Line, type Segment } from './Line.js';

export interface HelpOverlayProps {
  width: number;
  height: number;
  /** The screen the help is about. */
  mode: Mode;
  top: number;
}

const KEYS_WIDTH = 16;

/** The help's rows for a screen: its own keys, then the typing keys of `/`. */
export function helpRows(mode: Mode): KeyBinding[] {
  const rows = bindingsFor(mode);
  // Ctrl-c quits in both: listed once.
  if (mode === 'table' || mode === 'log' || mode === 'overview') rows.push(...bindingsFor('edit').filter((b) => !rows.includes(b)));
  return rows;
}

export function HelpOverlay({ width, height, mode, top }: HelpOverlayProps) {
  const { glyphs, colors } = useTheme();
  const rows = helpRows(mode);
  const rowsHeight = Math.max(0, height - 1);
  const lines: Segment[][] = rows.slice(top, top + rowsHeight).map((b) => [
    { text: fit(b.keys, KEYS_WIDTH, 'left', glyphs.ellipsis), color: colors.accent, bold: true },
    { text: b.modes.includes('edit') && !b.modes.includes(mode) ? `while typing: ${b.description}` : b.description },
  ]);
  while (lines.length < rowsHeight) lines.push([]);
  const more = rows.length > rowsHeight ? ` ${glyphs.separator} j/k scroll (${top + 1}-${Math.min(rows.length, top + rowsHeight)} of ${rows.length})` : '';
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Line width={width} segments={[{ text: `Keys on this screen`, bold: true }, { text: `${more} ${glyphs.separator} Esc or ? closes`, color: colors.muted }]} ellipsis={glyphs.ellipsis} />
      {lines.map((segments, i) => (
        <Line key={i} width={width} segments={segments} ellipsis={glyphs.ellipsis} />
      ))}
    </Box>
  );
}
