// createClient: the AuthentikApi over HTTP. Endpoints, generation detection and the generation B detail reads live
// here; transport in http.ts, shapes in schemas-*.ts, domain mapping in adapter-*.ts.
import type { CurrentUser, Generation, LdapSource, ServerVersion, SyncObject, SyncStatus, SyncTask } from '../domain/model.js';
import { safeLine } from '../domain/sanitize.js';
import { idIsSlug, type SyncKind, type SyncObjectRef } from '../domain/sync-object-ref.js';
import { KINDS } from '../kinds/registry.js';
import type { KindDescription } from '../kinds/types.js';
import { ldapSource } from './adapt-common.js';
import { syncStatusA } from './adapter-a.js';
import { latestRun, pickSyncSchedule, scheduleB, syncStatusB, syncTaskB, type ActorsB, type DetailB } from './adapter-b.js';
import { ClientConfigError } from './config-error.js';
import { ApiError, isApiError, isNoAnswer, type ApiErrorKind } from './errors.js';
import { createTransport, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, type Call, type RawAnswer, type Transport } from './http.js';
import { syncStatusASchema, systemTaskListSchema, type SyncStatusAJson } from './schemas-a.js';
import { scheduleListSchema, syncStatusBSchema, taskListSchema, type ScheduleJson, type TaskJson } from './schemas-b.js';
import { ldapSourceSchema, paginated, sessionUserSchema, versionSchema } from './schemas-common.js';
import type { ClientOptions, ObjectOptions, RequestOptions, SyncApi, TaskPage, TriggerResult } from './types.js';
import { parseServerUrl } from './url.js';
import { defaultUserAgent } from './user-agent.js';
import { serverLine } from './server-text.js';
import { sharedRead } from './shared-read.js';
import { createStatusADecoder } from './status-a-slices.js';
import { failShape, parseAnswer, type Answer } from './validate.js';

export const PERMISSIONS = {
  viewSource: 'authentik_sources_ldap.view_ldapsource',
  changeSource: 'authentik_sources_ldap.change_ldapsource',
  viewSchedule: 'authentik_tasks_schedules.view_schedule',
  sendSchedule: 'authentik_tasks_schedules.send_schedule',
  viewTask: 'authentik_tasks.view_task',
  viewSystemTask: 'authentik_events.view_systemtask',
} as const;

/** Bounds on paginated reads: far beyond real servers, short of an endless loop. */
const MAX_SOURCE_PAGES = 100;
const MAX_TASK_PAGES = 20;
const PAGE_SIZE = 100;
/** The first generation B release. */
const GENERATION_B_FROM = { year: 2025, month: 8 };
/** Failures of /admin/version/ that say nothing about the status endpoint: no point falling back to its shape. */
const DECISIVE_KINDS = new Set<ApiErrorKind>(['unauthenticated', 'unreachable', 'tls', 'timeout', 'aborted']);

/** `source`: the source when known, or the read of it in flight (generation B needs its pk, A nothing). */
type StatusOptions = RequestOptions & { source?: LdapSource | Promise<LdapSource> };

/** Turns a parsed answer into what the caller gets, or throws the bad_response naming the wrong field. */
type Decode<T> = (body: unknown, answer: Answer) => T;

const sourcePageSchema = paginated(ldapSourceSchema);
const decodeVersion: Decode<{ version_current: string }> = (body, answer) => parseAnswer(versionSchema, body, answer);
const decodeMe: Decode<CurrentUser> = (body, answer) => {
  const { user } = parseAnswer(sessionUserSchema, body, answer);
  return { username: user.username, name: user.name, isSuperuser: user.is_superuser, permissions: user.system_permissions };
};
const decodeSourcePage = (body: unknown, answer: Answer) => {
  const page = parseAnswer(sourcePageSchema, body, answer);
  return { sources: page.results.map(ldapSource), next: page.pagination.next };
};
const decodeSource: Decode<LdapSource> = (body, answer) => ldapSource(parseAnswer(ldapSourceSchema, body, answer));
const decodeStatusA: Decode<SyncStatus> = (body, answer) => syncStatusA(parseAnswer(syncStatusASchema, body, answer));
const decodeStatusAJson: Decode<SyncStatusAJson> = (body, answer) => parseAnswer(syncStatusASchema, body, answer);
const decodeSystemTasks = (body: unknown, answer: Answer) => parseAnswer(systemTaskListSchema, body, answer);

/** Each kind's decoders, made once: the client's answer cache knows a decoder by its identity. */
interface KindDecoders {
  page: Decode<{ objects: SyncObject[]; next: number }>;
  object: Decode<SyncObject>;
}
const kindDecoders = new Map<SyncKind, KindDecoders>();
function decodersOf(kind: KindDescription): KindDecoders {
  let known = kindDecoders.get(kind.kind);
  if (known === undefined) {
    const { schema, toObject } = kind.object;
    const pageSchema = paginated(schema);
    known = {
      page: (body, answer) => {
        const page = parseAnswer(pageSchema, body, answer);
        return { objects: page.results.map(toObject), next: page.pagination.next };
      },
      object: (body, answer) => toObject(parseAnswer(schema, body, answer)),
    };
    kindDecoders.set(kind.kind, known);
  }
  return known;
}

/** A generation A status as domain tasks, once per decoded answer and object (the poller compares by identity). */
const statusesA = new WeakMap<SyncStatusAJson, { kind: SyncKind; key: string; status: SyncStatus }>();
function statusAOf(json: SyncStatusAJson, kind: KindDescription, key: string): SyncStatus {
  const known = statusesA.get(json);
  if (known !== undefined && known.kind === kind.kind && known.key === key) return known.status;
  const status = syncStatusA(json, (task) => kind.generationA.tasks(task, key));
  statusesA.set(json, { kind: kind.kind, key, status });
  return status;
}
const decodeStatusB = (body: unknown, answer: Answer) => parseAnswer(syncStatusBSchema, body, answer);
const decodeSchedules = (body: unknown, answer: Answer) => parseAnswer(scheduleListSchema, body, answer);
const decodeTaskPage = (body: unknown, answer: Answer) => parseAnswer(taskListSchema, body, answer);

/** The client, and what only the monitor's status reading asks of it (the worker's seed, the UI thread's first read). */
export interface Client extends SyncApi {
  /**
   * With `taskStandIns`: the next generation A status of `slug` counts tasks with these content keys as already read,
   * so they come back as stand-ins without being parsed (the UI thread holds them: poll/worker/protocol.ts).
   */
  assumeTasks(slug: string, keys: readonly string[]): void;
  /**
   * Lets go of what the client remembers of `slug`'s status (its last answer and decoded tasks): the monitor reads a
   * source's first status here and every later one on the worker, and a copy kept here would outlive every change.
   */
  forgetStatus(slug: string): void;
}

export function createClient(options: ClientOptions): Client {
  const parsed = parseServerUrl(options.url);
  if (!parsed.ok) throw new ClientConfigError(parsed.reason);
  if (!/^[\x21-\x7e]+$/.test(options.token)) {
    throw new ClientConfigError(
      'The API token is empty or contains spaces or other characters a token cannot have: copy it again from authentik.',
    );
  }
  const { baseUrl, origin } = parsed;
  const request = createTransport({
    baseUrl,
    origin,
    token: options.token,
    userAgent: options.userAgent ?? defaultUserAgent(),
    timeoutMs: positiveOr(options.timeoutMs, DEFAULT_TIMEOUT_MS),
    maxBytes: positiveOr(options.maxBytes, DEFAULT_MAX_BYTES),
    insecure: options.insecure ?? false,
    signal: options.signal,
  });
  const apiPath = new URL(baseUrl).pathname;
  const shown = (path: string) => ({ origin, shownPath: apiPath + path });
  let knownGeneration: Generation | undefined;
  // The version and the token's user hold while the app runs: read once, shared by every caller, and read again
  // only after the server gave no answer (it may come back upgraded, even to the other generation).
  const cancelled = () => new ApiError('aborted', `The request to ${origin} was cancelled.`);
  const versionRead = sharedRead(readVersion, cancelled);
  const meRead = sharedRead(readMe, cancelled);
  async function observed<T>(pending: Promise<T>): Promise<T> {
    try {
      return await pending;
    } catch (error) {
      if (isApiError(error) && isNoAnswer(error)) {
        knownGeneration = undefined;
        versionRead.forget();
        meRead.forget();
      }
      throw error;
    }
  }
  const transport: Transport = Object.assign((call: Call, signal?: AbortSignal) => observed(request(call, signal)), {
    raw: (call: Call, signal?: AbortSignal) => observed(request.raw(call, signal)),
  });

  /**
   * The last answer to each GET, decoded, with the fingerprint of its bytes. An unchanged body (a finished run's
   * status, polled again) is neither parsed nor validated again, and the caller gets the very same object, which
   * tells the poller that nothing changed without comparing the two.
   */
  const lastAnswers = new Map<string, { fingerprint: string; decode: Decode<unknown>; value: unknown }>();
  function decoded<T>(call: Call, raw: RawAnswer, decode: Decode<T>, fromBytes?: (bytes: Uint8Array) => T | undefined): T {
    const key = `${call.path} ${JSON.stringify(call.query ?? {})}`;
    const last = lastAnswers.get(key);
    if (last !== undefined && last.fingerprint === raw.fingerprint && last.decode === decode) return last.value as T;
    lastAnswers.delete(key); // the old value is not kept alive while the new one is decoded
    const bytes = fromBytes === undefined ? null : raw.bytes();
    const value = (bytes === null ? undefined : fromBytes?.(bytes)) ?? decode(raw.json(), shown(call.path));
    lastAnswers.set(key, { fingerprint: raw.fingerprint, decode: decode as Decode<unknown>, value });
    return value;
  }
  const statusADecoderBySlug = new Map<string, ReturnType<typeof createStatusADecoder>>();
  const statusADecoders = (slug: string) => {
    let decoder = statusADecoderBySlug.get(slug);
    if (decoder === undefined) statusADecoderBySlug.set(slug, (decoder = createStatusADecoder({ standIns: options.taskStandIns === true })));
    return decoder;
  };
  const readDecoded = async <T>(call: Call, signal: AbortSignal | undefined, decode: Decode<T>): Promise<T> =>
    decoded(call, await transport.raw(call, signal), decode);

  const rootCall = (path: string): Call => ({
    method: 'GET',
    path,
    notFound: `${origin} has no authentik API at ${apiPath}${path} (404): the URL is probably not an authentik server.`,
  });
  const sourcePath = (slug: string) => `/sources/ldap/${encodeURIComponent(slug)}/`;
  const noSuchSource = (slug: string) =>
    `No LDAP source with slug '${shownSlug(slug)}' on ${origin}. \`aksync sources\` lists them.`;

  function version(opts?: RequestOptions): Promise<ServerVersion> {
    return versionRead.get(opts?.signal);
  }

  async function readVersion(): Promise<ServerVersion> {
    const call = rootCall('/admin/version/');
    const body = await readDecoded(call, undefined, decodeVersion);
    const generation = generationOf(body.version_current);
    if (generation === undefined) {
      failShape(shown(call.path), `field version_current: '${serverLine(body.version_current, options.token).slice(0, 40)}' is not an authentik version`);
    }
    knownGeneration = generation;
    return { version: body.version_current, generation };
  }

  /** The generation if /admin/version/ tells it; undefined when it fails in a way the status shape can settle. */
  async function generationFromVersion(signal?: AbortSignal): Promise<Generation | undefined> {
    if (knownGeneration !== undefined) return knownGeneration;
    try {
      return (await version(signal === undefined ? {} : { signal })).generation;
    } catch (error) {
      if (isApiError(error) && !DECISIVE_KINDS.has(error.kind)) return undefined;
      throw error;
    }
  }

  function me(opts?: RequestOptions): Promise<CurrentUser> {
    return meRead.get(opts?.signal);
  }

  async function readMe(): Promise<CurrentUser> {
    return await readDecoded(rootCall('/core/users/me/'), undefined, decodeMe);
  }

  async function listSources(opts?: RequestOptions): Promise<LdapSource[]> {
    const sources: LdapSource[] = [];
    for (let page = 1, read = 0; ; read++) {
      const call: Call = { ...rootCall('/sources/ldap/'), query: { page, page_size: PAGE_SIZE }, permission: PERMISSIONS.viewSource };
      if (read >= MAX_SOURCE_PAGES) failShape(shown(call.path), `more than ${MAX_SOURCE_PAGES} pages of sources`);
      const body = await readDecoded(call, opts?.signal, decodeSourcePage);
      sources.push(...body.sources);
      const next = body.next;
      if (next === 0) return sources;
      if (!(next > page)) failShape(shown(call.path), `field pagination.next: ${next} does not follow page ${page}`);
      page = next;
    }
  }

  async function getSource(slug: string, opts?: RequestOptions): Promise<LdapSource> {
    const call: Call = { method: 'GET', path: sourcePath(slug), notFound: noSuchSource(slug), permission: PERMISSIONS.viewSource };
    return await readDecoded(call, opts?.signal, decodeSource);
  }

  const objectPath = (kind: KindDescription, id: string) => `${kind.listPath}${encodeURIComponent(id)}/`;
  const noSuchObject = (kind: KindDescription, id: string) =>
    kind.kind === 'ldap'
      ? noSuchSource(id)
      : `No ${kind.noun.one} with ${idIsSlug(kind.kind) ? 'slug' : 'id'} '${shownSlug(id)}' on ${origin}. \`aksync sources\` lists them.`;

  /** The kind is older than the server: a kind it does not have is a `not_found` naming the release it came with. */
  async function requireKind(kind: KindDescription, signal?: AbortSignal): Promise<void> {
    if (kind.since === null) return;
    let known: ServerVersion;
    try {
      known = await version(signal === undefined ? {} : { signal });
    } catch (error) {
      if (isApiError(error) && !DECISIVE_KINDS.has(error.kind)) return; // the list itself will tell
      throw error;
    }
    if (!versionAtLeast(known.version, kind.since)) {
      throw new ApiError(
        'not_found',
        `authentik ${serverLine(known.version, options.token).slice(0, 40)} on ${origin} has no ${kind.noun.many}: they came with authentik ${kind.since.year}.${kind.since.month}.`,
        404,
      );
    }
  }

  async function listObjects(kindName: SyncKind, opts?: RequestOptions): Promise<SyncObject[]> {
    const kind = KINDS[kindName];
    await requireKind(kind, opts?.signal);
    const decode = decodersOf(kind).page;
    const objects: SyncObject[] = [];
    for (let page = 1, read = 0; ; read++) {
      const call: Call = {
        method: 'GET',
        path: kind.listPath,
        query: { page, page_size: PAGE_SIZE },
        permission: kind.permissions.view,
        notFound: `${origin} has no ${kind.noun.many} (${apiPath}${kind.listPath} answers 404).`,
      };
      if (read >= MAX_SOURCE_PAGES) failShape(shown(call.path), `more than ${MAX_SOURCE_PAGES} pages of ${kind.noun.many}`);
      const body = await readDecoded(call, opts?.signal, decode);
      objects.push(...body.objects);
      const next = body.next;
      if (next === 0) return objects;
      if (!(next > page)) failShape(shown(call.path), `field pagination.next: ${next} does not follow page ${page}`);
      page = next;
    }
  }

  async function getObject(ref: SyncObjectRef, opts?: RequestOptions): Promise<SyncObject> {
    const kind = KINDS[ref.kind];
    await requireKind(kind, opts?.signal);
    const call: Call = { method: 'GET', path: objectPath(kind, ref.id), notFound: noSuchObject(kind, ref.id), permission: kind.permissions.view };
    return await readDecoded(call, opts?.signal, decodersOf(kind).object);
  }

  async function syncStatus(slug: string, opts?: StatusOptions): Promise<SyncStatus> {
    return objectStatus({ kind: 'ldap', id: slug }, { ...(opts?.signal ? { signal: opts.signal } : {}), ...(opts?.source ? { object: opts.source } : {}) });
  }

  async function objectStatus(ref: SyncObjectRef, opts?: ObjectOptions): Promise<SyncStatus> {
    const kind = KINDS[ref.kind];
    const signal = opts?.signal;
    const call: Call = {
      method: 'GET',
      path: `${objectPath(kind, ref.id)}sync/status/`,
      notFound: noSuchObject(kind, ref.id),
      permission: kind.permissions.view,
    };
    // The status is asked for at once, alongside the version (read once per server), not after it: one round trip.
    // The version's failure still comes first, as if it had been read first.
    const answer = transport.raw(call, signal);
    answer.catch(() => undefined);
    const fromVersion = await generationFromVersion(signal);
    const raw = await answer;
    const generation = fromVersion ?? generationFromShape(raw.json());
    knownGeneration = generation;
    // LDAP: a changed answer is decoded task by task: only the tasks whose bytes changed are parsed again.
    if (generation === 'A' && kind.kind === 'ldap') return decoded(call, raw, decodeStatusA, statusADecoders(ref.id).decode);
    if (generation === 'A') {
      const status = statusAOf(decoded(call, raw, decodeStatusAJson), kind, ref.id);
      const runs = kind.generationA.runs;
      if (runs.from === 'status') return status;
      // The shared record is the last run of whichever source ran: never a disabled one's (authentik skips those).
      const object = await opts?.object;
      if (object && !object.enabled) return status;
      const [tasks, sharing] = await Promise.all([systemTaskRun(kind, runs.taskName, ref.id, signal), enabledCount(kind, signal)]);
      return { ...status, tasks, ...(sharing > 1 ? { sharedRecordWith: sharing } : {}) };
    }
    const status = decoded(call, raw, decodeStatusB);
    return syncStatusB(status, await detailB(kind, ref, opts));
  }

  /**
   * Generation A's Kerberos run: the newest record of the task, which authentik shares among every Kerberos source.
   * A token without authentik_events.view_systemtask sees none (authentik filters, it does not refuse).
   */
  async function systemTaskRun(kind: KindDescription, taskName: string, key: string, signal?: AbortSignal): Promise<SyncTask[]> {
    const call: Call = {
      method: 'GET',
      path: '/events/system_tasks/',
      query: { name: taskName, page_size: PAGE_SIZE },
      permission: PERMISSIONS.viewSystemTask,
    };
    let body;
    try {
      body = await readDecoded(call, signal, decodeSystemTasks);
    } catch (error) {
      if (isApiError(error) && (error.kind === 'forbidden' || error.kind === 'not_found')) return [];
      throw error;
    }
    const finish = (t: { finish_timestamp?: Date | null | undefined }) => t.finish_timestamp?.getTime() ?? Number.NEGATIVE_INFINITY;
    const newest = body.results.filter((t) => t.name === taskName).sort((a, b) => finish(b) - finish(a))[0];
    return newest ? kind.generationA.tasks(newest, key) : [];
  }

  /** How many enabled objects of the kind there are (0 when the list cannot be read: nothing is then claimed). */
  async function enabledCount(kind: KindDescription, signal?: AbortSignal): Promise<number> {
    try {
      return (await listObjects(kind.kind, signal === undefined ? {} : { signal })).filter((o) => o.enabled).length;
    } catch (error) {
      if (isApiError(error) && error.kind !== 'aborted') return 0;
      throw error;
    }
  }

  /** The object's pk: a provider's is its id; a source's comes from the object (read when not given). */
  async function pkOf(ref: SyncObjectRef, opts?: ObjectOptions): Promise<string> {
    if (!idIsSlug(ref.kind)) return ref.id;
    return (await opts?.object)?.pk ?? (await getObject(ref, opts)).pk;
  }

  /** The object's sync schedule, or why there is none to see. */
  async function syncSchedule(kind: KindDescription, ref: SyncObjectRef, opts?: ObjectOptions): Promise<ScheduleJson | 'forbidden' | 'none'> {
    const pk = await pkOf(ref, opts);
    const call: Call = {
      method: 'GET',
      path: '/tasks/schedules/',
      query: {
        rel_obj_content_type__app_label: kind.generationB.relObj.appLabel,
        rel_obj_content_type__model: kind.generationB.relObj.model,
        rel_obj_id: pk,
        page_size: PAGE_SIZE,
      },
      permission: PERMISSIONS.viewSchedule,
    };
    try {
      const body = await readDecoded(call, opts?.signal, decodeSchedules);
      return pickSyncSchedule(body.results, kind.generationB.actors.sync, kind.kind === 'ldap' ? undefined : pk) ?? 'none';
    } catch (error) {
      if (isApiError(error) && error.kind === 'forbidden') return 'forbidden';
      throw error;
    }
  }

  async function detailB(kind: KindDescription, ref: SyncObjectRef, opts?: ObjectOptions): Promise<DetailB> {
    const schedule = await syncSchedule(kind, ref, opts);
    if (schedule === 'forbidden') return { schedule: null, tasks: [], missingDetailPermission: PERMISSIONS.viewSchedule };
    // authentik filters out what a token may not see instead of refusing: an empty list may mean "no permission".
    if (schedule === 'none') {
      return { schedule: null, tasks: [], missingDetailPermission: await lacking(PERMISSIONS.viewSchedule, opts?.signal) };
    }
    let tasks: SyncTask[];
    let truncated: boolean;
    try {
      ({ tasks, truncated } = await latestRunTasks(schedule.id, ref.id, kind.generationB.actors, opts?.signal));
    } catch (error) {
      if (isApiError(error) && error.kind === 'forbidden') {
        return { schedule: scheduleB(schedule), tasks: [], missingDetailPermission: PERMISSIONS.viewTask };
      }
      throw error;
    }
    const missing = tasks.length === 0 ? await lacking(PERMISSIONS.viewTask, opts?.signal) : null;
    return { schedule: scheduleB(schedule), tasks, missingDetailPermission: missing, truncated };
  }

  /** The newest run's tasks; `truncated` when the run goes on beyond the pages aksync reads per poll. */
  async function latestRunTasks(scheduleId: string, slug: string, actors: ActorsB, signal?: AbortSignal): Promise<{ tasks: SyncTask[]; truncated: boolean }> {
    const seen: TaskJson[] = [];
    for (let page = 1; ; page++) {
      const call = scheduleTasksCall(scheduleId, page);
      const body = await readDecoded(call, signal, decodeTaskPage);
      seen.push(...body.results);
      const listEnded = body.pagination.next === 0 || body.pagination.next <= page;
      const run = latestRun(seen, slug, listEnded || page >= MAX_TASK_PAGES, actors);
      if (run.settled) return { tasks: run.tasks, truncated: !listEnded && !latestRun(seen, slug, false, actors).settled };
    }
  }

  /** `permission` when the token's user lacks it (or /core/users/me/ refuses to say), else null. */
  async function lacking(permission: string, signal?: AbortSignal): Promise<string | null> {
    try {
      const user = await me(signal === undefined ? {} : { signal });
      return user.isSuperuser || user.permissions.includes(permission) ? null : permission;
    } catch (error) {
      if (isApiError(error) && error.kind === 'forbidden') return permission;
      throw error;
    }
  }

  async function triggerSync(slug: string, opts?: StatusOptions): Promise<TriggerResult> {
    return triggerObject({ kind: 'ldap', id: slug }, { ...(opts?.signal ? { signal: opts.signal } : {}), ...(opts?.source ? { object: opts.source } : {}) });
  }

  async function triggerObject(ref: SyncObjectRef, opts?: ObjectOptions): Promise<TriggerResult> {
    const kind = KINDS[ref.kind];
    const generation = await generationFromVersion(opts?.signal);
    const schedule = generation === 'B' ? await syncSchedule(kind, ref, opts) : 'none';
    // Without the schedule (generation A, or a token that may not see schedules) an empty PATCH of the object
    // starts a sync in every generation.
    const call: Call =
      typeof schedule === 'string'
        ? {
            method: 'PATCH',
            path: objectPath(kind, ref.id),
            body: {},
            notFound: noSuchObject(kind, ref.id),
            permission: kind.permissions.change,
          }
        : {
            method: 'POST',
            path: `/tasks/schedules/${encodeURIComponent(schedule.id)}/send/`,
            notFound: `The sync schedule of '${shownSlug(ref.id)}' disappeared from ${origin} (404): try again.`,
            permission: PERMISSIONS.sendSchedule,
          };
    await transport(call, opts?.signal);
    return { started: true };
  }

  async function generation(opts?: RequestOptions): Promise<Generation> {
    if (knownGeneration !== undefined) return knownGeneration;
    return (await version(opts)).generation;
  }

  /** One page of a 2025.8+ sync schedule's tasks, newest first (the run history's backfill reads older runs this way). */
  async function scheduleTaskPage(ref: SyncObjectRef, scheduleId: string, page: number, opts?: RequestOptions): Promise<TaskPage> {
    const call = scheduleTasksCall(scheduleId, page);
    const body = await readDecoded(call, opts?.signal, decodeTaskPage);
    const actors = KINDS[ref.kind].generationB.actors;
    const tasks = body.results.filter((t) => t.actor_name === actors.sync || t.actor_name === actors.page).map((t) => syncTaskB(t, ref.id, actors));
    const next = body.pagination.next > page ? body.pagination.next : null;
    return { tasks, next };
  }

  return {
    baseUrl,
    assumeTasks: (slug, keys) => statusADecoders(slug).assume(keys),
    forgetStatus(slug) {
      statusADecoderBySlug.delete(slug);
      const path = `${objectPath(KINDS.ldap, slug)}sync/status/ `;
      for (const key of [...lastAnswers.keys()]) if (key.startsWith(path)) lastAnswers.delete(key);
    },
    scheduleTaskPage,
    version,
    me,
    listSources,
    getSource,
    syncStatus,
    triggerSync,
    generation,
    listObjects,
    getObject,
    objectStatus,
    triggerObject,
  };
}

/** `2024.10.5` is at least 2024.10; an unreadable version counts as new enough (the server will tell). */
export function versionAtLeast(version: string, since: { year: number; month: number }): boolean {
  const match = /^v?(\d{4})\.(\d{1,2})(?:\.|-|$)/.exec(version.trim());
  if (match === null) return true;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return year > since.year || (year === since.year && month >= since.month);
}

/** `2024.8.3`, `2025.10.0-rc1` → A before 2025.8, B from it; undefined when it is no authentik version. */
export function generationOf(version: string): Generation | undefined {
  const match = /^v?(\d{4})\.(\d{1,2})(?:\.|-|$)/.exec(version.trim());
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const before = year < GENERATION_B_FROM.year || (year === GENERATION_B_FROM.year && month < GENERATION_B_FROM.month);
  return before ? 'A' : 'B';
}

/** A status body with a `tasks` list is generation A; one with only `is_running` / `last_sync_status` is B. */
export function generationFromShape(body: unknown): Generation {
  const tasks = typeof body === 'object' && body !== null ? (body as { tasks?: unknown }).tasks : undefined;
  return Array.isArray(tasks) ? 'A' : 'B';
}

function shownSlug(slug: string): string {
  const line = safeLine(slug);
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** One page of a 2025.8+ sync schedule's tasks, newest first. */
function scheduleTasksCall(scheduleId: string, page: number): Call {
  return {
    method: 'GET',
    path: '/tasks/tasks/',
    query: {
      rel_obj_content_type__app_label: 'authentik_tasks_schedules',
      rel_obj_content_type__model: 'schedule',
      rel_obj_id: scheduleId,
      ordering: '-mtime',
      page_size: PAGE_SIZE,
      page,
    },
    permission: PERMISSIONS.viewTask,
  };
}
