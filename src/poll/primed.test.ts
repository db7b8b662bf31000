// A poll started before its poller: the monitor command's first status, taken by the monitor's poller as its first
// poll (in flight) or as its first data (arrived), so the first frame can show it.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.js';
import { createPoller } from './poller.js';
import { primePoll } from './primed.js';
import { createFakeClock } from './test-support/fake-clock.js';
import { createFakeFetch } from './test-support/fake-fetch.js';

const INTERVAL = 5_000;

describe('primePoll', () => {
  it('reads at once; the first fetch gets that read, later fetches read anew', async () => {
    const remote = createFakeFetch<string>();
    const primed = primePoll(remote.fetch);
    expect(remote.calls).toHaveLength(1);
    const first = primed.fetch(new AbortController().signal);
    expect(remote.calls).toHaveLength(1);
    remote.last().resolve('first');
    await expect(first).resolves.toBe('first');
    const second = primed.fetch(new AbortController().signal);
    expect(remote.calls).toHaveLength(2);
    remote.last().resolve('second');
    await expect(second).resolves.toBe('second');
  });

  it('the poller that stops waiting ends the read it took', async () => {
    const remote = createFakeFetch<string>();
    const primed = primePoll(remote.fetch);
    const stop = new AbortController();
    const first = primed.fetch(stop.signal);
    stop.abort();
    await expect(first).rejects.toBeDefined();
    expect(remote.calls[0]!.signal.aborted).toBe(true);
  });

  it('an answer already in is handed over once, with its time; then every fetch reads anew', async () => {
    const remote = createFakeFetch<string>();
    const primed = primePoll(remote.fetch, () => 1234);
    expect(primed.take()).toBeNull();
    remote.last().resolve('first');
    await primed.settled;
    expect(primed.take()).toEqual({ value: 'first', at: 1234 });
    expect(primed.take()).toBeNull();
    void primed.fetch(new AbortController().signal);
    expect(remote.calls).toHaveLength(2);
  });

  it('a failed first read is the first poll’s failure, not an answer to start with', async () => {
    const remote = createFakeFetch<string>();
    const primed = primePoll(remote.fetch);
    remote.last().reject(new ApiError('unreachable', 'authentik cannot be reached.'));
    await primed.settled;
    expect(primed.take()).toBeNull();
    await expect(primed.fetch(new AbortController().signal)).rejects.toMatchObject({ kind: 'unreachable' });
  });
});

describe('a poller seeded with a poll made before it', () => {
  it('shows the seed from its first snapshot, live, and polls one interval after the seed', async () => {
    const clock = createFakeClock();
    const remote = createFakeFetch<string>();
    const seededAt = clock.now();
    await clock.advance(1_000);
    const poller = createPoller<string>({ fetch: remote.fetch, intervalMs: INTERVAL, clock, random: () => 1, seed: { value: 'seed', at: seededAt } });
    expect(poller.getSnapshot()).toMatchObject({ data: 'seed', updatedAt: seededAt, refreshing: false });
    poller.start();
    expect(poller.getSnapshot()).toMatchObject({ phase: 'live', data: 'seed' });
    expect(remote.calls).toHaveLength(0);
    await clock.advance(INTERVAL - 1_001);
    expect(remote.calls).toHaveLength(0);
    await clock.advance(1);
    expect(remote.calls).toHaveLength(1);
    poller.stop();
  });
});
