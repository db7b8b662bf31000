import { describe, expect, it } from 'vitest';
import { runRecord } from '../history/test-support/records.js';
import { durationTrend, isSlowRun, lastVerdicts, medianDuration, parseSince, runStrip, runsFailedSince } from './trends.js';

const HOUR = 3600_000;
const now = Date.UTC(2026, 11, 2, 3, 0, 0);

describe('trend judgements', () => {
  it('the median is over the newest ten runs only', () => {
    // Eleven runs: the oldest took an hour, the newest ten 50..95 s (given out of order).
    const durations = [70, 50, 95, 55, 60, 65, 75, 80, 85, 90];
    const records = [runRecord(now - 20 * HOUR, {}, 3600), ...durations.map((d, i) => runRecord(now - i * HOUR, {}, d))];
    expect(medianDuration(records)).toBe(72.5);
    expect(medianDuration(records.slice(0, 1))).toBe(3600);
    expect(medianDuration([])).toBeNull();
    // Runs without a duration are left out, not counted as zero.
    expect(medianDuration([...records.slice(1), runRecord(now + HOUR, { duration_seconds: null })])).toBe(72.5);
  });

  it('a run taking more than twice the median is slow; exactly twice is not', () => {
    const history = [58, 60, 62].map((d, i) => runRecord(now - i * HOUR, {}, d));
    expect(durationTrend(64, history)).toEqual({ median: 60, slow: false, ratio: 64 / 60 });
    expect(durationTrend(120, history).slow).toBe(false);
    expect(durationTrend(121, history).slow).toBe(true);
    expect(durationTrend(500, [])).toEqual({ median: null, slow: false, ratio: null });
    expect(isSlowRun(10, 0)).toBe(false);
  });

  it('counts the runs that failed in the last 24 hours', () => {
    const records = [
      runRecord(now - HOUR, { verdict: 'CRITICAL' }),
      runRecord(now - 3 * HOUR, { verdict: 'WARNING' }),
      runRecord(now - 23 * HOUR, { verdict: 'CRITICAL' }),
      runRecord(now - 25 * HOUR, { verdict: 'CRITICAL' }),
    ];
    expect(runsFailedSince(records, now)).toBe(2);
  });

  it('draws the last runs oldest first, in Unicode or ASCII', () => {
    const levels = ['OK', 'OK', 'CRITICAL', 'OK', 'WARNING', 'OK'] as const;
    const records = levels.map((verdict, i) => runRecord(now - (levels.length - i) * HOUR, { verdict }));
    expect(runStrip(records, 10, false)).toBe('✓✓✗✓⚠✓');
    expect(runStrip(records, 10, true)).toBe('++x+!+');
    expect(lastVerdicts(records, 2)).toEqual(['WARNING', 'OK']);
  });

  it('reads --since as 7d, 24h, 90m, 2w', () => {
    expect(parseSince('7d')).toBe(7 * 24 * HOUR);
    expect(parseSince('24h')).toBe(24 * HOUR);
    expect(parseSince('90m')).toBe(90 * 60_000);
    expect(parseSince('2w')).toBe(14 * 24 * HOUR);
    expect(parseSince('soon')).toBeNull();
    expect(parseSince('0d')).toBeNull();
  });
});
