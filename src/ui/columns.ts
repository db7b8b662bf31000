// Table columns: each has a width it needs; on a narrow terminal columns drop out, least useful first, so the last
// (free text) column keeps room to say something; on a wide one, columns that hold names grow toward their longest
// value, and the free-text column takes the rest.
import { safeLine } from '../domain/sanitize.js';
import { fit, widthOf } from './text.js';

export interface Column<K extends string = string> {
  key: K;
  title: string;
  width: number;
  align?: 'left' | 'right';
  /** Lower drops first; columns without it never drop. */
  dropOrder?: number;
  /** Widens toward its longest value when there is room (names). */
  grow?: boolean;
}

/** The columns that fit `width` with at least `minRest` columns left for the free-text column (one space apart). */
export function chooseColumns<K extends string>(columns: readonly Column<K>[], width: number, minRest: number): Column<K>[] {
  const kept = [...columns];
  const used = () => kept.reduce((n, c) => n + c.width + 1, 0);
  const droppable = columns.filter((c) => c.dropOrder !== undefined).sort((a, b) => (a.dropOrder ?? 0) - (b.dropOrder ?? 0));
  for (const column of droppable) {
    if (width - used() >= minRest) break;
    kept.splice(kept.indexOf(column), 1);
  }
  return kept;
}

/**
 * The columns for a table `width` wide: those that fit with `minRest` left for the free-text column, growing columns
 * widened toward `longest[key]` (the widest value they hold). Growth takes at most half of the room beyond
 * `growFrom` (the free text's share that names never take), so a message keeps at least as much of a wide terminal
 * as the names beside it.
 */
export function allocateColumns<K extends string>(
  columns: readonly Column<K>[],
  width: number,
  minRest: number,
  longest: Partial<Record<NoInfer<K>, number>>,
  growFrom = minRest,
): Column<K>[] {
  const kept = chooseColumns(columns, width, minRest);
  let budget = Math.floor(Math.max(0, width - fixedWidth(kept) - Math.max(minRest, growFrom)) / 2);
  return kept.map((column) => {
    if (!column.grow) return column;
    const grown = Math.min(budget, Math.max(0, (longest[column.key] ?? 0) - column.width));
    budget -= grown;
    return grown > 0 ? { ...column, width: column.width + grown } : column;
  });
}

/** The widest value of each of `keys` among `rows`, as a table cell shows it (made safe, in terminal columns). */
export function longestValues<R, K extends string>(rows: readonly R[], keys: readonly K[], value: (row: R, key: K) => string): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const row of rows) {
    for (const key of keys) out[key] = Math.max(out[key] ?? 0, widthOf(safeLine(value(row, key))));
  }
  return out;
}

/** The fixed columns' cells for one row, each padded to its width with one space after it. Made safe before
 * measuring: a control character shown as `\x1b` takes four columns, not zero. */
export function fixedCells<K extends string>(
  columns: readonly Column<K>[],
  values: Record<K, string>,
  ellipsis: string,
): Array<{ key: K; text: string }> {
  return columns.map((c) => ({ key: c.key, text: fit(safeLine(values[c.key]), c.width, c.align, ellipsis) + ' ' }));
}

export function fixedWidth(columns: readonly Column[]): number {
  return columns.reduce((n, c) => n + c.width + 1, 0);
}

/** The width a column got, for a value that chooses its form by the room it has (counts); unlimited if absent. */
export function columnWidth<K extends string>(columns: readonly Column<K>[], key: K): number {
  return columns.find((c) => c.key === key)?.width ?? Infinity;
}
