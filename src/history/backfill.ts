// Backfill on authentik 2025.8+: the first time aksync sees a sync object there, it reads the runs the server still
// keeps (its sync schedule's tasks, kept about 30 days), so the history starts full. Within the request budget: at
// most one extra list request (one page of 100 tasks) per poll interval, started after a poll of that object and never
// two at once, until the list ends, reaches 90 days back, or the object has a full history. Framework-free.
import type { SyncStatus, SyncTask } from '../domain/model.js';
import { formatRef, type SyncObjectRef } from '../domain/sync-object-ref.js';
import { isApiError } from '../api/errors.js';
import type { TaskPage } from '../api/types.js';
import { DEFAULT_HISTORY_LIMITS } from './store.js';
import type { RunRecorder } from './recorder.js';

export type FetchTaskPage = (ref: SyncObjectRef, scheduleId: string, page: number, signal: AbortSignal) => Promise<TaskPage>;

export interface BackfillOptions {
  recorder: RunRecorder;
  fetchPage: FetchTaskPage;
  /** The least time between two of the backfill's requests (default 0: the budget is then one per poll of the object). */
  intervalMs?: () => number;
  now?: () => number;
  /** Pages read at most per object (a huge directory's month of runs is left partly unread rather than read for hours). */
  maxPages?: number;
}

/** A backfill over a client that can read a schedule's tasks (null for one that cannot, such as a test's fake). */
export function backfillFor(api: object, recorder: RunRecorder | null | undefined): Backfill | null {
  const reader = (api as { scheduleTaskPage?: (ref: SyncObjectRef, id: string, page: number, opts: { signal: AbortSignal }) => Promise<TaskPage> }).scheduleTaskPage;
  if (!recorder || typeof reader !== 'function') return null;
  return createBackfill({ recorder, fetchPage: (ref, id, page, signal) => reader.call(api, ref, id, page, { signal }) });
}

export interface Backfill {
  /** After a poll of `ref` answered `status`: starts one page request when one is due. */
  after(ref: SyncObjectRef, status: SyncStatus): void;
  /** Aborts what is in flight; nothing more is read. */
  close(): void;
  /** Resolves once no request is in flight (tests). */
  settled(): Promise<void>;
  /** The object's backfill has ended (read to the end, 90 days back, a full history, or nothing to read). */
  isDone(ref: SyncObjectRef): boolean;
}

function when(task: SyncTask): number | null {
  const t = (task.finish ?? task.start)?.getTime();
  return t === undefined || Number.isNaN(t) ? null : t;
}

function runStart(parent: SyncTask): number | null {
  const t = (parent.start ?? parent.finish)?.getTime();
  return t === undefined || Number.isNaN(t) ? null : t;
}

/**
 * The complete runs among a schedule's tasks read so far, oldest first, and the tasks left over. A run is a run
 * (parent) task with the page tasks that last changed after it started and before the next run started. A run is
 * settled once no unread task can belong to it: the list is read to its end, or the run started after the oldest task
 * read (the list is ordered by last change, and a run's pages change after it starts). A run still going is left.
 */
export function settledRuns(tasks: readonly SyncTask[], listEnded: boolean): { runs: SyncTask[][]; rest: SyncTask[] } {
  const parents = tasks.filter((t) => t.kind === 'run' && runStart(t) !== null).sort((a, b) => (runStart(a) as number) - (runStart(b) as number));
  const times = tasks.map(when).filter((t): t is number => t !== null);
  const oldest = times.length > 0 ? Math.min(...times) : Number.POSITIVE_INFINITY;
  const members = new Map<SyncTask, SyncTask[]>(parents.map((p) => [p, [p]]));
  const orphans: SyncTask[] = [];
  for (const task of tasks) {
    if (task.kind === 'run') continue;
    const t = when(task);
    const owner = t === null ? undefined : parents.findLast((p) => (runStart(p) as number) <= t);
    if (owner) members.get(owner)?.push(task);
    else orphans.push(task);
  }
  const runs: SyncTask[][] = [];
  const rest: SyncTask[] = [...orphans, ...tasks.filter((t) => t.kind === 'run' && runStart(t) === null)];
  for (const parent of parents) {
    const run = members.get(parent) as SyncTask[];
    const ended = parent.finish !== null && parent.state !== 'running' && parent.state !== 'queued';
    const settled = listEnded || (runStart(parent) as number) > oldest;
    if (ended && settled) runs.push(run);
    else rest.push(...run);
  }
  return { runs, rest };
}

interface ObjectBackfill {
  scheduleId: string;
  page: number;
  /** Tasks read whose run is not settled yet. */
  pending: SyncTask[];
  lastAt: number;
  inFlight: boolean;
  done: boolean;
}

export function createBackfill(options: BackfillOptions): Backfill {
  const { recorder, fetchPage } = options;
  const now = options.now ?? Date.now;
  const maxPages = options.maxPages ?? 400;
  const controller = new AbortController();
  const objects = new Map<string, ObjectBackfill>();
  const inFlight = new Set<Promise<void>>();

  function record(ref: SyncObjectRef, runs: SyncTask[][]): void {
    for (const run of runs) recorder.observe(ref, 'B', run, 'backfill');
  }

  function finish(state: ObjectBackfill): void {
    state.done = true;
    state.pending = [];
  }

  async function step(ref: SyncObjectRef, state: ObjectBackfill): Promise<void> {
    state.inFlight = true;
    state.lastAt = now();
    try {
      const page = await fetchPage(ref, state.scheduleId, state.page, controller.signal);
      if (controller.signal.aborted) return;
      const ended = page.next === null || state.page >= maxPages;
      const { runs, rest } = settledRuns([...state.pending, ...page.tasks], ended);
      record(ref, runs);
      state.pending = rest;
      state.page = page.next ?? state.page + 1;
      const times = page.tasks.map(when).filter((t): t is number => t !== null);
      const reachedBack = times.length > 0 && Math.min(...times) < now() - DEFAULT_HISTORY_LIMITS.maxAgeMs;
      if (ended || reachedBack || recorder.history(ref).length >= DEFAULT_HISTORY_LIMITS.maxRuns) finish(state);
    } catch (error) {
      // Not allowed to see the tasks, or the schedule went: nothing to backfill. Anything else: try again later.
      if (!isApiError(error) || error.kind === 'forbidden' || error.kind === 'not_found' || error.kind === 'aborted') finish(state);
    } finally {
      state.inFlight = false;
    }
  }

  return {
    after(ref, status) {
      if (controller.signal.aborted || status.generation !== 'B' || !status.schedule) return;
      const key = formatRef(ref);
      let state = objects.get(key);
      if (!state) {
        // Only the first time the object is seen: a history already backfilled is not read again.
        const done = recorder.history(ref).some((r) => r.origin === 'backfill');
        state = { scheduleId: status.schedule.id, page: 1, pending: [], lastAt: Number.NEGATIVE_INFINITY, inFlight: false, done };
        objects.set(key, state);
      }
      if (state.done || state.inFlight || now() - state.lastAt < (options.intervalMs?.() ?? 0)) return;
      const pending = step(ref, state);
      inFlight.add(pending);
      void pending.finally(() => inFlight.delete(pending));
    },
    close() {
      controller.abort();
    },
    async settled() {
      await Promise.all([...inFlight]);
    },
    isDone: (ref) => objects.get(formatRef(ref))?.done ?? false,
  };
}
