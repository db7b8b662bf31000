import { describe, expect, it } from 'vitest';
import { LDAP_RUN_SHAPE } from './ldap-run-shape.js';
import type { Generation, SyncTask } from './model.js';
import { isRunComplete, judgeRunState, type RunStateInput } from './run-state.js';
import { message, pageTask, source } from './testing/factories.js';

const SLUG = 'corp-ad';
const LAST_FINISH = new Date('2024-10-01T08:02:31.250338Z');
const after = (ms: number) => new Date(LAST_FINISH.getTime() + ms);

/** A page as authentik 2024.8 stores it once finished: its messages, ending with `Synced N objects.`. */
function page(type: string, finish: Date, events: string[]): SyncTask {
  const at = finish.toISOString();
  return pageTask(SLUG, type, events.map((event) => message(event, 'info', at)), { start: new Date(finish.getTime() - 1_576), finish, durationSeconds: 1.576 });
}

/** The pages of a generation A run finished so far, one every 400 ms, the last at LAST_FINISH. */
function pagesA(counts: { users?: number; groups?: number; membership?: number; user_deletions?: number }): SyncTask[] {
  const types = Object.entries(counts).flatMap(([type, n]) => Array.from({ length: n ?? 0 }, () => type));
  return types.map((type, i) => {
    const finish = new Date(LAST_FINISH.getTime() - (types.length - 1 - i) * 400);
    if (type === 'membership') return page(type, finish, ['Synced 1312 objects.']);
    if (i === 3) {
      return page(type, finish, [
        "Uniqueness field not found/not set in attributes: 'CN=Facilities Hotline,OU=Contacts,DC=corp,DC=example,DC=com'; DN: CN=Facilities Hotline,OU=Contacts,DC=corp,DC=example,DC=com",
        'Synced 49 objects.',
      ]);
    }
    return page(type, finish, ['Synced 50 objects.']);
  });
}

const FULL_RUN = { users: 85, groups: 8, membership: 8 };

function judge(tasks: SyncTask[], nowMs: number, extra: Partial<RunStateInput> = {}) {
  return judgeRunState({ generation: 'A', serverRunning: false, tasks, now: after(nowMs), shape: LDAP_RUN_SHAPE, source: source(SLUG), ...extra });
}

describe('judgeRunState, generation A (is_running covers only the start of a run)', () => {
  it('a run that is enumerating (locked, its old tasks deleted) is running', () => {
    expect(judge([], 0, { serverRunning: true })).toEqual({ progress: 'running', evidence: 'authentik is reading the directory' });
  });

  it("a first look mid-run (users and groups pages, no membership yet) is running, though is_running is false", () => {
    const state = judge(pagesA({ users: 30, groups: 8 }), 1_500);
    expect(state).toEqual({ progress: 'running', evidence: 'membership pages have not started' });
  });

  it('membership pages still missing is running, even after a slow page kept the list quiet for minutes', () => {
    expect(judge(pagesA({ users: 85, groups: 8, membership: 3 }), 4 * 60_000)).toEqual({ progress: 'running', evidence: 'membership 3 of 8 pages' });
  });

  it('the poll that sees the last membership page calls the run complete at once', () => {
    const state = judge(pagesA(FULL_RUN), 300, { grewSinceLastPoll: true });
    expect(state).toEqual({ progress: 'complete', evidence: 'membership 8 of 8 pages' });
  });

  it('a page count below the last complete run is running', () => {
    const usersOnly = source(SLUG, { syncGroups: false });
    const previous = pagesA({ users: 85 });
    expect(judge(pagesA({ users: 38 }), 1_000, { previousRun: previous, source: usersOnly })).toEqual({ progress: 'running', evidence: "users 38 of the last run's 85 pages" });
    expect(judge(pagesA({ users: 30, groups: 8 }), 1_000, { previousRun: pagesA(FULL_RUN) }).progress).toBe('running');
  });

  it('says it cannot tell (maybe-running) for pages that finished moments ago with nothing else to go by', () => {
    expect(judge(pagesA({ users: 38 }), 4_000)).toEqual({ progress: 'maybe-running', evidence: 'the last page finished 4s ago' });
    expect(judge(pagesA({ users: 38 }), 4_000, { grewSinceLastPoll: true })).toEqual({ progress: 'running', evidence: 'pages are still arriving' });
  });

  it('a run with no page for 30 s is complete when its shape does not say otherwise', () => {
    expect(judge(pagesA({ users: 38 }), 31_000)).toEqual({ progress: 'complete', evidence: 'no page finished for 31s' });
  });

  it('a run whose pages stopped coming for 10 minutes has ended, even with membership missing', () => {
    expect(judge(pagesA({ users: 85, groups: 8, membership: 3 }), 11 * 60_000).progress).toBe('complete');
  });

  it('with group syncing off (membership pages only say "Group syncing is disabled"), it goes by the last run', () => {
    const disabled = (n: number) =>
      Array.from({ length: n }, (_, i) => page('membership', after(-i * 400), ['Group syncing is disabled for this Source', 'Synced -1 objects.']));
    const run = [...pagesA({ users: 85 }).map((t) => ({ ...t, finish: after(-10_000) })), ...disabled(8)];
    const withoutGroups = source(SLUG, { syncGroups: false });
    expect(judge(run, 500, { source: withoutGroups }).progress).toBe('maybe-running');
    expect(judge(run.slice(0, 90), 500, { source: withoutGroups, previousRun: run }).progress).toBe('running');
    expect(judge(run, 500, { source: withoutGroups, previousRun: run })).toEqual({ progress: 'complete', evidence: 'as many pages as the last run' });
  });

  it('waits for deletion pages (2025.6) when the source deletes objects missing from the directory', () => {
    const deleting = source(SLUG, { deleteNotFoundObjects: true });
    expect(judge(pagesA(FULL_RUN), 500, { source: deleting }).progress).toBe('maybe-running');
    expect(judge(pagesA({ ...FULL_RUN, user_deletions: 2 }), 500).progress).toBe('maybe-running');
    expect(judge(pagesA(FULL_RUN), 31_000, { source: deleting }).progress).toBe('complete');
  });

  it('has nothing to judge without tasks', () => {
    expect(judge([], 0)).toEqual({ progress: 'none', evidence: '' });
  });
});

describe('judgeRunState, generation B (is_running covers the whole run)', () => {
  const pageB = (state: 'queued' | 'running' | 'ok') => ({ ...page('users', LAST_FINISH, ['Synced 49 objects.']), state, finish: state === 'ok' ? LAST_FINISH : null });
  const judgeB = (tasks: SyncTask[], serverRunning: boolean) =>
    judgeRunState({ generation: 'B' as Generation, serverRunning, tasks, now: after(500), shape: LDAP_RUN_SHAPE });

  it('trusts the lock and the task states', () => {
    expect(judgeB([pageB('ok')], true).progress).toBe('running');
    expect(judgeB([pageB('ok'), pageB('queued'), pageB('running')], false)).toEqual({ progress: 'running', evidence: '2 tasks queued or running' });
    // Pages that finished moments ago and no membership page: on 2025.8+ the lock would still be held.
    expect(judgeB([pageB('ok')], false)).toEqual({ progress: 'complete', evidence: 'authentik reports it finished' });
  });
});

describe('isRunComplete', () => {
  it('is true only for a run that has ended', () => {
    const input = { generation: 'A' as const, serverRunning: false, now: after(500), shape: LDAP_RUN_SHAPE };
    expect(isRunComplete({ ...input, tasks: pagesA(FULL_RUN) })).toBe(true);
    expect(isRunComplete({ ...input, tasks: pagesA({ users: 85, groups: 8, membership: 7 }) })).toBe(false);
    expect(isRunComplete({ ...input, tasks: pagesA({ users: 12 }) })).toBe(false);
    expect(isRunComplete({ ...input, tasks: [] })).toBe(false);
  });
});
