// A text field as a run of line segments: the part of the value that fits, around the cursor. With colour the
// cursor is the cell under it in inverse video; without (NO_COLOR drops inverse too) a bar glyph stands between
// the characters, so the cursor shows on every terminal.
import type { TextField } from '../text-field.js';
import { widthOf } from '../text.js';
import type { Theme } from '../theme.js';
import type { Segment } from './Line.js';

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export interface FieldWindow {
  before: string;
  /** The cell that shows the cursor: the character under it (a space at the end), or the bar glyph. */
  cursor: string;
  after: string;
}

export interface WindowOptions {
  ellipsis: string;
  /** Shown instead of every character (a token). */
  mask?: string;
  /** Drawn between the characters instead of marking the one under the cursor. */
  bar?: string;
}

/**
 * The part of the field that fits `columns`, the cursor always in it: as much as fits before the cursor (what was
 * just typed), then after it; an ellipsis marks each side that was cut.
 */
export function fieldWindow(field: TextField, columns: number, options: WindowOptions): FieldWindow {
  const graphemes = [...GRAPHEMES.segment(field.value)];
  const shown = graphemes.map((g) => options.mask ?? g.segment);
  const found = graphemes.findIndex((g) => g.index >= field.cursor);
  const at = found < 0 ? shown.length : found;
  // The cells on screen; the cursor's is at `at`.
  const cells = options.bar !== undefined ? [...shown.slice(0, at), options.bar, ...shown.slice(at)] : at < shown.length ? shown : [...shown, ' '];
  const ellipsis = widthOf(options.ellipsis);
  const fits = (from: number, to: number) =>
    cells.slice(from, to).reduce((n, cell) => n + widthOf(cell), 0) + (from > 0 ? ellipsis : 0) + (to < cells.length ? ellipsis : 0) <=
    columns;
  let start = at;
  let end = at + 1;
  while (start > 0 && fits(start - 1, end)) start -= 1;
  while (end < cells.length && fits(start, end + 1)) end += 1;
  return {
    before: (start > 0 ? options.ellipsis : '') + cells.slice(start, at).join(''),
    cursor: cells[at] ?? ' ',
    after: cells.slice(at + 1, end).join('') + (end < cells.length ? options.ellipsis : ''),
  };
}

/** The field's segments for a Line, at most `columns` wide (the cursor drawn only when `focused`, the default). */
export function fieldSegments(field: TextField, columns: number, theme: Theme, options: { mask?: string; focused?: boolean } = {}): Segment[] {
  const { glyphs } = theme;
  const mask = options.mask === undefined ? {} : { mask: options.mask };
  if (options.focused === false) {
    // Its end, as where typing stopped: a URL's distinctive part is usually there.
    const view = fieldWindow({ value: field.value, cursor: field.value.length }, columns, { ellipsis: glyphs.ellipsis, bar: '', ...mask });
    return [{ text: view.before + view.after }];
  }
  if (!theme.color) {
    const view = fieldWindow(field, columns, { ellipsis: glyphs.ellipsis, bar: glyphs.cursor, ...mask });
    return [{ text: view.before + view.cursor + view.after }];
  }
  const view = fieldWindow(field, columns, { ellipsis: glyphs.ellipsis, ...mask });
  return [{ text: view.before }, { text: view.cursor, inverse: true }, { text: view.after }];
}
