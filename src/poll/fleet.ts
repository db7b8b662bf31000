// Polls many keys (source slugs) for the overview: one poller per key, so each key keeps its own cadence, backoff
// and stale marking, and a shared gate keeps the requests in flight overall under `concurrency`.
import { createConcurrencyGate } from './gate.js';
import { createPoller, type Poller, type PollerOptions, type PollOutcome, type PollSnapshot } from './poller.js';

export const DEFAULT_FLEET_CONCURRENCY = 4;

export interface FleetPollerOptions<T> extends Omit<PollerOptions<T>, 'fetch' | 'onSettle'> {
  keys: readonly string[];
  /** Must honour the signal: a request holds its slot until it settles. */
  fetch: (key: string, signal: AbortSignal) => Promise<T>;
  /** Requests in flight at most, over all keys (default 4). */
  concurrency?: number;
  /** Told of every poll of every key that settles, after the fleet's snapshot is updated. */
  onSettle?: (key: string, outcome: PollOutcome) => void;
}

export interface FleetSnapshot<T> {
  /** One entry per key, in the order of the keys given; an unchanged key keeps its entry object. */
  readonly entries: ReadonlyMap<string, PollSnapshot<T>>;
}

export interface FleetPoller<T> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): FleetSnapshot<T>;
  start(): void;
  stop(): void;
  pause(): void;
  resume(): void;
  /** One key now, or every key (still at most `concurrency` at a time). */
  pollNow(key?: string): void;
  setInterval(ms: number): void;
  /** The source list changed: removed keys stop (their request is aborted), new keys start polling. */
  setKeys(keys: readonly string[]): void;
}

interface Member<T> {
  poller: Poller<T>;
  unsubscribe: () => void;
}

export function createFleetPoller<T>(options: FleetPollerOptions<T>): FleetPoller<T> {
  const { keys: initialKeys, fetch, concurrency = DEFAULT_FLEET_CONCURRENCY, onSettle, ...pollerOptions } = options;
  const gate = createConcurrencyGate(concurrency);
  let members = new Map<string, Member<T>>();
  let started = false;
  let paused = false;
  let batching = false;
  let dirty = false;
  const listeners = new Set<() => void>();
  let snapshot: FleetSnapshot<T> = { entries: new Map() };

  function changed(): void {
    if (batching) {
      dirty = true;
      return;
    }
    snapshot = { entries: new Map([...members].map(([key, member]) => [key, member.poller.getSnapshot()])) };
    for (const listener of [...listeners]) listener();
  }

  // Applies `change` to many pollers and publishes one snapshot for all it caused.
  function batch(change: () => void): void {
    batching = true;
    try {
      change();
    } finally {
      batching = false;
    }
    if (dirty) {
      dirty = false;
      changed();
    }
  }

  function join(key: string): Member<T> {
    const poller = createPoller<T>({
      ...pollerOptions,
      fetch: (signal) => gate.run(signal, () => fetch(key, signal)),
      ...(onSettle ? { onSettle: (outcome: PollOutcome) => onSettle(key, outcome) } : {}),
    });
    const unsubscribe = poller.subscribe(changed);
    if (paused) poller.pause();
    if (started) poller.start();
    return { poller, unsubscribe };
  }

  function eachPoller(action: (poller: Poller<T>) => void): void {
    batch(() => {
      for (const member of members.values()) action(member.poller);
    });
  }

  function setKeys(keys: readonly string[]): void {
    batch(() => {
      const next = new Map<string, Member<T>>();
      for (const key of keys) if (!next.has(key)) next.set(key, members.get(key) ?? join(key));
      for (const [key, member] of members) {
        if (next.has(key)) continue;
        member.unsubscribe();
        member.poller.stop();
      }
      const before = [...members.keys()];
      const sameOrder = next.size === before.length && [...next.keys()].every((key, i) => key === before[i]);
      members = next;
      if (!sameOrder) dirty = true;
    });
  }

  setKeys(initialKeys);

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    start() {
      started = true;
      eachPoller((poller) => poller.start());
    },
    stop() {
      started = false;
      eachPoller((poller) => poller.stop());
    },
    pause() {
      paused = true;
      eachPoller((poller) => poller.pause());
    },
    resume() {
      paused = false;
      eachPoller((poller) => poller.resume());
    },
    pollNow(key) {
      if (key === undefined) eachPoller((poller) => poller.pollNow());
      else members.get(key)?.poller.pollNow();
    },
    setInterval(ms) {
      eachPoller((poller) => poller.setInterval(ms));
    },
    setKeys,
  };
}
