// Cell text: measured in terminal columns with string-width (wide CJK and emoji count 2), cut on grapheme
// boundaries, so a cell never spills into the next column or onto a second line.
import stringWidth from 'string-width';
import { safeLine } from '../domain/sanitize.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
// eslint-disable-next-line no-control-regex
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function widthOf(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);
}

/** Longest prefix of `text` that fits in `columns`, on grapheme boundaries. */
function prefixFitting(text: string, columns: number): string {
  if (PRINTABLE_ASCII.test(text)) return text.slice(0, columns);
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > columns) break;
    out += segment;
    used += w;
  }
  return out;
}

/** `text` cut to at most `columns`, ending with the ellipsis when something was cut. */
export function truncate(text: string, columns: number, ellipsis = '…'): string {
  if (columns <= 0) return '';
  if (widthOf(text) <= columns) return text;
  const ellipsisWidth = widthOf(ellipsis);
  if (ellipsisWidth >= columns) return prefixFitting(text, columns);
  return prefixFitting(text, columns - ellipsisWidth) + ellipsis;
}

/** `text` truncated and padded to exactly `columns` (a table cell). */
export function fit(text: string, columns: number, align: 'left' | 'right' = 'left', ellipsis = '…'): string {
  const cut = truncate(text, columns, ellipsis);
  const pad = ' '.repeat(Math.max(0, columns - widthOf(cut)));
  return align === 'left' ? cut + pad : pad + cut;
}

/** One server line made safe and cut to `columns`. */
export function safeCell(text: string, columns: number, ellipsis = '…'): string {
  return truncate(safeLine(text), columns, ellipsis);
}

/** Hard-wrap one line (no newlines inside) into pieces of at most `columns`, on grapheme boundaries. */
export function wrapLine(line: string, columns: number): string[] {
  if (columns <= 0) return [''];
  if (widthOf(line) <= columns) return [line];
  const pieces: string[] = [];
  let current = '';
  let used = 0;
  for (const { segment } of segmenter.segment(line)) {
    const w = stringWidth(segment);
    if (used + w > columns && current !== '') {
      pieces.push(current);
      current = '';
      used = 0;
    }
    current += segment;
    used += w;
  }
  pieces.push(current);
  return pieces;
}
