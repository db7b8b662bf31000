// How the rows of the terminal are shared out. The frame is never taller than rows − 1: ink 6.8 clears the screen
// and the user's scrollback on every frame that is as tall as the terminal.

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 15;

export const HEADER_HEIGHT = 3;
const STATUS_HEIGHT = 1;
const FOOTER_HEIGHT = 1;
/** Below this many body rows the run summary folds into two lines. */
const COMFORTABLE_BODY = 10;

export interface Layout {
  width: number;
  /** The frame's height: rows − 1. */
  height: number;
  tooSmall: boolean;
  summary: 'full' | 'compact';
  summaryHeight: number;
  /** Three lines, and the rows the header's sentences (verdict reason, error) were lent to wrap onto. */
  headerHeight: number;
  bodyHeight: number;
}

/** What wants rows beyond the fixed ones: extra header lines for long sentences, and the body's content. */
export interface RowWants {
  headerExtra: number;
  /** Lines the body's content fills (a list's title, header and rows); Infinity for a screen that always scrolls. */
  bodyLines: number;
}

/**
 * Rows a body `height` high can lend to sentences that wrap: its empty rows, and, for a list longer than the body,
 * the rows beyond a comfortable height (the list scrolls anyway; a cut verdict says less than two more rows of it).
 */
export function spareRows(height: number, contentLines: number): number {
  return Math.max(0, height - Math.min(contentLines, COMFORTABLE_BODY));
}

/** Lines of the full run summary: the run line, the column header, one per type, the total. */
export function fullSummaryHeight(typeCount: number): number {
  return typeCount + 3;
}

export const COMPACT_SUMMARY_HEIGHT = 2;

/** `typeCount`: the run summary's type rows, or null when there is no run to summarise. */
export function computeLayout(columns: number, rows: number, typeCount: number | null, wants: RowWants = { headerExtra: 0, bodyLines: Infinity }): Layout {
  const height = Math.max(1, rows - 1);
  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  const chrome = HEADER_HEIGHT + STATUS_HEIGHT + FOOTER_HEIGHT;
  const full = typeCount === null ? Infinity : fullSummaryHeight(typeCount);
  const summary = height - chrome - full >= COMFORTABLE_BODY ? 'full' : 'compact';
  const summaryHeight = summary === 'full' ? full : COMPACT_SUMMARY_HEIGHT;
  const bodyHeight = Math.max(1, height - chrome - summaryHeight);
  const headerExtra = Math.min(Math.max(0, wants.headerExtra), spareRows(bodyHeight, wants.bodyLines));
  return { width: columns, height, tooSmall, summary, summaryHeight, headerHeight: HEADER_HEIGHT + headerExtra, bodyHeight: bodyHeight - headerExtra };
}

/** Rows a wrapped sentence in a list row may take: its first and up to two more. */
export const MAX_ROW_LINES = 3;

/**
 * Lines for each row of a list when its `free` empty rows are shared out top to bottom, each row taking up to
 * `wanted[i]` lines (at least one). Rows only ever get empty rows, so no row is pushed off the screen.
 */
export function shareRows(wanted: readonly number[], free: number): number[] {
  let left = Math.max(0, free);
  return wanted.map((w) => {
    const extra = Math.min(left, Math.max(0, w - 1));
    left -= extra;
    return 1 + extra;
  });
}
