import { afterEach, describe, expect, it } from 'vitest';
import { call, simulatorsForTests, type CallResult } from '../testing.js';
import type { Simulator } from '../types.js';

const sim = simulatorsForTests(afterEach);

const events = (task: any): string[] => task.messages.map((m: any) => m.event);
const FORBIDDEN = { detail: 'You do not have permission to perform this action.' };

async function scheduleOf(s: Simulator, app: string, id: string | number) {
  return (await call(s, `/tasks/schedules/?rel_obj_content_type__app_label=${app}&rel_obj_id=${id}`)).json.results;
}

async function tasksOf(s: Simulator, scheduleId: string): Promise<any[]> {
  const res = await call(s, `/tasks/tasks/?rel_obj_content_type__app_label=authentik_tasks_schedules&rel_obj_content_type__model=schedule&rel_obj_id=${scheduleId}&ordering=-mtime&page_size=100`);
  return res.json.results;
}

describe('generation A providers: one SystemTask row per provider', () => {
  it('a healthy SCIM run: one successful row with every page’s lines (2024.8: lowercase page lines from the parent)', async () => {
    const s = await sim({ version: '2024.8.3' });
    const status = (await call(s, '/providers/scim/3/sync/status/')).json;
    expect(status.is_running).toBe(false);
    expect(status.tasks).toHaveLength(1);
    expect(status.tasks[0]).toMatchObject({ name: 'scim_sync', uid: 'slack-scim', full_name: 'scim_sync:slack-scim', status: 'successful', description: 'Run full sync for SCIM provider' });
    expect(events(status.tasks[0])).toEqual(['Starting full provider sync', 'Syncing page 1 of users', 'Syncing page 2 of users', 'Syncing page 3 of users', 'Syncing page 1 of groups']);
  });

  it('2025.6: "Syncing users", page lines from the page logger; a few users failing leave the row successful', async () => {
    const s = await sim({ version: '2025.6.3', scenario: 'problems' });
    const [task] = (await call(s, '/providers/scim/3/sync/status/')).json.tasks;
    expect(task.status).toBe('successful');
    expect(events(task).slice(0, 3)).toEqual(['Starting full provider sync', 'Syncing users', 'Syncing page 1 of Users']);
    const warnings = task.messages.filter((m: any) => m.log_level === 'warning');
    expect(warnings.map((m: any) => m.event)).toEqual([
      'Failed to sync User m.okafor due to transient error: <Response [400]>',
      'Failed to sync User j.lindqvist due to transient error: <Response [400]>',
      'Failed to sync User a.haddad due to transient error: <Response [400]>',
    ]);
    expect(warnings[0]).toMatchObject({ logger: 'SCIM Provider@authentik.core.models.User', attributes: { obj: { model_name: 'user', pk: 1187, name: 'Mary Okafor' } } });
    const google = (await call(s, '/providers/google_workspace/4/sync/status/')).json.tasks[0];
    expect(events(google)).toContain('Failed to sync User m.okafor due to error: Invalid email domain: m.okafor@contractor.example');
    const entra = (await call(s, '/providers/microsoft_entra/5/sync/status/')).json.tasks[0];
    expect(events(entra).some((e) => e.startsWith('Stopping sync due to error: Error ') && e.includes('caused by m.okafor (mapping '))).toBe(true);
  });

  it('the Zoom provider fails for three users in every scenario; the unassigned one never writes a row', async () => {
    const s = await sim({ scenario: 'healthy' });
    const zoom = (await call(s, '/providers/scim/7/sync/status/')).json.tasks[0];
    expect(zoom.status).toBe('successful');
    expect(zoom.messages.filter((m: any) => m.log_level === 'warning')).toHaveLength(3);
    expect((await call(s, '/providers/scim/9/sync/status/')).json).toEqual({ is_running: false, tasks: [] });
    expect((await call(s, '/providers/scim/9/')).json).toMatchObject({ assigned_backchannel_application_slug: null });
  });

  it('a failed run: the row is `error` with one traceback; every page’s lines are gone', async () => {
    const s = await sim({ scenario: 'errors' });
    const [scim] = (await call(s, '/providers/scim/3/sync/status/')).json.tasks;
    expect(scim.status).toBe('error');
    expect(scim.messages).toHaveLength(1);
    expect(scim.messages[0]).toMatchObject({ log_level: 'error', logger: 'scim_sync' });
    expect(scim.messages[0].event).toMatch(/^Traceback \(most recent call last\):\n[\s\S]*\nauthentik\.lib\.sync\.outgoing\.exceptions\.ObjectExistsSyncException: <Response \[409\]>$/);
    const [entra] = (await call(s, '/providers/microsoft_entra/11/sync/status/')).json.tasks;
    expect(entra.status).toBe('error');
  });

  it('running: is_running for the whole run while the previous run’s row stays; the new row arrives at the end', async () => {
    const s = await sim({ scenario: 'running' });
    const first = (await call(s, '/providers/scim/3/sync/status/')).json;
    expect(first.is_running).toBe(true);
    expect(first.tasks).toHaveLength(1);
    const previous = first.tasks[0].finish_timestamp;
    let body = first;
    for (let i = 0; i < 10 && body.is_running; i++) body = (await call(s, '/providers/scim/3/sync/status/')).json;
    expect(body.is_running).toBe(false);
    expect(body.tasks[0].finish_timestamp > previous).toBe(true);
  });

  it('never synced: no row', async () => {
    const s = await sim({ scenario: 'empty' });
    for (const path of ['/providers/scim/3/', '/providers/google_workspace/4/', '/providers/microsoft_entra/5/']) {
      expect((await call(s, `${path}sync/status/`)).json).toEqual({ is_running: false, tasks: [] });
    }
  });

  it('re-running the provider’s SystemTask starts its sync again (authentik_events.run_task)', async () => {
    const s = await sim({ permissions: ['authentik_providers_scim.view_scimprovider', 'authentik_events.view_systemtask'] });
    const [row] = (await call(s, '/providers/scim/3/sync/status/')).json.tasks;
    const refused = await call(s, `/events/system_tasks/${row.uuid}/run/`, { method: 'POST' });
    expect([refused.status, refused.json]).toEqual([403, FORBIDDEN]);
    s.setPermissions(['authentik_providers_scim.view_scimprovider', 'authentik_events.view_systemtask', 'authentik_events.run_task']);
    const run = await call(s, `/events/system_tasks/${row.uuid}/run/`, { method: 'POST' });
    expect([run.status, run.text]).toEqual([204, '']);
    expect((await call(s, '/providers/scim/3/sync/status/')).json.is_running).toBe(true);
    expect((await call(s, '/events/system_tasks/00000000-0000-4000-8000-000000000000/run/', { method: 'POST' })).status).toBe(404);
  });

  it('PATCH {} starts a sync that moves on with each status poll', async () => {
    const s = await sim({ scenario: 'empty' });
    const patch = await call(s, '/providers/scim/3/', { method: 'PATCH', body: {} });
    expect(patch.status).toBe(200);
    expect(patch.json).toMatchObject({ pk: 3, name: 'Slack SCIM' });
    expect((await call(s, '/providers/scim/3/sync/status/')).json).toEqual({ is_running: true, tasks: [] });
    let body;
    for (let i = 0; i < 10; i++) body = (await call(s, '/providers/scim/3/sync/status/')).json;
    expect(body.is_running).toBe(false);
    expect(body.tasks[0].status).toBe('successful');
  });
});

describe('Kerberos', () => {
  it('A (2024.10–2025.6): the status always lists no task; the runs are in the shared kerberos_sync_single row', async () => {
    const s = await sim({ version: '2025.6.3', scenario: 'errors', permissions: ['authentik_events.view_systemtask'] });
    // No permission is checked on the status view.
    expect((await call(s, '/sources/kerberos/corp-krb/sync/status/')).json).toEqual({ is_running: false, tasks: [] });
    const rows = (await call(s, '/events/system_tasks/?name=kerberos_sync_single')).json.results;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'kerberos_sync_single', full_name: 'kerberos_sync_single', uid: null, status: 'error', description: 'Sync a single source' });
    expect(rows[0].messages[0].event).toMatch(/^Traceback[\s\S]*kadmin\.KAdminException: Cannot contact any KDC/);
    expect((await call(s, '/sources/kerberos/corp-krb/')).json).toEqual(FORBIDDEN);
  });

  it('does not exist before 2024.10: Django’s HTML 404', async () => {
    const s = await sim({ version: '2024.8.3' });
    const res = await call(s, '/sources/kerberos/');
    expect(res.status).toBe(404);
    expect(res.contentType).toContain('text/html');
  });

  it('B: one kerberos_sync task per run, no pages; a disabled source still “succeeds” every two hours', async () => {
    const s = await sim({ generation: 'B', version: '2026.2.2' });
    const source = (await call(s, '/sources/kerberos/corp-krb/')).json;
    expect(source).toMatchObject({ slug: 'corp-krb', realm: 'CORP.EXAMPLE.COM', connectivity: { status: 'ok', principal_exists: true } });
    const schedules = await scheduleOf(s, 'authentik_sources_kerberos', source.pk);
    expect(schedules.map((r: any) => r.actor_name).sort()).toEqual(['authentik.sources.kerberos.tasks.kerberos_connectivity_check', 'authentik.sources.kerberos.tasks.kerberos_sync']);
    const sync = schedules.find((r: any) => r.actor_name.endsWith('kerberos_sync'));
    expect(sync).toMatchObject({ uid: 'authentik.sources.kerberos.tasks.kerberos_sync:corp-krb', crontab: '37 */2 * * *' });
    const tasks = await tasksOf(s, sync.id);
    expect(tasks).toHaveLength(3);
    expect(tasks[0]).toMatchObject({ uid: 'authentik.sources.kerberos.tasks.kerberos_sync:corp-krb', state: 'done', aggregated_status: 'done' });
    expect(tasks[0].logs.map((l: any) => l.event)).toEqual(['Task has been queued', 'Task is being processed', 'Task finished processing without errors']);
    const lab = (await call(s, '/sources/kerberos/lab-krb/sync/status/')).json;
    expect(lab).toMatchObject({ is_running: false, last_sync_status: 'done', last_successful_sync: expect.any(String) });
    expect((await call(s, '/sources/kerberos/lab-krb/')).json).toMatchObject({ enabled: false, connectivity: null });
  });

  it('B problems: user syncing switched off, said at info level on a `done` run', async () => {
    const s = await sim({ generation: 'B', scenario: 'problems' });
    const source = (await call(s, '/sources/kerberos/corp-krb/')).json;
    expect(source.sync_users).toBe(false);
    const sync = (await scheduleOf(s, 'authentik_sources_kerberos', source.pk)).find((r: any) => r.actor_name.endsWith('kerberos_sync'));
    const [latest] = await tasksOf(s, sync.id);
    expect(latest.logs.map((l: any) => [l.log_level, l.event])).toContainEqual(['info', 'Source is disabled or user syncing is disabled for this Source']);
  });
});

describe('generation B providers: schedule, parent and page tasks', () => {
  it('problems: warnings on page tasks never reach last_sync_status; the "or" typo; 2026.2+ error text', async () => {
    const s = await sim({ generation: 'B', version: '2026.8.3', scenario: 'problems' });
    const status = (await call(s, '/providers/scim/3/sync/status/')).json;
    expect(status).toMatchObject({ is_running: false, last_sync_status: 'info' });
    const [schedule] = await scheduleOf(s, 'authentik_providers_scim', 3);
    expect(schedule).toMatchObject({ identifier: '3', uid: 'authentik.providers.scim.tasks.scim_sync:Slack SCIM', crontab: '23 */4 * * *', rel_obj_model: 'scimprovider' });
    const tasks = await tasksOf(s, schedule.id);
    expect(tasks[0]).toMatchObject({ actor_name: 'authentik.providers.scim.tasks.scim_sync', state: 'done' });
    const page = tasks.find((t) => t.uid === 'authentik.providers.scim.tasks.scim_sync_objects:Slack SCIM:user:1');
    expect(page).toMatchObject({ aggregated_status: 'warning', description: 'Sync SCIM provider objects.' });
    const lines = page.logs.map((l: any) => l.event);
    expect(lines).toContain('Syncing page 1 or Users');
    expect(lines).toContain(
      "Failed to sync m.okafor due to transient error: Network error: {'schemas': ['urn:ietf:params:scim:api:messages:2.0:Error'], 'detail': 'Attribute emails is required', 'status': '400'}",
    );
  });

  it('2025.8: slugified uids, `messages`, `info`; an unassigned provider warns on every run', async () => {
    const s = await sim({ generation: 'B', version: '2025.8.6' });
    const [schedule] = await scheduleOf(s, 'authentik_providers_scim', 3);
    const [parent] = await tasksOf(s, schedule.id);
    expect(parent).toMatchObject({ uid: 'authentik.providers.scim.tasks.scim_sync:slack-scim', aggregated_status: 'info' });
    expect(parent.messages.map((l: any) => l.logger)).toContain('authentik.tasks.middleware.MessagesMiddleware');
    expect((await call(s, '/providers/scim/9/sync/status/')).json).toMatchObject({ last_sync_status: 'warning' });
  });

  it('errors: the failing page and the parent end `rejected`', async () => {
    const s = await sim({ generation: 'B', scenario: 'errors' });
    expect((await call(s, '/providers/google_workspace/4/sync/status/')).json).toMatchObject({ last_sync_status: 'rejected' });
    const [schedule] = await scheduleOf(s, 'authentik_providers_google_workspace', 4);
    const tasks = await tasksOf(s, schedule.id);
    const rejected = tasks.filter((t) => t.state === 'rejected');
    expect(rejected.map((t) => t.actor_name).sort()).toEqual([
      'authentik.enterprise.providers.google_workspace.tasks.google_workspace_sync',
      'authentik.enterprise.providers.google_workspace.tasks.google_workspace_sync_objects',
    ]);
    expect(rejected[0].retries).toBe(5);
  });

  it('running, then never synced; POST send starts a run that moves with each status poll', async () => {
    const running = await sim({ generation: 'B', scenario: 'running' });
    expect((await call(running, '/providers/microsoft_entra/5/sync/status/')).json.is_running).toBe(true);
    const s = await sim({ generation: 'B', scenario: 'empty' });
    expect((await call(s, '/providers/microsoft_entra/5/sync/status/')).json).toEqual({ is_running: false });
    const [schedule] = await scheduleOf(s, 'authentik_providers_microsoft_entra', 5);
    const sent = await call(s, `/tasks/schedules/${schedule.id}/send/`, { method: 'POST' });
    expect([sent.status, sent.json]).toEqual([200, {}]);
    expect((await call(s, '/providers/microsoft_entra/5/sync/status/')).json).toEqual({ is_running: true });
    let body: any;
    for (let i = 0; i < 12; i++) body = (await call(s, '/providers/microsoft_entra/5/sync/status/')).json;
    expect(body).toMatchObject({ is_running: false, last_sync_status: 'info' });
  });
});

describe('dry run (2025.4+)', () => {
  it('every write is dropped and said at info level, on every run; before 2025.4 there is no such mode', async () => {
    const a = await sim({ version: '2025.6.3' });
    expect((await call(a, '/providers/google_workspace/12/')).json).toMatchObject({ name: 'Google Workspace (staging)', dry_run: true });
    const [row] = (await call(a, '/providers/google_workspace/12/sync/status/')).json.tasks;
    expect(row.status).toBe('successful');
    const dropped = row.messages.filter((m: any) => m.event === 'Dropping mutating request due to dry run');
    expect(dropped).toHaveLength(5);
    expect(dropped[0]).toMatchObject({ log_level: 'info', attributes: { method: 'POST', url: expect.stringContaining('/admin/directory/v1/users') } });
    const old = await sim({ version: '2024.8.3' });
    const [oldRow] = (await call(old, '/providers/google_workspace/12/sync/status/')).json.tasks;
    expect(events(oldRow)).not.toContain('Dropping mutating request due to dry run');
    expect((await call(old, '/providers/google_workspace/12/')).json.dry_run).toBeUndefined();
    const b = await sim({ generation: 'B' });
    const [schedule] = await scheduleOf(b, 'authentik_providers_google_workspace', 12);
    const lines = (await tasksOf(b, schedule.id)).flatMap((t) => t.logs.map((l: any) => l.event));
    expect(lines.filter((e) => e === 'Dropping mutating request due to dry run').length).toBe(3 * 5);
    expect((await call(b, '/providers/google_workspace/12/sync/status/')).json.last_sync_status).toBe('info');
  });
});

describe('a sync started while one runs', () => {
  it('B: a `done` task that only says it skipped becomes the newest (last_successful_sync is now); A: nothing', async () => {
    const s = await sim({ generation: 'B', scenario: 'running' });
    expect((await call(s, '/providers/scim/3/sync/status/')).json.is_running).toBe(true);
    const [schedule] = await scheduleOf(s, 'authentik_providers_scim', 3);
    s.advance(2000);
    expect((await call(s, `/tasks/schedules/${schedule.id}/send/`, { method: 'POST' })).status).toBe(200);
    const [newest] = await tasksOf(s, schedule.id);
    expect(newest).toMatchObject({ state: 'done', actor_name: 'authentik.providers.scim.tasks.scim_sync' });
    expect(newest.logs.map((l: any) => l.event)).toContain('Synchronization is already running. Skipping.');
    const status = (await call(s, '/providers/scim/3/sync/status/')).json;
    expect(status).toMatchObject({ is_running: true, last_successful_sync: newest.mtime });
    const a = await sim({ scenario: 'running' });
    const before = (await call(a, '/providers/scim/3/sync/status/')).json;
    await call(a, '/providers/scim/3/', { method: 'PATCH', body: {} });
    let body: any;
    for (let i = 0; i < 10; i++) body = (await call(a, '/providers/scim/3/sync/status/')).json;
    // One run finished (the one that was running), no second one.
    expect(body.is_running).toBe(false);
    expect(body.tasks[0].finish_timestamp > before.tasks[0].finish_timestamp).toBe(true);
    for (let i = 0; i < 5; i++) expect((await call(a, '/providers/scim/3/sync/status/')).json.is_running).toBe(false);
  });
});

describe('permissions and the enterprise licence', () => {
  it('a token without a kind’s view permission gets 403 for that kind only', async () => {
    const s = await sim({ generation: 'B', permissions: ['authentik_providers_scim.view_scimprovider'] });
    expect((await call(s, '/providers/scim/')).status).toBe(200);
    for (const path of ['/providers/google_workspace/', '/providers/microsoft_entra/5/sync/status/', '/sources/kerberos/corp-krb/sync/status/']) {
      const res: CallResult = await call(s, path);
      expect([res.status, res.json]).toEqual([403, FORBIDDEN]);
    }
    const patch = await call(s, '/providers/scim/3/', { method: 'PATCH', body: {} });
    expect([patch.status, patch.json]).toEqual([403, FORBIDDEN]);
  });

  it('an unknown or other-kind id is the version’s 404', async () => {
    const s = await sim({ version: '2025.6.3' });
    expect((await call(s, '/providers/google_workspace/3/')).json).toEqual({ detail: 'No GoogleWorkspaceProvider matches the given query.' });
    const old = await sim({ version: '2024.8.3' });
    expect((await call(old, '/providers/scim/abc/sync/status/')).json).toEqual({ detail: 'Not found.' });
  });

  it('expired licence: Google and Entra still list and report, but saving (A’s trigger) is refused; B’s send works', async () => {
    const a = await sim({ license: 'expired' });
    expect((await call(a, '/providers/google_workspace/')).json.results).toHaveLength(2);
    expect((await call(a, '/providers/microsoft_entra/5/sync/status/')).json.tasks).toHaveLength(1);
    const patch = await call(a, '/providers/google_workspace/4/', { method: 'PATCH', body: {} });
    expect([patch.status, patch.json]).toEqual([400, { non_field_errors: ['Enterprise is required to create/update this object.'] }]);
    expect((await call(a, '/providers/scim/3/', { method: 'PATCH', body: {} })).status).toBe(200);
    expect((await call(a, '/enterprise/license/summary/')).json).toMatchObject({ status: 'expired' });
    const b = await sim({ generation: 'B', license: 'expired' });
    const [schedule] = await scheduleOf(b, 'authentik_providers_google_workspace', 4);
    expect((await call(b, `/tasks/schedules/${schedule.id}/send/`, { method: 'POST' })).status).toBe(200);
  });

  it('never licensed: no Google or Entra provider; read-only: every write refused', async () => {
    const s = await sim({ license: 'unlicensed' });
    expect((await call(s, '/providers/microsoft_entra/')).json.results).toEqual([]);
    expect((await call(s, '/providers/scim/')).json.results).toHaveLength(3);
    s.setLicense('read_only');
    const patch = await call(s, '/sources/ldap/corp-ad/', { method: 'PATCH', body: {} });
    expect([patch.status, patch.json]).toEqual([400, { detail: 'Request denied due to expired/invalid license.', code: 'denied_license' }]);
  });
});

describe('the scenario × kind × generation matrix', () => {
  const OBJECTS = [
    { kind: 'kerberos', path: '/sources/kerberos/corp-krb/', app: 'authentik_sources_kerberos' },
    { kind: 'scim', path: '/providers/scim/3/', app: 'authentik_providers_scim' },
    { kind: 'google_workspace', path: '/providers/google_workspace/4/', app: 'authentik_providers_google_workspace' },
    { kind: 'microsoft_entra', path: '/providers/microsoft_entra/5/', app: 'authentik_providers_microsoft_entra' },
  ];

  /** What a monitor has to go on, in a few words: the run's outcome, its problem lines, or running / none. */
  async function signalA(s: Simulator, o: (typeof OBJECTS)[number]): Promise<string> {
    const status = (await call(s, `${o.path}sync/status/`)).json;
    if (status.is_running) return 'running';
    const row = o.kind === 'kerberos' ? (await call(s, '/events/system_tasks/?name=kerberos_sync_single')).json.results[0] : status.tasks[0];
    if (!row) return 'none';
    const problems = row.messages.filter((m: any) => m.log_level !== 'info' || !/^(Starting full|Syncing )/.test(m.event));
    return `${row.status}:${problems.length}`;
  }

  async function signalB(s: Simulator, o: (typeof OBJECTS)[number]): Promise<string> {
    const status = (await call(s, `${o.path}sync/status/`)).json;
    if (status.is_running) return 'running';
    if (!status.last_sync_status) return 'none';
    const pk = (await call(s, o.path)).json.pk;
    const schedule = (await scheduleOf(s, o.app, pk)).find((r: any) => !r.actor_name.endsWith('connectivity_check'));
    const tasks = await tasksOf(s, schedule.id);
    const parent = tasks.find((t) => t.actor_name === schedule.actor_name);
    // The newest run: the newest parent and the page tasks after it started.
    const run = tasks.filter((t) => t.mtime >= parent.logs[0].timestamp);
    const problems = run.flatMap((t) => t.logs).filter((l: any) => l.log_level !== 'info' || l.event.startsWith('Source is disabled'));
    return `${status.last_sync_status}:${problems.length}`;
  }

  const EXPECTED: Record<string, { A: string[]; B: string[] }> = {
    // kerberos, scim, google_workspace, microsoft_entra
    healthy: { A: ['successful:0', 'successful:0', 'successful:0', 'successful:0'], B: ['info:0', 'info:0', 'info:0', 'info:0'] },
    problems: { A: ['successful:1', 'successful:3', 'successful:3', 'successful:3'], B: ['info:1', 'info:3', 'info:3', 'info:3'] },
    errors: { A: ['error:1', 'error:1', 'error:1', 'error:1'], B: ['rejected:1', 'rejected:2', 'rejected:2', 'rejected:2'] },
    running: { A: ['running', 'running', 'running', 'running'], B: ['running', 'running', 'running', 'running'] },
    empty: { A: ['none', 'none', 'none', 'none'], B: ['none', 'none', 'none', 'none'] },
  };

  it.each(Object.keys(EXPECTED))('%s', async (scenario) => {
    const a = await sim({ version: '2025.6.3', scenario: scenario as any });
    const b = await sim({ generation: 'B', version: '2026.8.3', scenario: scenario as any });
    const got = { A: [] as string[], B: [] as string[] };
    for (const o of OBJECTS) {
      got.A.push(await signalA(a, o));
      got.B.push(await signalB(b, o));
    }
    expect(got).toEqual(EXPECTED[scenario]);
  });
});
