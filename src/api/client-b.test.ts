// Generation B over HTTP: status, schedule and the latest run's tasks, and what a token without detail rights sees.
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { SYNC_ACTOR } from './adapter-b.js';
import { createClient } from './client.js';
import { example } from './test-support/examples.js';
import { expectApiError, TOKEN } from './test-support/expect-api-error.js';
import { page, routes, sendJson, startServer, type Handler, type Received, type TestServer } from './test-support/http-server.js';
import { threeRuns } from './test-support/tasks-b.js';
import type { LdapSource } from '../domain/model.js';

const SOURCE_PK = '3c5e9a1b-7d2f-4e8a-b6c0-1f9d2e7a4b58';
const SCHEDULE_ID = '6b0d4e2a-91c7-4f38-b5e6-2a8c1d7f9e03';
const SOURCE_JSON = { pk: SOURCE_PK, name: 'Corp AD', slug: 'corp-ad', enabled: true, sync_users: true, sync_groups: true, connectivity: null, icon_url: null };
const SOURCE: LdapSource = { pk: SOURCE_PK, name: 'Corp AD', slug: 'corp-ad', enabled: true, syncUsers: true, syncGroups: true, connectivity: null };
const SCHEDULE = {
  id: SCHEDULE_ID,
  identifier: null,
  uid: `${SYNC_ACTOR}:${SOURCE_PK}`,
  actor_name: SYNC_ACTOR,
  rel_obj_app_label: 'authentik_sources_ldap',
  rel_obj_model: 'ldapsource',
  rel_obj_id: SOURCE_PK,
  crontab: '17 */2 * * *',
  paused: false,
  next_run: '2026-09-21T12:17:00Z',
  description: null,
  last_task_status: 'info',
};
const OTHER_SCHEDULE = { ...SCHEDULE, id: 'other', actor_name: 'authentik.sources.ldap.tasks.ldap_connectivity_check', crontab: '0 * * * *' };
const FORBIDDEN = { detail: 'You do not have permission to perform this action.' };

interface Fake {
  status?: unknown;
  schedules?: Handler;
  tasks?: Handler;
  me?: unknown;
  send?: Handler;
}

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const json = (body: unknown, status = 200): Handler => (_req, res) => sendJson(res, status, body);

async function generationB(fake: Fake = {}) {
  const server = await startServer(
    routes({
      'GET /api/v3/admin/version/': json({ version_current: '2026.8.3' }),
      'GET /api/v3/sources/ldap/corp-ad/': json(SOURCE_JSON),
      'GET /api/v3/sources/ldap/corp-ad/sync/status/': json(fake.status ?? example('b-status-variants').completed_ok_2026_8),
      'GET /api/v3/tasks/schedules/': fake.schedules ?? json(page([OTHER_SCHEDULE, SCHEDULE])),
      'GET /api/v3/tasks/tasks/': fake.tasks ?? json(page(threeRuns())),
      'GET /api/v3/core/users/me/': json(fake.me ?? { user: { username: 'monitor', name: 'Monitor', is_superuser: false, system_permissions: [] } }),
      [`POST /api/v3/tasks/schedules/${SCHEDULE_ID}/send/`]: fake.send ?? json({}),
      'PATCH /api/v3/sources/ldap/corp-ad/': json(SOURCE_JSON),
    }),
  );
  servers.push(server);
  return { server, api: createClient({ url: server.url, token: TOKEN }) };
}

const calls = (server: TestServer) => server.received.map((r) => `${r.method} ${r.path}`);
const query = (r: Received | undefined) => Object.fromEntries(r?.query ?? []);

describe('generation B sync status', () => {
  it('reads status, schedule and the latest run', async () => {
    const { api, server } = await generationB();
    const status = await api.syncStatus('corp-ad');
    expect(status).toMatchObject({
      generation: 'B',
      isRunning: false,
      lastSuccessfulSync: new Date('2026-09-21T10:14:52.331907Z'),
      lastSyncStatus: 'info',
      schedule: {
        id: SCHEDULE_ID,
        crontab: '17 */2 * * *',
        nextRun: new Date('2026-09-21T12:17:00Z'),
        paused: false,
        lastTaskStatus: 'info',
        periodSeconds: 7200,
      },
      missingDetailPermission: null,
    });
    expect(status.tasks.map((t) => [t.id, t.kind, t.state])).toEqual([
      ['r3', 'run', 'running'],
      ['p3a', 'page', 'ok'],
      ['p3b', 'page', 'running'],
    ]);
    // The status and the version are asked for together (either may arrive first), then the details.
    expect(calls(server).slice(0, 2).sort()).toEqual(['GET /api/v3/admin/version/', 'GET /api/v3/sources/ldap/corp-ad/sync/status/']);
    expect(calls(server).slice(2)).toEqual([
      'GET /api/v3/sources/ldap/corp-ad/',
      'GET /api/v3/tasks/schedules/',
      'GET /api/v3/tasks/tasks/',
    ]);
    expect(query(server.received[3])).toEqual({
      rel_obj_content_type__app_label: 'authentik_sources_ldap',
      rel_obj_content_type__model: 'ldapsource',
      rel_obj_id: SOURCE_PK,
      page_size: '100',
    });
    expect(query(server.received[4])).toEqual({
      rel_obj_content_type__app_label: 'authentik_tasks_schedules',
      rel_obj_content_type__model: 'schedule',
      rel_obj_id: SCHEDULE_ID,
      ordering: '-mtime',
      page_size: '100',
      page: '1',
    });
  });

  it('uses the source it is given instead of fetching it, and asks the version once', async () => {
    const { api, server } = await generationB();
    await api.syncStatus('corp-ad', { source: SOURCE });
    await api.syncStatus('corp-ad', { source: SOURCE });
    expect(calls(server).filter((c) => c === 'GET /api/v3/sources/ldap/corp-ad/')).toHaveLength(0);
    expect(calls(server).filter((c) => c === 'GET /api/v3/admin/version/')).toHaveLength(1);
  });

  it('reads further task pages until the run is complete, and no further', async () => {
    const all = threeRuns(); // r3's run, then r2 (older than r3's start): settled once r2 is seen
    const tasks: Handler = (req, res) => {
      const n = Number(req.query.get('page'));
      const slice = all.slice((n - 1) * 2, n * 2);
      sendJson(res, 200, page(slice, n * 2 < all.length ? n + 1 : 0, n));
    };
    const { api, server } = await generationB({ tasks });
    const status = await api.syncStatus('corp-ad', { source: SOURCE });
    expect(status.tasks.map((t) => t.id)).toEqual(['r3', 'p3a', 'p3b']);
    expect(server.received.filter((r) => r.path === '/api/v3/tasks/tasks/').map((r) => r.query.get('page'))).toEqual(['1', '2']);
  });

  it('stops after 20 pages of tasks', async () => {
    const endless: Handler = (req, res) => {
      const n = Number(req.query.get('page'));
      sendJson(res, 200, page(threeRuns().filter((t) => t.actor_name !== SYNC_ACTOR), n + 1, n));
    };
    const { api, server } = await generationB({ tasks: endless });
    await api.syncStatus('corp-ad', { source: SOURCE });
    expect(server.received.filter((r) => r.path === '/api/v3/tasks/tasks/')).toHaveLength(20);
  });

  it.each(Object.entries(example('b-status-variants') as Record<string, { last_sync_status?: string }>))(
    'status variant %s keeps last_sync_status as sent',
    async (_name, body) => {
      const { api } = await generationB({ status: body });
      const status = await api.syncStatus('corp-ad', { source: SOURCE });
      expect(status.lastSyncStatus).toBe(body.last_sync_status ?? null);
    },
  );

  it('an aggregated status newer than this client is kept, not a failure', async () => {
    const { api } = await generationB({ status: { is_running: false, last_sync_status: 'paused_by_operator' } });
    await expect(api.syncStatus('corp-ad', { source: SOURCE })).resolves.toMatchObject({ lastSyncStatus: 'paused_by_operator', lastSuccessfulSync: null });
  });

  it('the 2026.8.3 example list parses (other fields null, absent or new)', async () => {
    const body = example('b-tasks-2026.8.3');
    body.results[0].some_future_field = { nested: true };
    body.results[1].description = null;
    const { api } = await generationB({ tasks: json(body) });
    const status = await api.syncStatus('corp-ad', { source: SOURCE });
    expect(status.tasks[0]).toMatchObject({ kind: 'run', state: 'error', rawStatus: 'rejected', retries: 5 });
  });
});

describe('generation B without the rights to see detail', () => {
  it('schedules forbidden → missingDetailPermission view_schedule, status still shown', async () => {
    const { api } = await generationB({ schedules: json(FORBIDDEN, 403) });
    await expect(api.syncStatus('corp-ad', { source: SOURCE })).resolves.toMatchObject({
      lastSyncStatus: 'info',
      schedule: null,
      tasks: [],
      missingDetailPermission: 'authentik_tasks_schedules.view_schedule',
    });
  });

  it('an empty schedule list for a user without view_schedule → missingDetailPermission', async () => {
    const { api } = await generationB({ schedules: json(page([])) });
    await expect(api.syncStatus('corp-ad', { source: SOURCE })).resolves.toMatchObject({
      schedule: null,
      missingDetailPermission: 'authentik_tasks_schedules.view_schedule',
    });
  });

  it('an empty schedule list for a superuser is just no schedule', async () => {
    const me = { user: { username: 'akadmin', name: 'Admin', is_superuser: true, system_permissions: [] } };
    const { api } = await generationB({ schedules: json(page([])), me });
    await expect(api.syncStatus('corp-ad', { source: SOURCE })).resolves.toMatchObject({ schedule: null, missingDetailPermission: null });
  });

  it('tasks forbidden → missingDetailPermission view_task, schedule kept', async () => {
    const { api } = await generationB({ tasks: json(FORBIDDEN, 403) });
    const status = await api.syncStatus('corp-ad', { source: SOURCE });
    expect(status).toMatchObject({ tasks: [], missingDetailPermission: 'authentik_tasks.view_task' });
    expect(status.schedule?.id).toBe(SCHEDULE_ID);
  });

  it('an empty task list: view_task missing, or simply never run', async () => {
    const lacking = await generationB({ tasks: json(page([])) });
    await expect(lacking.api.syncStatus('corp-ad', { source: SOURCE })).resolves.toMatchObject({ missingDetailPermission: 'authentik_tasks.view_task' });
    const allowed = await generationB({
      tasks: json(page([])),
      me: { user: { username: 'm', name: '', is_superuser: false, system_permissions: ['authentik_tasks.view_task'] } },
    });
    await expect(allowed.api.syncStatus('corp-ad', { source: SOURCE })).resolves.toMatchObject({ missingDetailPermission: null });
  });

  it('a token rejected on a detail call fails as unauthenticated, not as missing detail', async () => {
    const { api } = await generationB({ tasks: json({ detail: 'Token invalid/expired' }, 403) });
    await expectApiError(api.syncStatus('corp-ad', { source: SOURCE }), 'unauthenticated');
  });
});

describe('generation B triggerSync', () => {
  it.each([
    ['200 {}', json({})],
    ['204', ((_req, res: ServerResponse) => {
      res.writeHead(204);
      res.end();
    }) as Handler],
  ])('POSTs to the schedule send endpoint (answer %s)', async (_answer, send) => {
    const { api, server } = await generationB({ send });
    await expect(api.triggerSync('corp-ad', { source: SOURCE })).resolves.toEqual({ started: true });
    expect(calls(server)).toContain(`POST /api/v3/tasks/schedules/${SCHEDULE_ID}/send/`);
    expect(calls(server)).not.toContain('PATCH /api/v3/sources/ldap/corp-ad/');
  });

  it('falls back to PATCH {} when the schedule cannot be seen', async () => {
    const { api, server } = await generationB({ schedules: json(FORBIDDEN, 403) });
    await api.triggerSync('corp-ad', { source: SOURCE });
    expect(calls(server)).toContain('PATCH /api/v3/sources/ldap/corp-ad/');
  });

  it('send forbidden → forbidden naming send_schedule', async () => {
    const { api } = await generationB({ send: json(FORBIDDEN, 403) });
    const error = await expectApiError(api.triggerSync('corp-ad', { source: SOURCE }), 'forbidden');
    expect(error.permission).toBe('authentik_tasks_schedules.send_schedule');
    expect(error.message).toContain('authentik_tasks_schedules.send_schedule');
  });
});
