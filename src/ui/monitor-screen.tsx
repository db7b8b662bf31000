// The monitor of one source: header, run summary, then the task table, a task's message log or one message.
// Render and keys only: the data and the controls come in as props (see monitor-app.tsx for the live wiring), so
// tests drive it with fixed data, and the overview can host it with `onBack`.
import { Box } from 'ink';
import { useCallback, useMemo, useReducer, useRef } from 'react';
import { objectFailures } from '../domain/object-failures.js';
import type { RunRecord } from '../domain/run-record.js';
import type { RunState } from '../domain/run-state.js';
import type { SyncKind } from '../domain/sync-object-ref.js';
import { syncPrompt } from '../domain/sync-prompt.js';
import type { TaskView } from '../domain/verdict.js';
import { DetailPane, paneLines } from './components/DetailPane.js';
import { Footer } from './components/Footer.js';
import { Header, headerContent, headerExtraLines, type HeaderProps } from './components/Header.js';
import { HelpOverlay, helpRows } from './components/HelpOverlay.js';
import { MessageDetail, detailLines } from './components/MessageDetail.js';
import { MessageLog, logEventColumns } from './components/MessageLog.js';
import { fullSummaryLines, RunSummary } from './components/RunSummary.js';
import { StatusLine } from './components/StatusLine.js';
import { TaskTable } from './components/TaskTable.js';
import { TooSmall } from './components/TooSmall.js';
import type { MonitorControls, MonitorData } from './hooks/use-monitor-data.js';
import { useKeymapInput } from './hooks/use-keymap-input.js';
import { useNow } from './hooks/use-now.js';
import { useNotices } from './notices-context.js';
import { useTheme } from './theme-context.js';
import { ACTION_MOTIONS, type ActionId, type Mode } from './keymap.js';
import { describeConnection } from './connection.js';
import { runTrend } from './history/trend.js';
import { HistoryView } from './history/HistoryView.js';
import { useHistoryScreen } from './history/use-history-screen.js';
import { kindTerms } from './kind-terms.js';
import { computeLayout } from './layout.js';
import { createLogLines, searchMatches, visibleMessages } from './log-rows.js';
import { initialScreenState, screenReducer, selectedIndex, type ScreenState } from './screen-state.js';
import { positionOf, scrollWindow } from './scroll.js';
import { taskDetails, taskTitle } from './task-details.js';
import { filterTasks, sortTasks } from './task-rows.js';
import type { TextEdit } from './text-field.js';

export interface MonitorScreenProps {
  columns: number;
  rows: number;
  serverLabel: string;
  slug: string;
  /** The object's kind: its run is shown in its own terms (LDAP when absent). */
  kind?: SyncKind;
  intervalMs: number;
  data: MonitorData;
  controls: MonitorControls;
  onQuit: () => void;
  /** Esc on the task table (with no filter to clear) goes back, to the overview. */
  onBack?: () => void;
  /** False when stdin is not a terminal: view only. */
  interactive: boolean;
  /** For tests: the clock behind countdowns and ages. */
  now?: () => number;
  /** For tests: start from this state. */
  initialState?: ScreenState;
  /** The object's past runs, newest first (the run history), for the duration against the median; absent: none kept. */
  history?: readonly RunRecord[] | null;
}

export function modeOf(state: ScreenState): Mode {
  if (state.confirmingSync) return 'confirm';
  if (state.editing) return 'edit';
  if (state.help) return 'help';
  return state.screen;
}

/** The task the log shows: the live one, else the last version seen (a new run deleted it from the server). */
function useLogTask(views: readonly TaskView[], taskId: string | null): { view: TaskView | null; gone: boolean } {
  const lastSeen = useRef<TaskView | null>(null);
  if (taskId === null) {
    lastSeen.current = null;
    return { view: null, gone: false };
  }
  const live = views.find((v) => v.task.id === taskId) ?? null;
  if (live) lastSeen.current = live;
  const view = live ?? (lastSeen.current?.task.id === taskId ? lastSeen.current : null);
  return { view, gone: live === null && view !== null };
}

const NO_MESSAGES: never[] = [];
/** Before the first answer nothing is known to run. */
const IDLE: RunState = { progress: 'none', evidence: '' };

export function MonitorScreen(props: MonitorScreenProps) {
  const { columns, rows: terminalRows, data, controls } = props;
  const [state, dispatch] = useReducer(screenReducer, props.initialState ?? initialScreenState());
  const { assessment, snapshot } = data;
  const summary = assessment?.summary ?? null;
  const views = summary?.tasks ?? [];
  const hasRun = summary !== null && summary.tasks.length > 0;
  const sourceName = data.source?.name ?? props.slug;

  // Countdowns and ages tick only where one is shown: a retry, a stale age, the next scheduled run.
  const runProgress = assessment?.runState.progress ?? 'none';
  const history = props.history ?? null;
  // A run going on counts its seconds against the median.
  const timing = history !== null && hasRun && runProgress === 'running';
  const ticking = snapshot.phase === 'retrying' || snapshot.phase === 'stale' || Boolean(data.snapshot.data?.status.schedule?.nextRun) || timing;
  const now = useNow(ticking, 1000, props.now);
  const detailPermission = data.snapshot.data?.status.missingDetailPermission;
  const missingPermissions = data.missingPermissions.length > 0 ? data.missingPermissions : detailPermission ? [detailPermission] : [];
  const headerProps: Omit<HeaderProps, 'width'> = {
    serverLabel: props.serverLabel,
    slug: props.slug,
    version: data.version,
    source: data.source,
    verdict: assessment?.verdict ?? null,
    progress: assessment?.runState.progress ?? 'none',
    connection: snapshot,
    intervalMs: props.intervalMs,
    now,
    schedule: data.snapshot.data?.status.schedule ?? null,
    missingPermissions,
    trend: runTrend(summary, data.snapshot.data?.run.label !== 'previous' && runProgress === 'running', now, history),
  };
  const theme = useTheme();
  const notices = useNotices();
  const headerWants = headerExtraLines(headerContent(headerProps, theme, notices), columns);

  // Task table.
  const { filter, problemsOnly, sort } = state.table;
  const tableRows = useMemo(() => sortTasks(filterTasks(views, filter, problemsOnly), sort), [views, filter, problemsOnly, sort]);
  // The table's title and column header, and its rows (or the line saying there are none).
  const bodyLines = state.screen === 'table' && !state.help ? 2 + Math.max(1, tableRows.length) : Infinity;
  const kind = props.kind ?? 'ldap';
  const failures = useMemo(() => (kindTerms(kind).run === 'push' ? objectFailures(views) : []), [kind, views]);
  // The summary's rows beyond its run line, column header and total (LDAP: one per page type).
  const summaryRows = hasRun ? fullSummaryLines(kind, summary, failures) - 3 : null;
  const layout = computeLayout(columns, terminalRows, summaryRows, { headerExtra: headerWants, bodyLines });
  const width = layout.width;
  const ids = useMemo(() => tableRows.map((v) => v.task.id), [tableRows]);
  const tableHeight = layout.bodyHeight;
  const tableRowsHeight = Math.max(1, tableHeight - 2);
  const selected = selectedIndex(state.table, ids);
  const tableTop = scrollWindow(state.table.top, selected, ids.length, tableRowsHeight);

  // Message log.
  const log = state.log;
  const { view: logView, gone } = useLogTask(views, log?.taskId ?? null);
  const messages = logView?.task.messages ?? NO_MESSAGES;
  const minLevel = log?.minLevel ?? 'all';
  const problemsOnlyLog = log?.problemsOnly ?? false;
  const wrap = log?.wrap ?? false;
  const search = log?.search ?? '';
  const visible = useMemo(() => visibleMessages(messages, minLevel, problemsOnlyLog), [messages, minLevel, problemsOnlyLog]);
  const matches = useMemo(() => searchMatches(messages, visible, search), [messages, visible, search]);
  const eventColumns = logEventColumns(width, messages);
  const lines = useMemo(() => createLogLines(messages, wrap, eventColumns), [messages, wrap, eventColumns]);
  const logRowsHeight = Math.max(1, layout.bodyHeight - 1);
  const cursorPosition = positionOf(visible, log?.cursor ?? 0);
  const logCursor = visible[cursorPosition] ?? 0;
  const logTopPosition = scrollWindow(positionOf(visible, log?.top ?? 0), cursorPosition, visible.length, logRowsHeight, (p) =>
    lines.heightOf(visible[p] as number),
  );
  const logTop = visible[logTopPosition] ?? 0;

  // One message.
  const detailMessage = state.detail ? messages[state.detail.messageIndex] ?? null : null;
  const detailCount = detailMessage ? detailLines(detailMessage, width).length : 0;

  const mode = modeOf(state);
  const underHelp: Mode = state.screen;
  const helpCount = helpRows(underHelp).length;
  const bodyAndSummary = layout.summaryHeight + layout.bodyHeight;

  // The selected task's whole text (`i`), live: it follows the data as the table does.
  const connectionError = describeConnection(snapshot, now, props.intervalMs).error;
  const pane = state.screen === 'pane' ? taskDetails(tableRows[selected] ?? null, assessment?.verdict ?? null, connectionError, theme.colors) : null;
  const paneCount = pane ? paneLines(pane.blocks, width).length : 0;

  const historyScreen = useHistoryScreen({
    records: () => history ?? [],
    width,
    height: bodyAndSummary,
    onQuit: props.onQuit,
    active: props.interactive && !layout.tooSmall,
  });

  const onAction = useCallback(
    (action: ActionId, current: Mode): Mode => {
      if (current !== 'confirm') dispatch({ type: 'status/clear' });
      const motion = ACTION_MOTIONS[action];
      if (motion) {
        if (current === 'table') dispatch({ type: 'table/move', motion, ids, height: tableRowsHeight });
        else if (current === 'log') dispatch({ type: 'log/move', motion, visible, height: logRowsHeight, heightOf: lines.heightOf });
        else if (current === 'detail') dispatch({ type: 'detail/move', motion, count: detailCount, height: layout.bodyHeight - 1 });
        else if (current === 'help') dispatch({ type: 'help/move', motion, count: helpCount, height: bodyAndSummary - 1 });
        else if (current === 'pane') dispatch({ type: 'pane/move', motion, count: paneCount, height: bodyAndSummary - 1 });
        return current;
      }
      switch (action) {
        case 'quit':
          props.onQuit();
          return current;
        case 'help':
          dispatch({ type: 'help/toggle' });
          return 'help';
        case 'refresh':
          controls.refresh();
          return current;
        case 'pause':
          controls.togglePause();
          return current;
        case 'sync':
          dispatch({ type: 'confirm/open' });
          return 'confirm';
        case 'confirm':
          dispatch({ type: 'confirm/close' });
          dispatch({ type: 'status', text: `Starting a sync of ${sourceName}…`, tone: 'info' });
          void controls.triggerSync().then((outcome) => dispatch({ type: 'status', ...outcome }));
          return state.screen;
        case 'cancel':
          if (current === 'confirm') {
            dispatch({ type: 'confirm/close' });
            dispatch({ type: 'status', text: 'No sync started.', tone: 'info' });
            return state.screen;
          }
          dispatch({ type: 'edit/cancel' });
          return state.screen;
        case 'apply':
          dispatch({ type: 'edit/apply' });
          if (state.editing === 'search' && search !== '') {
            dispatch({ type: 'log/match', direction: 1, inclusive: true, matches, visible, height: logRowsHeight, heightOf: lines.heightOf });
          }
          return state.screen;
        case 'back':
          if (current === 'help') {
            dispatch({ type: 'help/toggle' });
            return state.screen;
          }
          if (current === 'table' && state.table.filter === '' && props.onBack) {
            props.onBack();
            return current;
          }
          dispatch({ type: 'back' });
          return current === 'detail' ? 'log' : 'table';
        case 'open':
          if (current === 'table' && ids.length > 0) {
            dispatch({ type: 'table/open', ids });
            return 'log';
          }
          if (current === 'log' && visible.length > 0) {
            dispatch({ type: 'detail/open', visible });
            return 'detail';
          }
          return current;
        case 'history':
          if (history !== null) historyScreen.open(props.slug);
          return current;
        case 'details':
          dispatch({ type: 'pane/open' });
          return 'pane';
        case 'filter':
          dispatch({ type: 'edit/start', target: 'filter' });
          return 'edit';
        case 'search':
          dispatch({ type: 'edit/start', target: 'search' });
          return 'edit';
        case 'sort':
          dispatch({ type: 'table/sort' });
          return current;
        case 'problemsOnly':
          dispatch({ type: current === 'log' ? 'log/problemsOnly' : 'table/problemsOnly' });
          return current;
        case 'wrap':
          dispatch({ type: 'log/wrap' });
          return current;
        case 'level':
          dispatch({ type: 'log/level' });
          return current;
        case 'nextMatch':
        case 'previousMatch':
          dispatch({
            type: 'log/match',
            direction: action === 'nextMatch' ? 1 : -1,
            inclusive: false,
            matches,
            visible,
            height: logRowsHeight,
            heightOf: lines.heightOf,
          });
          return current;
        default:
          return current;
      }
    },
    [ids, tableRowsHeight, visible, logRowsHeight, lines, detailCount, paneCount, layout.bodyHeight, helpCount, bodyAndSummary, props, controls, sourceName, state, matches, search, history, historyScreen],
  );
  const onEdit = useCallback((edit: TextEdit) => dispatch({ type: 'edit/key', edit }), []);
  useKeymapInput(mode, { onAction, onEdit }, props.interactive && !layout.tooSmall && historyScreen.mode === null);

  if (layout.tooSmall) {
    return (
      <Box width={columns} height={1} overflow="hidden">
        <TooSmall width={columns} columns={columns} rows={terminalRows} />
      </Box>
    );
  }

  let body;
  if (state.screen === 'detail' && detailMessage && state.detail) {
    body = (
      <MessageDetail
        width={width}
        height={layout.bodyHeight}
        message={detailMessage}
        position={`Message ${cursorPosition + 1} of ${visible.length}`}
        top={Math.min(state.detail.top, Math.max(0, detailCount - (layout.bodyHeight - 1)))}
      />
    );
  } else if ((state.screen === 'log' || state.screen === 'detail') && logView) {
    body = (
      <MessageLog
        width={width}
        height={layout.bodyHeight}
        title={`${taskTitle(logView)}${gone ? ', no longer on the server' : ''}`}
        messages={messages}
        visible={visible}
        cursor={logCursor}
        top={logTop}
        wrap={wrap}
        minLevel={minLevel}
        problemsOnly={problemsOnlyLog}
        search={search}
        matches={matches}
        lines={lines}
      />
    );
  } else {
    body = (
      <TaskTable
        width={width}
        height={tableHeight}
        rows={tableRows}
        total={views.length}
        selected={selected}
        top={tableTop}
        sort={sort}
        filter={filter}
        problemsOnly={problemsOnly}
        emptyText={data.assessment ? `No tasks: ${data.assessment.verdict.reason}` : 'Waiting for the first answer from authentik.'}
      />
    );
  }

  return (
    <Box flexDirection="column" width={columns} height={layout.height} overflow="hidden">
      <Header width={width} height={layout.headerHeight} {...headerProps} />
      {historyScreen.key !== null ? (
        <HistoryView
          width={width}
          height={bodyAndSummary}
          name={sourceName === props.slug ? props.slug : `${sourceName} (${props.slug})`}
          records={history ?? []}
          state={historyScreen.state}
          problem={null}
          now={now}
        />
      ) : state.help ? (
        <HelpOverlay width={width} height={bodyAndSummary} mode={underHelp} top={state.help.top} />
      ) : pane && state.pane ? (
        <DetailPane width={width} height={bodyAndSummary} title={pane.title} blocks={pane.blocks} top={state.pane.top} />
      ) : (
        <>
          <RunSummary
            width={width}
            summary={summary}
            label={data.snapshot.data?.run.label ?? 'none'}
            progress={assessment?.runState.progress ?? 'none'}
            mode={layout.summary}
            height={layout.summaryHeight}
            kind={kind}
            failures={failures}
          />
          {body}
        </>
      )}
      <StatusLine
        width={width}
        editing={state.editing}
        draft={state.editing === 'search' ? search : filter}
        cursor={state.editCursor}
        syncPrompt={state.confirmingSync ? syncPrompt(sourceName, assessment?.runState ?? IDLE, data.version?.generation ?? snapshot.data?.status.generation ?? null) : null}
        status={state.status}
      />
      <Footer width={width} mode={props.interactive ? (historyScreen.mode ?? mode) : 'view'} paused={snapshot.phase === 'paused'} history={history !== null} />
    </Box>
  );
}
