// Generation detection, sources, the current user.
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, generationFromShape, generationOf } from './client.js';
import { example } from './test-support/examples.js';
import { expectApiError, TOKEN } from './test-support/expect-api-error.js';
import { page, routes, sendJson, startServer, type Handler, type TestServer } from './test-support/http-server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(table: Record<string, Handler>) {
  const server = await startServer(routes(table));
  servers.push(server);
  return { server, api: createClient({ url: server.url, token: TOKEN }) };
}

const json = (body: unknown, status = 200): Handler => (_req, res) => sendJson(res, status, body);
const count = (server: TestServer, path: string) => server.received.filter((r) => r.path === path).length;
const VERSION_PATH = '/api/v3/admin/version/';
const STATUS_PATH = '/api/v3/sources/ldap/corp-ad/sync/status/';
const STATUS = `GET ${STATUS_PATH}`;

describe('generationOf', () => {
  it.each([
    ['2024.8.3', 'A'],
    ['2024.12.1', 'A'],
    ['2025.6.4', 'A'],
    ['2025.8.0', 'B'],
    ['2025.10.1', 'B'],
    ['2025.12.0-rc1', 'B'],
    ['2026.8.3', 'B'],
  ])('%s → %s', (version, generation) => {
    expect(generationOf(version)).toBe(generation);
  });

  it.each(['', 'nginx', '8.0', 'latest'])('%j is no authentik version', (version) => {
    expect(generationOf(version)).toBeUndefined();
  });

  it('tells the generation from the status shape', () => {
    expect(generationFromShape(example('a-enumerating'))).toBe('A');
    expect(generationFromShape(example('b-status-variants').never_synced)).toBe('B');
    expect(generationFromShape(example('b-status-variants').running)).toBe('B');
  });
});

describe('generation detection', () => {
  it('asks /admin/version/ once and caches the answer', async () => {
    const { api, server } = await serve({
      [`GET ${VERSION_PATH}`]: json({ version_current: '2025.6.4' }),
      [STATUS]: json(example('a-completed')),
    });
    expect(await api.generation()).toBe('A');
    await api.syncStatus('corp-ad');
    await api.syncStatus('corp-ad');
    expect(await api.generation()).toBe('A');
    expect(count(server, VERSION_PATH)).toBe(1);
  });

  it.each([
    ['forbidden', json({ detail: 'You do not have permission to perform this action.' }, 403)],
    ['missing (404)', json({ detail: 'Not found.' }, 404)],
    ['a server error', json({ detail: 'boom' }, 500)],
    ['unparsable', json({ version_current: 'dev' })],
  ])('version %s → falls back to the status shape, then remembers it', async (_what, version) => {
    const a = await serve({ [`GET ${VERSION_PATH}`]: version, [STATUS]: json(example('a-trickle')) });
    await expect(a.api.syncStatus('corp-ad')).resolves.toMatchObject({ generation: 'A' });
    await a.api.syncStatus('corp-ad');
    expect(count(a.server, VERSION_PATH)).toBe(1);
    expect(await a.api.generation()).toBe('A');

    const b = await serve({
      [`GET ${VERSION_PATH}`]: version,
      [STATUS]: json(example('b-status-variants').never_synced),
      'GET /api/v3/sources/ldap/corp-ad/': json({ pk: 'pk', name: 'c', slug: 'corp-ad', enabled: true, sync_users: true, sync_groups: true, connectivity: null }),
      'GET /api/v3/tasks/schedules/': json({ detail: 'You do not have permission to perform this action.' }, 403),
    });
    await expect(b.api.syncStatus('corp-ad')).resolves.toMatchObject({ generation: 'B', lastSyncStatus: null });
  });

  it('a rejected token on /admin/version/ is not guessed around', async () => {
    const { api } = await serve({
      [`GET ${VERSION_PATH}`]: json({ detail: 'Token invalid/expired' }, 403),
      [STATUS]: json(example('a-trickle')),
    });
    // The status is asked for alongside the version; its answer (a generation A shape) is not used to guess past the
    // rejected token.
    await expectApiError(api.syncStatus('corp-ad'), 'unauthenticated');
  });

  it('asks for the status at once, alongside the version, not after its answer', async () => {
    let answerVersion: (() => void) | null = null;
    const { api, server } = await serve({
      [`GET ${VERSION_PATH}`]: (_req, res) => (answerVersion = () => sendJson(res, 200, { version_current: '2024.8.3' })),
      [STATUS]: json(example('a-completed')),
    });
    const status = api.syncStatus('corp-ad');
    await waitUntil(() => answerVersion !== null && count(server, STATUS_PATH) === 1);
    // The version is still unanswered, and the status is already asked for.
    expect(count(server, STATUS_PATH)).toBe(1);
    answerVersion!();
    await expect(status).resolves.toMatchObject({ generation: 'A' });
    expect(count(server, VERSION_PATH)).toBe(1);
  });

  it('generation() without a usable version says why', async () => {
    const { api } = await serve({ [`GET ${VERSION_PATH}`]: json({ detail: 'boom' }, 500) });
    await expectApiError(api.generation(), 'server');
  });

  it('an unknown slug on the status call → not_found', async () => {
    const { api, server } = await serve({ [`GET ${VERSION_PATH}`]: json({ version_current: '2024.8.3' }) });
    const error = await expectApiError(api.syncStatus('nope'), 'not_found');
    expect(error.message).toBe(`No LDAP source with slug 'nope' on ${server.url}. \`aksync sources\` lists them.`);
  });
});

const source = (slug: string, connectivity: unknown = null) => ({
  pk: `pk-${slug}`,
  name: slug.toUpperCase(),
  slug,
  enabled: true,
  sync_users: true,
  sync_groups: false,
  connectivity,
  icon: null,
  user_property_mappings: [],
});

describe('sources', () => {
  it('listSources reads every page, 100 at a time', async () => {
    const pages: Record<string, unknown> = {
      '1': page([source('a'), source('b')], 2, 1),
      '2': page([source('c')], 0, 2),
    };
    const { api, server } = await serve({
      'GET /api/v3/sources/ldap/': (req, res) => sendJson(res, 200, pages[req.query.get('page') ?? '']),
    });
    const sources = await api.listSources();
    expect(sources.map((s) => s.slug)).toEqual(['a', 'b', 'c']);
    expect(server.received.map((r) => [r.query.get('page'), r.query.get('page_size')])).toEqual([
      ['1', '100'],
      ['2', '100'],
    ]);
    expect(sources[0]).toEqual({ pk: 'pk-a', name: 'A', slug: 'a', enabled: true, syncUsers: true, syncGroups: false, connectivity: null });
  });

  it('listSources refuses a next page that does not advance', async () => {
    const { api } = await serve({ 'GET /api/v3/sources/ldap/': json(page([source('a')], 1, 1)) });
    const error = await expectApiError(api.listSources(), 'bad_response');
    expect(error.message).toContain('field pagination.next: 1 does not follow page 1');
  });

  it('getSource maps connectivity to a list, keeping __all__', async () => {
    const connectivity = {
      'ldaps://dc1.corp.example.com': { status: 'ok', vendor: 'Microsoft', version: 'Windows Server 2022' },
      'ldaps://dc2.corp.example.com': { status: 'socket connection error while opening: [Errno 111] Connection refused' },
      __all__: { status: 'ok' },
    };
    const { api } = await serve({ 'GET /api/v3/sources/ldap/corp-ad/': json(source('corp-ad', connectivity)) });
    const got = await api.getSource('corp-ad');
    expect(got.connectivity).toEqual([
      { host: 'ldaps://dc1.corp.example.com', status: 'ok', vendor: 'Microsoft', version: 'Windows Server 2022' },
      { host: 'ldaps://dc2.corp.example.com', status: 'socket connection error while opening: [Errno 111] Connection refused' },
      { host: '__all__', status: 'ok' },
    ]);
  });

  it('getSource: connectivity absent is null like a null one', async () => {
    const body = source('corp-ad') as Record<string, unknown>;
    delete body.connectivity;
    const { api } = await serve({ 'GET /api/v3/sources/ldap/corp-ad/': json(body) });
    expect((await api.getSource('corp-ad')).connectivity).toBeNull();
  });
});

describe('me', () => {
  it('maps the session user', async () => {
    const { api } = await serve({
      'GET /api/v3/core/users/me/': json({
        user: {
          pk: 7,
          username: 'monitor',
          name: 'Sync Monitor',
          is_active: true,
          is_superuser: false,
          groups: [],
          avatar: 'data:…',
          settings: {},
          system_permissions: ['authentik_events.view_systemtask'],
        },
        users: [],
      }),
    });
    await expect(api.me()).resolves.toEqual({
      username: 'monitor',
      name: 'Sync Monitor',
      isSuperuser: false,
      permissions: ['authentik_events.view_systemtask'],
    });
  });

  it('a 404 on /core/users/me/ → probably not an authentik server', async () => {
    const { api, server } = await serve({});
    const error = await expectApiError(api.me(), 'not_found');
    expect(error.message).toBe(`${server.url} has no authentik API at /api/v3/core/users/me/ (404): the URL is probably not an authentik server.`);
  });
});

describe("the server's identity", () => {
  const ME = 'GET /api/v3/core/users/me/';
  const user = json({ user: { pk: 1, username: 'akadmin', name: 'Admin', is_active: true, is_superuser: true, groups: [], system_permissions: [] }, users: [] });

  it('reads the version and the user once, however many callers ask at once', async () => {
    const { api, server } = await serve({ [`GET ${VERSION_PATH}`]: json({ version_current: '2024.8.3' }), [ME]: user, [STATUS]: json(example('a-completed')) });
    const quit = new AbortController();
    await Promise.all([api.version(), api.me(), api.version({ signal: quit.signal }), api.me(), ...Array.from({ length: 4 }, () => api.syncStatus('corp-ad'))]);
    await Promise.all([api.version(), api.me(), api.generation()]);
    expect(count(server, VERSION_PATH)).toBe(1);
    expect(count(server, '/api/v3/core/users/me/')).toBe(1);
  });

  it('a caller that stops waiting does not cancel the read for the others', async () => {
    let answer: (() => void) | null = null;
    const { api, server } = await serve({ [`GET ${VERSION_PATH}`]: (_req, res) => (answer = () => sendJson(res, 200, { version_current: '2024.8.3' })) });
    const gone = new AbortController();
    const leaving = api.version({ signal: gone.signal });
    const staying = api.version();
    gone.abort();
    await expectApiError(leaving, 'aborted');
    await waitUntil(() => answer !== null);
    answer!();
    await expect(staying).resolves.toEqual({ version: '2024.8.3', generation: 'A' });
    expect(count(server, VERSION_PATH)).toBe(1);
  });

  it('reads again after a failed read, and after a request that got no answer, not after other failures', async () => {
    let cut = false;
    let versionFails = true;
    const { api, server } = await serve({
      [`GET ${VERSION_PATH}`]: (_req, res) => (versionFails ? sendJson(res, 500, { detail: 'boom' }) : sendJson(res, 200, { version_current: '2024.8.3' })),
      [ME]: user,
      [STATUS]: (_req, res) => (cut ? res.socket?.destroy() : sendJson(res, 502, { detail: 'bad gateway' })),
    });
    await expectApiError(api.version(), 'server');
    versionFails = false;
    await api.version();
    await api.me();
    await expectApiError(api.syncStatus('corp-ad'), 'server');
    await Promise.all([api.version(), api.me()]);
    expect(count(server, VERSION_PATH)).toBe(2);
    expect(count(server, '/api/v3/core/users/me/')).toBe(1);

    cut = true;
    await expectApiError(api.syncStatus('corp-ad'), 'unreachable');
    await Promise.all([api.version(), api.me(), api.version()]);
    expect(count(server, VERSION_PATH)).toBe(3);
    expect(count(server, '/api/v3/core/users/me/')).toBe(2);
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}
