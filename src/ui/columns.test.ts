import { describe, expect, it } from 'vitest';
import { allocateColumns, fixedWidth, type Column } from './columns.js';

type Key = 'marker' | 'name' | 'slug' | 'verdict';
const COLUMNS: readonly Column<Key>[] = [
  { key: 'marker', title: '', width: 1 },
  { key: 'name', title: 'name', width: 18, grow: true },
  { key: 'slug', title: 'slug', width: 12, dropOrder: 1, grow: true },
  { key: 'verdict', title: 'verdict', width: 8 },
];
const widths = (columns: readonly Column[]) => Object.fromEntries(columns.map((c) => [c.key, c.width]));

describe('the column-width allocator', () => {
  it('widens name columns to their longest value when the terminal is wide', () => {
    const columns = allocateColumns(COLUMNS, 220, 28, { name: 26, slug: 20 });
    expect(widths(columns)).toEqual({ marker: 1, name: 26, slug: 20, verdict: 8 });
  });

  it('gives growing columns at most half the spare room: the free-text column keeps the rest', () => {
    // 43 fixed + 28 for the text leaves 9 spare: 4 of them go to the name.
    const columns = allocateColumns(COLUMNS, 80, 28, { name: 40, slug: 30 });
    expect(widths(columns)).toEqual({ marker: 1, name: 22, slug: 12, verdict: 8 });
    expect(80 - fixedWidth(columns)).toBeGreaterThanOrEqual(28);
  });

  it('lets names grow only beyond the room the free text keeps for itself', () => {
    expect(widths(allocateColumns(COLUMNS, 140, 28, { name: 40 }, 100)).name).toBe(18);
    expect(widths(allocateColumns(COLUMNS, 220, 28, { name: 40 }, 100)).name).toBe(40);
  });

  it('never narrows a column below its width, and drops columns first when the terminal is narrow', () => {
    expect(widths(allocateColumns(COLUMNS, 200, 28, { name: 4 }))).toEqual({ marker: 1, name: 18, slug: 12, verdict: 8 });
    expect(allocateColumns(COLUMNS, 60, 28, { name: 40 }).map((c) => c.key)).toEqual(['marker', 'name', 'verdict']);
  });
});
