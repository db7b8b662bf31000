// The live overview: the terminal's size, the polled data and the screen's state, wired to the OverviewScreen.
// It stays mounted while a source's monitor is showing (rendering nothing, polling nothing), so its selection,
// sort, filter and last data are all there when Esc comes back.
import { useStdin } from 'ink';
import { useMemo, useReducer } from 'react';
import type { Observation } from '../../attention/watch.js';
import { useAttention } from '../attention-context.js';
import type { AuthentikApi } from '../../api/types.js';
import type { Clock } from '../../poll/clock.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { initialOverviewState, overviewReducer, type StatusTone } from './overview-state.js';
import { OverviewScreen } from './OverviewScreen.js';
import { useOverviewData } from './use-overview-data.js';
import { keyOfRow } from './source-rows.js';
import { useHistoryLookup, useHistoryProblem } from '../history/use-run-history.js';

export interface OverviewAppProps {
  api: AuthentikApi;
  intervalSeconds: number;
  serverLabel: string;
  /** False while another screen shows: nothing is drawn or polled. */
  active: boolean;
  /** The source selected at first (the one whose monitor the app started on). */
  initialSelection?: string | null;
  onOpen: (slug: string) => void;
  onSetDefault: (slug: string) => { tone: StatusTone; text: string };
  onQuit: () => void;
  /** Fixed size (tests); the terminal's own size otherwise. */
  columns?: number;
  rows?: number;
  clock?: Clock;
  random?: () => number;
}

export function OverviewApp(props: OverviewAppProps) {
  const size = useTerminalSize();
  const { isRawModeSupported } = useStdin();
  const [state, dispatch] = useReducer(overviewReducer, props.initialSelection ?? null, initialOverviewState);
  const intervalMs = Math.round(props.intervalSeconds * 1000);
  const { data, controls } = useOverviewData({
    api: props.api,
    intervalMs,
    active: props.active,
    ...(props.clock ? { clock: props.clock } : {}),
    ...(props.random ? { random: props.random } : {}),
  });
  // Every source with a verdict is watched (for the bell, notification, title and the marked row) while on screen.
  const observations = useMemo((): Observation[] | null => {
    if (!props.active) return null;
    const fleetStale = data.connection.phase === 'stale';
    return data.rows.flatMap((row) =>
      row.verdict ? [{ key: `${row.kind ?? 'ldap'}/${row.slug}`, label: keyOfRow(row), level: row.verdict.level, unreachable: fleetStale || row.phase === 'stale' }] : [],
    );
  }, [props.active, data.rows, data.connection.phase]);
  const marks = useAttention(observations);
  // Marks are kept by KIND/ID; rows are keyed by slug for LDAP sources.
  const marked = useMemo(() => new Set([...marks].map((key) => (key.startsWith('ldap/') ? key.slice('ldap/'.length) : key))), [marks]);
  const historyOf = useHistoryLookup();
  const historyProblem = useHistoryProblem();
  if (!props.active) return null;
  return (
    <OverviewScreen
      historyOf={historyOf}
      historyProblem={historyProblem}
      marked={marked}
      columns={props.columns ?? size.columns}
      rows={props.rows ?? size.rows}
      serverLabel={props.serverLabel}
      intervalMs={intervalMs}
      data={data}
      controls={controls}
      state={state}
      dispatch={dispatch}
      onOpen={props.onOpen}
      onSetDefault={props.onSetDefault}
      onQuit={props.onQuit}
      // ink 6.8 reports undefined, not false, when stdin is not a terminal.
      interactive={Boolean(isRawModeSupported)}
      {...(props.clock ? { now: props.clock.now } : {})}
    />
  );
}
