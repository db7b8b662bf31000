// `h`: the selected object's past runs from aksync's run history, newest first (start, duration, pages, objects,
// problems, errors, verdict, first error), and Enter into one run's summary and grouped problems. Renders its props.
import { Box } from 'ink';
import { formatCount, formatDuration, formatTime } from '../../domain/format.js';
import type { RunRecord } from '../../domain/run-record.js';
import { medianDuration } from '../../domain/trends.js';
import { allocateColumns, columnWidth, fixedCells, type Column } from '../columns.js';
import { DetailPane } from '../components/DetailPane.js';
import { Line, type Segment } from '../components/Line.js';
import { useTheme } from '../theme-context.js';
import { verdictColor } from '../theme.js';
import type { HistoryState } from './history-state.js';
import { recordDetails, recordTitle } from './record-details.js';

export interface HistoryViewProps {
  width: number;
  /** Lines for the whole view: title, column header, rows. */
  height: number;
  /** `Corp AD (ldap/corp-ad)`. */
  name: string;
  /** Newest first. */
  records: readonly RunRecord[];
  state: HistoryState;
  /** Why runs are not being kept, when the store cannot be read or written. */
  problem: string | null;
  /** The screen's clock (unused while every row shows its date). */
  now: number;
}

type Key = 'marker' | 'start' | 'took' | 'pages' | 'objects' | 'problems' | 'errors' | 'verdict';

const COLUMNS: readonly Column<Key>[] = [
  { key: 'marker', title: '', width: 1 },
  { key: 'start', title: 'start', width: 19, grow: true },
  { key: 'took', title: 'took', width: 7, align: 'right' },
  { key: 'pages', title: 'pages', width: 5, align: 'right', dropOrder: 2 },
  { key: 'objects', title: 'objects', width: 7, align: 'right', dropOrder: 1 },
  { key: 'problems', title: 'probs', width: 5, align: 'right' },
  { key: 'errors', title: 'errs', width: 4, align: 'right' },
  { key: 'verdict', title: 'verdict', width: 8 },
];
const MIN_TEXT = 10;

function date(iso: string | null): Date | null {
  if (iso === null) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Lines of the table's body: the rows that fit under its title and column header. */
export function historyRowsHeight(height: number): number {
  return Math.max(1, height - 2);
}

export function HistoryView(props: HistoryViewProps) {
  const theme = useTheme();
  const { glyphs, colors } = theme;
  const { width, height, records, state } = props;
  const sep = ` ${glyphs.separator} `;
  const open = state.record ? records[state.record.index] : undefined;
  if (open && state.record) {
    return <DetailPane width={width} height={height} title={`${props.name}: ${recordTitle(open)}`} blocks={recordDetails(open, colors)} top={state.record.top} />;
  }

  const median = medianDuration(records);
  const title: Segment[] = [
    { text: 'Run history ', bold: true },
    { text: props.name },
    { text: `${sep}${records.length === 1 ? '1 run' : `${records.length} runs`}`, color: colors.muted },
  ];
  if (median !== null) title.push({ text: `${sep}median ${formatDuration(median)} (last 10)`, color: colors.muted });
  const columns = allocateColumns(COLUMNS, width, MIN_TEXT, {});
  const header = fixedCells(columns, { marker: '', start: 'start', took: 'took', pages: 'pages', objects: 'objects', problems: 'probs', errors: 'errs', verdict: 'verdict' }, glyphs.ellipsis)
    .map((c) => c.text)
    .join('');
  const bodyHeight = historyRowsHeight(height);
  const lines: Segment[][] = [];
  if (records.length === 0) {
    const empty = props.problem
      ? `No run history: ${props.problem}`
      : 'No run recorded yet: aksync keeps each run it sees end (here, in `status`, in `sync --wait`).';
    lines.push([{ text: empty, color: props.problem ? colors.warning : colors.muted }]);
  }
  const last = Math.min(records.length, state.top + bodyHeight);
  for (let i = state.top; i < last; i += 1) {
    const r = records[i] as RunRecord;
    const selected = i === state.selected;
    const cells = fixedCells(
      columns,
      {
        marker: selected ? glyphs.selected : ' ',
        start: formatTime(date(r.start) ?? date(r.finish)),
        took: formatDuration(r.duration_seconds),
        pages: formatCount(r.pages, columnWidth(columns, 'pages')),
        objects: formatCount(r.objects, columnWidth(columns, 'objects')),
        problems: formatCount(r.problems, columnWidth(columns, 'problems')),
        errors: formatCount(r.errors, columnWidth(columns, 'errors')),
        verdict: r.verdict,
      },
      glyphs.ellipsis,
    );
    lines.push([
      ...cells.map(
        (c): Segment => ({
          text: c.text,
          color:
            c.key === 'verdict'
              ? verdictColor(theme, r.verdict)
              : c.key === 'problems' && r.problems > 0
                ? colors.warning
                : c.key === 'errors' && r.errors > 0
                  ? colors.critical
                  : c.key === 'marker'
                    ? colors.accent
                    : undefined,
          bold: c.key === 'verdict' || (selected && c.key === 'marker'),
          inverse: selected && c.key === 'start',
        }),
      ),
      { text: r.first_error ?? (r.problem_groups[0] ? r.problem_groups[0].pattern : ''), color: r.first_error ? colors.critical : colors.muted },
    ]);
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
