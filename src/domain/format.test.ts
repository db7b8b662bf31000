import { describe, expect, it } from 'vitest';
import { formatAge, formatClock, formatDuration, formatTime, plural } from './format.js';

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
