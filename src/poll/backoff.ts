export const DEFAULT_MAX_BACKOFF_MS = 60_000;

/**
 * The wait before retry number `failures` (1 = after the first failure): the step doubles from `baseMs`, capped at
 * `maxMs` (never below `baseMs`, so a retry never comes sooner than a normal poll would). Equal jitter: half the
 * step is fixed and half random, so retries of many pollers spread out, yet never hammer a failing server the way
 * full jitter's near-zero waits can. `random` returns [0, 1]; with 1 the waits are exactly 1x, 2x, 4x ... the base.
 */
export function retryDelayMs(failures: number, baseMs: number, maxMs: number, random: () => number): number {
  const cap = Math.max(maxMs, baseMs);
  const step = Math.min(cap, baseMs * 2 ** Math.max(0, failures - 1));
  const jitter = Math.min(1, Math.max(0, random()));
  return Math.round(step / 2 + (step / 2) * jitter);
}

/** Data older than this is shown as stale: three missed polls, and never sooner than 30 s. */
export function defaultStaleAfterMs(intervalMs: number): number {
  return Math.max(3 * intervalMs, 30_000);
}
