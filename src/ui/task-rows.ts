// The task table's rows: status words, the live filter and the sorts. Pure; the filter's text index is built once
// per task view (a new poll makes new views), not on every key press.
import { byCodeUnits, type TaskView } from '../domain/verdict.js';
import type { SortKey } from './screen-state.js';

export type TaskStatusKind = 'error' | 'warning' | 'problems' | 'unknown' | 'running' | 'queued' | 'ok';

/** What the status column says: authentik's "successful" with problem messages is not shown as plain ok. */
export function taskStatus(view: TaskView): TaskStatusKind {
  if (view.isError) return 'error';
  switch (view.task.state) {
    case 'warning':
      return 'warning';
    case 'unknown':
      return 'unknown';
    case 'running':
      return 'running';
    case 'queued':
      return 'queued';
    default:
      return view.problems.length > 0 ? 'problems' : 'ok';
  }
}

const SEVERITY: Record<TaskStatusKind, number> = { error: 0, warning: 1, problems: 2, unknown: 3, running: 4, queued: 5, ok: 6 };

export function needsAttention(view: TaskView): boolean {
  const status = taskStatus(view);
  return status === 'error' || status === 'warning' || status === 'problems' || status === 'unknown';
}

const haystacks = new WeakMap<TaskView, string>();

function haystack(view: TaskView): string {
  let text = haystacks.get(view);
  if (text === undefined) {
    const t = view.task;
    text = [t.type, t.id, t.pageId, t.uid, t.rawStatus, ...t.messages.map((m) => m.event)].join('\n').toLowerCase();
    haystacks.set(view, text);
  }
  return text;
}

export function filterTasks(views: readonly TaskView[], filter: string, problemsOnly: boolean): TaskView[] {
  const needle = filter.trim().toLowerCase();
  return views.filter((v) => (!problemsOnly || needsAttention(v)) && (needle === '' || haystack(v).includes(needle)));
}

function startOf(view: TaskView): number {
  return view.task.start?.getTime() ?? Number.POSITIVE_INFINITY;
}

const COMPARATORS: Record<SortKey, (a: TaskView, b: TaskView) => number> = {
  start: (a, b) => startOf(a) - startOf(b),
  status: (a, b) => SEVERITY[taskStatus(a)] - SEVERITY[taskStatus(b)],
  duration: (a, b) => (b.task.durationSeconds ?? -1) - (a.task.durationSeconds ?? -1),
  problems: (a, b) => b.problems.length - a.problems.length,
};

/** Sorted copy; ties fall back to start time, then uid, so rows never swap places between polls. */
export function sortTasks(views: readonly TaskView[], key: SortKey): TaskView[] {
  const primary = COMPARATORS[key];
  return [...views].sort(
    (a, b) => primary(a, b) || startOf(a) - startOf(b) || byCodeUnits(a.task.uid, b.task.uid),
  );
}

export const SORT_LABELS: Record<SortKey, string> = {
  start: 'start',
  status: 'status',
  duration: 'duration (longest first)',
  problems: 'problems (most first)',
};
