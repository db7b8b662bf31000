// Generation B → domain: the status, the source's schedule, and the tasks of its most recent run.
import type { Schedule, SyncStatus, SyncTask, TaskState } from '../domain/model.js';
import { pageUidParts, secondsBetween, sortedMessages } from './adapt-common.js';
import { crontabPeriodSeconds } from './crontab.js';
import type { ScheduleJson, SyncStatusBJson, TaskJson } from './schemas-b.js';

export const SYNC_ACTOR = 'authentik.sources.ldap.tasks.ldap_sync';
export const PAGE_ACTOR = 'authentik.sources.ldap.tasks.ldap_sync_page';
const PROCESSING = 'Task is being processed';
const FINAL_STATES = new Set(['done', 'rejected']);

const STATES: Record<string, TaskState> = {
  done: 'ok',
  info: 'ok',
  warning: 'warning',
  error: 'error',
  rejected: 'error',
  queued: 'queued',
  consumed: 'queued',
  waiting_for_dependencies: 'queued',
  preprocess: 'running',
  running: 'running',
  postprocess: 'running',
  unknown: 'unknown',
};

export function taskStateB(word: string): TaskState {
  return STATES[word.toLowerCase()] ?? 'unknown';
}

export function scheduleB(json: ScheduleJson): Schedule {
  return {
    id: json.id,
    crontab: json.crontab,
    nextRun: json.next_run ?? null,
    paused: json.paused ?? false,
    lastTaskStatus: json.last_task_status ?? null,
    periodSeconds: crontabPeriodSeconds(json.crontab),
  };
}

/** The LDAP sync schedule among a source's schedules (a source may one day have others). */
export function pickSyncSchedule(schedules: readonly ScheduleJson[]): ScheduleJson | undefined {
  return schedules.find((s) => s.actor_name === SYNC_ACTOR);
}

export function syncTaskB(task: TaskJson, slug: string): SyncTask {
  const messages = sortedMessages(task.logs ?? task.messages ?? []);
  const previousMessages = sortedMessages(task.previous_logs ?? task.previous_messages ?? []);
  const word = task.aggregated_status ?? task.state;
  const start = messages.find((m) => m.event === PROCESSING)?.timestamp ?? null;
  const finish = FINAL_STATES.has(task.state) ? (task.mtime ?? null) : null;
  const tail = uidTail(task.uid ?? '');
  const parent = task.actor_name === SYNC_ACTOR;
  const identity = parent
    ? { uid: tail === '' ? slug : tail, slug: tail === '' ? slug : tail, type: 'run', pageId: '', kind: 'run' as const }
    : { uid: tail, ...pageUidParts(tail), kind: 'page' as const };
  return {
    id: task.message_id,
    ...identity,
    state: taskStateB(word),
    rawStatus: word,
    start,
    finish,
    durationSeconds: secondsBetween(start, finish),
    messages,
    previousMessages,
    retries: task.retries ?? 0,
  };
}

/**
 * syncTaskB, once per task object: the client hands back the very same TaskJson objects while a page of the task
 * list is unchanged, and the same SyncTask objects for them tell the poller, by identity, that nothing changed.
 */
const adapted = new WeakMap<TaskJson, { slug: string; task: SyncTask }>();
function adaptedTaskB(task: TaskJson, slug: string): SyncTask {
  const known = adapted.get(task);
  if (known !== undefined && known.slug === slug) return known.task;
  const fresh = syncTaskB(task, slug);
  adapted.set(task, { slug, task: fresh });
  return fresh;
}

/** `authentik.sources.ldap.tasks.ldap_sync_page:corp:users:<uuid>` → `corp:users:<uuid>` */
function uidTail(uid: string): string {
  const colon = uid.indexOf(':');
  return colon < 0 ? '' : uid.slice(colon + 1);
}

export interface LatestRun {
  /** the run's parent first, then its pages (oldest first) */
  tasks: SyncTask[];
  /** false while older tasks still to be read may belong to the run */
  settled: boolean;
}

/**
 * The most recent run among a schedule's tasks, newest first by mtime as the server lists them: the newest parent
 * (`ldap_sync`) and the page tasks it queued. The run starts at the parent's first log line (or, without parent
 * logs, when the previous parent finished); a page belongs to it when it last changed (mtime) after that start.
 * Not "newer than the parent's mtime": pages finish before their parent does, so that would lose every page of a
 * finished run. Not the page's own "queued" line either: it is logged by another process than the parent's, and
 * mtime is what the list is ordered by, which is also what tells when no older task can belong to the run.
 * Tasks are scoped to the source by the schedule, so pages are matched by actor, not by slug (a renamed source
 * keeps its schedule).
 */
export function latestRun(newestFirst: readonly TaskJson[], slug: string, exhausted: boolean): LatestRun {
  const parentAt = newestFirst.findIndex((t) => t.actor_name === SYNC_ACTOR);
  const pages = newestFirst.filter((t) => t.actor_name === PAGE_ACTOR);
  if (parentAt < 0) {
    return { tasks: orderPages(pages.map((t) => adaptedTaskB(t, slug))), settled: exhausted };
  }
  const parent = newestFirst[parentAt] as TaskJson;
  const older = newestFirst.slice(parentAt + 1);
  const previousParent = older.find((t) => t.actor_name === SYNC_ACTOR);
  const runStart = earliestLog(parent) ?? previousParent?.mtime?.getTime();
  const inRun = (page: TaskJson) => runStart === undefined || (lastChange(page) ?? Number.POSITIVE_INFINITY) >= runStart;
  const reachedBefore =
    previousParent !== undefined ||
    (runStart !== undefined && older.some((t) => t.mtime != null && t.mtime.getTime() < runStart));
  return {
    tasks: [adaptedTaskB(parent, slug), ...orderPages(pages.filter(inRun).map((t) => adaptedTaskB(t, slug)))],
    settled: exhausted || reachedBefore,
  };
}

function earliestLog(task: TaskJson): number | undefined {
  let earliest: number | undefined;
  for (const list of [task.logs ?? task.messages, task.previous_logs ?? task.previous_messages]) {
    for (const message of list ?? []) {
      const time = message.timestamp?.date.getTime();
      if (time !== undefined && (earliest === undefined || time < earliest)) earliest = time;
    }
  }
  return earliest;
}

function lastChange(task: TaskJson): number | undefined {
  return task.mtime?.getTime() ?? earliestLog(task);
}

function orderPages(pages: SyncTask[]): SyncTask[] {
  const key = (t: SyncTask) => t.start?.getTime() ?? t.finish?.getTime() ?? Number.POSITIVE_INFINITY;
  return [...pages].sort((a, b) => key(a) - key(b));
}

export interface DetailB {
  schedule: Schedule | null;
  tasks: SyncTask[];
  missingDetailPermission: string | null;
  /** The run has more tasks than aksync reads per poll. */
  truncated?: boolean;
}

export function syncStatusB(status: SyncStatusBJson, detail: DetailB): SyncStatus {
  return {
    generation: 'B',
    isRunning: status.is_running,
    tasks: detail.tasks,
    lastSuccessfulSync: status.last_successful_sync ?? null,
    lastSyncStatus: status.last_sync_status ?? null,
    schedule: detail.schedule,
    missingDetailPermission: detail.missingDetailPermission,
    detailTruncated: detail.truncated ?? false,
  };
}
