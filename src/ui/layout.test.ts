import { describe, expect, it } from 'vitest';
import { computeLayout, spareRows } from './layout.js';

describe('rows for sentences that wrap', () => {
  it('lends a body its empty rows, and a long list the rows beyond a comfortable height (it scrolls)', () => {
    expect(spareRows(20, 6)).toBe(14);
    expect(spareRows(27, 103)).toBe(17);
    expect(spareRows(7, 103)).toBe(0);
    expect(spareRows(7, 3)).toBe(4);
  });

  it('gives the header the rows its sentences want, from spare rows only: the frame stays rows − 1 high', () => {
    const wide = computeLayout(120, 40, 4, { headerExtra: 2, bodyLines: 103 });
    expect(wide.headerHeight).toBe(5);
    expect(wide.bodyHeight).toBe(25);
    const small = computeLayout(60, 15, 4, { headerExtra: 2, bodyLines: 103 });
    expect(small.headerHeight).toBe(3);
    expect(small.headerHeight + small.summaryHeight + small.bodyHeight + 2).toBe(14);
    const shortList = computeLayout(60, 15, 4, { headerExtra: 4, bodyLines: 4 });
    expect(shortList.headerHeight).toBe(6);
    expect(shortList.headerHeight + shortList.summaryHeight + shortList.bodyHeight + 2).toBe(14);
  });
});
