import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.js';
import { createFleetPoller } from './fleet.js';
import { createFakeClock, type FakeClock } from './test-support/fake-clock.js';

const INTERVAL = 5_000;
const slugs = (n: number) => Array.from({ length: n }, (_, i) => `ldap-${i + 1}`);

interface Server {
  fetch: (key: string, signal: AbortSignal) => Promise<{ key: string; users: number }>;
  callTimes: Map<string, number[]>;
  inFlight: () => number;
  maxInFlight: () => number;
  aborted: string[];
}

/** Answers each key after `latencyMs` of fake time; keys in `failing` answer with an error. */
function fakeServer(clock: FakeClock, latencyMs: number, failing = new Set<string>()): Server {
  const callTimes = new Map<string, number[]>();
  const aborted: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  return {
    callTimes,
    aborted,
    inFlight: () => inFlight,
    maxInFlight: () => maxInFlight,
    fetch(key, signal) {
      callTimes.set(key, [...(callTimes.get(key) ?? []), clock.now()]);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise((resolve, reject) => {
        let answered = false;
        const timer = clock.setTimeout(() => {
          answered = true;
          inFlight -= 1;
          if (failing.has(key)) reject(new ApiError('server', 'authentik answered 502 Bad Gateway.', 502));
          else resolve({ key, users: 4_213 });
        }, latencyMs);
        signal.addEventListener('abort', () => {
          if (answered) return;
          clock.clearTimeout(timer);
          inFlight -= 1;
          aborted.push(key);
          reject(new ApiError('aborted', 'The request was cancelled.'));
        });
      });
    },
  };
}

function setup(keys: string[], latencyMs: number, failing?: Set<string>) {
  const clock = createFakeClock();
  const server = fakeServer(clock, latencyMs, failing);
  const fleet = createFleetPoller({ keys, fetch: server.fetch, intervalMs: INTERVAL, clock, random: () => 1 });
  let notifications = 0;
  fleet.subscribe(() => notifications++);
  return { clock, server, fleet, notifications: () => notifications };
}

describe('createFleetPoller', () => {
  it('polls 50 sources with never more than 4 requests in flight, each at most once per interval', async () => {
    const keys = slugs(50);
    const { clock, server, fleet } = setup(keys, 400);
    fleet.start();
    await clock.advance(120_000);

    expect(server.maxInFlight()).toBe(4);
    for (const key of keys) {
      const times = server.callTimes.get(key) ?? [];
      expect(times.length).toBeGreaterThanOrEqual(10);
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVAL);
    }
    expect([...fleet.getSnapshot().entries.values()].every((entry) => entry.phase === 'live')).toBe(true);
  });

  it('backs off a failing source alone while the others keep their cadence', async () => {
    const { clock, server, fleet } = setup(slugs(6), 0, new Set(['ldap-3']));
    fleet.start();
    await clock.advance(120_000);

    const start = clock.now() - 120_000;
    expect(server.callTimes.get('ldap-3')!.map((t) => t - start)).toEqual([0, 5_000, 15_000, 35_000, 75_000]);
    expect(server.callTimes.get('ldap-1')).toHaveLength(25);
    const entries = fleet.getSnapshot().entries;
    expect(entries.get('ldap-3')).toMatchObject({ failures: 5, error: { kind: 'server' } });
    expect(entries.get('ldap-1')).toMatchObject({ phase: 'live', failures: 0, error: null });
  });

  it('publishes one snapshot per change and keeps unchanged entries and snapshots as they were', async () => {
    const { clock, fleet, notifications } = setup(slugs(50), 100);
    fleet.start();
    expect(notifications()).toBe(1); // 50 pollers started, one snapshot
    expect(fleet.getSnapshot().entries.size).toBe(50);

    await clock.advance(INTERVAL - 1_000); // every source loaded once
    const loaded = fleet.getSnapshot();
    expect([...loaded.entries.values()].every((entry) => entry.phase === 'live')).toBe(true);
    const notified = notifications();

    await clock.advance(60_000); // dozens of polls, all returning the same data
    expect(fleet.getSnapshot()).toBe(loaded);
    expect(notifications()).toBe(notified);
  });

  it('starts new sources and stops removed ones when the source list changes', async () => {
    const { clock, server, fleet } = setup(['corp-ad', 'corp-eu', 'lab'], 1_000);
    fleet.start();
    await clock.advance(500);
    const labBefore = fleet.getSnapshot().entries.get('lab');

    fleet.setKeys(['lab', 'corp-ad', 'partners']);
    expect(server.aborted).toEqual(['corp-eu']);
    expect([...fleet.getSnapshot().entries.keys()]).toEqual(['lab', 'corp-ad', 'partners']);
    expect(fleet.getSnapshot().entries.get('lab')).toBe(labBefore);

    await clock.advance(60_000);
    expect(server.callTimes.get('partners')!.length).toBeGreaterThan(5);
    expect(server.callTimes.get('corp-eu')).toHaveLength(1);
    expect(fleet.getSnapshot().entries.has('corp-eu')).toBe(false);
  });

  it('pauses and resumes every source, and polls one source on demand', async () => {
    const { clock, server, fleet } = setup(slugs(8), 200);
    fleet.start();
    await clock.advance(1_000);
    fleet.pause();
    const calls = () => [...server.callTimes.values()].reduce((sum, times) => sum + times.length, 0);
    const before = calls();
    await clock.advance(60_000);
    expect(calls()).toBe(before);
    expect([...fleet.getSnapshot().entries.values()].every((entry) => entry.phase === 'paused')).toBe(true);

    fleet.pollNow('ldap-2');
    await clock.flush();
    expect(server.callTimes.get('ldap-2')).toHaveLength(2);

    fleet.resume();
    await clock.flush();
    expect(server.inFlight()).toBe(4); // ldap-2 already in flight, three more, the rest queued
    await clock.advance(1_000);
    expect(calls()).toBe(before + 8);
  });

  it('aborts every request in flight on stop and leaves no timers', async () => {
    const { clock, server, fleet } = setup(slugs(10), 2_000);
    fleet.start();
    await clock.flush();
    fleet.stop();
    await clock.flush();
    expect(server.aborted).toHaveLength(4);
    expect(server.inFlight()).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
    expect([...fleet.getSnapshot().entries.values()].every((entry) => entry.error === null)).toBe(true);
  });
});
