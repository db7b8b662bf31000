import { describe, expect, it } from 'vitest';
import type { SyncStatus } from './model.js';
import { message, pageTask, source, statusA, TRACEBACK } from './testing/factories.js';
import { taskLabel } from './model.js';
import { assess, errorSummary, summarise, VERDICT_EXIT_CODES } from './verdict.js';

const LATER = new Date('2024-09-30T18:00:00Z');
const synced = (n: number) => message(`Synced ${n} objects.`);

describe('summarise', () => {
  it("keeps only the slug's own tasks (authentik also returns corp-eu's tasks for corp)", () => {
    const status = statusA([pageTask('corp', 'users', [synced(50)]), pageTask('corp-eu', 'users', [synced(50)])]);
    const summary = summarise('corp', status);
    expect(summary.tasks).toHaveLength(1);
    expect(summary.tasks[0]?.task.slug).toBe('corp');
  });

  it('groups pages by type with objects, problems and error pages, and a run window', () => {
    const status = statusA([
      pageTask('corp-ad', 'users', [synced(50)], { start: new Date('2024-09-30T14:02:31Z'), finish: new Date('2024-09-30T14:02:33Z') }),
      pageTask('corp-ad', 'users', [
        message("Uniqueness field not found/not set in attributes: 'CN=Facilities Hotline,OU=Contacts,DC=corp,DC=example,DC=com'; DN: CN=Facilities Hotline,OU=Contacts,DC=corp,DC=example,DC=com"),
        synced(12),
      ], { start: new Date('2024-09-30T14:02:58Z'), finish: new Date('2024-09-30T14:03:00Z') }),
      pageTask('corp-ad', 'groups', [message(TRACEBACK, 'error')], { state: 'error', rawStatus: 'error', start: new Date('2024-09-30T14:03:10Z'), finish: new Date('2024-09-30T14:03:20Z') }),
      pageTask('corp-ad', 'membership', [synced(1312)], { start: new Date('2024-09-30T14:03:41Z'), finish: new Date('2024-09-30T14:03:47Z') }),
    ]);
    const s = summarise('corp-ad', status);
    expect(s.byType.map((t) => [t.type, t.pages, t.objects, t.problems, t.errors])).toEqual([
      ['users', 2, 62, 1, 0],
      ['groups', 1, 0, 1, 1],
      ['membership', 1, 1312, 0, 0],
    ]);
    expect(s.totals).toMatchObject({ pages: 4, objects: 1374, problems: 2, errors: 1 });
    expect(s.start?.toISOString()).toBe('2024-09-30T14:02:31.000Z');
    expect(s.finish?.toISOString()).toBe('2024-09-30T14:03:47.000Z');
    expect(s.durationSeconds).toBe(76);
  });

  it('lists deletion pages (2025.6+) only when present, and keeps unknown page types', () => {
    const s = summarise('x', statusA([pageTask('x', 'user_deletions', [synced(3)]), pageTask('x', 'devices', [synced(1)])]));
    expect(s.byType.map((t) => t.type)).toEqual(['users', 'groups', 'membership', 'user_deletions', 'devices']);
  });

  it('counts "Synced -1 objects." (syncing disabled) as no objects but keeps the disabled message as a problem', () => {
    const s = summarise('x', statusA([pageTask('x', 'users', [message('User syncing is disabled for this Source'), synced(-1)])]));
    expect(s.totals.objects).toBe(0);
    expect(s.tasks[0]?.problems.map((m) => m.event)).toEqual(['User syncing is disabled for this Source']);
  });
});

describe('errorSummary', () => {
  it("takes a traceback's last line, where Python names the error", () => {
    expect(errorSummary(TRACEBACK)).toBe('ldap3.core.exceptions.LDAPSocketOpenError: socket connection error while opening: [Errno 111] Connection refused');
  });
  it('takes the first line of anything else', () => {
    expect(errorSummary('first\nsecond')).toBe('first');
  });
});

describe('assess: verdict rules', () => {
  const ok = (status: SyncStatus, extra = {}) => assess({ slug: 'corp-ad', status, now: LATER, source: source('corp-ad'), ...extra });

  it('OK when every page synced cleanly', () => {
    const a = ok(statusA([pageTask('corp-ad', 'users', [synced(50)]), pageTask('corp-ad', 'groups', [synced(50)])]));
    expect(a.verdict.level).toBe('OK');
    expect(a.verdict.reason).toBe('2 pages, 100 objects synced');
    expect(a.running).toBe(false);
  });

  it('WARNING for problem messages even though authentik says successful', () => {
    const a = ok(statusA([
      pageTask('corp-ad', 'membership', [
        message("Group does not exist in our DB yet, run sync_groups first: 'CN=Print Operators,OU=Groups,DC=corp,DC=example,DC=com'"),
        message("Group does not have a uniqueness attribute: 'CN=Legacy Fax Users,OU=Groups,DC=corp,DC=example,DC=com'"),
        synced(986),
      ]),
    ]));
    expect(a.verdict).toEqual({ level: 'WARNING', reason: '2 problem messages in 1 page' });
  });

  it('WARNING when a task status is warning', () => {
    const a = ok(statusA([pageTask('corp-ad', 'users', [synced(5)], { state: 'warning', rawStatus: 'warning' })]));
    expect(a.verdict.level).toBe('WARNING');
  });

  it('CRITICAL for an error page, naming the error from the traceback', () => {
    const a = ok(statusA([pageTask('corp-ad', 'users', [synced(50)]), pageTask('corp-ad', 'users', [message(TRACEBACK, 'error')], { state: 'error', rawStatus: 'error' })]));
    expect(a.verdict.level).toBe('CRITICAL');
    expect(a.verdict.reason).toContain('1 of 2 pages failed');
    expect(a.verdict.reason).toContain('LDAPSocketOpenError');
  });

  it('CRITICAL for "Could not find page in cache" although it is logged at info', () => {
    const text = 'Could not find page in cache: goauthentik.io/sources/ldap/page/e05b8d47-6c1a-4f93-b2d8-8a7c3e1f6b05. Try increasing ldap.task_timeout_hours';
    const a = ok(statusA([pageTask('corp-ad', 'groups', [message(text)], { state: 'error', rawStatus: 'error' })]));
    expect(a.verdict.level).toBe('CRITICAL');
    expect(a.verdict.reason).toContain('Try increasing ldap.task_timeout_hours');
  });

  it('CRITICAL when a message is logged at error/critical/exception level under a successful status', () => {
    for (const level of ['error', 'critical', 'exception']) {
      expect(ok(statusA([pageTask('corp-ad', 'users', [message('boom', level)])])).verdict.level).toBe('CRITICAL');
    }
  });

  it("ignores another source's errors (prefix quirk)", () => {
    const a = assess({ slug: 'corp', now: LATER, status: statusA([pageTask('corp', 'users', [synced(1)]), pageTask('corp-eu', 'users', [message(TRACEBACK, 'error')], { state: 'error' })]) });
    expect(a.verdict.level).toBe('OK');
  });

  it('keeps an unknown status from a newer server and warns instead of crashing', () => {
    const a = ok(statusA([pageTask('corp-ad', 'users', [synced(1)], { state: 'unknown', rawStatus: 'paused' })]));
    expect(a.verdict).toMatchObject({ level: 'WARNING' });
    expect(a.verdict.reason).toContain('paused');
  });

  describe('an empty task list is never silently OK', () => {
    it('UNKNOWN when the token lacks authentik_events.view_systemtask', () => {
      const a = ok(statusA([]), { missingPermissions: ['authentik_events.view_systemtask'] });
      expect(a.verdict.level).toBe('UNKNOWN');
      expect(a.verdict.reason).toContain('authentik_events.view_systemtask');
    });
    it("CRITICAL with the connectivity text when the source's LDAP server is down", () => {
      const down = source('corp-ad', { connectivity: [{ host: 'dc1.corp.example.com', status: 'socket connection error while opening: [Errno 111] Connection refused' }] });
      const a = assess({ slug: 'corp-ad', status: statusA([]), now: LATER, source: down });
      expect(a.verdict.level).toBe('CRITICAL');
      expect(a.verdict.reason).toBe('LDAP server dc1.corp.example.com unreachable: socket connection error while opening: [Errno 111] Connection refused');
    });
    it('OK for a disabled source with nothing on record: authentik is told not to sync it', () => {
      const a = assess({ slug: 'x', status: statusA([]), now: LATER, source: source('x', { enabled: false }) });
      expect(a.verdict).toEqual({ level: 'OK', reason: 'the source is disabled: authentik does not sync it' });
    });
    it('WARNING "no sync run recorded" otherwise', () => {
      const a = ok(statusA([]));
      expect(a.verdict.level).toBe('WARNING');
      expect(a.verdict.reason).toContain('no sync run recorded');
    });
    it('running (not a warning) while authentik enumerates the directory', () => {
      const a = ok(statusA([], true));
      expect(a.running).toBe(true);
      expect(a.verdict.level).toBe('OK');
    });
  });

  describe('a run in progress', () => {
    it('is running while the monitor sees tasks still arriving, with the verdict so far', () => {
      const a = ok(statusA([pageTask('corp-ad', 'users', [message(TRACEBACK, 'error')], { state: 'error' })]), { tasksStillArriving: true });
      expect(a.running).toBe(true);
      expect(a.verdict.level).toBe('CRITICAL');
    });
    it('a one-shot check treats a page finished seconds ago as a run in progress', () => {
      const t = pageTask('corp-ad', 'users', [synced(50)]);
      const justAfter = new Date((t.finish as Date).getTime() + 5_000);
      expect(assess({ slug: 'corp-ad', status: statusA([t]), now: justAfter }).running).toBe(true);
      expect(assess({ slug: 'corp-ad', status: statusA([t]), now: LATER }).running).toBe(false);
    });
    it('a count that stopped growing between two polls does not make a run finished while its last page is seconds old', () => {
      const t = pageTask('corp-ad', 'users', [synced(50)]);
      const justAfter = new Date((t.finish as Date).getTime() + 5_000);
      const a = assess({ slug: 'corp-ad', status: statusA([t]), now: justAfter, tasksStillArriving: false });
      expect(a.runState).toEqual({ progress: 'maybe-running', evidence: 'the last page finished 5s ago' });
      expect(a.running).toBe(true);
    });
    it('a one-shot check in the middle of a run (users and groups pages, no membership yet) reports it running', () => {
      const users = pageTask('corp-ad', 'users', [synced(50)]);
      const groups = pageTask('corp-ad', 'groups', [synced(50)]);
      const a = assess({ slug: 'corp-ad', status: statusA([users, groups]), now: new Date((groups.finish as Date).getTime() + 60_000) });
      expect(a.runState).toEqual({ progress: 'running', evidence: 'membership pages have not started' });
    });
  });

  it('maps verdicts to the monitoring-plugin exit codes', () => {
    expect(VERDICT_EXIT_CODES).toEqual({ OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3 });
  });
});

describe('assess: generation B', () => {
  const base: SyncStatus = {
    generation: 'B',
    isRunning: false,
    tasks: [],
    lastSuccessfulSync: new Date('2026-09-21T10:14:52Z'),
    lastSyncStatus: 'info',
    schedule: { id: 's', crontab: '13 */2 * * *', nextRun: null, paused: false, lastTaskStatus: 'info', periodSeconds: 7200 },
    missingDetailPermission: null,
  };
  const now = new Date('2026-09-21T11:00:00Z');
  const run = (overrides = {}) => pageTask('corp-ad', 'run', [], { kind: 'run', uid: 'corp-ad', pageId: '', ...overrides });

  it('CRITICAL when the last run was rejected', () => {
    expect(assess({ slug: 'corp-ad', now, status: { ...base, lastSyncStatus: 'rejected' } }).verdict.level).toBe('CRITICAL');
  });
  it('CRITICAL when a rejected parent task is in the run, naming its retries', () => {
    const a = assess({ slug: 'corp-ad', now, status: { ...base, tasks: [run({ state: 'error', rawStatus: 'rejected', retries: 5, messages: [message('socket connection error while opening: [Errno 111] Connection refused', 'error')] })] } });
    expect(a.verdict.level).toBe('CRITICAL');
    expect(a.verdict.reason).toContain('rejected after 5 retries');
  });
  it('counts a rejected run as an error everywhere: totals, a run row, the first error (counts never contradict)', () => {
    const refused = 'socket connection error while opening: [Errno 111] Connection refused';
    const rejected = run({ state: 'error', rawStatus: 'rejected', retries: 5, messages: [message('Task will be retried'), message('Task is being processed'), message(refused, 'error')] });
    const a = assess({ slug: 'corp-ad', now, status: { ...base, lastSyncStatus: 'rejected', tasks: [rejected] } });
    expect(a.verdict.level).toBe('CRITICAL');
    expect(a.summary.totals).toMatchObject({ pages: 0, problems: 1, errors: 1 });
    expect(a.summary.byType.at(-1)).toEqual({ type: 'run', pages: 0, objects: 0, problems: 1, errors: 1 });
    const sum = (key: 'pages' | 'problems' | 'errors') => a.summary.byType.reduce((n, t) => n + t[key], 0);
    expect({ pages: sum('pages'), problems: sum('problems'), errors: sum('errors') }).toEqual({ pages: 0, problems: 1, errors: 1 });
    expect(a.summary.firstError?.text).toBe(refused);
    expect(taskLabel(rejected)).toBe(`sync run ${rejected.id.slice(0, 8)}`);
  });
  it("names a failed page's error, not the failed run task's framework line (the run fails because its pages did)", () => {
    const refused = 'socket connection error while opening: [Errno 111] Connection refused';
    const failedRun = run({ state: 'error', rawStatus: 'error', messages: [message('Task is being processed'), message('Task finished processing without errors')] });
    const page = pageTask('corp-ad', 'users', [message('Task is being processed'), message(refused, 'error'), message('Task finished processing without errors')], { state: 'error', rawStatus: 'error' });
    const a = assess({ slug: 'corp-ad', now, status: { ...base, lastSyncStatus: 'error', tasks: [failedRun, page] } });
    expect(a.verdict.level).toBe('CRITICAL');
    expect(a.verdict.reason).toBe(`1 of 1 page failed: ${refused}`);
    expect(a.verdict.reason).not.toContain('without errors');
  });
  it('a run task that finished cleanly adds no row and no count', () => {
    const done = run({ state: 'ok', rawStatus: 'done', messages: [message('Task is being processed'), message('Task finished processing without errors')] });
    const a = assess({ slug: 'corp-ad', now, status: { ...base, tasks: [done, pageTask('corp-ad', 'users', [synced(50)])] } });
    expect(a.summary.byType.map((t) => t.type)).toEqual(['users', 'groups', 'membership']);
    expect(a.summary.totals).toMatchObject({ pages: 1, problems: 0, errors: 0 });
  });
  it('says where problem messages are when the run task logged one', () => {
    const skipped = run({ state: 'ok', rawStatus: 'info', messages: [message('Synchronization is already running. Skipping')] });
    const a = assess({ slug: 'corp-ad', now, status: { ...base, tasks: [skipped] } });
    expect(a.verdict).toEqual({ level: 'WARNING', reason: '1 problem message in the run task' });
  });
  it('CRITICAL when the server says done but the run logged errors (2025.10–2026.5 bug)', () => {
    const page = pageTask('corp-ad', 'users', [message('Task is being processed'), message('boom', 'error')], { state: 'ok', rawStatus: 'done' });
    expect(assess({ slug: 'corp-ad', now, status: { ...base, lastSyncStatus: 'done', tasks: [page] } }).verdict.level).toBe('CRITICAL');
  });
  it('a run in progress says how many pages are done, not the queued ones', () => {
    const done = pageTask('corp-ad', 'users', [synced(50)]);
    const queued = pageTask('corp-ad', 'users', [message('Task has been queued')], { state: 'queued', rawStatus: 'queued' });
    const a = assess({ slug: 'corp-ad', now, status: { ...base, isRunning: true, tasks: [run({ state: 'running', rawStatus: 'running' }), done, queued] } });
    expect(a.verdict).toEqual({ level: 'OK', reason: '1 of 2 pages done, 50 objects synced' });
    expect(a.running).toBe(true);
  });
  it("a page's headline is what it said, not the task framework's closing line", () => {
    const page = pageTask('corp-ad', 'users', [message('Task is being processed'), synced(49), message('Task finished processing without errors')]);
    expect(assess({ slug: 'corp-ad', now, status: { ...base, tasks: [page] } }).summary.tasks[0]?.headline).toBe('Synced 49 objects.');
  });
  it('framework lifecycle lines and password resets are not problems', () => {
    const page = pageTask('corp-ad', 'users', [message('Task has been queued'), message('Task is being processed'), message("'m.okafor': Reset user's password"), synced(49), message('Task finished processing without errors')]);
    expect(assess({ slug: 'corp-ad', now, status: { ...base, tasks: [page] } }).verdict.level).toBe('OK');
  });
  it('WARNING "never synced" without a last successful sync', () => {
    const a = assess({ slug: 'corp-ad', now, status: { ...base, lastSuccessfulSync: null, lastSyncStatus: null } });
    expect(a.verdict).toMatchObject({ level: 'WARNING' });
    expect(a.verdict.reason).toContain('never synced');
  });
  it('WARNING "stale" when the last success is older than twice the schedule period', () => {
    const a = assess({ slug: 'corp-ad', now: new Date('2026-09-21T16:00:00Z'), status: base });
    expect(a.verdict.level).toBe('WARNING');
    expect(a.verdict.reason).toContain('stale');
  });
  it('says when a very large run was only read in part', () => {
    const page = pageTask('corp-ad', 'users', [synced(50)]);
    const a = assess({ slug: 'corp-ad', now, status: { ...base, tasks: [page], detailTruncated: true } });
    expect(a.verdict.reason).toBe('1 page, 50 objects synced (counts cover the newest 1 task of a larger run)');
  });
  it('OK from the status fields alone when detail is fine', () => {
    expect(assess({ slug: 'corp-ad', now, status: base }).verdict.level).toBe('OK');
  });
  it('an unknown aggregated status (waiting_for_dependencies) is shown, not fatal', () => {
    const page = pageTask('corp-ad', 'users', [], { state: 'queued', rawStatus: 'waiting_for_dependencies' });
    const a = assess({ slug: 'corp-ad', now, status: { ...base, tasks: [page] } });
    expect(a.running).toBe(true);
  });
});
