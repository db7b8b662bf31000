// One row per LDAP source; only the rows that fit are rendered, whatever the number of sources. The selected row
// carries a glyph (without colour, inverse video is gone too); a running sync spins in its own column.
import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import { allocateColumns, fixedCells, fixedWidth, longestValues, columnWidth, type Column } from '../../columns.js';
import { Line, wrapSegments, type Segment } from '../../components/Line.js';
import { MAX_ROW_LINES, shareRows } from '../../layout.js';
import { useTheme } from '../../theme-context.js';
import { verdictColor, type Theme } from '../../theme.js';
import { formatAge, formatCount, formatDuration, formatShortAge } from '../../../domain/format.js';
import { RUN_MARKS } from '../../../domain/trends.js';
import { DISABLED_REASON, type VerdictLevel } from '../../../domain/verdict.js';
import type { RowTrend } from '../../history/trend.js';
import { KIND_TERMS } from '../../kind-terms.js';
import { keyOfRow, OVERVIEW_SORT_LABELS, rowText, rowWord, type OverviewSortKey, type SourceRow } from '../source-rows.js';

export interface SourceTableProps {
  width: number;
  /** Lines for the whole table: title, column header, rows. */
  height: number;
  /** Filtered and sorted. */
  rows: readonly SourceRow[];
  total: number;
  selected: number;
  top: number;
  sort: OverviewSortKey;
  filter: string;
  /** What to say when there are no sources at all. */
  emptyText: string;
  emptyTone?: 'muted' | 'critical';
  /** For dates (today's runs show the time only) and stale ages. */
  now: number;
  /** Slugs whose verdict changed in the last minute: their verdict is shown in inverse video. */
  marked?: ReadonlySet<string>;
  /** Rows are sync objects of every kind, in groups by kind (the screen has ordered them so), each under a heading. */
  grouped?: boolean;
  /** One line each, under the rows: a kind the token may not see or the server does not have (quiet), or failing. */
  unavailable?: ReadonlyArray<{ text: string; quiet: boolean }>;
  /** Each row's last runs and median duration, by row key (the run history); absent: no history is kept. */
  trends?: ReadonlyMap<string, RowTrend> | null;
}

type Key = 'marker' | 'name' | 'slug' | 'enabled' | 'verdict';
type RestKey = 'lastRun' | 'took' | 'problems' | 'errors' | 'ldap' | 'runs' | 'median';

const LEAD: readonly Column<Key>[] = [
  { key: 'marker', title: '', width: 1 },
  { key: 'name', title: 'name', width: 18, grow: true },
  { key: 'slug', title: 'slug', width: 12, dropOrder: 4, grow: true },
  { key: 'enabled', title: 'on', width: 3, dropOrder: 2 },
  { key: 'verdict', title: 'verdict', width: 8 },
];
const SPINNER_WIDTH = 2;
const REST: readonly Column<RestKey>[] = [
  { key: 'lastRun', title: 'last run', width: 11, dropOrder: 5 },
  { key: 'took', title: 'took', width: 7, align: 'right', dropOrder: 3 },
  { key: 'problems', title: 'probs', width: 5, align: 'right' },
  { key: 'errors', title: 'errs', width: 4, align: 'right' },
  { key: 'ldap', title: 'ldap', width: 4, dropOrder: 1 },
];
/** The last runs, oldest first (`✓✓✓✗✓⚠✓`), and their median duration: only where run history is kept. */
export const TREND_RUNS = 7;
const TREND: readonly Column<RestKey>[] = [
  // The strip outlasts the last run's age: at 80 columns it says more (a source failing now and then).
  { key: 'runs', title: 'runs', width: TREND_RUNS, dropOrder: 5.5 },
  { key: 'median', title: 'median', width: 6, align: 'right', dropOrder: 0.5 },
];
const MIN_TEXT = 28;

function pickColumns(width: number, rows: readonly SourceRow[], trends: boolean): { lead: Column<Key>[]; rest: Column<RestKey>[] } {
  // One list, so the drop order spans both sides of the spinner column.
  const longest = longestValues(rows, ['name', 'slug'] as const, (row, key) => row[key]);
  const rest = trends ? [...REST.slice(0, 2), ...TREND, ...REST.slice(2)] : REST;
  const all = allocateColumns<Key | RestKey>([...LEAD, ...rest], width - SPINNER_WIDTH, MIN_TEXT, longest);
  return {
    lead: all.filter((c): c is Column<Key> => LEAD.some((l) => l.key === c.key)),
    rest: all.filter((c): c is Column<RestKey> => rest.some((r) => r.key === c.key)),
  };
}

const RECENT_MS = 7 * 86_400_000;

/** A recent run by its age (`38m ago`); one older than a week by date and minute (the monitor has the clock times). */
export function formatRunStart(start: Date | null, now: number): string {
  if (!start) return '-';
  const age = now - start.getTime();
  if (age >= 0 && age < RECENT_MS) return `${formatShortAge(age)} ago`;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(start.getMonth() + 1)}-${two(start.getDate())} ${two(start.getHours())}:${two(start.getMinutes())}`;
}

function wordColor(theme: Theme, row: SourceRow) {
  const word = rowWord(row);
  if (word === 'CHECKING') return theme.colors.muted;
  if (word === 'FAILING') return theme.colors.critical;
  return verdictColor(theme, word);
}

function freeText(row: SourceRow, now: number, enabledShown: boolean): string {
  let text = rowText(row);
  if (row.error && row.phase === 'stale' && row.unconfirmedSince !== null) text = `stale ${formatAge(now - row.unconfirmedSince)}: ${text}`;
  return !row.enabled && !enabledShown && row.verdict?.reason !== DISABLED_REASON ? `disabled: ${text}` : text;
}

function SourceLine(props: {
  row: SourceRow;
  selected: boolean;
  marked: boolean;
  width: number;
  lead: Column<Key>[];
  rest: Column<RestKey>[];
  now: number;
  /** Rows for this source: its free text wraps onto the ones beyond the first. */
  lines: number;
  trend: RowTrend | null;
}) {
  const theme = useTheme();
  const { glyphs, colors } = theme;
  const { row, selected, lead, rest, width } = props;
  const leadCells = fixedCells(
    lead,
    { marker: selected ? glyphs.selected : ' ', name: row.name, slug: row.slug, enabled: row.enabled ? 'yes' : 'no', verdict: rowWord(row) },
    glyphs.ellipsis,
  );
  const leadSegments: Segment[] = leadCells.map((c) => ({
    text: c.text,
    color: c.key === 'verdict' ? wordColor(theme, row) : c.key === 'marker' ? colors.accent : c.key === 'enabled' && !row.enabled ? colors.warning : undefined,
    bold: c.key === 'verdict' || (selected && c.key === 'marker'),
    inverse: (selected && c.key === 'name') || (props.marked && c.key === 'verdict'),
  }));
  const restCells = fixedCells(
    rest,
    {
      lastRun: formatRunStart(row.runStart, props.now),
      took: row.running ? 'running' : formatDuration(row.runSeconds),
      problems: formatCount(row.problems, columnWidth(rest, 'problems')),
      errors: formatCount(row.errors, columnWidth(rest, 'errors')),
      ldap: row.ldap === 'unchecked' ? '-' : row.ldap,
      runs: props.trend?.strip ?? '-',
      median: props.trend?.median ?? '-',
    },
    glyphs.ellipsis,
  );
  const restSegments: Segment[] = restCells.flatMap((c): Segment[] => (c.key === 'runs' && props.trend && props.trend.strip !== '-' ? stripSegments(theme, c.text) : [{
    text: c.text,
    color:
      c.key === 'problems' && row.problems > 0
        ? colors.warning
        : c.key === 'errors' && row.errors > 0
          ? colors.critical
          : c.key === 'ldap'
            ? row.ldap === 'down' ? colors.critical : row.ldap === 'ok' ? colors.ok : colors.muted
            : c.key === 'took' && row.running
              ? colors.running
              : c.key === 'median' || (c.key === 'runs' && props.trend?.strip === '-')
                ? colors.muted
                : undefined,
  }]));
  const text: Segment = {
    text: freeText(row, props.now, lead.some((c) => c.key === 'enabled')),
    color: row.error || row.ldap === 'down' ? colors.critical : colors.muted,
  };
  const column = textColumn(row, lead, rest, width);
  const [first = [], ...more] = wrapSegments([text], column.width, props.lines);
  // A source never read has no run to describe: its error sentence gets the run columns' room too.
  const restLine = row.verdict === null && row.error ? first : [...restSegments, ...first];
  const leadWidth = fixedWidth(lead);
  return (
    <Box flexDirection="column" width={width} height={1 + more.length} overflow="hidden">
      <Box width={width} height={1} overflow="hidden">
        <Line width={leadWidth} segments={leadSegments} ellipsis={glyphs.ellipsis} />
        {row.running ? (
          <Text color={colors.running}>
            <Spinner type={glyphs.spinner} />{' '}
          </Text>
        ) : (
          <Text>{'  '}</Text>
        )}
        <Line width={Math.max(1, width - leadWidth - SPINNER_WIDTH)} segments={restLine} ellipsis={glyphs.ellipsis} />
      </Box>
      {more.map((piece, i) => (
        <Line key={i} width={width} segments={[{ text: ' '.repeat(column.start) }, ...piece]} ellipsis={glyphs.ellipsis} />
      ))}
    </Box>
  );
}

/** A strip of run marks, each in its verdict's colour. */
function stripSegments(theme: Theme, text: string): Segment[] {
  const levels = new Map<string, VerdictLevel>();
  for (const [level, marks] of Object.entries(RUN_MARKS) as Array<[VerdictLevel, { unicode: string; ascii: string }]>) {
    levels.set(marks.unicode, level);
    levels.set(marks.ascii, level);
  }
  return [...text].map((ch) => {
    const level = levels.get(ch);
    return { text: ch, color: level ? verdictColor(theme, level) : undefined };
  });
}

/** Where a row's free text starts and how wide it may be (a source never read uses the run columns too). */
function textColumn(row: SourceRow, lead: readonly Column[], rest: readonly Column[], width: number): { start: number; width: number } {
  const start = fixedWidth(lead) + SPINNER_WIDTH + (row.verdict === null && row.error ? 0 : fixedWidth(rest));
  return { start, width: Math.max(1, width - start) };
}

export function SourceTable(props: SourceTableProps) {
  const { glyphs, colors } = useTheme();
  const { width, height, rows } = props;
  const sep = ` ${glyphs.separator} `;
  const { lead, rest } = pickColumns(width, rows, Boolean(props.trends));
  const unavailable = props.unavailable ?? [];
  const notes = unavailable.slice(0, Math.max(0, height - 3));
  const bodyHeight = Math.max(0, height - 2 - notes.length);

  const title: Segment[] = [
    { text: props.grouped ? 'Sync objects ' : 'LDAP sources ', bold: true },
    { text: rows.length === props.total ? `${props.total}` : `${rows.length} of ${props.total}` },
    { text: `${sep}sort ${OVERVIEW_SORT_LABELS[props.sort]}`, color: colors.muted },
  ];
  if (props.filter !== '') title.push({ text: `${sep}filter "${props.filter}"`, color: colors.accent });

  const titles = (columns: readonly Column[]) => columns.map((c) => fixedCells([c], { [c.key]: c.title }, glyphs.ellipsis)[0]?.text ?? '').join('');
  const header = `${titles(lead)}${' '.repeat(SPINNER_WIDTH)}${titles(rest)}status`;

  // A heading before the first row of each kind shown (and before the first row, whatever its kind).
  const headingBefore: boolean[] = [];
  const shown: SourceRow[] = [];
  let used = 0;
  for (let i = props.top; i < rows.length; i += 1) {
    const row = rows[i] as SourceRow;
    const heading = Boolean(props.grouped) && (shown.length === 0 || (shown.at(-1)?.kind ?? 'ldap') !== (row.kind ?? 'ldap'));
    if (used + 1 + (heading ? 1 : 0) > bodyHeight) break;
    used += 1 + (heading ? 1 : 0);
    shown.push(row);
    headingBefore.push(heading);
  }
  const headings = headingBefore.filter(Boolean).length;
  const groupCounts = new Map<string, number>();
  for (const row of rows) groupCounts.set(row.kind ?? 'ldap', (groupCounts.get(row.kind ?? 'ldap') ?? 0) + 1);
  const enabledShown = lead.some((c) => c.key === 'enabled');
  // The rows the sources do not fill let each source's sentence wrap onto a few lines.
  const shares = shareRows(
    shown.map((row) => wrapSegments([{ text: freeText(row, props.now, enabledShown) }], textColumn(row, lead, rest, width).width, MAX_ROW_LINES).length),
    bodyHeight - shown.length - headings,
  );
  const empty =
    rows.length === 0
      ? wrapSegments(
          [{ text: props.total === 0 ? props.emptyText : 'No source matches the filter (Esc clears it).', color: props.emptyTone === 'critical' && props.total === 0 ? colors.critical : colors.muted }],
          width,
          bodyHeight,
        )
      : [];
  const blank = Math.max(0, bodyHeight - shares.reduce((n, lines) => n + lines, 0) - empty.length - headings);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Line width={width} segments={title} ellipsis={glyphs.ellipsis} />
      <Line width={width} segments={[{ text: header, color: colors.muted }]} ellipsis={glyphs.ellipsis} />
      {empty.map((segments, i) => (
        <Line key={`empty-${i}`} width={width} segments={segments} ellipsis={glyphs.ellipsis} />
      ))}
      {shown.map((row, i) => (
        <Box key={keyOfRow(row)} flexDirection="column" width={width} flexShrink={0}>
          {headingBefore[i] ? (
            <Line
              width={width}
              segments={[
                { text: KIND_TERMS[row.kind ?? 'ldap'].heading, bold: true, color: colors.accent },
                { text: ` ${groupCounts.get(row.kind ?? 'ldap') ?? 0}`, color: colors.muted },
              ]}
              ellipsis={glyphs.ellipsis}
            />
          ) : null}
          <SourceLine row={row} selected={props.top + i === props.selected} marked={props.marked?.has(keyOfRow(row)) ?? false} width={width} lead={lead} rest={rest} now={props.now} lines={shares[i] ?? 1} trend={props.trends?.get(keyOfRow(row)) ?? null} />
        </Box>
      ))}
      {Array.from({ length: blank }, (_, i) => (
        <Line key={`blank-${i}`} width={width} segments={[]} />
      ))}
      {notes.map((note, i) => (
        <Line key={`note-${i}`} width={width} segments={[{ text: note.text, color: note.quiet ? colors.muted : colors.critical }]} ellipsis={glyphs.ellipsis} />
      ))}
    </Box>
  );
}
