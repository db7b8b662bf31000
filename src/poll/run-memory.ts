// Remembers the last complete sync run of one source, so the screen never goes blank between runs: generation A
// deletes a run's tasks when the next run starts and expires them about 2 h after they finish; generation B
// replaces the latest run's tasks with a new run's queued parent. Pure: feed it every status the poller returns.
import type { SyncStatus, SyncTask } from '../domain/model.js';

/** A finished run whose newest task finished this long ago is complete, even when seen only once. */
export const SETTLED_AFTER_MS = 30_000;

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
  /** The current run is finished: not running, and its task count has stopped growing. */
  complete: boolean;
  /** The last complete run before the current one. */
  previous: CompletedRun | null;
  /** The current run's task count grew since the last observation (a generation A run in progress). */
  growing: boolean;
  /** How many of the slug's tasks the server listed last time. */
  lastCount: number;
}

export type DisplayedRun = { tasks: SyncTask[]; label: 'current' | 'previous' | 'none' };

export function rememberRun(memory: RunMemory | null, status: SyncStatus, now: number, slug: string): RunMemory {
  const known = memory?.slug === slug ? memory : null;
  const tasks = status.tasks.filter((task) => task.slug === slug);
  const running = status.isRunning || tasks.some(isUnfinished);

  if (known && known.current.length > 0 && sharesTask(known.current, tasks)) {
    const shrinking = tasks.length < known.current.length && !hasNewTask(known.current, tasks);
    if (known.complete && !running && shrinking) return { ...known, growing: false, lastCount: tasks.length };
    const growing = tasks.length > known.lastCount;
    const settled = tasks.length === known.lastCount || finishedBefore(tasks, now - SETTLED_AFTER_MS);
    const complete = !running && !growing && settled;
    return { slug, current: tasks, complete, previous: known.previous, growing, lastCount: tasks.length };
  }

  // The list emptied or a different run replaced the one remembered.
  const previous = known?.complete
    ? { tasks: known.current, completedAt: completedAt(known.current, now) }
    : (known?.previous ?? null);
  return {
    slug,
    current: tasks,
    complete: tasks.length > 0 && !running && finishedBefore(tasks, now - SETTLED_AFTER_MS),
    previous,
    // A run first seen after an observation of this source grew from nothing; at the very first one, nobody knows.
    growing: known !== null && tasks.length > 0,
    lastCount: tasks.length,
  };
}

/**
 * The run to show: the current one once it has pages or has finished; the previous complete run while the list is
 * empty or the new run is only a queued/running parent; otherwise whatever the current run has.
 */
export function displayedRun(memory: RunMemory | null): DisplayedRun {
  if (!memory) return { tasks: [], label: 'none' };
  const { current, previous } = memory;
  const hasPages = current.some((task) => task.kind === 'page');
  const onlyStarting = !hasPages && current.every(isUnfinished);
  if (previous && onlyStarting) return { tasks: previous.tasks, label: 'previous' };
  if (current.length > 0) return { tasks: current, label: 'current' };
  return { tasks: [], label: 'none' };
}

function isUnfinished(task: SyncTask): boolean {
  return task.state === 'running' || task.state === 'queued';
}

function sharesTask(remembered: SyncTask[], tasks: SyncTask[]): boolean {
  const ids = new Set(remembered.map((task) => task.id));
  return tasks.some((task) => ids.has(task.id));
}

function hasNewTask(remembered: SyncTask[], tasks: SyncTask[]): boolean {
  const ids = new Set(remembered.map((task) => task.id));
  return tasks.some((task) => !ids.has(task.id));
}

function newestFinish(tasks: SyncTask[]): number | null {
  let newest: number | null = null;
  for (const task of tasks) {
    const finish = task.finish?.getTime();
    if (finish !== undefined && !Number.isNaN(finish) && (newest === null || finish > newest)) newest = finish;
  }
  return newest;
}

function finishedBefore(tasks: SyncTask[], time: number): boolean {
  const newest = newestFinish(tasks);
  return newest !== null && newest < time;
}

function completedAt(tasks: SyncTask[], now: number): number {
  return newestFinish(tasks) ?? now;
}
