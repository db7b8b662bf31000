// Each kind's adapters and message rules on the example bodies of OTHER-SYNCS.md §4: a provider's generation A record
// split back into its pages, a per-user failure found in a run authentik calls successful, generation B's page tasks
// named by object type, Kerberos's one-task runs, and the verdicts they give.
import { describe, expect, it } from 'vitest';
import { syncStatusA } from '../api/adapter-a.js';
import { latestRun, pickSyncSchedule, syncStatusB } from '../api/adapter-b.js';
import { syncStatusASchema, systemTaskSchema } from '../api/schemas-a.js';
import { scheduleListSchema, syncStatusBSchema, taskListSchema } from '../api/schemas-b.js';
import { assess } from '../domain/verdict.js';
import type { SyncStatus } from '../domain/model.js';
import { KINDS } from './registry.js';
import { otherSyncsExample } from './test-support/examples.js';

const SCIM = KINDS.scim;
const KERBEROS = KINDS.kerberos;

function statusA(body: unknown, key: string, kind = SCIM): SyncStatus {
  return syncStatusA(syncStatusASchema.parse(body), (task) => kind.generationA.tasks(task, key));
}

const judge = (status: SyncStatus, key: string, kind = SCIM, now = new Date('2025-07-30T13:00:00Z')) =>
  assess({ slug: key, status, now, rules: kind.rules, source: null });

describe('SCIM, generation A: one record per provider, always `successful`', () => {
  it('splits the record into its pages by the `Syncing page N of Users` lines, the run keeping its own lines', () => {
    const status = statusA(otherSyncsExample('scim-a-2025.6-healthy'), '7');
    const [run, ...pages] = status.tasks;
    expect(run).toMatchObject({ kind: 'run', slug: '7', state: 'ok', durationSeconds: 41.139561 });
    expect(run?.messages.map((m) => m.event)).toEqual(['Starting full provider sync', 'Syncing users', 'Syncing groups']);
    expect(pages.map((p) => `${p.type}:${p.pageId}`)).toEqual(['users:1', 'users:2', 'users:3', 'groups:1']);
    expect(pages.every((p) => p.slug === '7' && p.kind === 'page')).toBe(true);
    const { verdict, summary } = judge(status, '7');
    expect(verdict).toEqual({ level: 'OK', reason: '4 pages, no object failed' });
    expect(summary.byType.map((t) => [t.type, t.pages])).toEqual([
      ['users', 3],
      ['groups', 1],
    ]);
  });

  it('a user that failed is a problem of its page, though authentik calls the run successful', () => {
    const status = statusA(otherSyncsExample('scim-a-2025.6-one-user-failing'), '7');
    const { verdict, summary } = judge(status, '7');
    expect(status.tasks[0]?.rawStatus).toBe('successful');
    expect(verdict).toEqual({ level: 'WARNING', reason: '1 problem message in 1 page' });
    const failing = summary.tasks.find((v) => v.problems.length > 0);
    expect(failing?.task).toMatchObject({ type: 'users', pageId: '2' });
    expect(failing?.headline).toBe('Failed to sync User m.okafor due to transient error: <Response [400]>');
  });

  it('a failed run is CRITICAL with the traceback\'s last line; each run of the reused record is a run of its own', () => {
    const body = otherSyncsExample('scim-a-2025.6-healthy');
    const task = body.tasks[0];
    task.status = 'error';
    task.messages = [{ timestamp: task.finish_timestamp, log_level: 'error', logger: 'scim_sync', event: 'Traceback (most recent call last):\n  File "x.py", line 1, in y\nauthentik.lib.sync.outgoing.exceptions.StopSync: No mappings configured', attributes: {} }];
    const failed = statusA(body, '7');
    expect(judge(failed, '7').verdict).toEqual({ level: 'CRITICAL', reason: 'the sync run failed (error): authentik.lib.sync.outgoing.exceptions.StopSync: No mappings configured' });
    // authentik reuses the record (and its uuid) for every run: its end time tells the runs apart.
    const later = otherSyncsExample('scim-a-2025.6-healthy');
    later.tasks[0].finish_timestamp = '2025-07-30T12:23:41.551870Z';
    const [first, second] = [statusA(otherSyncsExample('scim-a-2025.6-healthy'), '7'), statusA(later, '7')];
    expect(first.tasks[0]?.id).not.toBe(second.tasks[0]?.id);
  });

  it('an empty record list is "no sync run recorded", and a provider assigned to no application is not failing', () => {
    const empty = statusA({ is_running: false, tasks: [] }, '7');
    expect(judge(empty, '7').verdict).toEqual({ level: 'WARNING', reason: "no sync run recorded (authentik keeps a provider's last run for 6 hours after it ends)" });
    const unassigned = { kind: 'scim' as const, id: '9', pk: '9', slug: '9', name: 'Legacy HR SCIM', enabled: false, syncUsers: true, syncGroups: true, connectivity: null };
    expect(assess({ slug: '9', status: empty, now: new Date(), rules: SCIM.rules, source: unassigned }).verdict).toEqual({
      level: 'OK',
      reason: 'the provider is not assigned to an application: authentik does not sync it',
    });
  });

  it('a run that ended more than two schedules (8 h) ago is stale', () => {
    const status = statusA(otherSyncsExample('scim-a-2025.6-healthy'), '7');
    expect(judge(status, '7', SCIM, new Date('2025-07-30T18:00:00Z')).verdict).toEqual({
      level: 'WARNING',
      reason: 'stale: the last sync run ended 10h ago (authentik runs it every 4h)',
    });
  });
});

describe('SCIM, generation B: a parent task and page tasks per object type', () => {
  it('reads the run, names pages users/groups by their uid, and finds the failed user a `done` page hides', () => {
    const schedules = scheduleListSchema.parse(otherSyncsExample('scim-b-schedules')).results;
    const schedule = pickSyncSchedule(schedules, SCIM.generationB.actors.sync, '7');
    expect(schedule?.id).toBe('0c7f3e29-9d1a-4b6e-a2f4-58e1c9d7b031');
    const tasks = taskListSchema.parse(otherSyncsExample('scim-b-tasks')).results;
    const run = latestRun(tasks, '7', true, SCIM.generationB.actors);
    expect(run.tasks.map((t) => [t.kind, t.type, t.pageId, t.slug])).toEqual([
      ['run', 'run', '', '7'],
      ['page', 'users', '2', '7'],
    ]);
    const status = syncStatusB(syncStatusBSchema.parse(otherSyncsExample('scim-b-status')), { schedule: null, tasks: run.tasks, missingDetailPermission: null });
    const { verdict } = judge(status, '7', SCIM, new Date('2026-03-18T09:00:00Z'));
    expect(status.lastSyncStatus).toBe('done');
    expect(verdict).toEqual({ level: 'WARNING', reason: '1 problem message in 1 page' });
  });
});

describe('Kerberos: one task per run, no pages', () => {
  it('generation A reads the shared system task record; its run is the source\'s run task', () => {
    const record = systemTaskSchema.parse(otherSyncsExample('kerberos-a-system-task'));
    const tasks = KERBEROS.generationA.tasks(record, 'corp-krb');
    expect(tasks).toMatchObject([{ kind: 'run', slug: 'corp-krb', state: 'ok', durationSeconds: 7.784375 }]);
    const status: SyncStatus = { ...statusA({ is_running: false, tasks: [] }, 'corp-krb', KERBEROS), tasks };
    expect(judge(status, 'corp-krb', KERBEROS, new Date('2025-05-12T11:00:00Z')).verdict).toEqual({ level: 'OK', reason: 'the last sync run finished without problems' });
    expect(judge(status, 'corp-krb', KERBEROS, new Date('2025-05-12T16:00:00Z')).verdict.reason).toMatch(/^stale: /);
  });

  it('generation A: with several enabled Kerberos sources, the shared record may be another\'s run, and the verdict says so', () => {
    const record = systemTaskSchema.parse(otherSyncsExample('kerberos-a-system-task'));
    const status: SyncStatus = { ...statusA({ is_running: false, tasks: [] }, 'corp-krb', KERBEROS), tasks: KERBEROS.generationA.tasks(record, 'corp-krb'), sharedRecordWith: 2 };
    expect(judge(status, 'corp-krb', KERBEROS, new Date('2025-05-12T11:00:00Z')).verdict).toEqual({
      level: 'OK',
      reason: "the last sync run finished without problems (the run on record may be another source's: authentik keeps one record for all 2 enabled Kerberos sources)",
    });
  });

  it('generation B picks the sync schedule beside the connectivity check\'s, and judges the one run task', () => {
    const schedules = scheduleListSchema.parse(otherSyncsExample('kerberos-b-schedules')).results;
    const schedule = pickSyncSchedule(schedules, KERBEROS.generationB.actors.sync, '9a4c2e71-3f08-4d6b-b1e5-7c0d8f2a4e96');
    expect(schedule?.id).toBe('7f2a9c14-8b3d-4e61-a0c5-d9e4b1f6c278');
    const tasks = taskListSchema.parse(otherSyncsExample('kerberos-b-tasks')).results;
    const run = latestRun(tasks, 'corp-krb', true, KERBEROS.generationB.actors);
    expect(run.tasks.map((t) => [t.kind, t.slug, t.state])).toEqual([['run', 'corp-krb', 'ok']]);
    const status = syncStatusB(syncStatusBSchema.parse({ is_running: false, last_successful_sync: '2026-03-18T10:37:08.771204Z', last_sync_status: 'done' }), {
      schedule: null,
      tasks: run.tasks,
      missingDetailPermission: null,
    });
    expect(judge(status, 'corp-krb', KERBEROS, new Date('2026-03-18T11:00:00Z')).verdict).toEqual({ level: 'OK', reason: 'the last sync run finished without problems' });
  });

  it('"Source is disabled or user syncing is disabled" (an info line) is a problem: nothing was synced', () => {
    expect(KERBEROS.rules.messages.isProblem({ timestamp: null, level: 'info', logger: 'x', event: 'Source is disabled or user syncing is disabled for this Source', attributes: {} })).toBe(true);
    expect(KERBEROS.rules.messages.isProblem({ timestamp: null, level: 'info', logger: 'x', event: 'Synchronization is already running. Skipping', attributes: {} })).toBe(false);
  });
});
