import { describe, expect, it } from 'vitest';
import { formatAge, formatDuration, formatTime } from './format.js';

describe('formatDuration', () => {
  it.each([
    [0.0114, '11ms'],
    [2.7857, '2.8s'],
    [76, '1m 16s'],
    [7500, '2h 05m'],
    [3 * 86400 + 4 * 3600, '3d 4h'],
    [null, '–'],
  ])('%s s → %s', (s, text) => expect(formatDuration(s)).toBe(text));
});

describe('formatAge / formatTime', () => {
  it('gives the age of the last update', () => {
    expect(formatAge(new Date(0), new Date(130_000))).toBe('2m 10s');
  });
  it('drops the date when it is today', () => {
    const d = new Date(2024, 8, 30, 14, 2, 31);
    expect(formatTime(d, new Date(2024, 8, 30, 20))).toBe('14:02:31');
    expect(formatTime(d)).toBe('2024-09-30 14:02:31');
    expect(formatTime(null)).toBe('–');
  });
});
