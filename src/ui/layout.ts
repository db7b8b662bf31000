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
  bodyHeight: number;
}

/** Lines of the full run summary: the run line, the column header, one per type, the total. */
export function fullSummaryHeight(typeCount: number): number {
  return typeCount + 3;
}

export const COMPACT_SUMMARY_HEIGHT = 2;

/** `typeCount`: the run summary's type rows, or null when there is no run to summarise. */
export function computeLayout(columns: number, rows: number, typeCount: number | null): Layout {
  const height = Math.max(1, rows - 1);
  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  const chrome = HEADER_HEIGHT + STATUS_HEIGHT + FOOTER_HEIGHT;
  const full = typeCount === null ? Infinity : fullSummaryHeight(typeCount);
  const summary = height - chrome - full >= COMFORTABLE_BODY ? 'full' : 'compact';
  const summaryHeight = summary === 'full' ? full : COMPACT_SUMMARY_HEIGHT;
  return { width: columns, height, tooSmall, summary, summaryHeight, bodyHeight: Math.max(1, height - chrome - summaryHeight) };
}
