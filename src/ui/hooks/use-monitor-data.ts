// Everything the monitor shows, kept current: one poller for the sync status (the source itself re-read about
// once a minute for its name and LDAP connectivity), the server version and the token's user once, the run memory
// fed by every poll, and the verdict. React state changes only when the polled data changed.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { isApiError } from '../../api/errors.js';
import type { AuthentikApi } from '../../api/types.js';
import { missingTaskPermissions, type CurrentUser, type LdapSource, type ServerVersion } from '../../domain/model.js';
import { assess, type Assessment } from '../../domain/verdict.js';
import type { Clock } from '../../poll/clock.js';
import { createPoller, type PollSnapshot, type Poller } from '../../poll/poller.js';
import type { PrimedPoll } from '../../poll/primed.js';
import { useServerIdentity } from './use-server-identity.js';
import { objectAsSourceApi } from './object-api.js';
import { parseRef, type SyncKind } from '../../domain/sync-object-ref.js';
import { KINDS } from '../../kinds/registry.js';
import { useVerdictClock } from './use-verdict-clock.js';
import { createStatusFetch, samePolledStatus, type PolledStatus } from '../../poll/status-fetch.js';
import type { RunRecorder } from '../../history/recorder.js';
import { useRunRecorder } from '../history-context.js';

// The poll itself is framework-free (src/poll/status-fetch.ts); re-exported for the screens' tests and benchmarks.
export { createStatusFetch, samePolledStatus, SOURCE_REFRESH_MS, type PolledStatus } from '../../poll/status-fetch.js';

export type ActionOutcome = { tone: 'ok' | 'error' | 'info'; text: string };

export interface MonitorData {
  snapshot: PollSnapshot<PolledStatus>;
  version: ServerVersion | null;
  user: CurrentUser | null;
  source: LdapSource | null;
  assessment: Assessment | null;
  missingPermissions: string[];
}

export interface MonitorControls {
  refresh(): void;
  togglePause(): void;
  triggerSync(): Promise<ActionOutcome>;
}

export interface MonitorDataOptions {
  api: AuthentikApi;
  slug: string;
  intervalMs: number;
  clock?: Clock;
  random?: () => number;
  /** Told of every run that ends (the run history); by default the app's (see HistoryProvider). */
  recorder?: RunRecorder | null;
  /** This source's first poll and the server's identity, asked for before the screen's code loaded. */
  firstLook?: FirstLook | null;
}

/** What the monitor command asked for while the screen's code was loading (see src/cli/commands/monitor.ts). */
export interface FirstLook {
  slug: string;
  /** The source's poll, its first read already started. */
  poll: PrimedPoll<PolledStatus>;
  /** The server's version and the token's user, when both have arrived. */
  identity(): { version: ServerVersion; user: CurrentUser } | null;
}

export function syncOutcome(error: unknown, sourceName: string): ActionOutcome {
  if (isApiError(error)) {
    if (error.kind === 'forbidden' && error.permission) {
      return { tone: 'error', text: `Not allowed to start a sync of ${sourceName}: the token needs the permission ${error.permission}.` };
    }
    return { tone: 'error', text: `The sync did not start: ${error.message}` };
  }
  return { tone: 'error', text: 'The sync did not start: aksync hit an unexpected internal error.' };
}

export function useMonitorData(options: MonitorDataOptions): { data: MonitorData; controls: MonitorControls } {
  const given = useRunRecorder();
  const { intervalMs, clock, random, recorder = given } = options;
  // `slug`: an LDAP source's slug, or KIND/ID for another kind (polled through that kind's endpoints).
  const parsed = parseRef(options.slug);
  const kind: SyncKind = parsed.ok ? parsed.ref.kind : 'ldap';
  const slug = parsed.ok ? parsed.ref.id : options.slug;
  const api = useMemo(() => objectAsSourceApi(options.api, kind), [options.api, kind]);
  const rules = KINDS[kind].rules;
  const firstLook = kind === 'ldap' && options.firstLook?.slug === slug ? options.firstLook : null;
  const poller: Poller<PolledStatus> = useMemo(
    () =>
      createPoller({
        fetch: firstLook ? firstLook.poll.fetch : createStatusFetch(api, slug, () => (clock ?? Date).now(), recorder, kind),
        intervalMs,
        equals: samePolledStatus,
        // Its first answer, when it has arrived: the first frame shows it.
        seed: firstLook?.poll.take() ?? null,
        ...(clock ? { clock } : {}),
        ...(random ? { random } : {}),
      }),
    // The interval is applied by setInterval below, without a new poller.
    [api, slug, clock, random, firstLook, recorder, kind],
  );
  useEffect(() => {
    poller.start();
    return () => poller.stop();
  }, [poller]);
  useEffect(() => poller.setInterval(intervalMs), [poller, intervalMs]);
  const polledSnapshot = useSyncExternalStore(poller.subscribe, poller.getSnapshot);

  // Asked for alongside the first status, not before it. The first data wait for its answer (or failure), so the
  // first verdict on screen already knows the token's permissions and the header the server's version.
  const [knownIdentity] = useState(() => firstLook?.identity() ?? null);
  const { version, user, settled } = useServerIdentity(api, { active: true, live: polledSnapshot.phase === 'live', intervalMs, initial: knownIdentity });
  const snapshot = useMemo(
    (): PollSnapshot<PolledStatus> =>
      settled || polledSnapshot.data === null
        ? polledSnapshot
        : { ...polledSnapshot, data: null, updatedAt: null, refreshing: true, phase: polledSnapshot.phase === 'live' ? 'loading' : polledSnapshot.phase },
    [polledSnapshot, settled],
  );

  const polled = snapshot.data;
  const generation = polled?.status.generation ?? version?.generation ?? null;
  const missingPermissions = useMemo(
    () => (user && generation ? missingTaskPermissions(user, generation) : []),
    [user, generation],
  );
  const verdictTime = useVerdictClock(true, clock);
  const assessment = useMemo((): Assessment | null => {
    if (!polled) return null;
    if (polled.missing !== null) {
      const empty = assess({ slug, status: polled.status, now: new Date(verdictTime), rules });
      return { ...empty, verdict: { level: 'UNKNOWN', reason: polled.missing } };
    }
    return assess({
      slug,
      status: { ...polled.status, tasks: polled.run.tasks },
      source: polled.source,
      missingPermissions,
      now: new Date(Math.max(verdictTime, snapshot.updatedAt ?? 0)),
      tasksStillArriving: polled.tasksStillArriving,
      previousRun: polled.run.reference ?? null,
      rules,
    });
  }, [polled, slug, missingPermissions, snapshot.updatedAt, verdictTime, rules]);

  const source = polled?.source ?? null;
  const sourceRef = useRef(source);
  sourceRef.current = source;
  const triggerSync = useCallback(async (): Promise<ActionOutcome> => {
    const known = sourceRef.current;
    const name = known?.name ?? slug;
    try {
      await api.triggerSync(slug, known ? { source: known } : {});
      poller.pollNow();
      return { tone: 'ok', text: `Sync of ${name} started: following the new run.` };
    } catch (error) {
      return syncOutcome(error, name);
    }
  }, [api, slug, poller]);

  const controls = useMemo<MonitorControls>(
    () => ({
      refresh: () => poller.pollNow(),
      togglePause: () => (poller.getSnapshot().phase === 'paused' ? poller.resume() : poller.pause()),
      triggerSync,
    }),
    [poller, triggerSync],
  );

  const data = useMemo<MonitorData>(
    () => ({ snapshot, version, user, source, assessment, missingPermissions }),
    [snapshot, version, user, source, assessment, missingPermissions],
  );
  return { data, controls };
}
