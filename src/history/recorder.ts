// Records each completed run once, whoever saw it end: the monitor's and the overview's polls, `status`, `sync --wait`.
// Framework-free: the poll pipeline hands it a run it judged complete (see isRunComplete); it builds the record, leaves
// out a run it already has (merging one it now sees more of), and appends it to the store. It never throws: when the
// store cannot be written, `problem()` says why and the screens show it in the header.
import type { Generation, SyncTask } from '../domain/model.js';
import { recordRun, recordTime, sameRun, serverOrigin, type RunRecord } from '../domain/run-record.js';
import { formatRef, type SyncObjectRef } from '../domain/sync-object-ref.js';
import { medianDuration, runsFailedSince } from '../domain/trends.js';
import { KINDS } from '../kinds/registry.js';
import type { HistoryStore } from './store.js';

export interface RunRecorder {
  /** The server's origin the records are kept under. */
  readonly server: string;
  /** A run that has ended (its tasks, the object's own): recorded unless already known. The record, or null. */
  observe(ref: SyncObjectRef, generation: Generation, tasks: readonly SyncTask[], origin?: RunRecord['origin']): RunRecord | null;
  /** Runs recorded before (by any process) and since, newest first. */
  history(ref: SyncObjectRef): readonly RunRecord[];
  /** Told whenever a run is recorded (or the store's problem changes), for screens that draw history. */
  subscribe(listener: () => void): () => void;
  /** Why runs are not being kept, one sentence; null while all is well. */
  problem(): string | null;
}

export interface RecorderOptions {
  store: HistoryStore;
  /** The server's URL (only its origin is kept). */
  server: string;
  now?: () => number;
}

export function createRunRecorder(options: RecorderOptions): RunRecorder {
  const { store } = options;
  const server = serverOrigin(options.server);
  const now = options.now ?? Date.now;
  const known = new Map<string, RunRecord[]>();
  const listeners = new Set<() => void>();
  let problem: string | null = null;
  let swept = false;
  /** What each object's last observed run looked like: the same run seen again on the next poll costs nothing. */
  const lastSeen = new Map<string, string[]>();

  function notify(): void {
    for (const listener of [...listeners]) listener();
  }

  function setProblem(next: string | null): void {
    if (next === problem) return;
    problem = next;
    notify();
  }

  function history(ref: SyncObjectRef): RunRecord[] {
    const key = formatRef(ref);
    let records = known.get(key);
    if (!records) {
      records = store.read(server, ref);
      known.set(key, records);
      setProblem(store.problem());
    }
    return records;
  }

  return {
    server,
    observe(ref, generation, tasks, origin = 'seen') {
      const signature = `${origin}:${tasks.length}:${tasks[0]?.id ?? ''}:${tasks.at(-1)?.id ?? ''}`;
      const seen = lastSeen.get(formatRef(ref)) ?? [];
      if (seen.includes(signature)) return null;
      lastSeen.set(formatRef(ref), [signature, ...seen].slice(0, 4));
      const record = recordRun({ server, ref, generation, tasks, recordedAt: new Date(now()), origin, rules: KINDS[ref.kind].rules });
      if (record === null) return null;
      const records = history(ref);
      const at = records.findIndex((r) => sameRun(r, record));
      const existing = records[at];
      if (existing && existing.pages >= record.pages) return null;
      const result = store.append(record);
      setProblem(result.ok ? null : result.warning);
      if (!result.ok) return null;
      if (!swept) {
        swept = true;
        store.sweep();
      }
      const next = at >= 0 ? records.filter((_, i) => i !== at) : [...records];
      next.push(record);
      next.sort((a, b) => recordTime(b) - recordTime(a));
      known.set(formatRef(ref), next);
      notify();
      return record;
    },
    history,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    problem: () => problem,
  };
}

/** What `status` reports of an object's history: runs failed in the last 24 hours, the median duration of the last ten. */
export interface HistoryFacts {
  runs_failed_24h: number | null;
  median_duration_seconds: number | null;
}

export function historyFacts(records: readonly RunRecord[] | null, now: number): HistoryFacts {
  if (records === null) return { runs_failed_24h: null, median_duration_seconds: null };
  const m = medianDuration(records);
  return { runs_failed_24h: runsFailedSince(records, now), median_duration_seconds: m === null ? null : Math.round(m * 10) / 10 };
}

/** What a poll remembers of an object's runs (poll/run-memory.ts): the current run, whether it ended, the one before. */
export interface RememberedRuns {
  current: readonly SyncTask[];
  complete: boolean;
  previous: { tasks: readonly SyncTask[] } | null;
}

/** Feeds a poll's run memory to the recorder: the run before (once a new one replaced it) and the current one once ended. */
export function recordRemembered(recorder: RunRecorder | null | undefined, ref: SyncObjectRef, generation: Generation, memory: RememberedRuns): void {
  if (!recorder) return;
  if (memory.previous) recorder.observe(ref, generation, memory.previous.tasks);
  if (memory.complete) recorder.observe(ref, generation, memory.current);
}
