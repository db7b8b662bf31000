// The message log's rows. Filtering by level and searching are O(n) and run only when the task, the level or the
// search text changes; everything a key press does afterwards is a binary search or O(visible rows).
import { safeLine, safeText } from '../domain/sanitize.js';
import { errorSummary, isProblem } from '../domain/verdict.js';
import type { LogMessage } from '../domain/model.js';
import type { MinLevel } from './screen-state.js';
import { lowerBound } from './scroll.js';
import { wrapLine } from './text.js';

/** 0 debug, 1 info (and any level this version does not know), 2 warning, 3 error. */
export function levelRank(level: string): number {
  switch (level.toLowerCase()) {
    case 'notset':
    case 'debug':
      return 0;
    case 'warning':
    case 'warn':
      return 2;
    case 'error':
    case 'exception':
    case 'critical':
      return 3;
    default:
      return 1;
  }
}

const MIN_RANK: Record<MinLevel, number> = { all: 0, info: 1, warning: 2, error: 3 };

/**
 * Indices of the messages at or above the minimum level, ascending; with `problemsOnly`, only those the verdict
 * counts as problems (authentik logs a skipped object at level info, so the level alone cannot find them).
 */
export function visibleMessages(messages: readonly LogMessage[], minLevel: MinLevel, problemsOnly = false): number[] {
  const min = MIN_RANK[minLevel];
  const out: number[] = [];
  for (let i = 0; i < messages.length; i += 1) {
    const m = messages[i] as LogMessage;
    if ((min === 0 || levelRank(m.level) >= min) && (!problemsOnly || isProblem(m))) out.push(i);
  }
  return out;
}

const lowered = new WeakMap<readonly LogMessage[], string[]>();

function searchable(messages: readonly LogMessage[]): string[] {
  let texts = lowered.get(messages);
  if (!texts) {
    texts = messages.map((m) => `${m.logger}\n${m.event}`.toLowerCase());
    lowered.set(messages, texts);
  }
  return texts;
}

/** Indices (ascending) of the visible messages whose event or logger contains the search text. */
export function searchMatches(messages: readonly LogMessage[], visible: readonly number[], search: string): number[] {
  const needle = search.toLowerCase();
  if (needle === '') return [];
  const texts = searchable(messages);
  return visible.filter((i) => (texts[i] as string).includes(needle));
}

/** A display line cut into the pieces that match the search text (ignoring case) and those that do not. */
export function matchPieces(line: string, search: string): Array<{ text: string; match: boolean }> {
  const lower = line.toLowerCase();
  const needle = search.toLowerCase();
  // Lower-casing can change a string's length (İ): offsets would no longer line up, so nothing is marked.
  if (needle === '' || lower.length !== line.length) return [{ text: line, match: false }];
  const pieces: Array<{ text: string; match: boolean }> = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
    if (at > from) pieces.push({ text: line.slice(from, at), match: false });
    pieces.push({ text: line.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < line.length || pieces.length === 0) pieces.push({ text: line.slice(from), match: false });
  return pieces;
}

/**
 * The match to jump to from the message at `cursor`: the next one after it (direction 1) or the one before it
 * (direction -1), wrapping around; `inclusive` accepts the cursor's own message (a fresh search).
 */
export function nextMatch(matches: readonly number[], cursor: number, direction: 1 | -1, inclusive = false): number | null {
  if (matches.length === 0) return null;
  if (direction === 1) {
    const i = lowerBound(matches, inclusive ? cursor : cursor + 1);
    return matches[i < matches.length ? i : 0] as number;
  }
  const i = lowerBound(matches, inclusive ? cursor + 1 : cursor) - 1;
  return matches[i >= 0 ? i : matches.length - 1] as number;
}

/** How many lines a multi-line event has. */
function lineCount(event: string): number {
  let n = 1;
  for (let i = event.indexOf('\n'); i !== -1; i = event.indexOf('\n', i + 1)) n += 1;
  return n;
}

/**
 * The event as display lines. Truncated: one line; a multi-line event shows how many lines it has and the line
 * that explains it (a traceback's last line). Wrapped: every line, hard-wrapped to `columns`.
 */
export function eventLines(event: string, wrap: boolean, columns: number): string[] {
  const trimmed = event.replace(/\s+$/, '');
  if (!wrap) {
    const lines = lineCount(trimmed);
    if (lines === 1) return [safeLine(trimmed)];
    return [`[${lines} lines] ${safeLine(errorSummary(trimmed))}`];
  }
  return safeText(trimmed)
    .split('\n')
    .flatMap((line) => wrapLine(line, columns));
}

/** A message's attributes as pretty JSON lines, sanitised (keys and values are server text). */
export function attributeLines(message: LogMessage): string[] {
  let json: string;
  try {
    json = JSON.stringify(message.attributes, null, 2) ?? '{}';
  } catch {
    json = '(attributes could not be shown)';
  }
  return safeText(json).split('\n');
}

export interface LogLines {
  /** Display lines of message `i`'s event (computed on first use, then cached). */
  linesOf(i: number): string[];
  heightOf(i: number): number;
}

/** Lazily computed, cached event lines for one task's messages at one width and wrap setting. */
export function createLogLines(messages: readonly LogMessage[], wrap: boolean, columns: number): LogLines {
  const cache = new Map<number, string[]>();
  const linesOf = (i: number): string[] => {
    let lines = cache.get(i);
    if (!lines) {
      lines = eventLines(messages[i]?.event ?? '', wrap, columns);
      cache.set(i, lines);
    }
    return lines;
  };
  return { linesOf, heightOf: wrap ? (i) => linesOf(i).length : () => 1 };
}
