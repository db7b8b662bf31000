// What to send a terminal so that it shows `next` where it shows `shown`: only the lines that differ, at absolute
// positions, and a block of lines that moved by whole rows scrolled inside a scroll region instead of rewritten.
// Pure: the caller owns the terminal and what it shows.

const CSI = '\u001b[';
/** Reset attributes: the blank rows a scroll brings in take the current background, which must be the default. */
const RESET_STYLE = `${CSI}0m`;
const ERASE_LINE = `${CSI}2K`;

/** Shifts considered per frame: moving a list by a page is rewritten anyway, so the best candidates suffice. */
const MAX_SHIFT_CANDIDATES = 3;

const at = (lines: readonly string[], row: number): string => lines[row] ?? '';

/**
 * Rewrites the rows of `rows` (0-based, ascending) whose text in `next` differs from `shown`. The cursor may be
 * anywhere; each run of adjacent rows starts with an absolute position and continues with CR LF (the frame never
 * reaches the terminal's last row, so LF never scrolls).
 */
function rewrite(shown: readonly string[], next: readonly string[], from: number, to: number): string {
  let out = '';
  let cursorRow = -2;
  for (let row = from; row <= to; row++) {
    const text = at(next, row);
    if (text === at(shown, row)) continue;
    out += (row === cursorRow + 1 ? '\r\n' : `${CSI}${row + 1}H`) + ERASE_LINE + text;
    cursorRow = row;
  }
  return out;
}

/** How many non-blank rows of `next` in [from, to] equal the row `shift` below them in `shown`. */
function shiftMatches(shown: readonly string[], next: readonly string[], from: number, to: number, shift: number): number {
  let matches = 0;
  for (let row = from; row <= to; row++) {
    const source = row + shift;
    if (source < from || source > to) continue;
    const text = at(next, row);
    if (text !== '' && text === at(shown, source)) matches++;
  }
  return matches;
}

/** What the terminal shows after scrolling rows [from, to] by `shift` (> 0: content moves up). */
function scrolled(shown: readonly string[], from: number, to: number, shift: number): string[] {
  const result = shown.slice();
  for (let row = from; row <= to; row++) {
    const source = row + shift;
    result[row] = source >= from && source <= to ? at(shown, source) : '';
  }
  return result;
}

function scrollSequence(from: number, to: number, shift: number): string {
  const scroll = shift > 0 ? `${CSI}${shift}S` : `${CSI}${-shift}T`;
  return `${RESET_STYLE}${CSI}${from + 1};${to + 1}r${scroll}${CSI}r`;
}

/** The bytes that turn the screen `shown` (rows from the top; missing rows are blank) into `next`. */
export function frameDiff(shown: readonly string[], next: readonly string[]): string {
  const rows = Math.max(shown.length, next.length);
  let from = 0;
  while (from < rows && at(shown, from) === at(next, from)) from++;
  if (from === rows) return '';
  let to = rows - 1;
  while (to > from && at(shown, to) === at(next, to)) to--;

  let best = rewrite(shown, next, from, to);
  if (to - from < 2) return best;

  const candidates: Array<{ shift: number; matches: number }> = [];
  for (let distance = 1; distance < to - from; distance++) {
    for (const shift of [distance, -distance]) {
      const matches = shiftMatches(shown, next, from, to, shift);
      if (matches >= 2) candidates.push({ shift, matches });
    }
  }
  candidates.sort((a, b) => b.matches - a.matches);
  for (const { shift } of candidates.slice(0, MAX_SHIFT_CANDIDATES)) {
    const candidate = scrollSequence(from, to, shift) + rewrite(scrolled(shown, from, to, shift), next, from, to);
    if (candidate.length < best.length) best = candidate;
  }
  return best;
}
