import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.js';
import { createListedFleet } from './listed-fleet.js';
import { createFakeClock, type FakeClock } from './test-support/fake-clock.js';

const INTERVAL = 5_000;
const LIST_INTERVAL = 60_000;
const LATENCY = 100;
const unreachable = () => new ApiError('unreachable', 'https://id.example.com refused the connection.');
const badGateway = () => new ApiError('server', '502 Bad Gateway from https://id.example.com.', 502);

interface Source {
  slug: string;
}

/** A server of `n` sources; `down` fails every request, `listFault` only the list, `itemFaults` single sources. */
function fakeServer(clock: FakeClock, n: number) {
  const server = {
    down: null as ApiError | null,
    listFault: null as ApiError | null,
    itemFaults: new Map<string, ApiError>(),
    requests: [] as string[],
    sources: Array.from({ length: n }, (_, i) => ({ slug: `ldap-${i + 1}` })),
    answer<T>(what: string, fault: () => ApiError | null | undefined, value: () => T, signal: AbortSignal): Promise<T> {
      server.requests.push(what);
      return new Promise((resolve, reject) => {
        const timer = clock.setTimeout(() => {
          const error = server.down ?? fault();
          if (error) reject(error);
          else resolve(value());
        }, LATENCY);
        signal.addEventListener('abort', () => {
          clock.clearTimeout(timer);
          reject(new ApiError('aborted', 'The request was cancelled.'));
        });
      });
    },
  };
  return server;
}

function setup(n = 3) {
  const clock = createFakeClock();
  const server = fakeServer(clock, n);
  const fleet = createListedFleet<Source, { slug: string; users: number }>({
    list: (signal) => server.answer('list', () => server.listFault, () => [...server.sources], signal),
    keyOf: (s) => s.slug,
    listIntervalMs: LIST_INTERVAL,
    fetch: (s, signal) => server.answer(s.slug, () => server.itemFaults.get(s.slug), () => ({ slug: s.slug, users: 42 }), signal),
    intervalMs: INTERVAL,
    clock,
    random: () => 1,
  });
  return { clock, server, fleet, connection: () => fleet.getSnapshot().connection };
}

describe('a listed fleet', () => {
  it('reads the list, polls every listed item, and is live while the list answers', async () => {
    const { clock, server, fleet, connection } = setup();
    fleet.start();
    expect(connection().phase).toBe('loading');
    await clock.advance(1_000);
    expect(fleet.getSnapshot().items).toEqual(server.sources);
    expect([...fleet.getSnapshot().entries.keys()]).toEqual(['ldap-1', 'ldap-2', 'ldap-3']);
    expect(connection()).toMatchObject({ phase: 'live', failures: 0, error: null });
  });

  it('says retrying with the countdown and failure count when the server cannot be reached from the start', async () => {
    const { clock, server, fleet, connection } = setup();
    server.down = unreachable();
    fleet.start();
    await clock.advance(LATENCY);
    expect(connection()).toMatchObject({ phase: 'retrying', failures: 1, nextPollAt: clock.now() + INTERVAL, error: { kind: 'unreachable' } });
    await clock.advance(INTERVAL + LATENCY);
    expect(connection()).toMatchObject({ phase: 'retrying', failures: 2, nextPollAt: clock.now() + 2 * INTERVAL });
    expect(fleet.getSnapshot().items).toBeNull();
  });

  it('turns retrying at the first unanswered poll, then stale, keeping the last list and data', async () => {
    const { clock, server, fleet, connection } = setup();
    fleet.start();
    await clock.advance(1_000);
    const before = fleet.getSnapshot();
    const lastSuccess = Math.max(...[...before.entries.values()].map((e) => e.updatedAt ?? 0));

    server.down = unreachable();
    await clock.advance(INTERVAL);
    // An item's poll found the server gone; the list was asked at once and failed too.
    expect(server.requests.filter((r) => r === 'list')).toHaveLength(2);
    expect(connection()).toMatchObject({ phase: 'retrying', failures: 1, error: { kind: 'unreachable' } });
    expect(fleet.getSnapshot().items).toBe(before.items);
    expect(fleet.getSnapshot().entries.get('ldap-1')?.data).toBe(before.entries.get('ldap-1')?.data);

    await clock.advance(30_000);
    expect(connection()).toMatchObject({ phase: 'stale', error: { kind: 'unreachable' } });
    expect(connection().unconfirmedSince).toBe(lastSuccess);
  });

  it('when the server answers again, everything that failed retries at once: no old reason stays', async () => {
    const { clock, server, fleet, connection } = setup(6);
    fleet.start();
    await clock.advance(1_000);
    server.down = unreachable();
    await clock.advance(120_000); // everyone deep in backoff (up to 60 s apart)
    expect(connection().phase).toBe('stale');

    server.down = null;
    for (let i = 0; i < 200 && connection().phase !== 'live'; i++) await clock.advance(LATENCY);
    const recoveredAt = clock.now();
    await clock.advance(4 * LATENCY); // the retries it set off, four in flight at a time
    expect(clock.now() - recoveredAt).toBeLessThan(INTERVAL);
    const snapshot = fleet.getSnapshot();
    expect(snapshot.connection).toMatchObject({ phase: 'live', error: null });
    expect([...snapshot.entries.values()].map((e) => e.error)).toEqual(Array(6).fill(null));
  });

  it('shows the last poll’s reason: a new fault’s, not the one before it', async () => {
    const { clock, server, fleet, connection } = setup();
    fleet.start();
    await clock.advance(1_000);
    server.listFault = badGateway();
    fleet.pollNow();
    await clock.advance(LATENCY + 3 * INTERVAL + 2 * LATENCY);
    expect(connection()).toMatchObject({ phase: 'retrying', failures: 3, error: { kind: 'server' } });
    expect(connection().nextPollAt).toBeGreaterThan(clock.now() + 2 * INTERVAL);

    // The list's fault clears, and before its next retry the server goes away: the items' next polls find out.
    server.listFault = null;
    server.down = unreachable();
    await clock.advance(INTERVAL + 2 * LATENCY);
    expect(connection()).toMatchObject({ failures: 4, error: { kind: 'unreachable' } });
  });

  it('retries a list that fails alone from the items’ interval, while the items stay live', async () => {
    const { clock, server, fleet, connection } = setup();
    fleet.start();
    await clock.advance(1_000);
    server.listFault = badGateway();
    fleet.pollNow();
    await clock.advance(LATENCY);
    expect(connection()).toMatchObject({ phase: 'retrying', failures: 1, nextPollAt: clock.now() + INTERVAL });
    expect([...fleet.getSnapshot().entries.values()].every((e) => e.phase === 'live')).toBe(true);

    server.listFault = null;
    await clock.advance(INTERVAL + LATENCY);
    expect(connection()).toMatchObject({ phase: 'live', error: null });
  });

  it('keeps an item’s own failure on the item: the fleet stays live and polls it on its own backoff', async () => {
    const { clock, server, fleet, connection } = setup();
    server.itemFaults.set('ldap-2', badGateway());
    fleet.start();
    await clock.advance(LIST_INTERVAL + 2 * LATENCY);
    expect(connection()).toMatchObject({ phase: 'live', error: null });
    expect(fleet.getSnapshot().entries.get('ldap-2')).toMatchObject({ failures: 4, error: { kind: 'server' } });
    expect(server.requests.filter((r) => r === 'list')).toHaveLength(2);
  });

  it('follows the list: a new item is polled, a removed one stops', async () => {
    const { clock, server, fleet } = setup();
    fleet.start();
    await clock.advance(1_000);
    server.sources = [{ slug: 'ldap-3' }, { slug: 'ldap-9' }];
    await clock.advance(LIST_INTERVAL);
    expect([...fleet.getSnapshot().entries.keys()]).toEqual(['ldap-3', 'ldap-9']);
    const polls = server.requests.filter((r) => r === 'ldap-1').length;
    await clock.advance(30_000);
    expect(server.requests.filter((r) => r === 'ldap-1')).toHaveLength(polls);
    expect(server.requests.filter((r) => r === 'ldap-9').length).toBeGreaterThan(5);
  });

  it('stops every request and timer', async () => {
    const { clock, server, fleet } = setup();
    server.down = unreachable();
    fleet.start();
    await clock.advance(20_000);
    fleet.stop();
    await clock.flush();
    expect(clock.pendingTimers()).toBe(0);
  });
});
