import { afterEach, describe, expect, it } from 'vitest';
import { call, manualClock, simulatorsForTests } from './testing.js';
import { DAY, HOUR } from './time.js';
import type { Simulator } from './types.js';

const sim = simulatorsForTests(afterEach);

const SCIM_SYNC = 'authentik.providers.scim.tasks.scim_sync';

/** The parent tasks of Slack SCIM's (scim/3) sync schedule, newest first. */
async function parentTasks(s: Simulator, actor: string): Promise<any[]> {
  const [schedule] = (await call(s, '/tasks/schedules/?rel_obj_content_type__app_label=authentik_providers_scim&rel_obj_id=3')).json.results;
  const all: any[] = [];
  for (let page = 1; page > 0; ) {
    const res = await call(s, `/tasks/tasks/?rel_obj_id=${schedule.id}&actor_name=${actor}&ordering=-mtime&page_size=100&page=${page}`);
    all.push(...res.json.results);
    page = res.json.pagination.next;
  }
  return all;
}

describe('the simulator’s clock', () => {
  it('advance() and speed move the simulator’s time on', async () => {
    const clock = manualClock('2026-09-21T10:00:00.000Z');
    const s = await sim({ now: clock.now, speed: 3600 });
    clock.advance(1000);
    expect(s.now().toISOString()).toBe('2026-09-21T11:00:00.000Z');
    s.advance(DAY);
    expect(s.now().toISOString()).toBe('2026-09-22T11:00:00.000Z');
  });
});

describe('a week of scheduled runs', () => {
  it('generation A: polling after each 2-hour step sees every run once, only the latest at a time, failures among them', async () => {
    const s = await sim({ scenario: 'week', version: '2025.6.3' });
    const ldapRuns = new Map<string, boolean>();
    const scimRows = new Map<string, string>();
    const kerberosRows = new Set<string>();
    for (let step = 0; step < 84; step++) {
      s.advance(2 * HOUR);
      const ldap = (await call(s, '/sources/ldap/corp-ad/sync/status/')).json;
      const start = ldap.tasks.map((t: any) => t.start_timestamp).sort()[0];
      ldapRuns.set(start, ldap.tasks.some((t: any) => t.status === 'error'));
      const scim = (await call(s, '/providers/scim/3/sync/status/')).json.tasks;
      expect(scim).toHaveLength(1);
      scimRows.set(scim[0].finish_timestamp, scim[0].status);
      const kerberos = (await call(s, '/events/system_tasks/?name=kerberos_sync_single')).json.results;
      expect(kerberos).toHaveLength(1);
      kerberosRows.add(kerberos[0].finish_timestamp);
    }
    expect(ldapRuns.size).toBe(84);
    expect([...ldapRuns.values()].filter(Boolean).length).toBeGreaterThan(0);
    expect([...ldapRuns.values()].filter((failed) => !failed).length).toBeGreaterThan(60);
    // Providers run every 4 hours: every other step shows a new row (plus the one before the first step).
    expect(scimRows.size).toBe(43);
    expect([...scimRows.values()]).toContain('error');
    expect(kerberosRows.size).toBe(84);
  });

  it('generation B keeps the runs 30 days: a week of them at the start, and no more than 30 days later on', async () => {
    const s = await sim({ scenario: 'week', generation: 'B' });
    const week = await parentTasks(s, SCIM_SYNC);
    const scim3 = week.filter((t) => t.uid === `${SCIM_SYNC}:Slack SCIM`);
    expect(scim3.length).toBeGreaterThanOrEqual(41);
    expect(scim3.length).toBeLessThanOrEqual(42);
    expect(scim3.filter((t) => t.state === 'rejected').length).toBeGreaterThan(0);
    s.advance(40 * DAY);
    const later = (await parentTasks(s, SCIM_SYNC)).filter((t) => t.uid === `${SCIM_SYNC}:Slack SCIM`);
    const oldest = new Date(later.at(-1).mtime).getTime();
    expect(oldest).toBeGreaterThan(s.now().getTime() - 30 * DAY);
    expect(later.length).toBeGreaterThanOrEqual(179);
    expect(later.length).toBeLessThanOrEqual(180);
  });

  it('the other LDAP sources run on their schedules too, each run with its own task ids', async () => {
    const a = await sim({ scenario: 'week' });
    const started = async () => (await call(a, '/sources/ldap/corp-eu/sync/status/')).json.tasks.map((t: any) => t.start_timestamp).sort()[0];
    const before = await started();
    a.advance(2 * HOUR);
    expect(await started()).not.toBe(before);
    const b = await sim({ scenario: 'week', generation: 'B' });
    const [schedule] = (await call(b, '/tasks/schedules/?actor_name=authentik.sources.ldap.tasks.ldap_sync&rel_obj_id=' + (await call(b, '/sources/ldap/corp-eu/')).json.pk)).json.results;
    const ids: string[] = [];
    for (let page = 1; page > 0; ) {
      const res = await call(b, `/tasks/tasks/?rel_obj_id=${schedule.id}&page_size=100&page=${page}`);
      ids.push(...res.json.results.map((t: any) => t.message_id));
      page = res.json.pagination.next;
    }
    // 84 runs in the week behind the clock, each a parent and 4 pages (64 users, 4 groups).
    expect(ids.length).toBeGreaterThanOrEqual(83 * 4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is the same week for the same clock', async () => {
    const outcomes = async () => {
      const s = await sim({ scenario: 'week', generation: 'B' });
      return (await parentTasks(s, SCIM_SYNC)).map((t) => `${t.uid}@${t.mtime}:${t.state}`);
    };
    expect(await outcomes()).toEqual(await outcomes());
  });
});
