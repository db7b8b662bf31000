// One message in full: its whole event (a traceback, every line) and its attributes as pretty JSON.
import { Box } from 'ink';
import type { LogMessage } from '../../domain/model.js';
import { attributeLines, eventLines } from '../log-rows.js';
import { useTheme } from '../theme-context.js';
import { levelColor } from '../theme.js';
import { formatClock } from '../../domain/format.js';
import { wrapLine } from '../text.js';
import { Line, type Segment } from './Line.js';

export interface MessageDetailProps {
  width: number;
  height: number;
  message: LogMessage;
  /** "message 3 of 120": where this message sits in the log. */
  position: string;
  top: number;
}

/** The detail's scrollable lines (everything below the title), at this width. */
export function detailLines(message: LogMessage, width: number): Segment[][] {
  const lines: Segment[][] = [];
  for (const line of eventLines(message.event, true, width)) lines.push([{ text: line }]);
  lines.push([], [{ text: 'attributes', bold: true }]);
  for (const line of attributeLines(message)) for (const piece of wrapLine(line, width)) lines.push([{ text: piece }]);
  return lines;
}

export function MessageDetail({ width, height, message, position, top }: MessageDetailProps) {
  const theme = useTheme();
  const { glyphs, colors } = theme;
  const sep = ` ${glyphs.separator} `;
  const all = detailLines(message, width);
  const rowsHeight = Math.max(0, height - 1);
  const shown = all.slice(top, top + rowsHeight);
  while (shown.length < rowsHeight) shown.push([]);
  const title: Segment[] = [
    { text: position, bold: true },
    { text: `${sep}${formatClock(message.timestamp)}` },
    { text: `${sep}${message.level}`, color: levelColor(theme, message.level) },
    { text: `${sep}${message.logger}`, color: colors.muted },
    { text: all.length > rowsHeight ? `${sep}lines ${top + 1}-${Math.min(all.length, top + rowsHeight)} of ${all.length}` : '', color: colors.muted },
  ];
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Line width={width} segments={title} ellipsis={glyphs.ellipsis} />
      {shown.map((segments, i) => (
        <Line key={i} width={width} segments={segments} ellipsis={glyphs.ellipsis} />
      ))}
    </Box>
  );
}
