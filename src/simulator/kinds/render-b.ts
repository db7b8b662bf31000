// Generation B (2025.8 to 2026.8): each object has a schedule; a provider's run is a parent `<kind>_sync` task plus
// one `<kind>_sync_objects` task per page (all bound to the schedule, no parent link); a Kerberos run is one
// `kerberos_sync` task. The status endpoint summarises the schedule's newest finished task, page tasks included.

import { taskRow, type TaskRow } from '../render-b.js';
import { addMs, isoMicro, nextRunEveryHours, SECOND } from '../time.js';
import type { Features } from '../version.js';
import { KERBEROS_CONNECTIVITY_ACTOR, KIND_INFO, keyOf, slugify, type KindObject } from './catalog.js';
import { droppedLine, excText, objAttribute, objectString, stopDetail } from './render-a.js';
import type { KindPage, KindRun, KindRunView, ObjectFailure, RunFailure } from './runs.js';
import { runFailure } from './runs.js';

type LogEvent = Record<string, unknown>;

/** 2025.8.x: `messages`, the MessagesMiddleware, slugified uids, and logs saved only when a task ends. */
const legacy = (f: Features) => f.logsKey === 'messages';
const frameworkLogger = (f: Features) => `authentik.tasks.middleware.${legacy(f) ? 'MessagesMiddleware' : 'TaskLogMiddleware'}`;

function log(at: Date, event: string, logger: string, level = 'info', attributes: object = {}, offsetMicros = 0): LogEvent {
  return { timestamp: isoMicro(at, offsetMicros), log_level: level, logger, event, attributes };
}

function framework(f: Features) {
  const logger = frameworkLogger(f);
  return {
    queued: (at: Date) => log(at, 'Task has been queued', logger, 'info', { delay: null }),
    processing: (at: Date) => log(at, 'Task is being processed', logger),
    finished: (at: Date) => log(at, 'Task finished processing without errors', logger),
    willRetry: (at: Date, delay: number) => log(at, 'Task will be retried', logger, 'info', { delay }),
    error: (at: Date, text: string, attributes: object) => log(at, text, logger, 'error', attributes),
  };
}

function exceptionAttribute(excType: string, text: string, frames: { filename: string; lineno: number; name: string }[]): Record<string, unknown> {
  return {
    exception: [
      {
        exc_type: excType.split('.').at(-1),
        exc_value: text,
        exc_notes: [],
        syntax_error: null,
        is_cause: false,
        frames: frames.map((fr) => ({ filename: fr.filename, lineno: fr.lineno, name: fr.name, locals: null })),
        is_group: false,
        exceptions: [],
      },
    ],
  };
}

function levelStatus(levels: Iterable<string>): 'info' | 'warning' | 'error' {
  let worst: 'info' | 'warning' | 'error' = 'info';
  for (const level of levels) {
    if (level === 'error' || level === 'exception' || level === 'critical') return 'error';
    if (level === 'warning' || level === 'warn') worst = 'warning';
  }
  return worst;
}

/** A finished task's aggregated status: the worst level it logged, or `done` on 2025.10 to 2026.5. */
function finishedStatus(f: Features, logs: LogEvent[]): string {
  return f.doneBug ? 'done' : levelStatus(logs.map((l) => String(l.log_level)));
}

export function parentUid(f: Features, o: KindObject): string {
  const info = KIND_INFO[o.kind];
  if (o.kind === 'kerberos') return legacy(f) ? info.actor : `${info.actor}:${o.id}`;
  return `${info.actor}:${legacy(f) ? slugify(o.name) : o.name}`;
}

function pageUid(f: Features, o: KindObject, page: KindPage): string {
  return `${KIND_INFO[o.kind].pageActor}:${legacy(f) ? slugify(o.name) : o.name}:${page.model}:${page.n}`;
}

function failureLineB(f: Features, failure: ObjectFailure, at: Date, logger: string, offset: number): LogEvent {
  const obj = objAttribute(failure);
  const text = excText(f, failure);
  const frames = [{ filename: `/authentik/providers/scim/clients/base.py`, lineno: 84, name: '_request' }];
  switch (failure.kind) {
    case 'bad-request':
      return log(at, `Failed to sync ${objectString(failure)} due to error: ${text}`, logger, 'warning', { arguments: [], obj, ...exceptionAttribute('BadRequestSyncException', text, frames) }, offset);
    case 'transient':
      return log(at, `Failed to sync ${objectString(failure)} due to transient error: ${text}`, logger, 'warning', { obj, ...exceptionAttribute('SCIMRequestException', text, frames) }, offset);
    case 'stop':
      return log(at, `Stopping sync due to error: ${stopDetail(f, failure)}`, logger, 'warning', { obj }, offset);
  }
}

/** Attempts of a task dramatiq retried 5 times: `previous_logs`, and the last attempt's `logs`. */
function rejectedLogs(f: Features, queuedAt: Date, end: Date, attempt: (at: Date) => LogEvent[], failure: (at: Date) => LogEvent) {
  const fw = framework(f);
  const span = Math.max(end.getTime() - queuedAt.getTime(), 6 * SECOND);
  const at = (n: number) => addMs(queuedAt, Math.round((span * n) / 6));
  const previous: LogEvent[] = [fw.queued(queuedAt)];
  for (let n = 0; n < 5; n++) {
    previous.push(fw.processing(at(n)), ...attempt(addMs(at(n), 5)), failure(addMs(at(n), 600)), fw.willRetry(addMs(at(n), 610), 15_000 * (n + 1) + 842));
  }
  return {
    logs: () => [fw.willRetry(addMs(end, -2500), 241_877), fw.processing(addMs(end, -600)), ...attempt(addMs(end, -595)), failure(end)],
    previousLogs: () => previous,
  };
}

function pageRows(f: Features, o: KindObject, view: KindRunView): TaskRow[] {
  const info = KIND_INFO[o.kind];
  const fw = framework(f);
  const rows: TaskRow[] = [];
  const usersLeft = view.running?.page.model === 'user' || view.pending.some((p) => p.model === 'user');
  const usersDoneAt = usersLeft ? undefined : view.done.filter((p) => p.page.model === 'user').at(-1)?.finish;
  const queuedAt = (page: KindPage) => (page.model === 'user' ? addMs(view.startedAt, 20) : addMs(usersDoneAt ?? view.startedAt, 20));
  const syncing = (page: KindPage, at: Date, uid: string) =>
    log(at, `Syncing page ${page.n} or ${page.model === 'user' ? 'Users' : 'Groups'}`, uid, 'info', {});
  const base = (page: KindPage, uid: string) => ({
    messageId: page.taskId,
    actorName: info.pageActor ?? info.actor,
    uid,
    description: info.pageDescription ?? info.scheduleDescription,
  });
  for (const { page, start, finish } of view.done) {
    const uid = pageUid(f, o, page);
    const rejected = page.rejected;
    if (rejected) {
      const text = excText(f, rejected);
      const { logs, previousLogs } = rejectedLogs(f, queuedAt(page), finish, (at) => [syncing(page, at, uid)], (at) => fw.error(at, text, exceptionAttribute(rejected.excType, text, rejected.frames)));
      rows.push(taskRow(f, o.scheduleId, { ...base(page, uid), state: 'rejected', aggregatedStatus: 'rejected', mtime: finish, retries: 5, logs, previousLogs }));
      continue;
    }
    const logs = (): LogEvent[] => [
      fw.queued(queuedAt(page)),
      fw.processing(start),
      syncing(page, addMs(start, 5), uid),
      ...(page.dropped ?? []).map((write, i) => droppedLine(write, addMs(finish, -80), uid, i * 97)),
      ...page.failures.map((failure, i) => failureLineB(f, failure, addMs(finish, -50), uid, -(page.failures.length - i) * 211)),
      fw.finished(finish),
    ];
    rows.push(taskRow(f, o.scheduleId, { ...base(page, uid), state: 'done', aggregatedStatus: finishedStatus(f, logs()), mtime: finish, retries: 0, logs }));
  }
  if (view.running) {
    const { page, start } = view.running;
    const uid = pageUid(f, o, page);
    const logs = () => (legacy(f) ? [fw.queued(queuedAt(page))] : [fw.queued(queuedAt(page)), fw.processing(start), syncing(page, addMs(start, 5), uid)]);
    rows.push(taskRow(f, o.scheduleId, { ...base(page, uid), state: 'running', aggregatedStatus: 'running', mtime: start, retries: 0, logs }));
  }
  // dramatiq queues a model's pages at once; the groups pages once every users page is done.
  const runningModel = view.running?.page.model;
  for (const page of view.pending) {
    if (page.model === 'group' && runningModel === 'user') continue;
    const uid = pageUid(f, o, page);
    const at = queuedAt(page);
    rows.push(taskRow(f, o.scheduleId, { ...base(page, uid), state: 'queued', aggregatedStatus: 'queued', mtime: at, retries: 0, logs: () => [fw.queued(at)] }));
  }
  return rows;
}

function parentRow(f: Features, o: KindObject, run: KindRun, view: KindRunView): TaskRow {
  const info = KIND_INFO[o.kind];
  const fw = framework(f);
  const uid = parentUid(f, o);
  const failure: RunFailure | undefined = runFailure(run.spec);
  const started = view.startedAt;
  const own = (at: Date): LogEvent[] => {
    // The lock is busy: Kerberos says so without a full stop, providers with one, after their start line.
    if (run.spec.skipped && o.kind === 'kerberos') return [log(at, 'Synchronization is already running. Skipping', uid)];
    if (run.spec.skipped) return [log(at, 'Starting full provider sync', uid), log(at, 'Synchronization is already running. Skipping.', uid, 'info', {}, 7)];
    if (o.kind === 'kerberos') return run.spec.notes.map((note, i) => log(at, note, uid, 'info', {}, i));
    if (run.spec.unassigned) return [log(at, 'No provider found. Is it assigned to an application?', uid, 'warning')];
    return [log(at, 'Starting full provider sync', uid)];
  };
  const common = { messageId: run.id, actorName: info.actor, uid, description: info.scheduleDescription };
  if (!view.completedAt) {
    const lastActivity = view.done.at(-1)?.finish ?? view.running?.start ?? started;
    const logs = () => (legacy(f) ? [fw.queued(view.queuedAt)] : [fw.queued(view.queuedAt), fw.processing(started), ...own(addMs(started, 20))]);
    return taskRow(f, o.scheduleId, { ...common, state: 'running', aggregatedStatus: 'running', mtime: lastActivity, retries: 0, logs });
  }
  const end = view.completedAt;
  if (failure) {
    // A Kerberos run raises itself; a provider's parent fails when its page group's wait() raises.
    const text = o.kind === 'kerberos' ? failure.text : `actor raised ${failure.excType.split('.').at(-1)}: ${excText(f, failure)}`;
    const excType = o.kind === 'kerberos' ? failure.excType : 'dramatiq.results.errors.ResultFailure';
    const { logs, previousLogs } = rejectedLogs(f, view.queuedAt, end, own, (at) => fw.error(at, text, exceptionAttribute(excType, text, failure.frames)));
    return taskRow(f, o.scheduleId, { ...common, state: 'rejected', aggregatedStatus: 'rejected', mtime: end, retries: 5, logs, previousLogs });
  }
  const logs = (): LogEvent[] => [fw.queued(view.queuedAt), fw.processing(started), ...own(addMs(started, 20)), fw.finished(end)];
  return taskRow(f, o.scheduleId, { ...common, state: 'done', aggregatedStatus: finishedStatus(f, logs()), mtime: end, retries: 0, logs });
}

/** Every task of one run, bound to the object's schedule (rendered lazily). */
export function kindRunTaskRows(f: Features, o: KindObject, run: KindRun, now: Date): TaskRow[] {
  const view = run.view(now);
  return [parentRow(f, o, run, view), ...(o.kind === 'kerberos' ? [] : pageRows(f, o, view))];
}

/** `sync/status` in generation B, from the schedule's tasks (OTHER-SYNCS §1.3 "How sync/status is computed"). */
export function kindStatusB(f: Features, rows: TaskRow[], isRunning: boolean): Record<string, unknown> {
  const newest = (list: TaskRow[]) => list.reduce<TaskRow | undefined>((best, row) => (!best || row.mtime > best.mtime ? row : best), undefined);
  const finished = legacy(f)
    ? rows.filter((r) => r.aggregatedStatus !== 'queued' && r.aggregatedStatus !== 'consumed')
    : rows.filter((r) => r.state === 'done' || r.state === 'rejected');
  const last = newest(finished);
  const success = newest(rows.filter((r) => r.aggregatedStatus === 'done' || r.aggregatedStatus === 'info'));
  return {
    is_running: isRunning,
    ...(success ? { last_successful_sync: isoMicro(success.mtime) } : {}),
    ...(last ? { last_sync_status: last.aggregatedStatus } : {}),
  };
}

export interface KindScheduleRow {
  id: string;
  /** `scim/3`: sending this schedule starts a sync of that object; null for Kerberos' connectivity check */
  kindKey: string | null;
  body: Record<string, unknown>;
}

/** The object's schedules: the sync (and, for Kerberos, the hourly connectivity check). */
export function kindSchedules(f: Features, o: KindObject, now: Date, lastStatus: string | null): KindScheduleRow[] {
  const info = KIND_INFO[o.kind];
  const rel = { rel_obj_app_label: info.appLabel, rel_obj_model: info.modelName, rel_obj_id: String(o.pk) };
  const sync: KindScheduleRow = {
    id: o.scheduleId,
    kindKey: keyOf(o),
    body: {
      id: o.scheduleId,
      identifier: String(o.pk),
      uid: `${info.actor}:${o.kind === 'kerberos' ? o.id : o.name}`,
      actor_name: info.actor,
      ...rel,
      crontab: `${o.crontabMinute} */${info.everyHours} * * *`,
      paused: false,
      next_run: isoMicro(nextRunEveryHours(now, o.crontabMinute, info.everyHours)),
      description: info.scheduleDescription,
      last_task_status: lastStatus,
    },
  };
  if (!o.connectivityScheduleId) return [sync];
  const connectivity: KindScheduleRow = {
    id: o.connectivityScheduleId,
    kindKey: null,
    body: {
      id: o.connectivityScheduleId,
      identifier: String(o.pk),
      uid: `${KERBEROS_CONNECTIVITY_ACTOR}:${o.id}`,
      actor_name: KERBEROS_CONNECTIVITY_ACTOR,
      ...rel,
      crontab: `${(o.crontabMinute + 15) % 60} * * * *`,
      paused: false,
      next_run: isoMicro(nextRunEveryHours(now, (o.crontabMinute + 15) % 60, 1)),
      description: 'Check connectivity for Kerberos sources.',
      last_task_status: o.enabled ? (f.doneBug ? 'done' : 'info') : null,
    },
  };
  return [connectivity, sync];
}
