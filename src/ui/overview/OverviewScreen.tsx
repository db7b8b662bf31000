// The overview of every LDAP source: header, source table (or the help), status line, footer. Renders its props;
// its state and dispatch come from the owner (so the selection outlives a visit to a source's monitor), its keys
// go through useOverviewKeys.
import { Box } from 'ink';
import { useEffect, useMemo, type Dispatch } from 'react';
import { DetailPane, paneLines } from '../components/DetailPane.js';
import { Footer } from '../components/Footer.js';
import { HelpOverlay, helpRows } from '../components/HelpOverlay.js';
import { StatusLine } from '../components/StatusLine.js';
import { TooSmall } from '../components/TooSmall.js';
import { useNow } from '../hooks/use-now.js';
import { computeLayout, HEADER_HEIGHT } from '../layout.js';
import { scrollWindow } from '../scroll.js';
import { useTheme } from '../theme-context.js';
import { OverviewHeader } from './components/OverviewHeader.js';
import { SourceTable } from './components/SourceTable.js';
import { overviewMode, selectedPosition, type OverviewAction, type OverviewState, type StatusTone } from './overview-state.js';
import { sourceDetails } from './source-details.js';
import { countRows, filterRows, keyOfRow, rowKind, rowText, sortRows, type SourceRow } from './source-rows.js';
import { KIND_TERMS } from '../kind-terms.js';
import { SYNC_KINDS, type SyncKind } from '../../domain/sync-object-ref.js';
import type { ApiErrorKind } from '../../api/errors.js';
import type { OverviewControls, OverviewData } from './use-overview-data.js';
import { useOverviewKeys } from './use-overview-keys.js';
import type { RunRecord } from '../../domain/run-record.js';
import { HistoryView } from '../history/HistoryView.js';
import { rowTrend, type RowTrend } from '../history/trend.js';
import { useHistoryScreen } from '../history/use-history-screen.js';
import { TREND_RUNS } from './components/SourceTable.js';

const NO_RUNS: readonly RunRecord[] = [];

export interface OverviewScreenProps {
  columns: number;
  rows: number;
  serverLabel: string;
  intervalMs: number;
  data: OverviewData;
  controls: OverviewControls;
  state: OverviewState;
  dispatch: Dispatch<OverviewAction>;
  onOpen: (slug: string) => void;
  onSetDefault: (slug: string) => { tone: StatusTone; text: string };
  onQuit: () => void;
  /** False when stdin is not a terminal: view only. */
  interactive: boolean;
  /** Slugs whose verdict changed in the last minute (marked in the table). */
  marked?: ReadonlySet<string>;
  /** For tests: the clock behind ages and dates. */
  now?: () => number;
  /** A source's past runs, newest first (the run history); absent: no history is kept, no trend columns. */
  historyOf?: ((slug: string) => readonly RunRecord[]) | null;
  /** Why runs are not being kept (the history store cannot be written). */
  historyProblem?: string | null;
}

/** Lines around the table: header, status line, footer. */
const CHROME = HEADER_HEIGHT + 2;

export function OverviewScreen(props: OverviewScreenProps) {
  const { columns, rows: terminalRows, data, state, dispatch } = props;
  // No run summary on this screen: the whole body is the table.
  const layout = computeLayout(columns, terminalRows, null);
  const width = layout.width;
  const tableHeight = Math.max(3, layout.height - CHROME);
  // Grouped, a heading per kind takes a row (at most one per kind), and each kind that cannot be listed one more.
  const rowsHeight = Math.max(1, tableHeight - 2 - ((data.kinds?.length ?? 0) > 0 ? new Set(data.rows.map((r) => r.kind ?? 'ldap')).size + (data.kinds ?? []).filter((k) => k.error).length : 0));

  // Every kind listed: the rows in groups by kind (registry order), each group sorted; a kind with none is not shown.
  const grouped = (data.kinds?.length ?? 0) > 0;
  const shown = useMemo(() => {
    const sorted = sortRows(filterRows(data.rows, state.filter), state.sort);
    return grouped ? groupByKind(sorted) : sorted;
  }, [data.rows, state.filter, state.sort, grouped]);
  const slugs = useMemo(() => shown.map(keyOfRow), [shown]);
  const unavailable = useMemo(
    () =>
      (data.kinds ?? []).flatMap((k) =>
        k.error ? [{ text: `${KIND_TERMS[k.kind].heading}: ${k.quiet ? quietReason(k.kind, k.error.kind) : k.error.message}`, quiet: k.quiet }] : [],
      ),
    [data.kinds],
  );
  const selected = selectedPosition(state, slugs);
  const top = scrollWindow(state.top, selected, slugs.length, rowsHeight);
  const counts = useMemo(() => countRows(data.rows), [data.rows]);
  const mode = overviewMode(state);

  // Countdowns and ages tick where one is shown: each row's last run, a failing connection or a stale source.
  const failing = data.connection.phase === 'retrying' || data.connection.phase === 'stale';
  const ticking = data.rows.some((r) => r.runStart !== null) || failing || data.rows.some((r) => r.error !== null && r.phase === 'stale');
  const now = useNow(ticking, 1000, props.now);

  // The selected source's whole text (`i`), live.
  const { colors, ascii } = useTheme();
  const { historyOf } = props;
  const trends = useMemo(() => {
    if (!historyOf) return null;
    const map = new Map<string, RowTrend>();
    for (const row of data.rows) map.set(keyOfRow(row), rowTrend(historyOf(keyOfRow(row)), TREND_RUNS, ascii));
    return map;
  }, [historyOf, data.rows, ascii]);
  const history = useHistoryScreen({
    records: historyOf ?? (() => NO_RUNS),
    width,
    height: tableHeight,
    onQuit: props.onQuit,
    active: props.interactive && !layout.tooSmall,
  });
  const pane = state.pane ? sourceDetails(shown[selected] ?? null, now, colors) : null;
  const paneCount = pane ? paneLines(pane.blocks, width).length : 0;

  useOverviewKeys({
    mode,
    dispatch,
    slugs,
    rowsHeight,
    helpCount: helpRows(state.pane ? 'pane' : 'overview').length,
    helpHeight: tableHeight - 1,
    paneCount,
    paneHeight: tableHeight - 1,
    paneOpen: state.pane !== null,
    controls: props.controls,
    onQuit: props.onQuit,
    onHistory: historyOf ? () => {
      const slug = slugs[selected];
      if (slug !== undefined) history.open(slug);
    } : null,
    active: props.interactive && !layout.tooSmall && history.mode === null,
  });

  const { request } = state;
  const { onOpen, onSetDefault } = props;
  useEffect(() => {
    if (!request) return;
    dispatch({ type: 'request/done' });
    if (request.kind === 'open') onOpen(request.slug);
    else dispatch({ type: 'status', ...onSetDefault(request.slug) });
  }, [request, dispatch, onOpen, onSetDefault]);

  if (layout.tooSmall) {
    return (
      <Box width={columns} height={1} overflow="hidden">
        <TooSmall width={columns} columns={columns} rows={terminalRows} />
      </Box>
    );
  }

  const sources = data.list.data;
  // The selected source's whole sentence, which its row's last column may have had to cut.
  const selectedRow = shown[selected];
  const selectedDetail = selectedRow
    ? { text: `${selectedRow.name}: ${rowText(selectedRow)}`, tone: selectedRow.error ? ('error' as const) : ('info' as const) }
    : null;
  const emptyText = sources
    ? 'The token sees no LDAP sources on this server.'
    : data.list.error
      ? `The list of LDAP sources could not be read: ${data.list.error.message}`
      : 'Reading the list of LDAP sources…';

  return (
    <Box flexDirection="column" width={columns} height={layout.height} overflow="hidden">
      <OverviewHeader
        width={width}
        serverLabel={props.serverLabel}
        version={data.version}
        user={data.user}
        missingPermissions={data.missingPermissions}
        total={sources ? sources.length : null}
        noun={sources?.some((s) => rowKind(s) !== 'ldap') ? 'sync object' : 'source'}
        counts={counts}
        intervalMs={props.intervalMs}
        connection={data.connection}
        now={now}
      />
      {history.key !== null ? (
        <HistoryView
          width={width}
          height={tableHeight}
          name={historyName(data.rows.find((r) => keyOfRow(r) === history.key)?.name ?? null, history.key)}
          records={historyOf ? historyOf(history.key) : NO_RUNS}
          state={history.state}
          problem={props.historyProblem ?? null}
          now={now}
        />
      ) : state.help ? (
        <HelpOverlay width={width} height={tableHeight} mode={state.pane ? 'pane' : 'overview'} top={state.help.top} />
      ) : pane && state.pane ? (
        <DetailPane width={width} height={tableHeight} title={pane.title} blocks={pane.blocks} top={state.pane.top} />
      ) : (
        <SourceTable
          width={width}
          height={tableHeight}
          rows={shown}
          total={data.rows.length}
          selected={selected}
          top={top}
          sort={state.sort}
          filter={state.filter}
          emptyText={emptyText}
          emptyTone={!sources && data.list.error ? 'critical' : 'muted'}
          now={now}
          {...(props.marked ? { marked: props.marked } : {})}
          trends={trends}
          grouped={grouped}
          unavailable={unavailable}
        />
      )}
      <StatusLine
        width={width}
        editing={state.editing ? 'filter' : null}
        draft={state.filter}
        cursor={state.editCursor}
        syncPrompt={null}
        status={state.status ?? selectedDetail}
      />
      <Footer width={width} mode={props.interactive ? (history.mode ?? mode) : 'view'} paused={data.connection.phase === 'paused'} history={Boolean(historyOf)} />
    </Box>
  );
}

/** `Corp AD (corp-ad)`: the history's object, by name where the list has it. */
function historyName(name: string | null, key: string): string {
  return name && name !== key ? `${name} (${key})` : key;
}

/** Rows in groups by kind, in the registry's order; each group keeps the order it had. */
function groupByKind(rows: readonly SourceRow[]): SourceRow[] {
  return SYNC_KINDS.flatMap((kind) => rows.filter((r) => (r.kind ?? 'ldap') === kind));
}

/** A kind that is not there for this token, in one quiet phrase. */
function quietReason(kind: SyncKind, error: ApiErrorKind): string {
  if (error === 'forbidden') return 'the token may not see them';
  return kind === 'kerberos' ? 'this authentik has none (Kerberos sources came in 2024.10)' : 'this authentik does not have them';
}
