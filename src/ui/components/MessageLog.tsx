// A task's messages: time, level, logger, event. Renders only the rows that fit, whatever the number of messages.
import { Box } from 'ink';
import type { LogMessage } from '../../domain/model.js';
import { allocateColumns, fixedCells, fixedWidth, longestValues, type Column } from '../columns.js';
import { matchPieces, type LogLines } from '../log-rows.js';
import type { MinLevel } from '../screen-state.js';
import { positionOf } from '../scroll.js';
import { useTheme } from '../theme-context.js';
import { levelColor } from '../theme.js';
import { formatClock, groupThousands } from '../../domain/format.js';
import { Line, type Segment } from './Line.js';

export interface MessageLogProps {
  width: number;
  /** Lines for the whole log: title and rows. */
  height: number;
  /** Describes the task in the title line. */
  title: string;
  messages: readonly LogMessage[];
  /** Indices of the messages shown at the current level, ascending. */
  visible: readonly number[];
  /** Message indices of the cursor and of the first row shown (already scrolled into place). */
  cursor: number;
  top: number;
  wrap: boolean;
  minLevel: MinLevel;
  /** Only the messages that made the verdict. */
  problemsOnly: boolean;
  search: string;
  /** Message indices matching the search, ascending. */
  matches: readonly number[];
  lines: LogLines;
}

type Key = 'marker' | 'time' | 'level' | 'logger';

const COLUMNS: readonly Column<Key>[] = [
  { key: 'marker', title: '', width: 2 },
  { key: 'time', title: 'time', width: 8 },
  { key: 'level', title: 'level', width: 9 },
  { key: 'logger', title: 'logger', width: 16, dropOrder: 1, grow: true },
];
const MIN_EVENT = 30;
/** The logger column widens only once the event has this much room: the event is what a user reads. */
const EVENT_BEFORE_LOGGER_GROWS = 100;

const longestLoggers = new WeakMap<readonly LogMessage[], Partial<Record<Key, number>>>();

/** The log's columns at this width: the logger column widens toward the task's longest logger name. */
function logColumns(width: number, messages: readonly LogMessage[]): Column<Key>[] {
  let longest = longestLoggers.get(messages);
  if (!longest) {
    // Once per task's messages (a new poll brings a new array): a long log is measured once, not per key press.
    const loggers = [...new Set(messages.map((m) => m.logger))];
    longest = longestValues(loggers, ['logger'] as const, (logger) => logger);
    longestLoggers.set(messages, longest);
  }
  return allocateColumns(COLUMNS, width, MIN_EVENT, longest, EVENT_BEFORE_LOGGER_GROWS);
}

/** Columns left for the event text at this terminal width (wrapping uses it). */
export function logEventColumns(width: number, messages: readonly LogMessage[]): number {
  return Math.max(10, width - fixedWidth(logColumns(width, messages)));
}

export function MessageLog(props: MessageLogProps) {
  const theme = useTheme();
  const { glyphs, colors } = theme;
  const { width, height, visible, messages } = props;
  const sep = ` ${glyphs.separator} `;
  const columns = logColumns(width, messages);
  const indent = ' '.repeat(fixedWidth(columns));
  const rowsHeight = Math.max(0, height - 1);
  const matchSet = props.search === '' ? null : props.matches;

  const title: Segment[] = [
    { text: props.title, bold: true },
    { text: `${sep}${visible.length === messages.length ? '' : `${count(visible.length)} of `}${count(messages.length)} message${messages.length === 1 ? '' : 's'}` },
    { text: `${sep}level ${props.minLevel === 'all' ? 'all' : `${props.minLevel}+`}`, color: colors.muted },
    ...(props.problemsOnly ? [{ text: `${sep}problems only`, color: colors.accent }] : []),
    { text: `${sep}${props.wrap ? 'wrapped' : 'truncated'}`, color: colors.muted },
  ];
  if (props.search !== '') {
    const at = positionOf(props.matches, props.cursor);
    const position = props.matches[at] === props.cursor ? `${at + 1}/` : '';
    title.push({ text: `${sep}search "${props.search}" ${position}${props.matches.length} found`, color: colors.accent });
  }

  const lines: Segment[][] = [];
  if (visible.length === 0) {
    const why = messages.length === 0
      ? 'This task has no messages.'
      : props.problemsOnly
        ? 'No problem message at this level (e shows every message, l changes the level).'
        : 'No message at this level (l changes it).';
    lines.push([{ text: why, color: colors.muted }]);
  }
  for (let p = positionOf(visible, props.top); p < visible.length && lines.length < rowsHeight; p += 1) {
    const index = visible[p] as number;
    const m = messages[index] as LogMessage;
    const selected = index === props.cursor;
    const matched = matchSet !== null && binaryHas(matchSet, index);
    const cells = fixedCells(
      columns,
      {
        marker: `${selected ? glyphs.selected : ' '}${matched ? '*' : ' '}`,
        time: formatClock(m.timestamp),
        level: m.level,
        logger: m.logger,
      },
      glyphs.ellipsis,
    );
    const event = props.lines.linesOf(index);
    const text = (line: string): Segment[] => (matched ? highlighted(line, props.search, selected, colors.accent) : [{ text: line, inverse: selected }]);
    lines.push([
      ...cells.flatMap((c): Segment[] => {
        const color = c.key === 'level' ? levelColor(theme, m.level) : c.key === 'marker' ? colors.accent : colors.muted;
        if (c.key === 'logger' && matched) return highlighted(c.text, props.search, false, color);
        return [{ text: c.text, color, bold: c.key === 'marker' }];
      }),
      ...text(event[0] ?? ''),
    ]);
    for (const more of event.slice(1, 1 + rowsHeight - lines.length)) {
      lines.push([{ text: indent }, ...text(more)]);
    }
  }
  while (lines.length < rowsHeight) lines.push([]);

  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Line width={width} segments={title} ellipsis={glyphs.ellipsis} />
      {lines.map((segments, i) => (
        <Line key={i} width={width} segments={segments} ellipsis={glyphs.ellipsis} />
      ))}
    </Box>
  );
}

/**
 * A line with the search text marked: underlined and in reverse video against the row, so it shows without
 * colour too (NO_COLOR drops colours, not attributes).
 */
function highlighted(line: string, search: string, selected: boolean, color: Segment['color']): Segment[] {
  return matchPieces(line, search).map((piece) =>
    piece.match ? { text: piece.text, inverse: !selected, underline: true, bold: true } : { text: piece.text, inverse: selected, color },
  );
}

function count(n: number): string {
  return groupThousands(n);
}

function binaryHas(sorted: readonly number[], value: number): boolean {
  const p = positionOf(sorted, value);
  return sorted[p] === value;
}
