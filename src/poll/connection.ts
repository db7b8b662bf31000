// The state of a connection to authentik, as a screen, an exporter or a recorder reads it: one poll's (the monitor)
// or a whole fleet's (the overview). The same phases and fields either way, so every consumer says the same words.
import type { ApiError } from '../api/errors.js';
import type { Clock } from './clock.js';

/**
 * - loading: no answer yet and no failure yet
 * - live: the last poll succeeded and is recent
 * - retrying: the last poll failed; the next try is at `nextPollAt`
 * - stale: the last success is older than the stale threshold (usually while failing)
 * - paused: polling was paused
 */
export type PollPhase = 'loading' | 'live' | 'paused' | 'retrying' | 'stale';

export interface ConnectionState {
  readonly phase: PollPhase;
  /** Consecutive failed polls. */
  readonly failures: number;
  /** The last poll's failure; null once a poll succeeds. */
  readonly error: ApiError | null;
  /** When the next retry fires; set only while retrying (null while live, paused, or the retry is in flight). */
  readonly nextPollAt: number | null;
  /**
   * The time of the last success, published only while it matters: when the phase is retrying, stale or paused
   * ("stale 2m 10s" = now − unconfirmedSince). Null while live, so a healthy screen is not redrawn by every poll.
   */
  readonly unconfirmedSince: number | null;
  /** When the data shown last changed. */
  readonly updatedAt: number | null;
  /**
   * A request someone is waiting for is in flight: the first load, a retry, or one asked for by pollNow()/resume().
   * Routine polls while live do not set it.
   */
  readonly refreshing: boolean;
}

export interface PhaseInput {
  paused: boolean;
  failures: number;
  lastSuccessAt: number | null;
  now: number;
  staleAfterMs: number;
}

export function connectionPhase({ paused, failures, lastSuccessAt, now, staleAfterMs }: PhaseInput): PollPhase {
  if (paused) return 'paused';
  if (lastSuccessAt !== null && now - lastSuccessAt >= staleAfterMs) return 'stale';
  if (failures > 0) return 'retrying';
  return lastSuccessAt === null ? 'loading' : 'live';
}

/** When the phase turns stale with nothing settling (null: it cannot, or already has). */
export function staleAt({ paused, lastSuccessAt, now, staleAfterMs }: Omit<PhaseInput, 'failures'>): number | null {
  if (paused || lastSuccessAt === null) return null;
  const at = lastSuccessAt + staleAfterMs;
  return at > now ? at : null;
}

export function sameConnection(a: ConnectionState, b: ConnectionState): boolean {
  return (
    a.phase === b.phase &&
    a.failures === b.failures &&
    a.error === b.error &&
    a.nextPollAt === b.nextPollAt &&
    a.unconfirmedSince === b.unconfirmedSince &&
    a.updatedAt === b.updatedAt &&
    a.refreshing === b.refreshing
  );
}

/**
 * A timer that calls `publish` when a connection turns stale with no poll settling (the phase is derived from the
 * clock, so nothing else would re-evaluate it). `schedule(null)` only cancels.
 */
export function staleCheck(clock: Clock, publish: () => void): { schedule(input: Omit<PhaseInput, 'failures' | 'now'> | null): void } {
  let timer: unknown = null;
  return {
    schedule(input) {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      if (input === null) return;
      const now = clock.now();
      const at = staleAt({ ...input, now });
      if (at === null) return;
      timer = clock.setTimeout(() => {
        timer = null;
        publish();
      }, at - now);
    },
  };
}
