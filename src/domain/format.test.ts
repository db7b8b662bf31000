import { describe, expect, it } from 'vitest';
import { endSentence, formatAge, formatClock, formatCount, formatDuration, formatShortAge, formatTime, groupThousands, plural } from './format.js';

describe('formatDuration', () => {
  it.each([
    [0.0114, '<0.1s'],
    [0.42, '0.4s'],
    [2.7857, '2.8s'],
    [41.5, '42s'],
    [76, '1m 16s'],
    [127, '2m 7s'],
    [3720, '1h 02m'],
    [3 * 86400 + 4 * 3600, '3d 4h'],
    [null, '-'],
  ])('%s s → %s', (s, text) => expect(formatDuration(s)).toBe(text));
});

describe('formatAge / formatTime / formatClock / plural', () => {
  it('gives ages in whole units', () => {
    expect(formatAge(130_000)).toBe('2m 10s');
    expect(formatAge(8_000)).toBe('8s');
    expect(formatAge(2 * 86_400_000 + 4 * 3_600_000)).toBe('2d 4h');
  });
  it('drops the date when it is today', () => {
    const d = new Date(2024, 8, 30, 14, 2, 31);
    expect(formatTime(d, new Date(2024, 8, 30, 20))).toBe('14:02:31');
    expect(formatTime(d)).toBe('2024-09-30 14:02:31');
    expect(formatTime(null)).toBe('-');
    expect(formatClock(null)).toBe('--:--:--');
  });
  it('pluralises, irregular words too', () => {
    expect(plural(1, 'page')).toBe('1 page');
    expect(plural(2, 'retry', 'retries')).toBe('2 retries');
  });
});

describe('formatCount', () => {
  it.each<[number, string]>([
    [0, '0'],
    [999, '999'],
    [1_000, '1k'],
    [1_250, '1.2k'],
    [9_999, '9.9k'],
    [12_345, '12k'],
    [99_999, '99k'],
    [100_000, '100k'],
    [999_999, '999k'],
    [1_000_000, '1M'],
    [1_234_567, '1.2M'],
    [45_600_000, '45M'],
    [2_500_000_000, '2.5G'],
  ])('%i in 4 columns → %s (never more than it is)', (n, text) => expect(formatCount(n, 4)).toBe(text));

  it('writes the whole number, grouped, where it fits', () => {
    expect(formatCount(100_000)).toBe('100,000');
    expect(formatCount(1_234, 5)).toBe('1,234');
    expect(formatCount(100_000, 5)).toBe('100k');
    expect(formatCount(12_240, 8)).toBe('12,240');
    expect(formatCount(123_456_789, 8)).toBe('123M');
  });

  it('always fits 4 columns', () => {
    for (let n = 1; n < 1e12; n = Math.ceil(n * 1.37)) expect(formatCount(n, 4).length).toBeLessThanOrEqual(4);
  });
});

describe('formatShortAge', () => {
  it.each<[number, string]>([
    [0, '0s'],
    [45_000, '45s'],
    [38 * 60_000 + 12_000, '38m'],
    [(60 + 42) * 60_000 + 30_000, '1h 42m'],
    [2 * 86_400_000 + 4 * 3_600_000 + 59 * 60_000, '2d 4h'],
  ])('%i ms → %s', (ms, text) => expect(formatShortAge(ms)).toBe(text));
});

describe('endSentence', () => {
  it('ends a sentence with one full stop, whatever the quoted text ended with', () => {
    expect(endSentence('failed with 500: A server error occurred.')).toBe('failed with 500: A server error occurred.');
    expect(endSentence('failed with 500: database is locked')).toBe('failed with 500: database is locked.');
    expect(endSentence('refused: why?')).toBe('refused: why?');
    expect(endSentence('cut short…')).toBe('cut short…');
    expect(endSentence('said "stop."')).toBe('said "stop."');
    expect(endSentence('ends in spaces.  ')).toBe('ends in spaces.');
  });
});

describe('groupThousands', () => {
  it('writes counts as en-US does, for every size and sign', () => {
    for (const n of [0, 7, 999, 1000, 12240, 100000, 999999, 1234567, -1234, Number.MAX_SAFE_INTEGER, 2.5, 1234.5678]) {
      expect(groupThousands(n), String(n)).toBe(n.toLocaleString('en-US'));
    }
  });
});
