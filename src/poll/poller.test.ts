import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.js';
import { createPoller, type PollerOptions } from './poller.js';
import { createFakeClock } from './test-support/fake-clock.js';
import { createFakeFetch } from './test-support/fake-fetch.js';

interface Status {
  running: boolean;
  tasks: string[];
}

const INTERVAL = 5_000;
const unreachable = () => new ApiError('unreachable', 'authentik at https://id.example.com cannot be reached.');

function setup(overrides: Partial<PollerOptions<Status>> = {}) {
  const clock = createFakeClock();
  const remote = createFakeFetch<Status>();
  const poller = createPoller<Status>({
    fetch: remote.fetch,
    intervalMs: INTERVAL,
    clock,
    random: () => 1,
    ...overrides,
  });
  let notifications = 0;
  poller.subscribe(() => notifications++);
  return { clock, remote, poller, notifications: () => notifications };
}

describe('createPoller', () => {
  it('loads, goes live, and polls again one interval after each completion', async () => {
    const { clock, remote, poller } = setup();
    poller.start();
    expect(poller.getSnapshot()).toMatchObject({ phase: 'loading', refreshing: true, data: null });

    await clock.advance(1_200); // the request takes 1.2 s
    remote.last().resolve({ running: false, tasks: ['a'] });
    await clock.flush();
    expect(poller.getSnapshot()).toMatchObject({
      phase: 'live',
      refreshing: false,
      data: { running: false, tasks: ['a'] },
      updatedAt: clock.now(),
      nextPollAt: null,
    });

    await clock.advance(INTERVAL - 1);
    expect(remote.calls).toHaveLength(1);
    await clock.advance(1);
    expect(remote.calls).toHaveLength(2);
  });

  it('never has two requests in flight, however often pollNow is called', async () => {
    const { clock, remote, poller } = setup();
    poller.start();
    for (let i = 0; i < 20; i++) poller.pollNow();
    expect(remote.calls).toHaveLength(1);

    remote.last().resolve({ running: false, tasks: [] });
    await clock.flush();
    poller.pollNow();
    poller.pollNow();
    expect(remote.calls).toHaveLength(2);
    expect(remote.open()).toHaveLength(1);

    // The manual poll replaced the scheduled one: no extra request when the old timer would have fired.
    remote.last().resolve({ running: false, tasks: [] });
    await clock.advance(INTERVAL - 1);
    expect(remote.calls).toHaveLength(2);
  });

  it('shows a user-requested poll as refreshing, but not a routine one', async () => {
    const { clock, remote, poller } = setup();
    poller.start();
    remote.last().resolve({ running: false, tasks: [] });
    await clock.advance(INTERVAL);
    expect(remote.open()).toHaveLength(1);
    expect(poller.getSnapshot().refreshing).toBe(false);

    remote.last().resolve({ running: false, tasks: [] });
    await clock.flush();
    poller.pollNow();
    expect(poller.getSnapshot().refreshing).toBe(true);
  });

  it('backs off 1x, 2x, 4x ... the interval up to 60 s after failures, and returns to the interval after a success', async () => {
    const { clock, remote, poller } = setup();
    poller.start();
    const waits: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      remote.last().reject(unreachable());
      await clock.flush();
      const snapshot = poller.getSnapshot();
      expect(snapshot).toMatchObject({ phase: 'retrying', failures: attempt + 1, error: { kind: 'unreachable' } });
      waits.push(snapshot.nextPollAt! - clock.now());
      await clock.advance(snapshot.nextPollAt! - clock.now());
    }
    expect(waits).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);

    remote.last().resolve({ running: false, tasks: [] });
    await clock.flush();
    expect(poller.getSnapshot()).toMatchObject({ phase: 'live', failures: 0, error: null, nextPollAt: null });
    const calls = remote.calls.length;
    await clock.advance(INTERVAL);
    expect(remote.calls).toHaveLength(calls + 1);

    // The count starts again from one interval.
    remote.last().reject(unreachable());
    await clock.flush();
    expect(poller.getSnapshot().nextPollAt! - clock.now()).toBe(5_000);
  });

  it('jitters retries between half and all of the step', async () => {
    const { clock, remote, poller } = setup({ random: () => 0 });
    poller.start();
    remote.last().reject(unreachable());
    await clock.flush();
    expect(poller.getSnapshot().nextPollAt! - clock.now()).toBe(2_500);
  });

  it('aborts the request in flight on stop, without an error, and polls no more', async () => {
    const { clock, remote, poller } = setup();
    poller.start();
    const call = remote.last();
    poller.stop();
    expect(call.signal.aborted).toBe(true);
    await clock.flush();
    expect(poller.getSnapshot()).toMatchObject({ error: null, failures: 0, refreshing: false, nextPollAt: null });

    await clock.advance(10 * 60_000);
    expect(remote.calls).toHaveLength(1);
    expect(clock.pendingTimers()).toBe(0);
    poller.stop(); // idempotent
  });

  it('keeps the last data and cancels a pending retry on stop', async () => {
    const { clock, remote, poller } = setup();
    poller.start();
    remote.last().resolve({ running: true, tasks: ['a'] });
    await clock.advance(INTERVAL);
    remote.last().reject(unreachable());
    await clock.flush();
    poller.stop();
    expect(poller.getSnapshot()).toMatchObject({ data: { running: true, tasks: ['a'] }, nextPollAt: null });
    expect(clock.pendingTimers()).toBe(0);
  });

  it('pauses scheduling, keeps data from a request that finishes while paused, and polls at once on resume', async () => {
    const { clock, remote, poller } = setup();
    poller.start();
    remote.last().resolve({ running: false, tasks: ['a'] });
    await clock.advance(INTERVAL);
    poller.pause();
    expect(poller.getSnapshot().phase).toBe('paused');

    remote.last().resolve({ running: false, tasks: ['a', 'b'] });
    await clock.flush();
    expect(poller.getSnapshot()).toMatchObject({ phase: 'paused', data: { tasks: ['a', 'b'] } });
    await clock.advance(10 * 60_000);
    expect(remote.calls).toHaveLength(2);

    poller.resume();
    expect(remote.calls).toHaveLength(3);
    expect(poller.getSnapshot()).toMatchObject({ refreshing: true });
    remote.last().resolve({ running: false, tasks: ['a', 'b'] });
    await clock.flush();
    expect(poller.getSnapshot().phase).toBe('live');
    await clock.advance(INTERVAL);
    expect(remote.calls).toHaveLength(4);
  });

  it('refreshes once on pollNow while paused and stays paused', async () => {
    const { clock, remote, poller } = setup();
    poller.start();
    remote.last().resolve({ running: false, tasks: [] });
    await clock.flush();
    poller.pause();
    poller.pollNow();
    remote.last().resolve({ running: true, tasks: [] });
    await clock.advance(10 * 60_000);
    expect(remote.calls).toHaveLength(2);
    expect(poller.getSnapshot()).toMatchObject({ phase: 'paused', data: { running: true } });
  });

  it('keeps the same snapshot and notifies no one when a poll returns equal data', async () => {
    const { clock, remote, poller, notifications } = setup();
    poller.start();
    remote.last().resolve({ running: false, tasks: ['a'] });
    await clock.flush();
    const before = poller.getSnapshot();
    const notified = notifications();

    for (let i = 0; i < 3; i++) {
      await clock.advance(INTERVAL);
      remote.last().resolve({ running: false, tasks: ['a'] }); // a new object with the same content
      await clock.flush();
    }
    expect(remote.calls).toHaveLength(4);
    expect(poller.getSnapshot()).toBe(before);
    expect(notifications()).toBe(notified);

    await clock.advance(INTERVAL);
    remote.last().resolve({ running: false, tasks: ['a', 'b'] });
    await clock.flush();
    expect(notifications()).toBe(notified + 1);
    expect(poller.getSnapshot()).toMatchObject({ data: { tasks: ['a', 'b'] }, updatedAt: clock.now() });
  });

  it('uses a custom equals to decide what changed', async () => {
    const { clock, remote, poller } = setup({ equals: (a, b) => a.running === b.running });
    poller.start();
    remote.last().resolve({ running: false, tasks: ['a'] });
    await clock.advance(INTERVAL);
    remote.last().resolve({ running: false, tasks: ['a', 'b'] });
    await clock.flush();
    expect(poller.getSnapshot().data?.tasks).toEqual(['a']);
  });

  it('turns stale on its own timer once the last success is older than the threshold', async () => {
    const { clock, remote, poller, notifications } = setup({ staleAfterMs: (interval) => 3.5 * interval });
    poller.start();
    remote.last().resolve({ running: false, tasks: ['a'] });
    await clock.flush();
    const lastSuccess = clock.now();

    await clock.advance(INTERVAL);
    remote.last().reject(unreachable());
    await clock.flush();
    expect(poller.getSnapshot()).toMatchObject({ phase: 'retrying', unconfirmedSince: lastSuccess });

    // Retries fire at +5 s and +10 s; the threshold (17.5 s after the success) falls between two retries.
    await clock.advance(5_000);
    remote.last().reject(unreachable());
    await clock.advance(17_500 - (clock.now() - lastSuccess) - 1);
    expect(poller.getSnapshot().phase).toBe('retrying');
    const notified = notifications();
    await clock.advance(1);
    expect(poller.getSnapshot()).toMatchObject({ phase: 'stale', data: { tasks: ['a'] }, unconfirmedSince: lastSuccess });
    expect(notifications()).toBe(notified + 1);

    await clock.advance(poller.getSnapshot().nextPollAt! - clock.now());
    remote.last().resolve({ running: false, tasks: ['a'] });
    await clock.flush();
    expect(poller.getSnapshot()).toMatchObject({ phase: 'live', unconfirmedSince: null });
  });

  it('turns stale when a request hangs past the default threshold of 30 s', async () => {
    const { clock, remote, poller } = setup();
    poller.start();
    remote.last().resolve({ running: false, tasks: [] });
    await clock.advance(30_000 - 1);
    expect(poller.getSnapshot().phase).toBe('live');
    await clock.advance(1);
    expect(poller.getSnapshot().phase).toBe('stale');
  });

  it('reports a rejection that is not an ApiError as a bad response, without its text', async () => {
    const { clock, remote, poller } = setup();
    poller.start();
    remote.last().reject(new TypeError("Cannot read properties of undefined (reading 'tasks')"));
    await clock.flush();
    const { error } = poller.getSnapshot();
    expect(error).toBeInstanceOf(ApiError);
    expect(error?.kind).toBe('bad_response');
    expect(error?.message).not.toContain('Cannot read');
  });

  it('moves a pending live poll when the interval changes', async () => {
    const { clock, remote, poller } = setup();
    poller.start();
    remote.last().resolve({ running: false, tasks: [] });
    await clock.advance(1_000);
    poller.setInterval(2_000);
    await clock.advance(999);
    expect(remote.calls).toHaveLength(1);
    await clock.advance(1);
    expect(remote.calls).toHaveLength(2);
    expect(() => poller.setInterval(0)).toThrow(RangeError);
  });

  it('does not poll before start, nor when started while paused', async () => {
    const { clock, remote, poller } = setup();
    poller.pollNow();
    expect(remote.calls).toHaveLength(0);
    poller.pause();
    poller.start();
    await clock.advance(60_000);
    expect(remote.calls).toHaveLength(0);
    expect(poller.getSnapshot().phase).toBe('paused');
    poller.resume();
    expect(remote.calls).toHaveLength(1);
  });
});
