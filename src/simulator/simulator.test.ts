import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { call, manualClock, simulatorsForTests } from './testing.js';

const sim = simulatorsForTests(afterEach);

const uidSlug = (task: { uid: string }) => task.uid.split(':')[0];

describe('authentication and errors', () => {
  it('answers 403, never 401, with DRF detail bodies', async () => {
    const s = await sim();
    const none = await call(s, '/admin/version/', { authorization: null });
    expect([none.status, none.json]).toEqual([403, { detail: 'Authentication credentials were not provided.' }]);
    const wrong = await call(s, '/admin/version/', { authorization: 'Bearer not-the-token' });
    expect([wrong.status, wrong.json]).toEqual([403, { detail: 'Token invalid/expired' }]);
    const basic = await call(s, '/admin/version/', { authorization: 'Basic dXNlcjpwYXNz' });
    expect(basic.status).toBe(403);
    const ok = await call(s, '/admin/version/');
    expect(ok.status).toBe(200);
    expect(ok.json.version_current).toBe('2024.8.3');
  });

  it('refuses a missing permission with 403 and hides tasks silently without view_systemtask (A)', async () => {
    const s = await sim({ permissions: ['authentik_sources_ldap.view_ldapsource'] });
    const status = await call(s, '/sources/ldap/corp-ad/sync/status/');
    expect(status.json).toEqual({ is_running: false, tasks: [] });
    const patch = await call(s, '/sources/ldap/corp-ad/', { method: 'PATCH', body: {} });
    expect([patch.status, patch.json]).toEqual([403, { detail: 'You do not have permission to perform this action.' }]);
    s.setPermissions([]);
    expect((await call(s, '/sources/ldap/')).status).toBe(403);
    const me = await call(s, '/core/users/me/');
    expect(me.json.user).toMatchObject({ is_superuser: false, system_permissions: [] });
  });

  it('answers an unknown slug with the version’s 404 body', async () => {
    const old = await sim({ version: '2025.2.4' });
    expect((await call(old, '/sources/ldap/nope/')).json).toEqual({ detail: 'Not found.' });
    const newer = await sim({ version: '2025.4.1' });
    const res = await call(newer, '/sources/ldap/nope/sync/status/');
    expect([res.status, res.json]).toEqual([404, { detail: 'No LDAPSource matches the given query.' }]);
  });

  it('answers paths outside the API with Django’s HTML 404, before authentication', async () => {
    const s = await sim();
    const res = await call(s, '/tasks/tasks/', { authorization: null });
    expect(res.status).toBe(404);
    expect(res.contentType).toContain('text/html');
  });
});

describe('generation A status', () => {
  it('returns 101 page tasks for corp-ad, all successful with `Synced N objects.`', async () => {
    const s = await sim();
    const { json } = await call(s, '/sources/ldap/corp-ad/sync/status/');
    expect(json.is_running).toBe(false);
    expect(json.tasks).toHaveLength(101);
    const types = json.tasks.map((t: { uid: string }) => t.uid.split(':')[1]);
    expect(types.filter((t: string) => t === 'users')).toHaveLength(85);
    expect(types.filter((t: string) => t === 'groups')).toHaveLength(8);
    for (const task of json.tasks) {
      expect(task.status).toBe('successful');
      expect(task.messages.at(-1).event).toMatch(/^Synced \d+ objects\.$/);
    }
  });

  it('includes every source whose slug starts with the asked one (the prefix quirk)', async () => {
    const s = await sim();
    const { json } = await call(s, '/sources/ldap/corp/sync/status/');
    const slugs = new Set(json.tasks.map(uidSlug));
    expect(slugs).toEqual(new Set(['corp', 'corp-eu', 'corp-ad']));
    const own = await call(s, '/sources/ldap/corp-eu/sync/status/');
    expect(new Set(own.json.tasks.map(uidSlug))).toEqual(new Set(['corp-eu']));
  });

  it('shows problem messages with status successful, and error pages as authentik stores them', async () => {
    const s = await sim({ scenario: 'problems' });
    const events = (await call(s, '/sources/ldap/corp-ad/sync/status/')).json.tasks.flatMap((t: any) =>
      t.messages.map((m: any) => m.event),
    );
    expect(events).toContain(
      "Uniqueness field not found/not set in attributes: 'CN=Facilities Hotline,OU=Contacts,DC=corp,DC=example,DC=com'; DN: CN=Facilities Hotline,OU=Contacts,DC=corp,DC=example,DC=com",
    );
    expect(events).toContain("Group does not exist in our DB yet, run sync_groups first: 'CN=Print Operators,OU=Groups,DC=corp,DC=example,DC=com'");
    expect(events).toContain('Group syncing is disabled for this Source');
    expect(events).toContain('Synced -1 objects.');

    s.setScenario('errors');
    const tasks = (await call(s, '/sources/ldap/corp-ad/sync/status/')).json.tasks;
    const failed = tasks.filter((t: any) => t.status === 'error');
    expect(failed).toHaveLength(4);
    const traceback = failed.find((t: any) => t.messages[0].log_level === 'error');
    expect(traceback.messages[0].event).toMatch(/^Traceback \(most recent call last\):\n[\s\S]*LDAPSocketOpenError: socket connection error while opening: \[Errno 111\] Connection refused$/);
    const cacheMiss = failed.find((t: any) => t.messages[0].event.startsWith('Could not find page in cache'));
    expect(cacheMiss.messages[0].log_level).toBe('info');
    expect(cacheMiss.messages[0].event).toBe(
      `Could not find page in cache: goauthentik.io/sources/ldap/page/${cacheMiss.uid.split(':')[2]}. Try increasing ldap.task_timeout_hours`,
    );
  });

  it('walks a running sync forward one step per status poll', async () => {
    const s = await sim({ scenario: 'running' });
    const poll = async () => (await call(s, '/sources/ldap/corp-ad/sync/status/')).json;
    expect(await poll()).toEqual({ is_running: true, tasks: [] });
    const counts: number[] = [];
    for (let i = 0; i < 6; i++) {
      const body = await poll();
      expect(body.is_running).toBe(false);
      counts.push(body.tasks.length);
    }
    expect(counts).toEqual([20, 40, 60, 80, 100, 101]);
    expect((await poll()).tasks).toHaveLength(101);
  });

  it('starts a run on PATCH {} and returns the source', async () => {
    const s = await sim({ scenario: 'healthy' });
    const res = await call(s, '/sources/ldap/corp-ad/', { method: 'PATCH', body: {} });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ slug: 'corp-ad', icon: null });
    const first = (await call(s, '/sources/ldap/corp-ad/sync/status/')).json;
    expect(first).toEqual({ is_running: true, tasks: [] });
    expect((await call(s, '/sources/ldap/corp-ad/sync/status/')).json.tasks).toHaveLength(20);
  });

  it('has no task for ldap-down, only its connectivity error', async () => {
    const s = await sim();
    expect((await call(s, '/sources/ldap/ldap-down/sync/status/')).json).toEqual({ is_running: false, tasks: [] });
    const source = (await call(s, '/sources/ldap/ldap-down/')).json;
    expect(source.connectivity.__all__.status).toBe('socket connection error while opening: [Errno 111] Connection refused');
  });
});

describe('pagination', () => {
  it('pages the source list with page numbers, 0 for none', async () => {
    const s = await sim();
    const first = await call(s, '/sources/ldap/?page=1&page_size=2');
    expect(first.json.pagination).toEqual({ next: 2, previous: 0, count: 5, current: 1, total_pages: 3, start_index: 1, end_index: 2 });
    const last = await call(s, '/sources/ldap/?page=3&page_size=2');
    expect(last.json.pagination).toMatchObject({ next: 0, previous: 2, start_index: 5, end_index: 5 });
    expect(last.json.results).toHaveLength(1);
    expect((await call(s, '/sources/ldap/?page=4&page_size=2')).json).toEqual({ detail: 'Invalid page.' });
    expect('autocomplete' in first.json).toBe(false);
  });

  it('searches names and slugs', async () => {
    const s = await sim({ generation: 'B' });
    const res = await call(s, '/sources/ldap/?search=corp');
    expect(res.json.results.map((r: any) => r.slug).sort()).toEqual(['corp', 'corp-ad', 'corp-eu']);
    expect(res.json.autocomplete).toEqual({});
    expect((await call(s, '/sources/ldap/?search=nothing')).json.pagination).toMatchObject({ count: 0, total_pages: 1, start_index: 0, end_index: 0 });
  });
});

describe('serveForever', () => {
  it('serves the lively scenario and resolves with the URL and token to print', async () => {
    const { serveForever } = await import('./serve.js');
    const clock = manualClock('2026-09-21T10:00:01.000Z'); // the 10:00 run is still enumerating
    const { url, token, simulator } = await serveForever({ now: clock.now });
    onTestFinished(() => simulator.close());
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const status = await call(simulator, '/sources/ldap/corp-ad/sync/status/', { authorization: `Bearer ${token}` });
    expect(status.json.is_running).toBe(true);
  });

  it('refuses an unknown scenario name with the list of known ones', async () => {
    const s = await sim();
    expect(() => s.setScenario('nope' as never)).toThrow(/unknown scenario "nope" \(one of: healthy, problems/);
  });
});
