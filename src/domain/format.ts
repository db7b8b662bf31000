// Human formats for times, durations and counts: one implementation for the plain commands and the screens.

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** A task or run length, short enough for a table column: `0.4s`, `12s`, `2m 7s`, `1h 02m`, `3d 4h`; `-` if unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '-';
  if (seconds < 0.05) return '<0.1s';
  if (seconds < 10) return `${Math.round(seconds * 10) / 10}s`;
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const whole = Math.round(seconds);
  if (whole < 3600) return `${Math.floor(whole / 60)}m ${whole % 60}s`;
  if (whole < 48 * 3600) return `${Math.floor(whole / 3600)}h ${two(Math.floor((whole % 3600) / 60))}m`;
  return `${Math.floor(whole / 86400)}d ${Math.floor((whole % 86400) / 3600)}h`;
}

/** An age or a countdown in whole units: `8s`, `2m 10s`, `3h 5m`, `2d 4h`. */
export function formatAge(milliseconds: number): string {
  const s = Math.max(0, Math.round(milliseconds / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/** Local wall-clock time, `HH:MM:SS`. */
export function formatClock(date: Date | null): string {
  if (!date || Number.isNaN(date.getTime())) return '--:--:--';
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** Local `YYYY-MM-DD HH:MM:SS`; with `sameDayAs`, just `HH:MM:SS` when on that day. */
export function formatTime(d: Date | null | undefined, sameDayAs?: Date): string {
  if (!d || Number.isNaN(d.getTime())) return '-';
  if (sameDayAs && sameDayAs.toDateString() === d.toDateString()) return formatClock(d);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${formatClock(d)}`;
}

/** `1 page`, `3 pages`, `2 retries`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

const COUNT_UNITS: ReadonlyArray<[number, string]> = [
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * `12240` as `12,240`, as `toLocaleString('en-US')` writes it, without it: loading ICU's number formats costs a few
 * milliseconds of start-up and ~7 MB of resident memory, for commas.
 */
export function groupThousands(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) out = (end > 3 ? ',' : '') + digits.slice(Math.max(0, end - 3), end) + out;
  return n < 0 ? `-${out}` : out;
}

/**
 * A count for a column `width` wide: the whole number (`12,240`) where it fits, else a compact form of at most four
 * characters (`1.2k`, `100k`, `1.2M`), rounded down so that it never reads as more than there is.
 */
export function formatCount(n: number, width = Infinity): string {
  const whole = groupThousands(n);
  if (whole.length <= width || n < 1000) return whole;
  const [unit, suffix] = COUNT_UNITS.find(([u]) => n >= u) as [number, string];
  const tenths = Math.floor((n * 10) / unit);
  return tenths < 100 ? `${tenths / 10}${suffix}` : `${Math.floor(n / unit)}${suffix}`;
}

/** An age or a countdown to the minute once past a minute: `45s`, `38m`, `1h 42m`, `2d 4h`. */
export function formatShortAge(milliseconds: number): string {
  const s = Math.max(0, Math.floor(milliseconds / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/** Ends a sentence with a full stop, unless it already ends as one (quoted server text often does: `occurred.`). */
export function endSentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?…]["'”’)\]]*$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
