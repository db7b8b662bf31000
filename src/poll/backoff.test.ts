import { describe, expect, it } from 'vitest';
import { defaultStaleAfterMs, retryDelayMs } from './backoff.js';

describe('retryDelayMs', () => {
  it('doubles from the base up to the cap, between half and all of each step', () => {
    const steps = [1, 2, 3, 4, 5, 6].map((failures) => retryDelayMs(failures, 5_000, 60_000, () => 1));
    expect(steps).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
    expect(retryDelayMs(3, 5_000, 60_000, () => 0)).toBe(10_000);
    expect(retryDelayMs(3, 5_000, 60_000, () => 0.5)).toBe(15_000);
  });

  it('never retries sooner than the interval when the interval exceeds the cap', () => {
    expect(retryDelayMs(1, 120_000, 60_000, () => 1)).toBe(120_000);
  });

  it('stays at the cap after very many failures', () => {
    expect(retryDelayMs(5_000, 5_000, 60_000, () => 1)).toBe(60_000);
  });
});

describe('defaultStaleAfterMs', () => {
  it('is three intervals, and at least 30 s', () => {
    expect(defaultStaleAfterMs(5_000)).toBe(30_000);
    expect(defaultStaleAfterMs(20_000)).toBe(60_000);
  });
});
