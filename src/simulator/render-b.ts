// Generation B (2025.8 to 2026.8): a run is a parent `ldap_sync` task plus one `ldap_sync_page` task per page,
// each with framework log lines around the sync's own messages; `aggregated_status` has the version's quirks.

import { USER_ATTRIBUTES, eventText, exceptionAttribute, type PageMessage } from './messages.js';
import type { PageSpec, PlacedPage, Run, RunView } from './run.js';
import { isoMicro, addMs, SECOND } from './time.js';
import type { Features } from './version.js';

export const ACTOR_SYNC = 'authentik.sources.ldap.tasks.ldap_sync';
export const ACTOR_PAGE = 'authentik.sources.ldap.tasks.ldap_sync_page';
const FRAMEWORK_LOGGER = 'authentik.tasks.middleware.TaskLogMiddleware';

type LogEvent = Record<string, unknown>;

/** One task of the list, with what filtering and ordering need; the body is rendered only for the page sent. */
export interface TaskRow {
  messageId: string;
  scheduleId: string;
  actorName: string;
  state: string;
  aggregatedStatus: string;
  mtime: Date;
  render(): Record<string, unknown>;
}

function log(at: Date, event: string, logger = FRAMEWORK_LOGGER, level = 'info', attributes: object = {}, offsetMicros = 0): LogEvent {
  return { timestamp: isoMicro(at, offsetMicros), log_level: level, logger, event, attributes };
}

const queued = (at: Date) => log(at, 'Task has been queued', FRAMEWORK_LOGGER, 'info', { delay: null });
const processing = (at: Date) => log(at, 'Task is being processed');
const finishedOk = (at: Date) => log(at, 'Task finished processing without errors');

function messageLevel(message: PageMessage): string {
  if (message.kind === 'exception' || message.kind === 'page-cache-miss') return 'error';
  if (message.kind === 'raw') return message.level;
  return 'info';
}

const worstLevelCache = new WeakMap<PageSpec, 'info' | 'warning' | 'error'>();

/** The worst level a page logs (cached: the big scenario's page has 100,000 messages). */
function pageLevel(spec: PageSpec): 'info' | 'warning' | 'error' {
  let level = worstLevelCache.get(spec);
  if (!level) {
    level = levelStatus(spec.messages.map(messageLevel));
    worstLevelCache.set(spec, level);
  }
  return level;
}

function levelStatus(levels: Iterable<string>): 'info' | 'warning' | 'error' {
  let worst: 'info' | 'warning' | 'error' = 'info';
  for (const level of levels) {
    if (level === 'error' || level === 'exception' || level === 'critical') return 'error';
    if (level === 'warning' || level === 'warn') worst = 'warning';
  }
  return worst;
}

/** A finished task's aggregated status: the worst level it logged, or `done` on the versions with that bug. */
function finishedStatus(f: Features, levels: Iterable<string>): string {
  return f.doneBug ? 'done' : levelStatus(levels);
}

function pageLog(uid: string, message: PageMessage, at: Date, offsetMicros: number): LogEvent {
  const level = messageLevel(message);
  if (message.kind === 'uniqueness') {
    return log(at, eventText(message), uid, level, { attributes: USER_ATTRIBUTES, dn: message.dn }, offsetMicros);
  }
  if (message.kind === 'exception') return log(at, message.text, uid, level, exceptionAttribute(message.text), offsetMicros);
  if (message.kind === 'raw') return log(at, message.event, message.logger ?? uid, level, {}, offsetMicros);
  return log(at, eventText(message), uid, level, {}, offsetMicros);
}

export interface TaskBase {
  messageId: string;
  actorName: string;
  state: string;
  aggregatedStatus: string;
  mtime: Date;
  uid: string;
  retries: number;
  description: string;
  logs: () => LogEvent[];
  previousLogs?: () => LogEvent[];
}

export function taskRow(f: Features, scheduleId: string, t: TaskBase): TaskRow {
  return {
    messageId: t.messageId,
    scheduleId,
    actorName: t.actorName,
    state: t.state,
    aggregatedStatus: t.aggregatedStatus,
    mtime: t.mtime,
    render: () => ({
      message_id: t.messageId,
      queue_name: 'default',
      actor_name: t.actorName,
      state: t.state,
      mtime: isoMicro(t.mtime),
      retries: t.retries,
      eta: null,
      rel_obj_app_label: 'authentik_tasks_schedules',
      rel_obj_model: 'schedule',
      rel_obj_id: scheduleId,
      uid: t.uid,
      [f.logsKey]: t.logs(),
      [`previous_${f.logsKey}`]: t.previousLogs?.() ?? [],
      aggregated_status: t.aggregatedStatus,
      description: t.description,
    }),
  };
}

function finishedPageRow(f: Features, slug: string, scheduleId: string, view: RunView, placed: PlacedPage): TaskRow {
  const { spec, start, finish } = placed;
  const uid = `${ACTOR_PAGE}:${slug}:${spec.type}:${spec.pageId}`;
  const count = spec.messages.length;
  return taskRow(f, scheduleId, {
    messageId: spec.taskId,
    actorName: ACTOR_PAGE,
    state: 'done',
    aggregatedStatus: finishedStatus(f, [pageLevel(spec)]),
    mtime: finish,
    uid,
    retries: 0,
    description: spec.description ?? 'Sync page for LDAP source.',
    logs: () => [
      queued(view.enumeratedAt ?? view.queuedAt),
      processing(start),
      ...spec.messages.map((m, i) => pageLog(uid, m, finish, -(count - i) * 37 - 500)),
      finishedOk(finish),
    ],
  });
}

function pendingPageRow(f: Features, slug: string, scheduleId: string, view: RunView, spec: PageSpec, state: string): TaskRow {
  const queuedAt = view.enumeratedAt ?? view.queuedAt;
  return taskRow(f, scheduleId, {
    messageId: spec.taskId,
    actorName: ACTOR_PAGE,
    state,
    aggregatedStatus: state,
    mtime: state === 'running' ? addMs(queuedAt, SECOND) : queuedAt,
    uid: `${ACTOR_PAGE}:${slug}:${spec.type}:${spec.pageId}`,
    retries: 0,
    description: spec.description ?? 'Sync page for LDAP source.',
    logs: () => (state === 'running' ? [queued(queuedAt), processing(addMs(queuedAt, SECOND))] : [queued(queuedAt)]),
  });
}

/** The state of a page not yet finished: one runs, membership waits for users and groups (2026.8+), others queue. */
function pendingState(f: Features, pending: PageSpec[], index: number): string {
  if (index === 0) return 'running';
  const spec = pending[index];
  const blocked = pending.some((p) => p.type === 'users' || p.type === 'groups');
  return f.waitingForDependencies && spec?.type === 'membership' && blocked ? 'waiting_for_dependencies' : 'queued';
}

function rejectedParentRow(f: Features, slug: string, scheduleId: string, run: Run, view: RunView, error: string): TaskRow {
  const end = view.completedAt ?? view.queuedAt;
  const failure = (at: Date) => log(at, error, FRAMEWORK_LOGGER, 'error', exceptionAttribute(error));
  const willRetry = (at: Date, delay: number) => log(at, 'Task will be retried', FRAMEWORK_LOGGER, 'info', { delay });
  const attemptStart = (n: number) => addMs(view.queuedAt, (n * (n + 1) * 15 * SECOND) / 2 + n * SECOND);
  const previous = (): LogEvent[] => {
    const events: LogEvent[] = [queued(view.queuedAt)];
    for (let n = 0; n < 5; n++) {
      const at = attemptStart(n);
      events.push(processing(at), failure(addMs(at, 600)), willRetry(addMs(at, 610), 15_000 * (n + 1) + 842));
    }
    return events;
  };
  return taskRow(f, scheduleId, {
    messageId: run.id,
    actorName: ACTOR_SYNC,
    state: 'rejected',
    aggregatedStatus: 'rejected',
    mtime: end,
    uid: `${ACTOR_SYNC}:${slug}`,
    retries: 5,
    description: 'Sync LDAP source.',
    logs: () => [willRetry(addMs(end, -2500), 241_877), processing(addMs(end, -600)), failure(end)],
    previousLogs: previous,
  });
}

/** The aggregated status of a run's parent task (the run's outcome, as `last_sync_status` reports it). */
export function parentStatus(f: Features, run: Run, view: RunView): string {
  if (run.spec.rejected) return view.completedAt ? 'rejected' : 'running';
  if (!view.completedAt) return 'running';
  return finishedStatus(f, view.finished.map((p) => pageLevel(p.spec)));
}

function parentRow(f: Features, slug: string, scheduleId: string, run: Run, view: RunView): TaskRow {
  const startedAt = addMs(view.queuedAt, 200);
  const lastActivity = view.finished.at(-1)?.finish ?? view.enumeratedAt ?? startedAt;
  return taskRow(f, scheduleId, {
    messageId: run.id,
    actorName: ACTOR_SYNC,
    state: view.completedAt ? 'done' : 'running',
    aggregatedStatus: parentStatus(f, run, view),
    mtime: view.completedAt ?? lastActivity,
    uid: `${ACTOR_SYNC}:${slug}`,
    retries: 0,
    description: 'Sync LDAP source.',
    logs: () => [
      queued(view.queuedAt),
      processing(startedAt),
      ...(view.completedAt ? [finishedOk(view.completedAt)] : []),
    ],
  });
}

/** Every task of one run: the parent, finished pages, and (once enumerated) the pages still queued. */
export function runTaskRows(f: Features, slug: string, scheduleId: string, run: Run, now: Date): TaskRow[] {
  const view = run.view(now);
  if (run.spec.rejected) {
    return view.completedAt ? [rejectedParentRow(f, slug, scheduleId, run, view, run.spec.rejected.error)] : [parentRow(f, slug, scheduleId, run, view)];
  }
  return [
    parentRow(f, slug, scheduleId, run, view),
    ...view.finished.map((placed) => finishedPageRow(f, slug, scheduleId, view, placed)),
    ...view.pending.map((spec, i) => pendingPageRow(f, slug, scheduleId, view, spec, pendingState(f, view.pending, i))),
  ];
}
