// Remembers the last complete sync run of one source, so the screen never goes blank between runs: generation A
// deletes a run's tasks when the next run starts and expires them about 2 h after they finish; generation B
// replaces the latest run's tasks with a new run's queued parent. Pure: feed it every status the poller returns.
import { LDAP_RUN_SHAPE } from '../domain/ldap-run-shape.js';
import type { LdapSource, SyncStatus, SyncTask } from '../domain/model.js';
import { isRunComplete, isUnfinished, newestFinish, type RunShape } from '../domain/run-state.js';

export interface CompletedRun {
  tasks: SyncTask[];
  /** The newest task finish (ms since epoch, server time); when no task has one, when the run was seen complete. */
  completedAt: number;
}

export interface RunMemory {
  slug: string;
  /**
   * The tasks of the source's latest run (the slug's own tasks: other sources sharing the prefix are dropped; a
   * generation B parent `run` task is kept, it carries the run's state and its errors). While a complete run's
   * tasks expire one by one, the whole run is kept here until the list is empty.
   */
  current: SyncTask[];
  /** The current run has ended (see judgeRunState). */
  complete: boolean;
  /** The last complete run before the current one. */
  previous: CompletedRun | null;
  /** The current run's task count grew since the last observation (a generation A run in progress). */
  growing: boolean;
  /** How many of the slug's tasks the server listed last time. */
  lastCount: number;
}

export interface DisplayedRun {
  tasks: SyncTask[];
  label: 'current' | 'previous' | 'none';
  /** The last complete run before the one shown, when it is the current one (its page counts help judge it). */
  reference?: SyncTask[] | null;
}

/** `slug`: the object's key its tasks carry (a provider's id); `shape`: its kind's (LDAP's by default). */
export function rememberRun(
  memory: RunMemory | null,
  status: SyncStatus,
  now: number,
  slug: string,
  source: LdapSource | null = null,
  shape: RunShape = LDAP_RUN_SHAPE,
): RunMemory {
  const known = memory?.slug === slug ? memory : null;
  const tasks = status.tasks.filter((task) => task.slug === slug);
  const complete = (previous: CompletedRun | null, growing: boolean) =>
    isRunComplete({
      generation: status.generation,
      serverRunning: status.isRunning,
      tasks,
      now: new Date(now),
      shape,
      source,
      previousRun: previous?.tasks ?? null,
      grewSinceLastPoll: growing,
    });

  if (known && known.current.length > 0 && sharesTask(known.current, tasks)) {
    const shrinking = tasks.length < known.current.length && !hasNewTask(known.current, tasks);
    const running = status.isRunning || tasks.some(isUnfinished);
    if (known.complete && !running && shrinking) return { ...known, growing: false, lastCount: tasks.length };
    const growing = tasks.length > known.lastCount;
    return { slug, current: tasks, complete: complete(known.previous, growing), previous: known.previous, growing, lastCount: tasks.length };
  }

  // The list emptied or a different run replaced the one remembered.
  const previous = known?.complete
    ? { tasks: known.current, completedAt: completedAt(known.current, now) }
    : (known?.previous ?? null);
  // A run first seen after an observation of this source grew from nothing; at the very first one, nobody knows.
  const growing = known !== null && tasks.length > 0;
  return { slug, current: tasks, complete: complete(previous, growing), previous, growing, lastCount: tasks.length };
}

/**
 * The run to show: the current one once it has pages or has finished; the previous complete run while the list is
 * empty or the new run is only a queued/running parent; otherwise whatever the current run has.
 */
export function displayedRun(memory: RunMemory | null): DisplayedRun {
  if (!memory) return { tasks: [], label: 'none', reference: null };
  const { current, previous } = memory;
  const hasPages = current.some((task) => task.kind === 'page');
  const onlyStarting = !hasPages && current.every(isUnfinished);
  if (previous && onlyStarting) return { tasks: previous.tasks, label: 'previous', reference: null };
  if (current.length > 0) return { tasks: current, label: 'current', reference: previous?.tasks ?? null };
  return { tasks: [], label: 'none', reference: null };
}

function sharesTask(remembered: SyncTask[], tasks: SyncTask[]): boolean {
  // The client hands back an unchanged task as the same object: the common case needs no set of 10,000 ids.
  if (tasks.length > 0 && remembered.includes(tasks[0] as SyncTask)) return true;
  const ids = new Set(remembered.map((task) => task.id));
  return tasks.some((task) => ids.has(task.id));
}

function hasNewTask(remembered: SyncTask[], tasks: SyncTask[]): boolean {
  const ids = new Set(remembered.map((task) => task.id));
  return tasks.some((task) => !ids.has(task.id));
}

function completedAt(tasks: SyncTask[], now: number): number {
  return newestFinish(tasks) ?? now;
}
