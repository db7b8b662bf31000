// `i`: the whole text behind the selected row (the verdict's reason, the error, every problem message), wrapped
// between words and scrollable, where the row and the header had to cut it.
import { Box } from 'ink';
import { safeText } from '../../domain/sanitize.js';
import { wrapLine } from '../text.js';
import { useTheme } from '../theme-context.js';
import type { Color } from '../theme.js';
import { Line, type Segment } from './Line.js';

export interface PaneBlock {
  heading: string;
  /** Server text possibly, several lines possibly (a traceback): made safe and wrapped here. */
  text: string;
  color?: Color;
}

/** The pane's scrollable lines at this width: each block's heading, its text wrapped, a blank line between. */
export function paneLines(blocks: readonly PaneBlock[], width: number): Segment[][] {
  const lines: Segment[][] = [];
  blocks.forEach((block, i) => {
    if (i > 0) lines.push([]);
    lines.push([{ text: block.heading, bold: true }]);
    for (const line of safeText(block.text.replace(/\s+$/, '')).split('\n')) {
      for (const piece of wrapLine(line, width)) lines.push([{ text: piece, color: block.color }]);
    }
  });
  return lines;
}

/** The first line to show: `top`, kept so the last page is full. */
export function paneTop(top: number, count: number, rows: number): number {
  return Math.max(0, Math.min(top, count - rows));
}

export interface DetailPaneProps {
  width: number;
  height: number;
  title: string;
  blocks: readonly PaneBlock[];
  top: number;
}

export function DetailPane({ width, height, title, blocks, top }: DetailPaneProps) {
  const { glyphs, colors } = useTheme();
  const sep = ` ${glyphs.separator} `;
  const all = paneLines(blocks, width);
  const rows = Math.max(0, height - 1);
  const first = paneTop(top, all.length, rows);
  const shown = all.slice(first, first + rows);
  while (shown.length < rows) shown.push([]);
  const heading: Segment[] = [
    { text: title, bold: true },
    { text: all.length > rows ? `${sep}lines ${first + 1}-${Math.min(all.length, first + rows)} of ${all.length}` : '', color: colors.muted },
    { text: `${sep}Esc closes`, color: colors.muted },
  ];
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Line width={width} segments={heading} ellipsis={glyphs.ellipsis} />
      {shown.map((segments, i) => (
        <Line key={i} width={width} segments={segments} ellipsis={glyphs.ellipsis} />
      ))}
    </Box>
  );
}
