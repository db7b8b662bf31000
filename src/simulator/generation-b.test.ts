import { afterEach, describe, expect, it } from 'vitest';
import { call, simulatorsForTests } from './testing.js';
import type { Simulator } from './types.js';

const sim = simulatorsForTests(afterEach, { generation: 'B' });

const SYNC = 'authentik.sources.ldap.tasks.ldap_sync';

async function scheduleOf(s: Simulator, slug: string) {
  const source = (await call(s, `/sources/ldap/${slug}/`)).json;
  const list = await call(
    s,
    `/tasks/schedules/?rel_obj_content_type__app_label=authentik_sources_ldap&rel_obj_content_type__model=ldapsource&rel_obj_id=${source.pk}`,
  );
  return list.json.results.find((r: any) => r.actor_name === SYNC);
}

async function tasksOf(s: Simulator, scheduleId: string, extra = '') {
  return call(
    s,
    `/tasks/tasks/?rel_obj_content_type__app_label=authentik_tasks_schedules&rel_obj_content_type__model=schedule&rel_obj_id=${scheduleId}&ordering=-mtime${extra}`,
  );
}

describe('generation B', () => {
  it('reports status without tasks, and the run in the tasks framework', async () => {
    const s = await sim();
    const status = (await call(s, '/sources/ldap/corp-ad/sync/status/')).json;
    expect(status).toMatchObject({ is_running: false, last_sync_status: 'info' });
    expect(Object.keys(status).sort()).toEqual(['is_running', 'last_successful_sync', 'last_sync_status']);
    const schedule = await scheduleOf(s, 'corp-ad');
    expect(schedule.crontab).toBe('13 */2 * * *');
    const page = await tasksOf(s, schedule.id, '&page_size=100');
    expect(page.json.pagination.count).toBe(3 * 102);
    const newest = page.json.results;
    const mtimes = newest.map((t: any) => t.mtime);
    expect([...mtimes].sort().reverse()).toEqual(mtimes);
    const parent = newest.find((t: any) => t.actor_name === SYNC);
    expect(parent).toMatchObject({ uid: `${SYNC}:corp-ad`, state: 'done', aggregated_status: 'info' });
    const pageTask = newest.find((t: any) => t.actor_name === `${SYNC}_page`);
    expect(pageTask.logs.map((l: any) => l.event)).toEqual(
      expect.arrayContaining(['Task has been queued', 'Task is being processed', 'Task finished processing without errors']),
    );
    expect(pageTask.previous_logs).toEqual([]);
  });

  it('defaults the page size to 20 (2025.12+) and caps it at 100', async () => {
    const s = await sim();
    const schedule = await scheduleOf(s, 'corp-ad');
    expect((await tasksOf(s, schedule.id)).json.results).toHaveLength(20);
    expect((await tasksOf(s, schedule.id, '&page_size=500')).json.results).toHaveLength(100);
  });

  it('names logs `messages` in 2025.8 and reads `done` for a run with errors in 2025.10–2026.5', async () => {
    const old = await sim({ version: '2025.8.6', scenario: 'errors' });
    const oldTasks = (await tasksOf(old, (await scheduleOf(old, 'corp-ad')).id, '&page_size=100')).json.results;
    expect(oldTasks[0]).toHaveProperty('messages');
    expect(oldTasks[0]).toHaveProperty('previous_messages');
    expect(oldTasks[0]).not.toHaveProperty('logs');
    expect((await call(old, '/sources/ldap/corp-ad/sync/status/')).json.last_sync_status).toBe('error');

    const buggy = await sim({ version: '2026.2.2', scenario: 'errors' });
    expect((await call(buggy, '/sources/ldap/corp-ad/sync/status/')).json.last_sync_status).toBe('done');
    const tasks = (await tasksOf(buggy, (await scheduleOf(buggy, 'corp-ad')).id, '&page_size=100')).json.results;
    const failed = tasks.filter((t: any) => t.logs.some((l: any) => l.log_level === 'error'));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((t: any) => t.aggregated_status === 'done')).toBe(true);
  });

  it('ends ldap-down with a rejected parent after 5 retries', async () => {
    const s = await sim();
    expect((await call(s, '/sources/ldap/ldap-down/sync/status/')).json).toMatchObject({ is_running: false, last_sync_status: 'rejected' });
    const tasks = (await tasksOf(s, (await scheduleOf(s, 'ldap-down')).id)).json.results;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ state: 'rejected', aggregated_status: 'rejected', retries: 5 });
    expect(tasks[0].logs.at(-1)).toMatchObject({ log_level: 'error', event: 'socket connection error while opening: [Errno 111] Connection refused' });
  });

  it('runs a sync triggered by POST send: is_running until every page is done', async () => {
    const s = await sim({ scenario: 'empty' });
    expect((await call(s, '/sources/ldap/corp-ad/sync/status/')).json).toEqual({ is_running: false });
    const schedule = await scheduleOf(s, 'corp-ad');
    const sent = await call(s, `/tasks/schedules/${schedule.id}/send/`, { method: 'POST' });
    expect([sent.status, sent.json]).toEqual([200, {}]);
    const seen: boolean[] = [];
    for (let i = 0; i < 7; i++) seen.push((await call(s, '/sources/ldap/corp-ad/sync/status/')).json.is_running);
    expect(seen).toEqual([true, true, true, true, true, true, false]);
    const status = (await call(s, '/sources/ldap/corp-ad/sync/status/')).json;
    expect(status.last_sync_status).toBe('info');
    expect((await tasksOf(s, schedule.id)).json.pagination.count).toBe(102);
  });

  it('shows pages still to do as queued, membership waiting for dependencies (2026.8)', async () => {
    const s = await sim({ scenario: 'running' });
    await call(s, '/sources/ldap/corp-ad/sync/status/');
    await call(s, '/sources/ldap/corp-ad/sync/status/');
    const schedule = await scheduleOf(s, 'corp-ad');
    const tasks = (await tasksOf(s, schedule.id, '&page_size=100')).json.results.concat(
      (await tasksOf(s, schedule.id, '&page_size=100&page=2')).json.results,
    );
    const states = new Set(tasks.map((t: any) => `${t.uid.split(':')[2] ?? 'run'}:${t.state}`));
    expect(states).toContain('membership:waiting_for_dependencies');
    expect(states).toContain('users:queued');
    expect(states).toContain('users:running');
    expect(states).toContain('run:running');
  });

  it('refuses the task lists without view_schedule / view_task (403, like authentik’s ObjectFilter)', async () => {
    const s = await sim({ permissions: ['authentik_sources_ldap.view_ldapsource'] });
    expect((await call(s, '/sources/ldap/corp-ad/sync/status/')).status).toBe(200);
    expect((await call(s, '/tasks/schedules/')).status).toBe(403);
    expect((await call(s, '/tasks/tasks/')).json).toEqual({ detail: 'You do not have permission to perform this action.' });
  });
});
