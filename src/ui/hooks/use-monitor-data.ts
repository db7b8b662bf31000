// Everything the monitor shows, kept current: one poller for the sync status (the source itself re-read about
// once a minute for its name and LDAP connectivity), the server version and the token's user once, the run memory
// fed by every poll, and the verdict. React state changes only when the polled data changed.
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { isApiError, type ApiError } from '../../api/errors.js';
import type { AuthentikApi } from '../../api/types.js';
import { missingTaskPermissions, type CurrentUser, type Generation, type LdapSource, type ServerVersion, type SyncStatus } from '../../domain/model.js';
import { assess, type Assessment } from '../../domain/verdict.js';
import type { Clock } from '../../poll/clock.js';
import { equalToDepth } from '../../poll/equal.js';
import { createPoller, type PollSnapshot, type Poller } from '../../poll/poller.js';
import { useServerIdentity } from './use-server-identity.js';
import { useVerdictClock } from './use-verdict-clock.js';
import { displayedRun, rememberRun, type DisplayedRun, type RunMemory } from '../../poll/run-memory.js';

/** How often the source (name, connectivity) is re-read, at most. */
export const SOURCE_REFRESH_MS = 60_000;

export interface PolledStatus {
  /** An empty status (no run, not running) when the source is `missing`. */
  status: SyncStatus;
  source: LdapSource | null;
  /** The run to show (the remembered previous one while a new run fills in or the list is empty). */
  run: DisplayedRun;
  tasksStillArriving: boolean;
  /**
   * authentik answered that it has no source with this slug (404): its sentence, which names the slug and points to
   * `aksync sources`. An answer, not a failure: the verdict is UNKNOWN and polling goes on, in case it is created.
   */
  missing: string | null;
}

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
}

/** The poll: the source when due, then the status; feeds the run memory with every answer. */
export function createStatusFetch(api: AuthentikApi, slug: string, now: () => number) {
  let source: LdapSource | null = null;
  let sourceReadAt = Number.NEGATIVE_INFINITY;
  let memory: RunMemory | null = null;

  async function missing(error: ApiError, signal: AbortSignal): Promise<PolledStatus> {
    source = null;
    sourceReadAt = Number.NEGATIVE_INFINITY;
    memory = null;
    const generation = await api.generation({ signal }).catch(() => 'A' as const);
    return { status: noStatus(generation), source: null, run: { tasks: [], label: 'none' }, tasksStillArriving: false, missing: error.message };
  }

  return async (signal: AbortSignal): Promise<PolledStatus> => {
    if (now() - sourceReadAt >= SOURCE_REFRESH_MS) {
      try {
        source = await api.getSource(slug, { signal });
        sourceReadAt = now();
      } catch (error) {
        if (isApiError(error) && error.kind === 'not_found') return missing(error, signal);
        // Otherwise carry on with what is known (a token may be allowed the status but not the source): the
        // status call tells whether the server answers at all.
        if (!isApiError(error) || error.kind === 'aborted') throw error;
        if (source === null && error.kind !== 'forbidden') throw error;
      }
    }
    let status: SyncStatus;
    try {
      status = await api.syncStatus(slug, { signal, ...(source ? { source } : {}) });
    } catch (error) {
      // A 404 here may be the source deleted since it was read, or a path of the status the server lacks: the
      // source itself says which.
      if (!isApiError(error) || error.kind !== 'not_found') throw error;
      try {
        source = await api.getSource(slug, { signal });
        sourceReadAt = now();
      } catch (again) {
        if (isApiError(again) && again.kind === 'not_found') return missing(again, signal);
      }
      throw error;
    }
    memory = rememberRun(memory, status, now(), slug, source);
    return { status, source, run: displayedRun(memory), tasksStillArriving: memory.growing, missing: null };
  };
}

/** The status of a source that does not exist: no run, nothing running. */
function noStatus(generation: Generation): SyncStatus {
  return { generation, isRunning: false, tasks: [], lastSuccessfulSync: null, lastSyncStatus: null, schedule: null, missingDetailPermission: null };
}

/**
 * Two polls show the same: compared down to the tasks, which are the same objects while the server's answers are
 * unchanged (see the client), so a poll of 10,000 tasks and 110,000 log lines is compared in a few milliseconds.
 */
export function samePolledStatus(a: PolledStatus, b: PolledStatus): boolean {
  // PolledStatus → status / run / source → task lists, schedule → tasks (by identity)
  return equalToDepth(a, b, 3);
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
  const { api, slug, intervalMs, clock, random } = options;
  const poller: Poller<PolledStatus> = useMemo(
    () =>
      createPoller({
        fetch: createStatusFetch(api, slug, () => (clock ?? Date).now()),
        intervalMs,
        equals: samePolledStatus,
        ...(clock ? { clock } : {}),
        ...(random ? { random } : {}),
      }),
    // The interval is applied by setInterval below, without a new poller.
    [api, slug, clock, random],
  );
  useEffect(() => {
    poller.start();
    return () => poller.stop();
  }, [poller]);
  useEffect(() => poller.setInterval(intervalMs), [poller, intervalMs]);
  const snapshot = useSyncExternalStore(poller.subscribe, poller.getSnapshot);

  const { version, user } = useServerIdentity(api, { active: true, live: snapshot.phase === 'live', intervalMs });

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
      const empty = assess({ slug, status: polled.status, now: new Date(verdictTime) });
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
    });
  }, [polled, slug, missingPermissions, snapshot.updatedAt, verdictTime]);

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
