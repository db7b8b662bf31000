// Every LDAP source of a server, polled: the source list re-read every minute, each source's sync status on its own
// cadence, fed into that source's run memory (so a run between two polls never blanks it). Framework-free: the
// overview renders it, and anything else that needs every source's state reads the same snapshots.
import type { AuthentikApi } from '../api/types.js';
import type { LdapSource, SyncStatus } from '../domain/model.js';
import { recordRemembered, type RunRecorder } from '../history/recorder.js';
import { backfillFor } from '../history/backfill.js';
import type { Clock } from './clock.js';
import { createListedFleet, type ListedFleet } from './listed-fleet.js';
import { displayedRun, rememberRun, type DisplayedRun, type RunMemory } from './run-memory.js';

/** How often the list of sources is re-read. */
export const SOURCE_LIST_REFRESH_MS = 60_000;

/** What one poll of one source returns. */
export interface SourcePoll {
  status: SyncStatus;
  /** The run to show (the remembered previous one while a new run fills in or the list is empty). */
  run: DisplayedRun;
  tasksStillArriving: boolean;
}

export type SourceFleet = ListedFleet<LdapSource, SourcePoll>;

export interface SourceFleetOptions {
  intervalMs: number;
  concurrency?: number;
  clock?: Clock;
  random?: () => number;
  /** Told of every run that ends (the run history). */
  recorder?: RunRecorder | null;
}

export function createSourceFleet(api: AuthentikApi, options: SourceFleetOptions): SourceFleet {
  const now = () => (options.clock ?? Date).now();
  const memories = new Map<string, RunMemory>();
  // 2025.8+: the runs the server still keeps, read one page per poll of a source the first time it is seen.
  const backfill = backfillFor(api, options.recorder);
  return createListedFleet<LdapSource, SourcePoll>({
    list: (signal) => api.listSources({ signal }),
    keyOf: (source) => source.slug,
    listIntervalMs: SOURCE_LIST_REFRESH_MS,
    // Generation B needs the source's pk: the listed source goes along.
    async fetch(source, signal) {
      const status = await api.syncStatus(source.slug, { signal, source });
      const memory = rememberRun(memories.get(source.slug) ?? null, status, now(), source.slug, source);
      memories.set(source.slug, memory);
      recordRemembered(options.recorder, { kind: 'ldap', id: source.slug }, status.generation, memory);
      backfill?.after({ kind: 'ldap', id: source.slug }, status);
      return { status, run: displayedRun(memory), tasksStillArriving: memory.growing };
    },
    retain(slugs) {
      const keep = new Set(slugs);
      for (const slug of memories.keys()) if (!keep.has(slug)) memories.delete(slug);
    },
    intervalMs: options.intervalMs,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
}
