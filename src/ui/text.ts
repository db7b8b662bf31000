// Cell text: measured in terminal columns with string-width (wide CJK and emoji count 2), cut on grapheme
// boundaries, so a cell never spills into the next column or onto a second line.
import stringWidth from 'string-width';
import { safeLine } from '../domain/sanitize.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
// eslint-disable-next-line no-control-regex
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Widths of the non-ASCII texts measured lately (a status mark, a separator, a server's message): every frame
 * measures the same few again, and string-width segments each into graphemes, which made it a tenth of a frame's
 * CPU and much of its garbage. Cleared when it grows past a bound, so a screen left open for days stays small.
 */
const widths = new Map<string, number>();
const WIDTHS_KEPT = 4_000;
/** Longer texts (a server's whole message) are measured each time: 4,000 of them could hold megabytes. */
const LONGEST_KEPT = 200;

export function widthOf(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = widths.get(text);
  if (width === undefined) {
    width = stringWidth(text);
    if (text.length <= LONGEST_KEPT) {
      if (widths.size >= WIDTHS_KEPT) widths.clear();
      widths.set(text, width);
    }
  }
  return width;
}

/** Longest prefix of `text` that fits in `columns`, on grapheme boundaries. */
function prefixFitting(text: string, columns: number): string {
  if (PRINTABLE_ASCII.test(text)) return text.slice(0, columns);
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const w = widthOf(segment);
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

/** Where each grapheme of `text` starts, and how wide it is (a word too long for a line is cut between them). */
function graphemes(text: string, offset: number): Array<{ at: number; end: number; width: number }> {
  if (PRINTABLE_ASCII.test(text)) return Array.from(text, (_, i) => ({ at: offset + i, end: offset + i + 1, width: 1 }));
  return Array.from(segmenter.segment(text), ({ segment, index }) => ({
    at: offset + index,
    end: offset + index + segment.length,
    width: widthOf(segment),
  }));
}

/**
 * Word-wrap one line (no newlines inside) to `columns`: the `[start, end)` character ranges of its display lines.
 * Lines break at spaces (the spaces at a break are dropped); a word longer than a line is cut on grapheme
 * boundaries; the line's own indentation is kept. Ranges, so text made of styled segments can be cut the same way.
 */
export function wrapRanges(line: string, columns: number): Array<[number, number]> {
  if (columns <= 0 || widthOf(line) <= columns) return [[0, line.length]];
  const out: Array<[number, number]> = [];
  let start = 0;
  let end = 0;
  let used = 0;
  /** The spaces since the last word, held back until the next word shows whether they end the line. */
  let gapWidth = 0;
  for (const match of line.matchAll(/ +|[^ ]+/g)) {
    const token = match[0];
    const at = match.index;
    const width = widthOf(token);
    if (token[0] === ' ' && at > 0) {
      gapWidth = width;
      continue;
    }
    if (end > start && used + gapWidth + width <= columns) {
      end = at + token.length;
      used += gapWidth + width;
    } else {
      if (end > start) out.push([start, end]);
      start = at;
      end = at;
      used = 0;
      if (width <= columns) {
        end = at + token.length;
        used = width;
      } else {
        // Too long for any line: full pieces now, the last piece starts the next line.
        for (const g of graphemes(token, at)) {
          if (used + g.width > columns && end > start) {
            out.push([start, end]);
            start = g.at;
            used = 0;
          }
          used += g.width;
          end = g.end;
        }
      }
    }
    gapWidth = 0;
  }
  out.push([start, end]);
  return out;
}

/** Word-wrap one line (no newlines inside) into pieces of at most `columns` (see wrapRanges). */
export function wrapLine(line: string, columns: number): string[] {
  return wrapRanges(line, columns).map(([start, end]) => line.slice(start, end));
}
