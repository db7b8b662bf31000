// Generation A over HTTP, from the bodies in EXAMPLES.md.
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import { example } from './test-support/examples.js';
import { expectApiError, TOKEN } from './test-support/expect-api-error.js';
import { routes, sendJson, startServer, type TestServer } from './test-support/http-server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function generationA(status: unknown, slug = 'corp-ad') {
  const server = await startServer(
    routes({
      'GET /api/v3/admin/version/': (_req, res) => sendJson(res, 200, { version_current: '2024.8.3' }),
      [`GET /api/v3/sources/ldap/${slug}/sync/status/`]: (_req, res) => sendJson(res, 200, status),
      [`PATCH /api/v3/sources/ldap/${slug}/`]: (_req, res) => sendJson(res, 200, { pk: 'x', slug }),
    }),
  );
  servers.push(server);
  return { server, api: createClient({ url: server.url, token: TOKEN }) };
}

describe('generation A sync status', () => {
  it('maps a completed run into domain tasks', async () => {
    const { api } = await generationA(example('a-completed'));
    const status = await api.syncStatus('corp-ad');
    expect(status).toMatchObject({
      generation: 'A',
      isRunning: false,
      lastSuccessfulSync: null,
      lastSyncStatus: null,
      schedule: null,
      missingDetailPermission: null,
    });
    expect(status.tasks).toHaveLength(3);
    expect(status.tasks[0]).toEqual({
      id: '5f0c2a8e-3b1d-4c1e-9a57-2d0f6b8e41c3',
      uid: 'corp-ad:users:0b6f3f5e-8c2a-4a51-b3a9-6a4f1d7e9c20',
      slug: 'corp-ad',
      type: 'users',
      pageId: '0b6f3f5e-8c2a-4a51-b3a9-6a4f1d7e9c20',
      kind: 'page',
      state: 'ok',
      rawStatus: 'successful',
      start: new Date('2024-09-30T14:02:31.118402Z'),
      finish: new Date('2024-09-30T14:02:33.904117Z'),
      durationSeconds: 2.785714292526245,
      messages: [
        { timestamp: new Date('2024-09-30T14:02:33.903522Z'), level: 'info', logger: 'ldap_sync', event: 'Synced 50 objects.', attributes: {} },
      ],
      previousMessages: [],
      retries: 0,
    });
    expect(status.tasks.map((t) => t.type)).toEqual(['users', 'users', 'membership']);
  });

  it('keeps problem messages of a task authentik calls successful', async () => {
    const { api } = await generationA(example('a-warning-like'));
    const [task] = (await api.syncStatus('corp-ad')).tasks;
    expect(task?.state).toBe('ok');
    expect(task?.messages.map((m) => m.event)).toEqual([
      "Group does not exist in our DB yet, run sync_groups first: 'CN=Print Operators,OU=Groups,DC=corp,DC=example,DC=com'",
      "Group does not have a uniqueness attribute: 'CN=Legacy Fax Users,OU=Groups,DC=corp,DC=example,DC=com'",
      'Synced 986 objects.',
    ]);
  });

  it('maps error tasks, keeping the traceback text as it came', async () => {
    const { api } = await generationA(example('a-errors'));
    const tasks = (await api.syncStatus('corp-ad')).tasks;
    expect(tasks.map((t) => [t.type, t.state, t.rawStatus])).toEqual([
      ['users', 'error', 'error'],
      ['groups', 'error', 'error'],
    ]);
    expect(tasks[0]?.messages[0]?.level).toBe('error');
    expect(tasks[0]?.messages[0]?.event).toContain('\nldap3.core.exceptions.LDAPSocketOpenError');
  });

  it('running while enumerating: no tasks yet', async () => {
    const { api } = await generationA(example('a-enumerating'));
    await expect(api.syncStatus('corp-ad')).resolves.toMatchObject({ isRunning: true, tasks: [] });
  });

  it("passes other slugs' tasks through (the prefix quirk is the verdict's to handle)", async () => {
    const body = example('a-trickle');
    const other = { ...body.tasks[0], uuid: 'other', uid: 'corp-ad-eu:groups:1234' };
    body.tasks.push(other);
    const { api } = await generationA(body);
    const tasks = (await api.syncStatus('corp-ad')).tasks;
    expect(tasks.map((t) => t.slug)).toEqual(['corp-ad', 'corp-ad-eu']);
  });

  it('keeps unknown status words and log levels', async () => {
    const body = example('a-trickle');
    body.tasks[0].status = 'cancelled';
    body.tasks[0].messages[0].log_level = 'TRACE';
    const { api } = await generationA(body);
    const [task] = (await api.syncStatus('corp-ad')).tasks;
    expect(task).toMatchObject({ state: 'unknown', rawStatus: 'cancelled' });
    expect(task?.messages[0]?.level).toBe('trace');
  });

  it("maps the server's own unknown and warning", async () => {
    const body = example('a-completed');
    body.tasks[0].status = 'unknown';
    body.tasks[1].status = 'warning';
    const { api } = await generationA(body);
    const tasks = (await api.syncStatus('corp-ad')).tasks;
    expect(tasks.map((t) => t.state)).toEqual(['unknown', 'warning', 'ok']);
  });

  it('takes the uid from full_name when uid is absent, and sorts messages by time', async () => {
    const body = example('a-warning-like');
    delete body.tasks[0].uid;
    body.tasks[0].messages.reverse();
    body.tasks[0].expires = null;
    const { api } = await generationA(body);
    const [task] = (await api.syncStatus('corp-ad')).tasks;
    expect(task?.uid).toBe('corp-ad:membership:4a9e1f6c-3b27-4d8a-9c05-e6f2b71d8a34');
    expect(task?.messages.at(-1)?.event).toBe('Synced 986 objects.');
  });

  it('a task with a wrong field → bad_response naming it', async () => {
    const body = example('a-completed');
    body.tasks.push({ ...body.tasks[0] }, { ...body.tasks[0], status: 3 });
    const { api, server } = await generationA(body);
    const error = await expectApiError(api.syncStatus('corp-ad'), 'bad_response');
    expect(error.message).toBe(
      `${server.url} answered /api/v3/sources/ldap/corp-ad/sync/status/ with an unexpected shape: field tasks[4].status: expected string, got number (is it authentik 2024.8 or newer?).`,
    );
  });

  it('a log line with a wrong or missing field → bad_response naming it, as the schema words it', async () => {
    const cases: [(message: Record<string, unknown>) => void, string][] = [
      [(m) => delete m.log_level, 'field tasks[1].messages[0].log_level: missing (expected string)'],
      [(m) => (m.event = 7), 'field tasks[1].messages[0].event: expected string, got number'],
      [(m) => (m.timestamp = 'yesterday'), 'field tasks[1].messages[0].timestamp: expected an ISO 8601 date-time'],
      [(m) => (m.attributes = ['x']), 'field tasks[1].messages[0].attributes: expected record, got an array'],
    ];
    for (const [spoil, sentence] of cases) {
      const body = example('a-completed');
      spoil(body.tasks[1].messages[0]);
      const { api, server } = await generationA(body);
      const error = await expectApiError(api.syncStatus('corp-ad'), 'bad_response');
      expect(error.message).toBe(
        `${server.url} answered /api/v3/sources/ldap/corp-ad/sync/status/ with an unexpected shape: ${sentence} (is it authentik 2024.8 or newer?).`,
      );
    }
  });

  it('an unchanged answer gives back the same status object; a changed one, a new one', async () => {
    let body = example('a-completed');
    const server = await startServer(
      routes({
        'GET /api/v3/admin/version/': (_req, res) => sendJson(res, 200, { version_current: '2024.8.3' }),
        'GET /api/v3/sources/ldap/corp-ad/sync/status/': (_req, res) => sendJson(res, 200, body),
      }),
    );
    servers.push(server);
    const api = createClient({ url: server.url, token: TOKEN });
    const first = await api.syncStatus('corp-ad');
    // The monitor tells an unchanged poll by identity: a new object would redraw and re-judge 10,000 tasks.
    expect(await api.syncStatus('corp-ad')).toBe(first);
    body = example('a-completed');
    body.tasks[0].status = 'error';
    const changed = await api.syncStatus('corp-ad');
    expect(changed).not.toBe(first);
    expect(changed.tasks[0]?.state).toBe('error');
  });

  it('triggerSync sends PATCH {} to the source', async () => {
    const { api, server } = await generationA(example('a-enumerating'));
    await expect(api.triggerSync('corp-ad')).resolves.toEqual({ started: true });
    const patch = server.received.find((r) => r.method === 'PATCH');
    expect(patch).toMatchObject({ path: '/api/v3/sources/ldap/corp-ad/', body: '{}' });
    expect(patch?.headers['content-type']).toBe('application/json');
  });
});
