// Test support for run memory: whole runs built from the domain's task factories.
import type { SyncStatus, SyncTask } from '../../domain/model.js';
import { message, pageTask } from '../../domain/testing/factories.js';

/** A generation A page that took 2.8 s and finished at `finish`. */
export function finishedPage(slug: string, type: string, finish: Date): SyncTask {
  return pageTask(slug, type, [message('Synced 50 objects.', 'info', finish.toISOString())], {
    start: new Date(finish.getTime() - 2_785),
    finish,
    durationSeconds: 2.785,
  });
}

/**
 * A run of `count` pages finishing one second apart, the last at `lastFinish`, shaped as authentik runs them: users
 * and groups pages, then as many membership pages as groups pages (101 pages: 85 + 8 + 8). Under 3 pages: users only.
 */
export function pageTasks(slug: string, count: number, lastFinish: Date): SyncTask[] {
  const groups = count < 3 ? 0 : Math.max(1, Math.round(count * 0.08));
  const users = count - 2 * groups;
  const type = (i: number) => (i < users ? 'users' : i < users + groups ? 'groups' : 'membership');
  return Array.from({ length: count }, (_, i) => finishedPage(slug, type(i), new Date(lastFinish.getTime() - (count - 1 - i) * 1_000)));
}

/** A generation B parent task: queued or running, or finished `done` (ok) or `rejected` (error) at `at`. */
export function runTask(slug: string, state: 'running' | 'queued' | 'ok' | 'error', at: Date): SyncTask {
  const finished = state === 'ok' || state === 'error';
  const processing = message('Task is being processed', 'info', at.toISOString());
  return {
    ...pageTask(slug, 'run', [{ ...processing, logger: 'authentik.tasks.middleware.TaskLogMiddleware' }]),
    uid: slug,
    pageId: '',
    kind: 'run',
    state,
    rawStatus: finished ? (state === 'ok' ? 'done' : 'rejected') : state,
    start: at,
    finish: finished ? at : null,
    durationSeconds: null,
  };
}

export function statusB(isRunning: boolean, tasks: SyncTask[]): SyncStatus {
  return {
    generation: 'B',
    isRunning,
    tasks,
    lastSuccessfulSync: null,
    lastSyncStatus: isRunning ? 'running' : 'info',
    schedule: null,
    missingDetailPermission: null,
  };
}
