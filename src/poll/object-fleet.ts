// Every sync object of every kind on a server, polled: the kinds' lists re-read every minute, each object's sync
// status on its own cadence (at most `concurrency` requests in flight over all of them), fed into that object's run
// memory, so a run between two polls never blanks it. Framework-free: the overview renders it, the exporter and the
// run history read the same snapshots (objectSnapshot says what one object's entry means).
// A kind the server does not have (Kerberos before 2024.10) or the token may not list is not an error: kinds() says
// so, once per kind, and the other kinds' objects are polled as usual.
import { isApiError, isServerWide, type ApiError } from '../api/errors.js';
import { syncApiOf } from '../api/sync-api.js';
import type { AuthentikApi } from '../api/types.js';
import type { SyncObject } from '../domain/model.js';
import { formatRef, SYNC_KINDS, type SyncKind } from '../domain/sync-object-ref.js';
import { recordRemembered, type RunRecorder } from '../history/recorder.js';
import { backfillFor } from '../history/backfill.js';
import { KINDS } from '../kinds/registry.js';
import type { Clock } from './clock.js';
import { createListedFleet, type ListedFleet } from './listed-fleet.js';
import { displayedRun, rememberRun, type RunMemory } from './run-memory.js';
import { SOURCE_LIST_REFRESH_MS, type SourcePoll } from './source-fleet.js';

/** What the last read of one kind's list said. */
export interface KindListing {
  kind: SyncKind;
  /** How many objects it listed (the last good count while the kind cannot be listed for a passing reason). */
  count: number;
  /** Why the kind could not be listed; null when it was. */
  error: ApiError | null;
  /**
   * The error only says the kind is not there for this token: the server lacks it, or the token may not list it
   * (404, 403). One quiet line; anything else (a 500) is a real failure of that kind.
   */
  quiet: boolean;
}

/** An object's key in the fleet: `ldap/corp-ad`, `scim/3`. */
export function objectKey(object: Pick<SyncObject, 'kind' | 'id'>): string {
  return formatRef({ kind: object.kind, id: object.id });
}

export interface ObjectFleet extends ListedFleet<SyncObject, SourcePoll> {
  /** Each kind asked for, in registry order, as its list was last read; empty before the first read. */
  kinds(): readonly KindListing[];
}

export interface ObjectFleetOptions {
  intervalMs: number;
  concurrency?: number;
  clock?: Clock;
  random?: () => number;
  /** Told of every run that ends (the run history). */
  recorder?: RunRecorder | null;
  /** The kinds to list (default: every kind). */
  kinds?: readonly SyncKind[];
}

const quietError = (error: ApiError) => error.kind === 'not_found' || error.kind === 'forbidden';

export function createObjectFleet(api: AuthentikApi, options: ObjectFleetOptions): ObjectFleet {
  const sync = syncApiOf(api);
  const now = () => (options.clock ?? Date).now();
  const kinds = SYNC_KINDS.filter((kind) => (options.kinds ?? SYNC_KINDS).includes(kind));
  const memories = new Map<string, RunMemory>();
  // 2025.8+: the runs the server still keeps, read one page per poll of an object the first time it is seen.
  const backfill = backfillFor(sync, options.recorder);
  /** Each kind's last good list: kept while the kind fails for a passing reason, so its objects do not vanish. */
  const lastGood = new Map<SyncKind, SyncObject[]>();
  let listings: KindListing[] = [];

  async function list(signal: AbortSignal): Promise<SyncObject[]> {
    const results = await Promise.all(
      kinds.map(async (kind) => {
        try {
          return { kind, objects: await sync.listObjects(kind, { signal }), error: null };
        } catch (error) {
          if (!isApiError(error)) throw error;
          return { kind, objects: null, error };
        }
      }),
    );
    // What every kind needs failed (the server is gone, the token rejected), or no kind could be listed for another
    // reason than its absence: the fleet as a whole is failing, and says so (its last good list stays on screen).
    for (const { error } of results) if (error && (isServerWide(error) || error.kind === 'aborted')) throw error;
    const failing = results.filter((r) => r.error && !quietError(r.error));
    if (failing.length > 0 && failing.length === results.filter((r) => r.error === null || !quietError(r.error)).length) {
      throw failing[0]?.error as ApiError;
    }
    const objects: SyncObject[] = [];
    const next: KindListing[] = [];
    for (const { kind, objects: listed, error } of results) {
      if (listed) lastGood.set(kind, listed);
      // A kind that is not there lists nothing; one that failed for a passing reason keeps what it last listed.
      else if (error && quietError(error)) lastGood.delete(kind);
      const shown = lastGood.get(kind) ?? [];
      objects.push(...shown);
      next.push({ kind, count: shown.length, error, quiet: error ? quietError(error) : false });
    }
    listings = next;
    return objects;
  }

  const fleet = createListedFleet<SyncObject, SourcePoll>({
    list,
    keyOf: objectKey,
    listIntervalMs: SOURCE_LIST_REFRESH_MS,
    async fetch(object, signal) {
      const ref = { kind: object.kind, id: object.id };
      const key = objectKey(object);
      const status = await sync.objectStatus(ref, { signal, object });
      const memory = rememberRun(memories.get(key) ?? null, status, now(), object.id, object, KINDS[object.kind].rules.shape);
      memories.set(key, memory);
      recordRemembered(options.recorder, ref, status.generation, memory);
      backfill?.after(ref, status);
      return { status, run: displayedRun(memory), tasksStillArriving: memory.growing };
    },
    retain(keys) {
      const keep = new Set(keys);
      for (const key of memories.keys()) if (!keep.has(key)) memories.delete(key);
    },
    intervalMs: options.intervalMs,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  return Object.assign(fleet, { kinds: () => listings });
}
