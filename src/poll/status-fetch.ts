// One poll of one source's monitor: its sync status (and, about once a minute, the source itself for its name and
// LDAP connectivity), fed into the run memory. Framework-free: the monitor's hook polls it, and the monitor command
// starts its first poll before the screen's code has loaded.
import { isApiError, type ApiError } from '../api/errors.js';
import type { AuthentikApi } from '../api/types.js';
import type { Generation, LdapSource, SyncStatus } from '../domain/model.js';
import { equalToDepth } from './equal.js';
import { displayedRun, rememberRun, type DisplayedRun, type RunMemory } from './run-memory.js';
import { recordRemembered, type RunRecorder } from '../history/recorder.js';
import { backfillFor } from '../history/backfill.js';
import type { SyncKind } from '../domain/sync-object-ref.js';
import { KINDS } from '../kinds/registry.js';

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

/**
 * The poll: the status, and the source alongside it when due (never one after the other: the status does not wait
 * for the source, nor for the server's version); feeds the run memory with every answer.
 */
export function createStatusFetch(api: AuthentikApi, slug: string, now: () => number, recorder: RunRecorder | null = null, kind: SyncKind = 'ldap') {
  let source: LdapSource | null = null;
  let sourceReadAt = Number.NEGATIVE_INFINITY;
  let memory: RunMemory | null = null;
  // 2025.8+: the runs the server still keeps, read one page per poll the first time the source is seen.
  const backfill = backfillFor(api, recorder);

  async function missing(error: ApiError, signal: AbortSignal): Promise<PolledStatus> {
    source = null;
    sourceReadAt = Number.NEGATIVE_INFINITY;
    memory = null;
    const generation = await api.generation({ signal }).catch(() => 'A' as const);
    return { status: noStatus(generation), source: null, run: { tasks: [], label: 'none' }, tasksStillArriving: false, missing: error.message };
  }

  function remember(status: SyncStatus): PolledStatus {
    memory = rememberRun(memory, status, now(), slug, source, KINDS[kind].rules.shape);
    recordRemembered(recorder, { kind, id: slug }, status.generation, memory);
    if (kind === 'ldap') backfill?.after({ kind: 'ldap', id: slug }, status);
    return { status, source, run: displayedRun(memory), tasksStillArriving: memory.growing, missing: null };
  }

  /** The status, and the source alongside it; the source's answer is judged first, as if it had come first. */
  async function withSource(signal: AbortSignal): Promise<PolledStatus> {
    const { statusRead, sourceRead } = statusThenSource(api, slug, signal, source);
    const [read, polled] = await Promise.allSettled([sourceRead, statusRead]);
    if (read.status === 'fulfilled') {
      source = read.value;
      sourceReadAt = now();
    } else {
      const error: unknown = read.reason;
      if (isApiError(error) && error.kind === 'not_found') return missing(error, signal);
      // Otherwise carry on with what is known (a token may be allowed the status but not the source): the
      // status call tells whether the server answers at all.
      if (!isApiError(error) || error.kind === 'aborted') throw error;
      if (source === null && error.kind !== 'forbidden') throw error;
    }
    // A 404 of the status with the source just read is a path of the status the server lacks: an error.
    if (polled.status === 'rejected') throw polled.reason;
    return remember(polled.value);
  }

  return async (signal: AbortSignal): Promise<PolledStatus> => {
    if (now() - sourceReadAt >= SOURCE_REFRESH_MS) return withSource(signal);
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
    return remember(status);
  };
}

/**
 * Asks for the status first and the source right after it, without waiting for either. Generation B needs the
 * source's pk for its schedule: it gets the source when one is known, else the read that follows.
 */
export function statusThenSource(
  api: AuthentikApi,
  slug: string,
  signal: AbortSignal | undefined,
  known: LdapSource | null = null,
): { statusRead: Promise<SyncStatus>; sourceRead: Promise<LdapSource> } {
  let follow: (read: Promise<LdapSource>) => void = () => undefined;
  const coming = new Promise<LdapSource>((resolve) => (follow = resolve));
  coming.catch(() => undefined); // its failure is the source read's, reported there
  const statusRead = api.syncStatus(slug, { signal, source: known ?? coming });
  const sourceRead = api.getSource(slug, { signal });
  follow(sourceRead);
  return { statusRead, sourceRead };
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
