// createClient: the AuthentikApi over HTTP. Endpoints, generation detection and the generation B detail reads live
// here; transport in http.ts, shapes in schemas-*.ts, domain mapping in adapter-*.ts.
import type { CurrentUser, Generation, LdapSource, ServerVersion, SyncStatus, SyncTask } from '../domain/model.js';
import { safeLine } from '../domain/sanitize.js';
import { ldapSource } from './adapt-common.js';
import { syncStatusA } from './adapter-a.js';
import { latestRun, pickSyncSchedule, scheduleB, syncStatusB, type DetailB } from './adapter-b.js';
import { ClientConfigError } from './config-error.js';
import { ApiError, isApiError, isNoAnswer, type ApiErrorKind } from './errors.js';
import { createTransport, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, type Call, type RawAnswer, type Transport } from './http.js';
import { syncStatusASchema } from './schemas-a.js';
import { scheduleListSchema, syncStatusBSchema, taskListSchema, type ScheduleJson, type TaskJson } from './schemas-b.js';
import { ldapSourceSchema, paginated, sessionUserSchema, versionSchema } from './schemas-common.js';
import type { AuthentikApi, ClientOptions, RequestOptions, TriggerResult } from './types.js';
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
const decodeStatusB = (body: unknown, answer: Answer) => parseAnswer(syncStatusBSchema, body, answer);
const decodeSchedules = (body: unknown, answer: Answer) => parseAnswer(scheduleListSchema, body, answer);
const decodeTaskPage = (body: unknown, answer: Answer) => parseAnswer(taskListSchema, body, answer);

export function createClient(options: ClientOptions): AuthentikApi {
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
    if (decoder === undefined) statusADecoderBySlug.set(slug, (decoder = createStatusADecoder()));
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

  async function syncStatus(slug: string, opts?: StatusOptions): Promise<SyncStatus> {
    const signal = opts?.signal;
    const call: Call = {
      method: 'GET',
      path: `${sourcePath(slug)}sync/status/`,
      notFound: noSuchSource(slug),
      permission: PERMISSIONS.viewSource,
    };
    // The status is asked for at once, alongside the version (read once per server), not after it: one round trip.
    // The version's failure still comes first, as if it had been read first.
    const answer = transport.raw(call, signal);
    answer.catch(() => undefined);
    const fromVersion = await generationFromVersion(signal);
    const raw = await answer;
    const generation = fromVersion ?? generationFromShape(raw.json());
    knownGeneration = generation;
    // A changed answer is decoded task by task: only the tasks whose bytes changed are parsed again.
    if (generation === 'A') return decoded(call, raw, decodeStatusA, statusADecoders(slug).decode);
    const status = decoded(call, raw, decodeStatusB);
    return syncStatusB(status, await detailB(slug, opts));
  }

  /** The source's LDAP sync schedule, or why there is none to see. */
  async function syncSchedule(slug: string, opts?: StatusOptions): Promise<ScheduleJson | 'forbidden' | 'none'> {
    const pk = (await opts?.source)?.pk ?? (await getSource(slug, opts)).pk;
    const call: Call = {
      method: 'GET',
      path: '/tasks/schedules/',
      query: {
        rel_obj_content_type__app_label: 'authentik_sources_ldap',
        rel_obj_content_type__model: 'ldapsource',
        rel_obj_id: pk,
        page_size: PAGE_SIZE,
      },
      permission: PERMISSIONS.viewSchedule,
    };
    try {
      const body = await readDecoded(call, opts?.signal, decodeSchedules);
      return pickSyncSchedule(body.results) ?? 'none';
    } catch (error) {
      if (isApiError(error) && error.kind === 'forbidden') return 'forbidden';
      throw error;
    }
  }

  async function detailB(slug: string, opts?: StatusOptions): Promise<DetailB> {
    const schedule = await syncSchedule(slug, opts);
    if (schedule === 'forbidden') return { schedule: null, tasks: [], missingDetailPermission: PERMISSIONS.viewSchedule };
    // authentik filters out what a token may not see instead of refusing: an empty list may mean "no permission".
    if (schedule === 'none') {
      return { schedule: null, tasks: [], missingDetailPermission: await lacking(PERMISSIONS.viewSchedule, opts?.signal) };
    }
    let tasks: SyncTask[];
    let truncated: boolean;
    try {
      ({ tasks, truncated } = await latestRunTasks(schedule.id, slug, opts?.signal));
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
  async function latestRunTasks(scheduleId: string, slug: string, signal?: AbortSignal): Promise<{ tasks: SyncTask[]; truncated: boolean }> {
    const seen: TaskJson[] = [];
    for (let page = 1; ; page++) {
      const call: Call = {
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
      const body = await readDecoded(call, signal, decodeTaskPage);
      seen.push(...body.results);
      const listEnded = body.pagination.next === 0 || body.pagination.next <= page;
      const run = latestRun(seen, slug, listEnded || page >= MAX_TASK_PAGES);
      if (run.settled) return { tasks: run.tasks, truncated: !listEnded && !latestRun(seen, slug, false).settled };
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
    const generation = await generationFromVersion(opts?.signal);
    const schedule = generation === 'B' ? await syncSchedule(slug, opts) : 'none';
    // Without the schedule (generation A, or a token that may not see schedules) an empty PATCH of the source
    // starts a sync in every generation.
    const call: Call =
      typeof schedule === 'string'
        ? {
            method: 'PATCH',
            path: sourcePath(slug),
            body: {},
            notFound: noSuchSource(slug),
            permission: PERMISSIONS.changeSource,
          }
        : {
            method: 'POST',
            path: `/tasks/schedules/${encodeURIComponent(schedule.id)}/send/`,
            notFound: `The sync schedule of '${shownSlug(slug)}' disappeared from ${origin} (404): try again.`,
            permission: PERMISSIONS.sendSchedule,
          };
    await transport(call, opts?.signal);
    return { started: true };
  }

  async function generation(opts?: RequestOptions): Promise<Generation> {
    if (knownGeneration !== undefined) return knownGeneration;
    return (await version(opts)).generation;
  }

  return { baseUrl, version, me, listSources, getSource, syncStatus, triggerSync, generation };
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
