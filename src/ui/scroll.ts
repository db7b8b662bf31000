// Cursor and scroll arithmetic shared by every list: pure, O(visible rows) at most, whatever the list's length.

export type Motion = 'up' | 'down' | 'pageUp' | 'pageDown' | 'halfPageUp' | 'halfPageDown' | 'top' | 'bottom';

export function clamp(n: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, n));
}

/** The position after a motion in a list of `count` rows shown `height` at a time. */
export function movePosition(position: number, motion: Motion, count: number, height: number): number {
  if (count <= 0) return 0;
  const page = Math.max(1, height);
  const half = Math.max(1, Math.floor(height / 2));
  const delta: Record<Motion, number> = {
    up: -1,
    down: 1,
    pageUp: -page,
    pageDown: page,
    halfPageUp: -half,
    halfPageDown: half,
    top: -Infinity,
    bottom: Infinity,
  };
  const next = position + delta[motion];
  return clamp(Number.isFinite(next) ? next : next > 0 ? count - 1 : 0, 0, count - 1);
}

const ONE = () => 1;

/**
 * The first row to show so that the cursor's row is fully visible, moving the window as little as possible and
 * leaving no empty space below the last row. `heightOf(position)` is the row's height in lines (wrapped text).
 */
export function scrollWindow(
  top: number,
  cursor: number,
  count: number,
  height: number,
  heightOf: (position: number) => number = ONE,
): number {
  if (count <= 0 || height <= 0) return 0;
  const c = clamp(cursor, 0, count - 1);
  let t = clamp(top, 0, count - 1);
  if (c < t) t = c;
  else if (!fitsBetween(t, c, height, heightOf)) t = firstRowShowing(c, height, heightOf);
  // No empty space at the bottom when the list could fill it.
  const lastTop = firstRowShowing(count - 1, height, heightOf);
  return Math.min(t, lastTop);
}

function fitsBetween(top: number, cursor: number, height: number, heightOf: (p: number) => number): boolean {
  if (cursor - top >= height) return false; // every row is at least one line
  let used = 0;
  for (let p = top; p <= cursor; p += 1) used += Math.max(1, heightOf(p));
  return used <= height;
}

/** The smallest top that still shows `last` at the bottom of the window. */
function firstRowShowing(last: number, height: number, heightOf: (p: number) => number): number {
  let used = Math.max(1, heightOf(last));
  let top = last;
  while (top > 0) {
    const h = Math.max(1, heightOf(top - 1));
    if (used + h > height) break;
    used += h;
    top -= 1;
  }
  return top;
}

/** Index of the first element ≥ value in an ascending array (its length when none). */
export function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The position of `value` in an ascending array, or of its nearest following element (clamped to the last). */
export function positionOf(sorted: ArrayLike<number>, value: number): number {
  if (sorted.length === 0) return 0;
  return Math.min(lowerBound(sorted, value), sorted.length - 1);
}

/** A scrolled page of `count` lines, `height` of them visible (the help overlay): the new top after a motion. */
export function scrollTop(top: number, motion: Motion, count: number, height: number): number {
  return clamp(movePosition(top, motion, count, height), 0, Math.max(0, count - height));
}
