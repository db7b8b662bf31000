// Generation B: status `{is_running, last_successful_sync?, last_sync_status?}`, schedules, tasks, send.
// Without view_schedule / view_task the lists answer 403: authentik's ObjectFilter refuses a list outright when
// the user has neither the model permission nor any object permission (it does not filter silently).

import { detail, forbidden, json, notFound, paginate } from './http.js';
import { PERM } from './permissions.js';
import { runTaskRows, parentStatus, type TaskRow } from './render-b.js';
import type { Route, RouteContext } from './route.js';
import { COMMON_ROUTES, STATUS_PATTERN, withSource } from './routes-common.js';
import { allSchedules } from './schedules.js';
import { SOURCES } from './sources.js';
import { isoMicro } from './time.js';
import { KIND_OBJECTS } from './kinds/catalog.js';
import { KIND_ROUTES_B, kindTaskRows, objectsOn, triggerByKey } from './kinds/routes.js';

const UUID = '([0-9a-fA-F-]{36})';

function statusB(ctx: RouteContext, [slug]: string[]) {
  return withSource(ctx, slug, (source) => {
    const { state, now, features } = ctx;
    state.statusPolled(source.slug);
    const runs = state.runs(source.slug);
    const views = runs.map((run) => ({ run, view: run.view(now) }));
    const isRunning = views.some(({ run, view }) => !run.spec.rejected && view.completedAt === null);
    const lastFinished = views.filter(({ view }) => view.completedAt !== null).at(-1);
    const lastSuccess = state.lastSuccessfulSync(source.slug);
    return json(200, {
      is_running: isRunning,
      ...(lastSuccess ? { last_successful_sync: isoMicro(lastSuccess) } : {}),
      ...(lastFinished ? { last_sync_status: parentStatus(features, lastFinished.run, lastFinished.view) } : {}),
    });
  });
}

function matches(query: URLSearchParams, name: string, value: unknown): boolean {
  const wanted = query.get(name);
  return wanted === null || String(value) === wanted;
}

function listSchedules(ctx: RouteContext) {
  if (!ctx.state.can(PERM.viewSchedule)) return forbidden();
  const q = ctx.query;
  const rows = allSchedules(ctx.state).filter(
    ({ body }) =>
      matches(q, 'rel_obj_content_type__app_label', body.rel_obj_app_label) &&
      matches(q, 'rel_obj_content_type__model', body.rel_obj_model) &&
      matches(q, 'rel_obj_id', body.rel_obj_id) &&
      matches(q, 'actor_name', body.actor_name) &&
      matches(q, 'paused', body.paused),
  );
  return paginate(rows, q, ctx.features, (row) => row.body);
}

function getSchedule(ctx: RouteContext, [id]: string[]) {
  if (!ctx.state.can(PERM.viewSchedule)) return forbidden();
  const row = allSchedules(ctx.state).find((s) => s.id === id);
  return row ? json(200, row.body) : notFound(ctx.features, 'Schedule');
}

/** Answers 200 `{}` although the schema says 204. */
function sendSchedule(ctx: RouteContext, [id]: string[]) {
  if (!ctx.state.can(PERM.viewSchedule) || !ctx.state.can(PERM.sendSchedule)) return forbidden();
  const row = allSchedules(ctx.state).find((s) => s.id === id);
  if (!row) return notFound(ctx.features, 'Schedule');
  if (row.syncSlug) ctx.state.trigger(row.syncSlug);
  if (row.kindKey) triggerByKey(ctx, row.kindKey);
  return json(200, {});
}

/** The tasks of every sync schedule (LDAP, Kerberos, providers), or of the one whose id is given. */
function allTasks(ctx: RouteContext, scheduleId: string | null = null): TaskRow[] {
  const ldap = SOURCES.filter((source) => scheduleId === null || source.scheduleId === scheduleId).flatMap((source) =>
    ctx.state.runs(source.slug).flatMap((run) => runTaskRows(ctx.features, source.slug, source.scheduleId, run, ctx.now)),
  );
  const kinds = KIND_OBJECTS.filter((o) => (scheduleId === null || o.scheduleId === scheduleId) && objectsOn(ctx, o.kind).includes(o)).flatMap((o) =>
    kindTaskRows(ctx, o),
  );
  return [...ldap, ...kinds];
}

function listTasks(ctx: RouteContext) {
  if (!ctx.state.can(PERM.viewTask)) return forbidden();
  const q = ctx.query;
  // Every task here belongs to a schedule.
  const boundToSchedules =
    (q.get('rel_obj_content_type__app_label') ?? 'authentik_tasks_schedules') === 'authentik_tasks_schedules' &&
    (q.get('rel_obj_content_type__model') ?? 'schedule') === 'schedule';
  const statuses = q.getAll('aggregated_status');
  const rows = (boundToSchedules ? allTasks(ctx, q.get('rel_obj_id')) : []).filter(
    (row) =>
      matches(q, 'actor_name', row.actorName) &&
      matches(q, 'state', row.state) &&
      (statuses.length === 0 || statuses.includes(row.aggregatedStatus)),
  );
  const direction = q.get('ordering') === 'mtime' ? 1 : -1;
  rows.sort((a, b) => direction * (a.mtime.getTime() - b.mtime.getTime()) || a.messageId.localeCompare(b.messageId));
  return paginate(rows, q, ctx.features, (row) => row.render());
}

function getTask(ctx: RouteContext, [id]: string[]) {
  if (!ctx.state.can(PERM.viewTask)) return forbidden();
  const row = allTasks(ctx).find((t) => t.messageId === id);
  return row ? json(200, row.render()) : detail(404, 'No Task matches the given query.');
}

export const ROUTES_B: Route[] = [
  ...COMMON_ROUTES,
  { pattern: STATUS_PATTERN, methods: { GET: statusB } },
  { pattern: /^\/tasks\/schedules\/$/, methods: { GET: listSchedules } },
  { pattern: new RegExp(`^/tasks/schedules/${UUID}/$`), methods: { GET: getSchedule } },
  { pattern: new RegExp(`^/tasks/schedules/${UUID}/send/$`), methods: { POST: sendSchedule } },
  { pattern: /^\/tasks\/tasks\/$/, methods: { GET: listTasks } },
  { pattern: new RegExp(`^/tasks/tasks/${UUID}/$`), methods: { GET: getTask } },
  ...KIND_ROUTES_B,
];
