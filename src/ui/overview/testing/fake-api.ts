// An in-memory authentik for overview and app tests: a list of sources, each with a status or an error, a user and
// a version; it counts requests and the most it had in flight at once.
import { ApiError } from '../../../api/errors.js';
import type { AuthentikApi, RequestOptions } from '../../../api/types.js';
import type { CurrentUser, LdapSource, LogMessage, ServerVersion, SyncStatus, SyncTask } from '../../../domain/model.js';

/** 30 September 2024, 14:02:00 local time. */
export const RUN_START = new Date(2024, 8, 30, 14, 2, 0);

export const SUPERUSER: CurrentUser = { username: 'akadmin', name: 'authentik Default Admin', isSuperuser: true, permissions: [] };
export const NO_TASK_VIEW: CurrentUser = { username: 'monitor', name: 'Sync Monitor', isSuperuser: false, permissions: [] };

export function source(slug: string, name: string, overrides: Partial<LdapSource> = {}): LdapSource {
  return {
    pk: `pk-${slug}`,
    name,
    slug,
    enabled: true,
    syncUsers: true,
    syncGroups: true,
    connectivity: [{ host: `ldap.${slug}.example.com`, status: 'ok' }],
    ...overrides,
  };
}

function message(event: string, level = 'info'): LogMessage {
  return { timestamp: RUN_START, level, logger: 'authentik.sources.ldap.sync.users', event, attributes: {} };
}

/** A finished generation A run of `pages` users pages for `slug`, starting `startOffsetMin` minutes after RUN_START. */
export function run(slug: string, options: { pages?: number; problems?: number; errors?: number; startOffsetMin?: number } = {}): SyncTask[] {
  const { pages = 3, problems = 0, errors = 0, startOffsetMin = 0 } = options;
  const base = RUN_START.getTime() + startOffsetMin * 60_000;
  const tasks: SyncTask[] = [];
  for (let i = 0; i < pages; i += 1) {
    const start = new Date(base + i * 1000);
    const failed = i < errors;
    const messages = failed
      ? [message('ldap3.core.exceptions.LDAPSocketOpenError: socket connection error while opening: [Errno 111] Connection refused', 'error')]
      : [
          ...(i < problems ? [message(`Uniqueness field not found/not set in attributes: 'CN=svc-${i},DC=example'`)] : []),
          message('Synced 50 objects.'),
        ];
    const id = `${slug}-${String(i).padStart(4, '0')}`;
    tasks.push({
      id,
      uid: `${slug}:users:${id}`,
      slug,
      type: 'users',
      pageId: id,
      kind: 'page',
      state: failed ? 'error' : 'ok',
      rawStatus: failed ? 'error' : 'successful',
      start,
      finish: new Date(start.getTime() + 2000),
      durationSeconds: 2,
      messages,
      previousMessages: [],
      retries: 0,
    });
  }
  return tasks;
}

export { statusA as statusOf } from '../../../domain/testing/factories.js';

export interface FakeSource {
  source: LdapSource;
  /** The status, or the error every status request fails with. */
  status: SyncStatus | ApiError;
}

export interface FakeApi extends AuthentikApi {
  sources: FakeSource[];
  user: CurrentUser;
  /** Every request fails with this (the server gone, the token rejected), while set. */
  down: ApiError | null;
  /** The source list fails with this, while set. */
  listError: ApiError | null;
  requests: string[];
  /** The most status requests that were in flight at once. */
  maxInFlight: number;
}

export function unreachable(): ApiError {
  return new ApiError('unreachable', 'ldap-proxy.example.com is unreachable: connection refused. Is the URL right and the server up?');
}

function abortable<T>(signal: AbortSignal | undefined, value: () => T, down: () => ApiError | null = () => null): Promise<T> {
  // Answers on a later turn, as a network would, so several requests can be in flight at once.
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      try {
        const failure = down();
        if (failure) throw failure;
        resolve(value());
      } catch (error) {
        reject(error);
      }
    }, 1);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new ApiError('aborted', 'The request was cancelled.'));
    });
  });
}

export function fakeApi(sources: FakeSource[], user: CurrentUser = SUPERUSER): FakeApi {
  let inFlight = 0;
  const find = (slug: string) => {
    const found = api.sources.find((s) => s.source.slug === slug);
    if (!found) throw new ApiError('not_found', `There is no LDAP source '${slug}' on this server.`, 404);
    return found;
  };
  const version: ServerVersion = { version: '2024.8.3', generation: 'A' };
  const isDown = () => api.down;
  const api: FakeApi = {
    baseUrl: 'https://auth.example.com/api/v3',
    sources,
    user,
    down: null,
    listError: null,
    requests: [],
    maxInFlight: 0,
    version: (opts?: RequestOptions) => abortable(opts?.signal, () => version, isDown),
    me: (opts?: RequestOptions) => abortable(opts?.signal, () => api.user, isDown),
    generation: async () => 'A',
    listSources: (opts?: RequestOptions) => {
      api.requests.push('list');
      return abortable(opts?.signal, () => api.sources.map((s) => s.source), () => api.down ?? api.listError);
    },
    getSource: (slug: string, opts?: RequestOptions) => abortable(opts?.signal, () => find(slug).source, isDown),
    syncStatus: async (slug: string, opts?: RequestOptions) => {
      api.requests.push(`status ${slug}`);
      inFlight += 1;
      api.maxInFlight = Math.max(api.maxInFlight, inFlight);
      try {
        return await abortable(opts?.signal, () => {
          const { status } = find(slug);
          if (status instanceof ApiError) throw status;
          return status;
        }, isDown);
      } finally {
        inFlight -= 1;
      }
    },
    triggerSync: async () => ({ started: true }),
  };
  return api;
}
