// One row per task, only the rows that fit are rendered. The selected row carries a glyph (not only inverse video:
// without colour, inverse is gone too).
import { Box } from 'ink';
import type { TaskView } from '../../domain/verdict.js';
import { allocateColumns, columnWidth, fixedCells, fixedWidth, longestValues, type Column } from '../columns.js';
import { MAX_ROW_LINES, shareRows } from '../layout.js';
import type { SortKey } from '../screen-state.js';
import { SORT_LABELS, taskStatus, type TaskStatusKind } from '../task-rows.js';
import { useTheme } from '../theme-context.js';
import type { Theme } from '../theme.js';
import { formatClock, formatCount, formatDuration } from '../../domain/format.js';
import { Line, wrapSegments, type Segment } from './Line.js';

export interface TaskTableProps {
  width: number;
  /** Lines for the whole table: title, column header, rows. */
  height: number;
  /** Filtered and sorted. */
  rows: readonly TaskView[];
  total: number;
  selected: number;
  top: number;
  sort: SortKey;
  filter: string;
  problemsOnly: boolean;
  /** What to say when there are no rows at all. */
  emptyText: string;
}

type Key = 'marker' | 'status' | 'type' | 'id' | 'start' | 'duration' | 'messages' | 'problems';

const COLUMNS: readonly Column<Key>[] = [
  { key: 'marker', title: '', width: 1 },
  { key: 'status', title: 'status', width: 10 },
  { key: 'type', title: 'type', width: 11, grow: true },
  { key: 'id', title: 'id', width: 8, dropOrder: 1 },
  { key: 'start', title: 'start', width: 8, dropOrder: 4 },
  { key: 'duration', title: 'took', width: 6, align: 'right', dropOrder: 3 },
  { key: 'messages', title: 'msgs', width: 5, align: 'right', dropOrder: 2 },
  { key: 'problems', title: 'probs', width: 5, align: 'right' },
];
const MIN_HEADLINE = 20;

export function statusGlyph(theme: Theme, status: TaskStatusKind): string {
  const g = theme.glyphs;
  return { error: g.error, warning: g.warning, problems: g.problems, unknown: g.unknown, running: g.running, queued: g.queued, ok: g.ok }[status];
}

export function statusColor(theme: Theme, status: TaskStatusKind) {
  const c = theme.colors;
  return { error: c.critical, warning: c.warning, problems: c.warning, unknown: c.unknown, running: c.running, queued: c.muted, ok: c.ok }[status];
}

export function TaskTable(props: TaskTableProps) {
  const theme = useTheme();
  const { glyphs, colors } = theme;
  const { width, height, rows } = props;
  const sep = ` ${glyphs.separator} `;
  const columns = allocateColumns(COLUMNS, width, MIN_HEADLINE, longestValues(rows, ['type'] as const, (view) => view.task.type));
  const bodyHeight = Math.max(0, height - 2);

  const title: Segment[] = [
    { text: 'Tasks ', bold: true },
    { text: rows.length === props.total ? `${props.total}` : `${rows.length} of ${props.total}` },
    { text: `${sep}sort ${SORT_LABELS[props.sort]}`, color: colors.muted },
  ];
  if (props.filter !== '') title.push({ text: `${sep}filter "${props.filter}"`, color: colors.accent });
  if (props.problemsOnly) title.push({ text: `${sep}problems and errors only`, color: colors.accent });

  const header = fixedCells(columns, { marker: '', status: 'status', type: 'type', id: 'id', start: 'start', duration: 'took', messages: 'msgs', problems: 'probs' }, glyphs.ellipsis)
    .map((c) => c.text)
    .join('');

  const lines: Segment[][] = [];
  if (rows.length === 0) {
    const empty = { text: props.total === 0 ? props.emptyText : 'No task matches the filter (Esc clears it).', color: colors.muted };
    lines.push(...wrapSegments([empty], width, bodyHeight));
  }
  const last = Math.min(rows.length, props.top + bodyHeight);
  // Rows the list does not fill let each headline wrap onto a few lines (a list that scrolls has none to lend).
  const headlineWidth = Math.max(1, width - fixedWidth(columns));
  const headline = (view: TaskView, selected: boolean): Segment => ({ text: view.headline, inverse: selected, color: view.isError ? colors.critical : undefined });
  const shares = shareRows(
    rows.slice(props.top, last).map((view) => wrapSegments([headline(view, false)], headlineWidth, MAX_ROW_LINES).length),
    bodyHeight - (last - props.top),
  );
  for (let i = props.top; i < last; i += 1) {
    const view = rows[i] as TaskView;
    const selected = i === props.selected;
    const status = taskStatus(view);
    const cells = fixedCells(
      columns,
      {
        marker: selected ? glyphs.selected : ' ',
        status: `${statusGlyph(theme, status)} ${status}`,
        type: view.task.type,
        id: view.task.id.slice(0, 8),
        start: formatClock(view.task.start),
        duration: formatDuration(view.task.durationSeconds),
        messages: formatCount(view.task.messages.length, columnWidth(columns, 'messages')),
        problems: formatCount(view.problems.length, columnWidth(columns, 'problems')),
      },
      glyphs.ellipsis,
    );
    const segments: Segment[] = cells.map((c) => ({
      text: c.text,
      color: c.key === 'status' ? statusColor(theme, status) : c.key === 'problems' && view.problems.length > 0 ? colors.warning : c.key === 'marker' ? colors.accent : undefined,
      bold: selected && c.key === 'marker',
      inverse: selected && c.key !== 'marker',
    }));
    const [first = [], ...more] = wrapSegments([headline(view, selected)], headlineWidth, shares[i - props.top] ?? 1);
    lines.push([...segments, ...first]);
    for (const piece of more) lines.push([{ text: ' '.repeat(width - headlineWidth) }, ...piece]);
  }
  while (lines.length < bodyHeight) lines.push([]);

  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Line width={width} segments={title} ellipsis={glyphs.ellipsis} />
      <Line width={width} segments={[{ text: header, color: colors.muted }]} ellipsis={glyphs.ellipsis} />
      {lines.slice(0, bodyHeight).map((segments, i) => (
        <Line key={i} width={width} segments={segments} ellipsis={glyphs.ellipsis} />
      ))}
    </Box>
  );
}
