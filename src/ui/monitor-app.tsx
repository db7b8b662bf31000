// The live monitor: the terminal's size, the polled data and the keyboard, wired to the MonitorScreen.
import { useStdin } from 'ink';
import { useMemo } from 'react';
import type { Observation } from '../attention/watch.js';
import { useAttention } from './attention-context.js';
import type { AuthentikApi } from '../api/types.js';
import type { Clock } from '../poll/clock.js';
import { useMonitorData, type FirstLook } from './hooks/use-monitor-data.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { MonitorScreen } from './monitor-screen.js';
import { useObjectHistory } from './history/use-run-history.js';
import { formatRef, parseRef } from '../domain/sync-object-ref.js';

export interface MonitorAppProps {
  api: AuthentikApi;
  slug: string;
  intervalSeconds: number;
  serverLabel: string;
  onQuit: () => void;
  onBack?: () => void;
  /** Fixed size (tests); the terminal's own size otherwise. */
  columns?: number;
  rows?: number;
  clock?: Clock;
  random?: () => number;
  /** The first poll and identity, asked for before the screen loaded (used when its slug is this one). */
  firstLook?: FirstLook | null;
}

export function MonitorApp(props: MonitorAppProps) {
  const size = useTerminalSize();
  const { isRawModeSupported } = useStdin();
  const intervalMs = Math.round(props.intervalSeconds * 1000);
  const { data, controls } = useMonitorData({
    api: props.api,
    slug: props.slug,
    intervalMs,
    ...(props.clock ? { clock: props.clock } : {}),
    ...(props.random ? { random: props.random } : {}),
    firstLook: props.firstLook ?? null,
  });
  // The source is watched for the bell, notification and title.
  const observedRef = parseRef(props.slug);
  const observedKey = observedRef.ok ? formatRef(observedRef.ref) : `ldap/${props.slug}`;
  const observed = useMemo(() => { const p = parseRef(observedKey); return p.ok ? p.ref : { kind: 'ldap' as const, id: props.slug }; }, [observedKey, props.slug]);
  const level = data.assessment?.verdict.level ?? null;
  const stale = data.snapshot.phase === 'stale';
  const observations = useMemo(
    (): Observation[] | null => (level === null ? null : [{ key: formatRef(observed), label: props.slug, level, unreachable: stale }]),
    [level, stale, props.slug, observed],
  );
  useAttention(observations);
  const parsed = parseRef(props.slug);
  const ref = parsed.ok ? parsed.ref : { kind: 'ldap' as const, id: props.slug };
  const history = useObjectHistory(ref.kind, ref.id);
  return (
    <MonitorScreen
      history={history}
      kind={ref.kind}
      columns={props.columns ?? size.columns}
      rows={props.rows ?? size.rows}
      serverLabel={props.serverLabel}
      slug={props.slug}
      intervalMs={intervalMs}
      data={data}
      controls={controls}
      onQuit={props.onQuit}
      {...(props.onBack ? { onBack: props.onBack } : {})}
      // ink 6.8 reports undefined, not false, when stdin is not a terminal.
      interactive={Boolean(isRawModeSupported)}
      {...(props.clock ? { now: props.clock.now } : {})}
    />
  );
}
