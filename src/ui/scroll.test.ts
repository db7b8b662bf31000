import { describe, expect, it } from 'vitest';
import { lowerBound, movePosition, positionOf, scrollWindow } from './scroll.js';

describe('movePosition', () => {
  it('moves by one, a page, half a page, or to either end, within the list', () => {
    expect(movePosition(0, 'up', 10, 4)).toBe(0);
    expect(movePosition(0, 'down', 10, 4)).toBe(1);
    expect(movePosition(1, 'pageDown', 10, 4)).toBe(5);
    expect(movePosition(9, 'pageDown', 10, 4)).toBe(9);
    expect(movePosition(5, 'halfPageUp', 10, 4)).toBe(3);
    expect(movePosition(5, 'top', 10, 4)).toBe(0);
    expect(movePosition(5, 'bottom', 10, 4)).toBe(9);
    expect(movePosition(0, 'down', 0, 4)).toBe(0);
  });
});

describe('scrollWindow', () => {
  it('keeps the window still while the cursor moves inside it', () => {
    expect(scrollWindow(3, 5, 100, 5)).toBe(3);
  });

  it('scrolls just enough to show the cursor', () => {
    expect(scrollWindow(3, 8, 100, 5)).toBe(4);
    expect(scrollWindow(3, 1, 100, 5)).toBe(1);
  });

  it('leaves no empty rows below the last one', () => {
    expect(scrollWindow(8, 9, 10, 5)).toBe(5);
    expect(scrollWindow(0, 0, 3, 5)).toBe(0);
  });

  it('counts tall (wrapped) rows', () => {
    const heights = [1, 1, 3, 1, 1, 1, 1, 1];
    const heightOf = (p: number) => heights[p] ?? 1;
    expect(scrollWindow(0, 2, 8, 5, heightOf)).toBe(0);
    expect(scrollWindow(0, 3, 8, 5, heightOf)).toBe(1);
    expect(scrollWindow(0, 7, 8, 5, heightOf)).toBe(3);
  });

  it('stays O(height) when jumping far in a huge list', () => {
    let calls = 0;
    const top = scrollWindow(0, 99_999, 100_000, 20, () => {
      calls += 1;
      return 1;
    });
    expect(top).toBe(99_980);
    expect(calls).toBeLessThan(100);
  });
});

describe('binary search helpers', () => {
  it('finds positions in ascending arrays', () => {
    expect(lowerBound([1, 3, 5], 3)).toBe(1);
    expect(lowerBound([1, 3, 5], 4)).toBe(2);
    expect(lowerBound([1, 3, 5], 9)).toBe(3);
    expect(positionOf([1, 3, 5], 9)).toBe(2);
    expect(positionOf([], 9)).toBe(0);
  });
});
