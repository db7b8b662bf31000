// The endpoints of the Kerberos source (2024.10+) and the SCIM, Google Workspace and Microsoft Entra providers, in
// both generations, with authentik's permission checks, 404 bodies and enterprise-licence refusals.

import { forbidden, json, notFound, paginate, type Reply } from '../http.js';
import { PERM } from '../permissions.js';
import { systemTask } from '../render-a.js';
import type { Route, RouteContext } from '../route.js';
import { SOURCES } from '../sources.js';
import { minorOf } from '../version.js';
import { KIND_INFO, KIND_OBJECTS, KINDS, findObject, keyOf, type Kind, type KindObject } from './catalog.js';
import { expired, kerberosSystemTask, providerSystemTask } from './render-a.js';
import { kindRunTaskRows, kindSchedules, kindStatusB, type KindScheduleRow } from './render-b.js';
import { serializeKerberos, serializeProvider } from './serialize.js';
import { objectString, stopDetail, excText } from './render-a.js';
import type { TaskRow } from '../render-b.js';
import type { Features } from '../version.js';
import type { LicenseStatus } from '../types.js';


const ID = '([^/.]+)';

/** The objects of a kind this server has: none of Google/Entra without ever a licence, no Kerberos before 2024.10. */
export function objectsOn(ctx: Pick<RouteContext, 'state' | 'features'>, kind: Kind): KindObject[] {
  if (kind === 'kerberos' && !ctx.features.kerberos) return [];
  if (KIND_INFO[kind].enterprise && ctx.state.license === 'unlicensed') return [];
  return KIND_OBJECTS.filter((o) => o.kind === kind);
}

function lookup(ctx: RouteContext, kind: Kind, id: string | undefined): KindObject | undefined {
  const found = id === undefined ? undefined : findObject(kind, id);
  return found && objectsOn(ctx, kind).includes(found) ? found : undefined;
}

/** authentik's ObjectFilter: without the model's view permission, a list or lookup is refused outright. */
function withObject(ctx: RouteContext, kind: Kind, id: string | undefined, handle: (o: KindObject) => Reply, checkView = true): Reply {
  if (checkView && !ctx.state.can(KIND_INFO[kind].perm.view)) return forbidden();
  const o = lookup(ctx, kind, id);
  return o ? handle(o) : notFound(ctx.features, KIND_INFO[kind].model);
}

function serialize(ctx: RouteContext, o: KindObject): Record<string, unknown> {
  if (o.kind !== 'kerberos') return serializeProvider(o, ctx.features);
  return serializeKerberos(o, ctx.features, ctx.state.kinds.syncUsers(o), ctx.state.kinds.connectivity(o));
}

function list(kind: Kind) {
  return (ctx: RouteContext): Reply => {
    if (!ctx.state.can(KIND_INFO[kind].perm.view)) return forbidden();
    const q = ctx.query;
    const search = q.get('search')?.toLowerCase() ?? '';
    const name = q.get('name');
    const slug = q.get('slug');
    const rows = objectsOn(ctx, kind)
      .filter(
        (o) =>
          (search === '' || o.name.toLowerCase().includes(search) || (kind === 'kerberos' && o.id.includes(search))) &&
          (name === null || o.name === name) &&
          (slug === null || (kind === 'kerberos' && o.id === slug)),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
    return paginate(rows, q, ctx.features, (o) => serialize(ctx, o));
  };
}

function retrieve(kind: Kind) {
  return (ctx: RouteContext, [id]: string[]): Reply => withObject(ctx, kind, id, (o) => json(200, serialize(ctx, o)));
}

function badBody(body: unknown): Reply | null {
  if (body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body))) return null;
  const got = Array.isArray(body) ? 'list' : typeof body === 'string' ? 'str' : typeof body === 'number' ? 'int' : 'NoneType';
  return json(400, { non_field_errors: [`Invalid data. Expected a dictionary, but got ${got}.`] });
}

const LICENSE_OK: LicenseStatus[] = ['valid'];

/** authentik's UI triggers a sync by saving the object unchanged: `PATCH {}`. */
function patch(kind: Kind) {
  return (ctx: RouteContext, [id]: string[]): Reply =>
    withObject(ctx, kind, id, (o) => {
      if (!ctx.state.can(KIND_INFO[kind].perm.change)) return forbidden();
      const bad = badBody(ctx.body);
      if (bad) return bad;
      // EnterpriseRequiredMixin.validate: Google Workspace and Entra cannot be saved without a valid licence.
      if (KIND_INFO[kind].enterprise && !LICENSE_OK.includes(ctx.state.license)) {
        return json(400, { non_field_errors: ['Enterprise is required to create/update this object.'] });
      }
      // A: a Kerberos save queues a sync only when the source is enabled and syncs users. B: the schedule is sent.
      const queues = ctx.features.generation === 'B' || kind !== 'kerberos' || (o.enabled && ctx.state.kinds.syncUsers(o));
      if (queues) ctx.state.kinds.trigger(o, ctx.features.generation);
      return json(200, serialize(ctx, o));
    });
}

function statusA(kind: Kind) {
  return (ctx: RouteContext, [id]: string[]): Reply =>
    // The Kerberos status view has no filter backends: any authenticated token may read it.
    withObject(
      ctx,
      kind,
      id,
      (o) => {
        const { state, now } = ctx;
        state.kinds.statusPolled(o);
        const isRunning = state.kinds.isRunning(o);
        // The view looks for `kerberos_sync` rows with `uid startswith slug`; the task writes `kerberos_sync_single`
        // with uid null: always empty.
        if (kind === 'kerberos' || !state.can(PERM.viewSystemTask)) return json(200, { is_running: isRunning, tasks: [] });
        const row = latestRowA(ctx, o);
        return json(200, { is_running: isRunning, tasks: row && !expired(row, now) ? [row] : [] });
      },
      kind !== 'kerberos',
    );
}

/** The provider's SystemTask row: written by the latest run that ended (update_or_create on name and uid). */
function latestRowA(ctx: RouteContext, o: KindObject): Record<string, unknown> | null {
  const runs = ctx.state.kinds.runs(o);
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i];
    const row = run ? providerSystemTask(ctx.features, o, run, ctx.now) : null;
    if (row) return row;
  }
  return null;
}

/** The shared `kerberos_sync_single` row: the latest run of any Kerberos source (and which source that was). */
function kerberosRowA(ctx: RouteContext): { row: Record<string, unknown>; source: KindObject } | null {
  let best: { at: number; row: Record<string, unknown>; source: KindObject } | null = null;
  for (const o of objectsOn(ctx, 'kerberos')) {
    for (const run of ctx.state.kinds.runs(o)) {
      const row = kerberosSystemTask(ctx.features, run, ctx.now);
      const at = run.view(ctx.now).completedAt?.getTime() ?? 0;
      if (row && (!best || at > best.at)) best = { at, row, source: o };
    }
  }
  return best && !expired(best.row, ctx.now) ? { row: best.row, source: best.source } : null;
}

export function kindTaskRows(ctx: Pick<RouteContext, 'state' | 'features' | 'now'>, o: KindObject): TaskRow[] {
  const keepFrom = ctx.now.getTime() - 30 * 24 * 3600_000;
  return ctx.state.kinds
    .runs(o)
    .flatMap((run) => kindRunTaskRows(ctx.features, o, run, ctx.now))
    .filter((row) => row.mtime.getTime() > keepFrom);
}

/**
 * The task rows of the newest runs, back to the newest run that finished well: enough for what `sync/status` and
 * `last_task_status` pick (the week scenario keeps 30 days of runs).
 */
function recentTaskRows(ctx: Pick<RouteContext, 'state' | 'features' | 'now'>, o: KindObject): TaskRow[] {
  const keepFrom = ctx.now.getTime() - 30 * 24 * 3600_000;
  const runs = ctx.state.kinds.runs(o);
  const rows: TaskRow[] = [];
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i];
    if (!run) continue;
    const mine = kindRunTaskRows(ctx.features, o, run, ctx.now).filter((row) => row.mtime.getTime() > keepFrom);
    rows.push(...mine);
    if (mine.some((row) => row.state === 'done' && (row.aggregatedStatus === 'done' || row.aggregatedStatus === 'info'))) break;
  }
  return rows;
}

function statusB(kind: Kind) {
  return (ctx: RouteContext, [id]: string[]): Reply =>
    withObject(ctx, kind, id, (o) => {
      ctx.state.kinds.statusPolled(o);
      return json(200, kindStatusB(ctx.features, recentTaskRows(ctx, o), ctx.state.kinds.isRunning(o)));
    });
}

/** Syncs one user or group (blocking); needs add_<model> (DRF maps POST to add). */
function syncObject(kind: Kind) {
  return (ctx: RouteContext, [id]: string[]): Reply =>
    withObject(ctx, kind, id, (o) => {
      if (!ctx.state.can(KIND_INFO[kind].perm.add)) return forbidden();
      const body = (ctx.body ?? {}) as Record<string, unknown>;
      const errors: Record<string, string[]> = {};
      const model = body.sync_object_model;
      if (model === undefined) errors.sync_object_model = ['This field is required.'];
      else if (model !== 'authentik.core.models.User' && model !== 'authentik.core.models.Group') errors.sync_object_model = [`"${String(model)}" is not a valid choice.`];
      if (body.sync_object_id === undefined || body.sync_object_id === '') errors.sync_object_id = ['This field is required.'];
      if (Object.keys(errors).length > 0) return json(400, errors);
      return json(200, { messages: syncObjectMessages(ctx, o, String(model), String(body.sync_object_id)) });
    });
}

function syncObjectMessages(ctx: RouteContext, o: KindObject, model: string, pk: string): Record<string, unknown>[] {
  const v = minorOf(ctx.features.version);
  // 2025.10 on: the messages moved to TaskLog, the endpoint returns task._messages: always empty.
  if (v >= 202510) return [];
  const info = KIND_INFO[o.kind];
  const runs = ctx.state.kinds.runs(o);
  const spec = runs.at(-1)?.spec;
  const failure = spec?.pages.flatMap((p) => p.failures).find((f) => String(f.pk) === pk && `authentik.core.models.${f.model}` === model);
  const at = ctx.now.toISOString().replace('Z', '000Z');
  const userModel = model.endsWith('User');
  const logger = v >= 202508 ? `${info.pageActor}:${o.name}:${userModel ? 'user' : 'group'}:1:manual` : `${info.verboseName}@${model}`;
  const line = (event: string, level = 'info') => ({ timestamp: at, log_level: level, logger, event, attributes: {} });
  const messages: Record<string, unknown>[] = [];
  if (v >= 202508) messages.push(line('Task has been queued'), line('Task is being processed'));
  if (v === 202506) messages.push(line(`Syncing page 1 of ${userModel ? 'Users' : 'Groups'}`));
  if (failure) {
    const text = excText(ctx.features, failure);
    const object = v >= 202508 ? objectString(failure) : `${failure.model} ${objectString(failure)}`;
    const event =
      failure.kind === 'stop'
        ? `Stopping sync due to error: ${stopDetail(ctx.features, failure)}`
        : `Failed to sync ${object} due to ${failure.kind === 'transient' ? 'transient error' : 'error'}: ${text}`;
    messages.push(line(event, 'warning'));
  }
  if (v >= 202508) messages.push(line('Task finished processing without errors'));
  return messages;
}

/** A's SystemTask rows: every LDAP page row, every provider's row and the one Kerberos row (with what re-runs). */
function systemTaskEntries(ctx: RouteContext): { row: Record<string, unknown>; reruns: KindObject | null }[] {
  const rows: { row: Record<string, unknown>; reruns: KindObject | null }[] = [];
  for (const source of SOURCES) {
    const run = ctx.state.latestRun(source.slug);
    if (run) rows.push(...run.view(ctx.now).finished.map((placed) => ({ row: systemTask(source.slug, placed), reruns: null })));
  }
  for (const kind of KINDS) {
    if (kind === 'kerberos') continue;
    for (const o of objectsOn(ctx, kind)) {
      const row = latestRowA(ctx, o);
      if (row && !expired(row, ctx.now)) rows.push({ row, reruns: o });
    }
  }
  const kerberos = kerberosRowA(ctx);
  if (kerberos) rows.push({ row: kerberos.row, reruns: kerberos.source });
  return rows;
}

const systemTaskRows = (ctx: RouteContext) => systemTaskEntries(ctx).map((e) => e.row);

/**
 * `POST /events/system_tasks/{uuid}/run/` (authentik_events.run_task): re-runs the stored task. A provider's row
 * re-runs its sync; the Kerberos row re-runs whichever source ran last; an LDAP page's row starts no new run.
 */
function runSystemTask(ctx: RouteContext, [uuid]: string[]): Reply {
  if (!ctx.state.can(PERM.viewSystemTask)) return forbidden();
  const entry = systemTaskEntries(ctx).find((e) => e.row.uuid === uuid);
  if (!entry) return { status: 404, body: '' };
  if (!ctx.state.can('authentik_events.run_task')) return forbidden();
  if (entry.reruns) ctx.state.kinds.trigger(entry.reruns, 'A');
  return { status: 204, body: '' };
}

function listSystemTasks(ctx: RouteContext): Reply {
  if (!ctx.state.can(PERM.viewSystemTask)) return forbidden();
  const q = ctx.query;
  const rows = systemTaskRows(ctx).filter(
    (row) =>
      (q.get('name') === null || row.name === q.get('name')) &&
      (q.get('uid') === null || row.uid === q.get('uid')) &&
      (q.get('status') === null || row.status === q.get('status')),
  );
  rows.sort((a, b) => String(a.name).localeCompare(String(b.name)) || String(a.uid ?? '').localeCompare(String(b.uid ?? '')));
  return paginate(rows, q, ctx.features, (row) => row);
}

function getSystemTask(ctx: RouteContext, [uuid]: string[]): Reply {
  if (!ctx.state.can(PERM.viewSystemTask)) return forbidden();
  const row = systemTaskRows(ctx).find((r) => r.uuid === uuid);
  return row ? json(200, row) : notFound(ctx.features, 'SystemTask');
}

function licenseSummary(ctx: RouteContext): Reply {
  const status = ctx.state.license;
  return json(200, {
    internal_users: 412,
    external_users: 37,
    status,
    latest_valid: status === 'unlicensed' ? '1970-01-01T00:00:00Z' : status === 'valid' ? '2027-06-30T00:00:00Z' : '2026-06-30T00:00:00Z',
    license_flags: [],
  });
}

const hasKerberos = (f: Features) => f.kerberos;

function kindRoutes(generation: 'A' | 'B'): Route[] {
  return KINDS.flatMap((kind): Route[] => {
    const base = `^/${KIND_INFO[kind].path}/`;
    const when = kind === 'kerberos' ? hasKerberos : undefined;
    const routes: Route[] = [
      { pattern: new RegExp(`${base}$`), methods: { GET: list(kind) }, when },
      { pattern: new RegExp(`${base}${ID}/$`), methods: { GET: retrieve(kind), PATCH: patch(kind) }, when },
      { pattern: new RegExp(`${base}${ID}/sync/status/$`), methods: { GET: generation === 'A' ? statusA(kind) : statusB(kind) }, when },
    ];
    if (kind !== 'kerberos') routes.push({ pattern: new RegExp(`${base}${ID}/sync/object/$`), methods: { POST: syncObject(kind) } });
    return routes;
  });
}

const UUID = '([0-9a-fA-F-]{36})';

export const KIND_ROUTES_A: Route[] = [
  ...kindRoutes('A'),
  { pattern: /^\/events\/system_tasks\/$/, methods: { GET: listSystemTasks } },
  { pattern: new RegExp(`^/events/system_tasks/${UUID}/$`), methods: { GET: getSystemTask } },
  { pattern: new RegExp(`^/events/system_tasks/${UUID}/run/$`), methods: { POST: runSystemTask } },
  { pattern: /^\/enterprise\/license\/summary\/$/, methods: { GET: licenseSummary } },
];

export const KIND_ROUTES_B: Route[] = [...kindRoutes('B'), { pattern: /^\/enterprise\/license\/summary\/$/, methods: { GET: licenseSummary } }];

/** Generation B's schedules of every Kerberos source and provider this server has. */
export function allKindSchedules(ctx: Pick<RouteContext, 'state' | 'features' | 'now'>): KindScheduleRow[] {
  return KINDS.flatMap((kind) =>
    objectsOn(ctx, kind).flatMap((o) => {
      const rows = recentTaskRows(ctx, o);
      const newest = rows.reduce<TaskRow | undefined>((best, row) => (!best || row.mtime > best.mtime ? row : best), undefined);
      return kindSchedules(ctx.features, o, ctx.now, newest?.aggregatedStatus ?? null);
    }),
  );
}

export function triggerByKey(ctx: Pick<RouteContext, 'state' | 'features'>, key: string): void {
  const o = KIND_OBJECTS.find((x) => keyOf(x) === key);
  if (o) ctx.state.kinds.trigger(o, ctx.features.generation);
}

/** `read_only` licence: the enterprise middleware refuses every write, to any path but the licence's own. */
export function deniedByLicense(license: LicenseStatus, method: string, path: string): Reply | null {
  if (license !== 'read_only' || ['GET', 'HEAD', 'OPTIONS'].includes(method) || path.startsWith('/enterprise/')) return null;
  return json(400, { detail: 'Request denied due to expired/invalid license.', code: 'denied_license' });
}

