// One owner of a polling loop, shaped for React's useSyncExternalStore. A timer chain (the next poll is scheduled
// when the previous one settles), never two requests in flight, backoff after failures, and a snapshot object that
// changes identity only when something a screen shows has changed.
import { ApiError, isApiError } from '../api/errors.js';
import { DEFAULT_MAX_BACKOFF_MS, defaultStaleAfterMs, retryDelayMs } from './backoff.js';
import { systemClock, type Clock } from './clock.js';
import { connectionPhase, sameConnection, staleCheck, type ConnectionState, type PollPhase } from './connection.js';
import { structurallyEqual } from './equal.js';

export type { PollPhase } from './connection.js';

export interface PollerOptions<T> {
  /** Rejects with an ApiError (anything else is wrapped, see `toPollError`). Must honour the signal. */
  fetch: (signal: AbortSignal) => Promise<T>;
  /** Wait after a success before the next poll. */
  intervalMs: number;
  /** Longest wait between retries (default 60 000; never below the interval). */
  maxBackoffMs?: number;
  /** Unchanged data keeps the old object and notifies no one. Default: `structurallyEqual`. */
  equals?: (a: T, b: T) => boolean;
  clock?: Clock;
  /** Jitter source in [0, 1] (default Math.random). */
  random?: () => number;
  /** Age of the last success after which the phase is 'stale' (default: max(3 × interval, 30 s)). */
  staleAfterMs?: (intervalMs: number) => number;
  /** The wait before the first retry, doubled with each failure (default: the interval). Read at each failure. */
  retryBaseMs?: () => number;
  /** Told of every poll that settles (not of aborted ones), after the snapshot is updated. */
  onSettle?: (outcome: PollOutcome) => void;
  /**
   * A successful poll made before this poller existed (see primed.ts): the first snapshot holds its data, and start()
   * waits one interval from its time instead of polling at once.
   */
  seed?: { value: T; at: number } | null;
}

export interface PollOutcome {
  at: number;
  /** The failure, or null for a success. */
  error: ApiError | null;
  /** Consecutive failures before this poll: a success with failuresBefore > 0 is a recovery. */
  failuresBefore: number;
}

export interface PollSnapshot<T> extends ConnectionState {
  /** The last good data, kept across failures. */
  readonly data: T | null;
  /** When `data` arrived: a poll returning equal data keeps both the object and this time. */
  readonly updatedAt: number | null;
}

export interface Poller<T> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): PollSnapshot<T>;
  /** Polls now, then keeps polling (unless paused: then it waits for resume()). Idempotent. */
  start(): void;
  /** Aborts the request in flight (no error results), cancels every timer. Idempotent; start() polls again. */
  stop(): void;
  /** Polls now unless a request is already in flight. Works while paused too, as a one-shot refresh. */
  pollNow(): void;
  /** Stops scheduling; a request in flight may finish and its data is kept. */
  pause(): void;
  /** Polls now and schedules again. */
  resume(): void;
  /** Changes the cadence; a pending live poll is moved to `last poll + ms`. */
  setInterval(ms: number): void;
}

/** A non-ApiError rejection is a bug in the layer below, not a network fault: it is reported as a bad response. */
export function toPollError(error: unknown): ApiError {
  if (isApiError(error)) return error;
  return new ApiError('bad_response', 'aksync could not read the answer: an unexpected internal error occurred.');
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Request {
  controller: AbortController;
  userAsked: boolean;
}

export function createPoller<T>(options: PollerOptions<T>): Poller<T> {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const equals = options.equals ?? structurallyEqual;
  const maxBackoffMs = options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
  const staleAfterMs = options.staleAfterMs ?? defaultStaleAfterMs;
  let intervalMs = checkedInterval(options.intervalMs);
  const retryBaseMs = options.retryBaseMs ?? (() => intervalMs);

  let started = false;
  const stale = staleCheck(clock, () => publish());
  let paused = false;
  let request: Request | null = null;
  let pollTimer: unknown = null;
  let nextPollAt: number | null = null;
  const seed = options.seed ?? null;
  let seedWaits = seed !== null;
  let lastSettledAt: number | null = seed?.at ?? null;
  let lastSuccessAt: number | null = seed?.at ?? null;
  let data: T | null = seed?.value ?? null;
  let updatedAt: number | null = seed?.at ?? null;
  let error: ApiError | null = null;
  let failures = 0;

  const listeners = new Set<() => void>();
  let snapshot = buildSnapshot();

  function buildSnapshot(): PollSnapshot<T> {
    const phase: PollPhase = connectionPhase({ paused, failures, lastSuccessAt, now: clock.now(), staleAfterMs: staleAfterMs(intervalMs) });
    return {
      data,
      updatedAt,
      unconfirmedSince: phase === 'live' ? null : lastSuccessAt,
      error,
      failures,
      phase,
      refreshing: request !== null && (request.userAsked || lastSuccessAt === null || failures > 0),
      nextPollAt: failures > 0 ? nextPollAt : null,
    };
  }

  function publish(): void {
    const next = buildSnapshot();
    if (sameSnapshot(snapshot, next)) return;
    snapshot = next;
    for (const listener of [...listeners]) listener();
  }

  function clearPollTimer(): void {
    if (pollTimer !== null) clock.clearTimeout(pollTimer);
    pollTimer = null;
    nextPollAt = null;
  }

  function schedulePoll(delayMs: number): void {
    clearPollTimer();
    nextPollAt = clock.now() + delayMs;
    pollTimer = clock.setTimeout(() => {
      pollTimer = null;
      nextPollAt = null;
      poll(false);
    }, delayMs);
  }

  // The phase turns stale with no poll settling, so a timer of its own re-evaluates it.
  function scheduleStaleCheck(): void {
    stale.schedule(started ? { paused, lastSuccessAt, staleAfterMs: staleAfterMs(intervalMs) } : null);
  }

  function poll(userAsked: boolean): void {
    if (!started || request !== null) return;
    clearPollTimer();
    const current: Request = { controller: new AbortController(), userAsked };
    request = current;
    publish();
    let pending: Promise<T>;
    try {
      pending = options.fetch(current.controller.signal);
    } catch (thrown) {
      pending = Promise.reject(thrown);
    }
    pending.then(
      (value) => settle(current, { ok: true, value }),
      (thrown: unknown) => settle(current, { ok: false, error: thrown }),
    );
  }

  function settle(settled: Request, outcome: Outcome<T>): void {
    if (request !== settled) return; // stopped meanwhile: an aborted request leaves no trace
    request = null;
    const now = clock.now();
    const failuresBefore = failures;
    lastSettledAt = now;
    if (outcome.ok) {
      failures = 0;
      error = null;
      lastSuccessAt = now;
      if (updatedAt === null || !equals(data as T, outcome.value)) {
        data = outcome.value;
        updatedAt = now;
      }
    } else {
      failures += 1;
      error = toPollError(outcome.error);
    }
    if (!paused) schedulePoll(failures > 0 ? retryDelayMs(failures, retryBaseMs(), maxBackoffMs, random) : intervalMs);
    scheduleStaleCheck();
    publish();
    options.onSettle?.({ at: now, error, failuresBefore });
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    start() {
      if (started) return;
      started = true;
      scheduleStaleCheck();
      if (!paused) {
        // A seeded poller's first poll is one interval after the seed's; a later start polls at once.
        if (seed !== null && seedWaits) schedulePoll(Math.max(0, seed.at + intervalMs - clock.now()));
        else poll(false);
        seedWaits = false;
      }
      publish();
    },
    stop() {
      started = false;
      const aborted = request;
      request = null;
      aborted?.controller.abort();
      clearPollTimer();
      scheduleStaleCheck(); // clears it: not started
      publish();
    },
    pollNow() {
      poll(true);
    },
    pause() {
      if (paused) return;
      paused = true;
      clearPollTimer();
      scheduleStaleCheck();
      publish();
    },
    resume() {
      if (!paused) return;
      paused = false;
      scheduleStaleCheck();
      poll(true);
      publish();
    },
    setInterval(ms) {
      intervalMs = checkedInterval(ms);
      if (pollTimer !== null && failures === 0 && lastSettledAt !== null) {
        schedulePoll(Math.max(0, lastSettledAt + intervalMs - clock.now()));
      }
      scheduleStaleCheck();
      publish();
    },
  };
}

function checkedInterval(ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`poll interval must be a positive number of ms, got ${ms}`);
  return ms;
}

function sameSnapshot<T>(a: PollSnapshot<T>, b: PollSnapshot<T>): boolean {
  return a.data === b.data && sameConnection(a, b);
}
