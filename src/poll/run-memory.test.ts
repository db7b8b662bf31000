import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../domain/model.js';
import { displayedRun, rememberRun, type RunMemory } from './run-memory.js';
import { statusA } from '../domain/testing/factories.js';
import { finishedPage, pageTasks, runTask, statusB } from './test-support/sync-tasks.js';

const SLUG = 'corp-ad';
const T0 = Date.parse('2024-09-30T14:02:31Z');
const at = (seconds: number) => new Date(T0 + seconds * 1_000);

/** Feeds observations one after another, as the poller would, and returns every memory along the way. */
function observe(observations: Array<[status: SyncStatus, nowSeconds: number]>, start: RunMemory | null = null) {
  const memories: RunMemory[] = [];
  let memory = start;
  for (const [status, nowSeconds] of observations) {
    memory = rememberRun(memory, status, T0 + nowSeconds * 1_000, SLUG);
    memories.push(memory);
  }
  return memories;
}

describe('rememberRun, generation A', () => {
  it('follows a run whose tasks trickle in with is_running false, and marks it complete with its last membership page', () => {
    const all = pageTasks(SLUG, 12, at(40));
    const [enumerating, first, more, settled] = observe([
      [statusA([], true), 0],
      [statusA(all.slice(0, 3)), 5],
      [statusA(all.slice(0, 10)), 10],
      [statusA(all), 15],
    ]);
    expect(enumerating).toMatchObject({ current: [], complete: false, growing: false });
    expect(displayedRun(enumerating!).label).toBe('none');

    expect(first).toMatchObject({ growing: true, complete: false, lastCount: 3 });
    expect(more).toMatchObject({ growing: true, complete: false, lastCount: 10 });
    expect(displayedRun(more!)).toMatchObject({ tasks: all.slice(0, 10), label: 'current' });

    // 10 users, 1 groups and 1 membership page: the poll that sees the last one knows the run has ended.
    expect(settled).toMatchObject({ growing: true, complete: true });
    const [again] = observe([[statusA(all), 20]], settled);
    expect(again).toMatchObject({ growing: false, complete: true, lastCount: 12 });
  });

  it('takes a run seen for the first time as complete from its pages, or once its newest task finished over 30 s ago', () => {
    const oldRun = pageTasks(SLUG, 101, at(0));
    expect(observe([[statusA(oldRun), 1]])[0]).toMatchObject({ complete: true, growing: false });
    const usersOnly = oldRun.filter((task) => task.type === 'users');
    expect(observe([[statusA(usersOnly), 2]])[0]).toMatchObject({ complete: false });
    expect(observe([[statusA(usersOnly), 31]])[0]).toMatchObject({ complete: true });

    // authentik's "running" example: one task, just finished, lock already released.
    const fresh = [finishedPage(SLUG, 'groups', at(0))];
    const [young] = observe([[statusA(fresh), 2]]);
    expect(young).toMatchObject({ complete: false, growing: false });
  });

  it('shows the finished run as "previous" while the next run enumerates with an empty list', () => {
    const run1 = pageTasks(SLUG, 101, at(0));
    const memories = observe([
      [statusA(run1), 60],
      [statusA([], true), 7_200],
    ]);
    const enumerating = memories.at(-1)!;
    expect(enumerating.previous).toEqual({ tasks: run1, completedAt: at(0).getTime() });
    expect(displayedRun(enumerating)).toMatchObject({ tasks: run1, label: 'previous' });

    // The new run's pages arrive: it is shown live, the old one is still remembered.
    const run2 = pageTasks(SLUG, 101, at(7_300));
    const [arriving, done, stillDone] = observe(
      [
        [statusA(run2.slice(0, 20)), 7_210],
        [statusA(run2), 7_305],
        [statusA(run2), 7_310],
      ],
      enumerating,
    );
    expect(displayedRun(arriving!)).toMatchObject({ tasks: run2.slice(0, 20), label: 'current', reference: run1 });
    expect(arriving!.previous?.tasks).toEqual(run1);
    expect(done).toMatchObject({ complete: true, growing: true });
    expect(stillDone).toMatchObject({ complete: true });
    expect(stillDone!.previous?.tasks).toEqual(run1);

    // The third run starts: the second becomes previous.
    const [next] = observe([[statusA([], true), 14_400]], stillDone);
    expect(next!.previous?.tasks).toEqual(run2);
  });

  it("judges a run against the last complete one's page count (a source that syncs users only)", () => {
    const users = (count: number, lastFinish: Date) =>
      Array.from({ length: count }, (_, i) => finishedPage(SLUG, 'users', new Date(lastFinish.getTime() - (count - 1 - i) * 1_000)));
    const run1 = users(6, at(0));
    const run2 = users(6, at(7_210));
    const [, , , part, whole] = observe([
      [statusA(run1), 60],
      [statusA(run1), 65],
      [statusA([], true), 7_200],
      [statusA(run2.slice(0, 3)), 7_206],
      [statusA(run2), 7_211],
    ]);
    expect(part).toMatchObject({ complete: false });
    expect(whole).toMatchObject({ complete: true });
    expect(whole!.previous?.tasks).toEqual(run1);
  });

  it('keeps the previous complete run when a run is replaced before it completed', () => {
    const run1 = pageTasks(SLUG, 10, at(0));
    const run2 = pageTasks(SLUG, 10, at(7_200));
    const run3 = pageTasks(SLUG, 4, at(9_000));
    const memories = observe([
      [statusA(run1), 60],
      [statusA([], true), 7_000],
      [statusA(run2.slice(0, 5)), 7_100],
      [statusA(run3), 9_001], // a manual sync replaced run 2 halfway
    ]);
    expect(memories.at(-1)!.previous?.tasks).toEqual(run1);
  });

  it('notices a new run that replaced the old one between two polls', () => {
    const run1 = pageTasks(SLUG, 10, at(0));
    const run2 = pageTasks(SLUG, 10, at(7_201)).slice(0, 3);
    const [, , replaced] = observe([
      [statusA(run1), 60],
      [statusA(run1), 65],
      [statusA(run2), 7_202],
    ]);
    expect(replaced).toMatchObject({ current: run2, growing: true, complete: false });
    expect(replaced!.previous?.tasks).toEqual(run1);
  });

  it('keeps the whole run while its tasks expire one by one, then shows it as previous', () => {
    const run = pageTasks(SLUG, 101, at(0));
    const memories = observe([
      [statusA(run), 60],
      [statusA(run.slice(40)), 7_240], // expiry started with the oldest tasks
      [statusA(run.slice(90)), 7_290],
      [statusA([]), 7_301],
    ]);
    expect(displayedRun(memories[1]!)).toMatchObject({ tasks: run, label: 'current' });
    expect(displayedRun(memories[2]!)).toMatchObject({ tasks: run, label: 'current' });
    expect(memories[2]!.lastCount).toBe(11);
    expect(displayedRun(memories[3]!)).toMatchObject({ tasks: run, label: 'previous' });
  });

  it("ignores another source's tasks that share the slug as a prefix", () => {
    const mine = pageTasks(SLUG, 5, at(0));
    const theirs = pageTasks('corp-ad-eu', 7, at(0));
    const [memory] = observe([[statusA([...theirs, ...mine]), 60]]);
    expect(memory).toMatchObject({ current: mine, lastCount: 5 });

    const [onlyTheirs] = observe([[statusA(theirs), 60]]);
    expect(displayedRun(onlyTheirs!).label).toBe('none');
  });

  it('starts afresh when handed the memory of another source', () => {
    const [other] = observe([[statusA(pageTasks(SLUG, 5, at(0))), 60]]);
    const mine = pageTasks('ldap-eu', 2, at(0));
    const memory = rememberRun(other!, statusA(mine), T0 + 60_000, 'ldap-eu');
    expect(memory).toMatchObject({ slug: 'ldap-eu', current: mine, previous: null });
  });
});

describe('rememberRun, generation B', () => {
  const pagesB = (count: number, state: 'queued' | 'running' | 'ok', finish: Date | null) =>
    pageTasks(SLUG, count, at(0)).map((task) => ({ ...task, state, rawStatus: state === 'ok' ? 'done' : state, finish }));

  it('shows the previous run while a new run has only its parent, and the new run once its pages exist', () => {
    const done1 = [runTask(SLUG, 'ok', at(30)), ...pagesB(8, 'ok', at(30))];
    const parent2 = runTask(SLUG, 'running', at(7_200));
    const queued2 = pagesB(8, 'queued', null);
    const finished2 = [parent2, ...queued2].map((t) => ({ ...t, state: 'ok' as const, rawStatus: 'done', finish: at(7_260) }));

    const memories = observe([
      [statusB(false, done1), 90],
      [statusB(true, [parent2]), 7_201],
      [statusB(true, [parent2, ...queued2]), 7_206],
      [statusB(false, finished2), 7_261],
    ]);
    expect(memories[0]).toMatchObject({ complete: true });
    expect(displayedRun(memories[1]!)).toMatchObject({ tasks: done1, label: 'previous' });
    expect(displayedRun(memories[2]!)).toMatchObject({ tasks: [parent2, ...queued2], label: 'current' });
    expect(memories[2]).toMatchObject({ complete: false, growing: true });
    expect(memories[3]).toMatchObject({ complete: true, growing: false, current: finished2 });
    expect(memories[3]!.previous?.tasks).toEqual(done1);
  });

  it('shows a rejected run (LDAP down, no pages) rather than hiding it behind the previous one', () => {
    const done1 = [runTask(SLUG, 'ok', at(30)), ...pagesB(8, 'ok', at(30))];
    const rejected = runTask(SLUG, 'error', at(7_500));
    const memories = observe([
      [statusB(false, done1), 90],
      [statusB(false, [rejected]), 7_560],
    ]);
    expect(displayedRun(memories[1]!)).toMatchObject({ tasks: [rejected], label: 'current' });
    expect(memories[1]!.previous?.tasks).toEqual(done1);
  });
});
