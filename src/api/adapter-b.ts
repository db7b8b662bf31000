// Generation B → domain: the status, the source's schedule, and the tasks of its most recent run.
import type { Schedule, SyncStatus, SyncTask, TaskState } from '../domain/model.js';
import { pageUidParts, secondsBetween, sortedMessages } from './adapt-common.js';
import { crontabPeriodSeconds } from './crontab.js';
import type { ScheduleJson, SyncStatusBJson, TaskJson } from './schemas-b.js';

export const SYNC_ACTOR = 'authentik.sources.ldap.tasks.ldap_sync';
export const PAGE_ACTOR = 'authentik.sources.ldap.tasks.ldap_sync_page';

/** Which tasks of a sync schedule make a run, and how they name their object: one kind's actors. */
export interface ActorsB {
  /** The run's parent task. */
  sync: string;
  /** The run's page tasks; null when a run is one task (Kerberos). */
  page: string | null;
  /** The `slug` (object key) of the parent task, from its uid's tail (after `actor:`). */
  parentSlug(tail: string, key: string): string;
  /** A page task's uid, slug (object key), type and page id, from its uid's tail. */
  pageIdentity(tail: string, key: string): { uid: string; slug: string; type: string; pageId: string };
}

/** LDAP: `…ldap_sync:<slug>` and `…ldap_sync_page:<slug>:<type>:<uuid>`. */
export const LDAP_ACTORS: ActorsB = {
  sync: SYNC_ACTOR,
  page: PAGE_ACTOR,
  parentSlug: (tail, key) => (tail === '' ? key : tail),
  pageIdentity: (tail) => ({ uid: tail, ...pageUidParts(tail) }),
};
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

/**
 * The sync schedule among an object's schedules (a Kerberos source also has a connectivity check's). 2025.8.0 to
 * 2025.10.1 may hold duplicates made by saves: the one whose identifier is the object's pk is the real one.
 */
export function pickSyncSchedule(schedules: readonly ScheduleJson[], actor = SYNC_ACTOR, pk?: string): ScheduleJson | undefined {
  const syncs = schedules.filter((s) => s.actor_name === actor);
  return (pk === undefined ? undefined : syncs.find((s) => s.identifier === pk)) ?? syncs[0];
}

export function syncTaskB(task: TaskJson, slug: string, actors: ActorsB = LDAP_ACTORS): SyncTask {
  const messages = sortedMessages(task.logs ?? task.messages ?? []);
  const previousMessages = sortedMessages(task.previous_logs ?? task.previous_messages ?? []);
  const word = task.aggregated_status ?? task.state;
  const start = messages.find((m) => m.event === PROCESSING)?.timestamp ?? null;
  const finish = FINAL_STATES.has(task.state) ? (task.mtime ?? null) : null;
  const tail = uidTail(task.uid ?? '');
  const parent = task.actor_name === actors.sync;
  const parentSlug = parent ? actors.parentSlug(tail, slug) : '';
  const identity = parent
    ? { uid: parentSlug, slug: parentSlug, type: 'run', pageId: '', kind: 'run' as const }
    : { ...actors.pageIdentity(tail, slug), kind: 'page' as const };
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
const adapted = new WeakMap<TaskJson, { slug: string; actors: ActorsB; task: SyncTask }>();
function adaptedTaskB(task: TaskJson, slug: string, actors: ActorsB): SyncTask {
  const known = adapted.get(task);
  if (known !== undefined && known.slug === slug && known.actors === actors) return known.task;
  const fresh = syncTaskB(task, slug, actors);
  adapted.set(task, { slug, actors, task: fresh });
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
export function latestRun(newestFirst: readonly TaskJson[], slug: string, exhausted: boolean, actors: ActorsB = LDAP_ACTORS): LatestRun {
  const parentAt = newestFirst.findIndex((t) => t.actor_name === actors.sync);
  const pages = actors.page === null ? [] : newestFirst.filter((t) => t.actor_name === actors.page);
  if (parentAt < 0) {
    return { tasks: orderPages(pages.map((t) => adaptedTaskB(t, slug, actors))), settled: exhausted };
  }
  const parent = newestFirst[parentAt] as TaskJson;
  const older = newestFirst.slice(parentAt + 1);
  const previousParent = older.find((t) => t.actor_name === actors.sync);
  const runStart = earliestLog(parent) ?? previousParent?.mtime?.getTime();
  const inRun = (page: TaskJson) => runStart === undefined || (lastChange(page) ?? Number.POSITIVE_INFINITY) >= runStart;
  const reachedBefore =
    previousParent !== undefined ||
    (runStart !== undefined && older.some((t) => t.mtime != null && t.mtime.getTime() < runStart));
  return {
    tasks: [adaptedTaskB(parent, slug, actors), ...orderPages(pages.filter(inRun).map((t) => adaptedTaskB(t, slug, actors)))],
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
