// A fleet whose members come from a polled list: every LDAP source of a server now, every sync object of every kind
// later. The list is re-read every `listIntervalMs` so new objects appear and removed ones go; each listed object
// is polled on its own (fleet.ts: its own cadence and backoff, a shared limit on requests in flight); and the whole
// has one connection state, in the same terms as a single poll's, for the screen, an exporter or a recorder.
import { isServerWide, type ApiError } from '../api/errors.js';
import { defaultStaleAfterMs } from './backoff.js';
import { systemClock, type Clock } from './clock.js';
import { connectionPhase, sameConnection, staleCheck, type ConnectionState } from './connection.js';
import { createFleetPoller } from './fleet.js';
import { createPoller, type PollOutcome, type PollSnapshot } from './poller.js';

export interface ListedFleetOptions<Item, T> {
  /** Reads the whole list. Must honour the signal. */
  list: (signal: AbortSignal) => Promise<Item[]>;
  keyOf: (item: Item) => string;
  /** How often the list is re-read while it answers; after a failure it is retried like an item, from `intervalMs`. */
  listIntervalMs: number;
  /** Polls one listed item (as the latest list has it). Must honour the signal. */
  fetch: (item: Item, signal: AbortSignal) => Promise<T>;
  /** Told the listed keys whenever they change, so what is kept per key can go with a removed one. */
  retain?: (keys: readonly string[]) => void;
  /** Each item's cadence. */
  intervalMs: number;
  /** Requests in flight at most, over all items (default 4). */
  concurrency?: number;
  maxBackoffMs?: number;
  /** Age of the newest success after which a failing fleet is 'stale' (default: max(3 × interval, 30 s)). */
  staleAfterMs?: (intervalMs: number) => number;
  clock?: Clock;
  random?: () => number;
}

export interface ListedFleetSnapshot<Item, T> {
  /** The last good list, kept while the list cannot be read; null before the first. */
  readonly items: readonly Item[] | null;
  /** The list's own poll. */
  readonly list: PollSnapshot<Item[]>;
  /** One entry per listed item, by key, in list order; an unchanged item keeps its entry object. */
  readonly entries: ReadonlyMap<string, PollSnapshot<T>>;
  /** The fleet as one connection: see fleetConnection. */
  readonly connection: ConnectionState;
}

export interface ListedFleet<Item, T> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): ListedFleetSnapshot<Item, T>;
  start(): void;
  /** Aborts every request in flight, cancels every timer. */
  stop(): void;
  pause(): void;
  resume(): void;
  /** The list and every item now (at most `concurrency` at a time), or one item. */
  pollNow(key?: string): void;
  /** Each item's cadence (and the list's first retry). */
  setInterval(ms: number): void;
}

export interface FleetConnectionInput {
  list: PollSnapshot<unknown>;
  /** The newest success of any request of the fleet, the list's or an item's. */
  lastSuccessAt: number | null;
  /** The newest change of any item's data. */
  lastChange: number | null;
  now: number;
  staleAfterMs: number;
}

/**
 * The fleet's connection is its list's: the list comes from the same server as every item, and without it nothing
 * says what exists. While the list answers the fleet is live (an item's own failure belongs to that item); while it
 * fails, the words are the list's: its retry countdown, its failure count, its last error. Stale counts from the
 * newest success of any request, so "stale 2m" says how old the freshest data on screen is.
 */
export function fleetConnection(input: FleetConnectionInput): ConnectionState {
  const { list, lastSuccessAt, lastChange } = input;
  const paused = list.phase === 'paused';
  if (list.failures === 0 && !paused) {
    const phase = list.data === null ? 'loading' : 'live';
    return { phase, failures: 0, error: null, nextPollAt: null, unconfirmedSince: null, updatedAt: lastChange, refreshing: list.refreshing };
  }
  return {
    phase: connectionPhase({ paused, failures: list.failures, lastSuccessAt, now: input.now, staleAfterMs: input.staleAfterMs }),
    failures: list.failures,
    error: list.error,
    nextPollAt: list.nextPollAt,
    unconfirmedSince: lastSuccessAt,
    updatedAt: lastChange,
    refreshing: list.refreshing,
  };
}

export function createListedFleet<Item, T>(options: ListedFleetOptions<Item, T>): ListedFleet<Item, T> {
  const clock = options.clock ?? systemClock;
  const staleAfter = options.staleAfterMs ?? defaultStaleAfterMs;
  let intervalMs = options.intervalMs;
  let items = new Map<string, Item>();
  let listed: Item[] | null = null;
  let lastSuccessAt: number | null = null;
  let started = false;
  const stale = staleCheck(clock, () => publish());
  let paused = false;
  const timing = {
    clock,
    ...(options.random ? { random: options.random } : {}),
    ...(options.maxBackoffMs !== undefined ? { maxBackoffMs: options.maxBackoffMs } : {}),
  };

  const listPoller = createPoller<Item[]>({
    fetch: options.list,
    intervalMs: options.listIntervalMs,
    retryBaseMs: () => intervalMs,
    onSettle: (outcome) => settled(null, outcome),
    ...timing,
  });
  const fleet = createFleetPoller<T>({
    keys: [],
    fetch: (key, signal) => options.fetch(items.get(key) as Item, signal),
    intervalMs,
    onSettle: settled,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.staleAfterMs ? { staleAfterMs: options.staleAfterMs } : {}),
    ...timing,
  });

  const listeners = new Set<() => void>();
  let snapshot = build();

  function build(): ListedFleetSnapshot<Item, T> {
    const list = listPoller.getSnapshot();
    const { entries } = fleet.getSnapshot();
    let lastChange: number | null = null;
    for (const entry of entries.values()) if (entry.updatedAt !== null && (lastChange === null || entry.updatedAt > lastChange)) lastChange = entry.updatedAt;
    const connection = fleetConnection({ list, lastSuccessAt, lastChange, now: clock.now(), staleAfterMs: staleAfter(intervalMs) });
    return { items: list.data, list, entries, connection };
  }

  function publish(): void {
    const next = build();
    scheduleStaleCheck(next.connection);
    const same = snapshot.list === next.list && snapshot.entries === next.entries && sameConnection(snapshot.connection, next.connection);
    if (same) return;
    snapshot = next;
    for (const listener of [...listeners]) listener();
  }

  // A failing fleet turns stale with nothing settling, so a timer of its own re-evaluates it.
  function scheduleStaleCheck(connection: ConnectionState): void {
    stale.schedule(started && connection.phase === 'retrying' ? { paused, lastSuccessAt, staleAfterMs: staleAfter(intervalMs) } : null);
  }

  function listChanged(): void {
    const data = listPoller.getSnapshot().data;
    if (data !== null && data !== listed) {
      listed = data;
      items = new Map(data.map((item) => [options.keyOf(item), item]));
      const keys = [...items.keys()];
      fleet.setKeys(keys);
      options.retain?.(keys);
    }
    publish();
  }

  // `who`: an item's key, or null for the list.
  function settled(who: string | null, outcome: PollOutcome): void {
    if (outcome.error === null) lastSuccessAt = outcome.at;
    if (started && !paused) retryAfter(who, outcome);
    publish();
  }

  /**
   * What one settled poll says about the others. An answer means the server is there: whatever failed because it
   * was gone tries again now, and when the answer ends a poll's failures (the fault cleared), everything that failed
   * does, so no old reason lingers. A poll that got no answer asks the list at once whether the server is gone, so
   * the connection says so within one request, with this fault's reason rather than an older one.
   */
  function retryAfter(who: string | null, { error, failuresBefore }: PollOutcome): void {
    const list = listPoller.getSnapshot();
    if (error === null) {
      const retry = (failed: ApiError | null) => failed !== null && (failuresBefore > 0 || isServerWide(failed));
      if (retry(list.error)) listPoller.pollNow();
      for (const [key, entry] of fleet.getSnapshot().entries) if (key !== who && retry(entry.error)) fleet.pollNow(key);
    } else if (who !== null && isServerWide(error) && !(list.error && isServerWide(list.error))) {
      listPoller.pollNow();
    }
  }

  listPoller.subscribe(listChanged);
  fleet.subscribe(publish);

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    start() {
      started = true;
      listPoller.start();
      fleet.start();
    },
    stop() {
      started = false;
      listPoller.stop();
      fleet.stop();
      publish();
    },
    pause() {
      paused = true;
      listPoller.pause();
      fleet.pause();
    },
    resume() {
      paused = false;
      listPoller.resume();
      fleet.resume();
    },
    pollNow(key) {
      if (key !== undefined) return fleet.pollNow(key);
      listPoller.pollNow();
      fleet.pollNow();
    },
    setInterval(ms) {
      intervalMs = ms;
      fleet.setInterval(ms);
      publish();
    },
  };
}
