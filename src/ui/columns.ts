// Fixed-width columns that drop out, least useful first, when the terminal is narrow, so the last (free text)
// column keeps room to say something.
import { safeLine } from '../domain/sanitize.js';
import { fit } from './text.js';

export interface Column<K extends string = string> {
  key: K;
  title: string;
  width: number;
  align?: 'left' | 'right';
  /** Lower drops first; columns without it never drop. */
  dropOrder?: number;
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
