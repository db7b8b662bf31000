// Generation B task bodies as authentik lists them, built from a few times (ISO strings on one day).
import { PAGE_ACTOR, SYNC_ACTOR } from '../adapter-b.js';

export interface TaskSpec {
  id: string;
  /** when it was queued: its first log line */
  queued?: string;
  /** "Task is being processed" */
  processed?: string;
  mtime: string;
  state?: string;
  aggregated?: string;
  /** page type; omitted for a parent */
  type?: string;
  slug?: string;
}

const day = '2026-09-21T';

function log(time: string, event: string, level = 'info') {
  return { timestamp: `${day}${time}Z`, log_level: level, logger: 'authentik.tasks.middleware.TaskLogMiddleware', event, attributes: {} };
}

function task(actor: string, uid: string, spec: TaskSpec) {
  const logs = [
    ...(spec.queued === undefined ? [] : [log(spec.queued, 'Task has been queued')]),
    ...(spec.processed === undefined ? [] : [log(spec.processed, 'Task is being processed')]),
  ];
  return {
    message_id: spec.id,
    queue_name: 'default',
    actor_name: actor,
    state: spec.state ?? 'done',
    mtime: `${day}${spec.mtime}Z`,
    retries: 0,
    eta: null,
    rel_obj_app_label: 'authentik_tasks_schedules',
    rel_obj_model: 'schedule',
    rel_obj_id: '6b0d4e2a-91c7-4f38-b5e6-2a8c1d7f9e03',
    uid,
    logs,
    previous_logs: [],
    aggregated_status: spec.aggregated ?? 'info',
    description: null,
  };
}

export function parentTask(spec: TaskSpec) {
  return task(SYNC_ACTOR, `${SYNC_ACTOR}:${spec.slug ?? 'corp-ad'}`, spec);
}

export function pageTask(spec: TaskSpec) {
  return task(PAGE_ACTOR, `${PAGE_ACTOR}:${spec.slug ?? 'corp-ad'}:${spec.type ?? 'users'}:${spec.id}`, spec);
}

/** Newest first by mtime, as `ordering=-mtime` lists them. */
export function newestFirst<T extends { mtime: string }>(tasks: T[]): T[] {
  return [...tasks].sort((a, b) => (a.mtime < b.mtime ? 1 : a.mtime > b.mtime ? -1 : 0));
}

/**
 * Two finished runs and a third in progress:
 * run 1 08:00–08:10 (pages p1a, p1b), run 2 10:00–10:10 (pages p2a, p2b, p2c), run 3 from 12:00 (p3a done, p3b running).
 */
export function threeRuns() {
  return newestFirst([
    parentTask({ id: 'r1', queued: '08:00:00', processed: '08:00:01', mtime: '08:10:00' }),
    pageTask({ id: 'p1a', queued: '08:00:02', processed: '08:01:00', mtime: '08:02:00' }),
    pageTask({ id: 'p1b', queued: '08:00:02', processed: '08:03:00', mtime: '08:04:00', type: 'groups' }),
    parentTask({ id: 'r2', queued: '10:00:00', processed: '10:00:01', mtime: '10:10:00' }),
    pageTask({ id: 'p2a', queued: '10:00:02', processed: '10:01:00', mtime: '10:02:00' }),
    pageTask({ id: 'p2b', queued: '10:00:02', processed: '10:03:00', mtime: '10:04:00', type: 'groups' }),
    pageTask({ id: 'p2c', queued: '10:05:00', processed: '10:06:00', mtime: '10:07:00', type: 'membership' }),
    parentTask({ id: 'r3', queued: '12:00:00', processed: '12:00:01', mtime: '12:00:01', state: 'running', aggregated: 'running' }),
    pageTask({ id: 'p3a', queued: '12:00:02', processed: '12:01:00', mtime: '12:02:00' }),
    pageTask({ id: 'p3b', queued: '12:00:02', processed: '12:02:30', mtime: '12:02:30', state: 'running', aggregated: 'running' }),
  ]);
}
