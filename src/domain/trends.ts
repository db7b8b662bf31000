// Judgements over a run history, for the screens (the strip of last runs, the median, a slow run) and for `status`
// (runs failed in the last 24 hours, the median duration). Pure: records and the time come in, numbers go out.
import type { RunRecord } from './run-record.js';
import { recordTime } from './run-record.js';
import type { VerdictLevel } from './verdict.js';

/** How many of the newest runs the median is taken over. */
export const MEDIAN_RUNS = 10;
/** A run taking more than this many times the median is flagged. */
export const SLOW_FACTOR = 2;

/** Newest first, by when each run ended. */
export function newestFirst(records: readonly RunRecord[]): RunRecord[] {
  return [...records].sort((a, b) => recordTime(b) - recordTime(a));
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The median duration of the newest `runs` runs that have one, in seconds; null with none. */
export function medianDuration(records: readonly RunRecord[], runs = MEDIAN_RUNS): number | null {
  const durations = newestFirst(records)
    .map((r) => r.duration_seconds)
    .filter((d): d is number => d !== null)
    .slice(0, runs);
  return median(durations);
}

export interface DurationTrend {
  /** The median of the last ten runs, seconds; null without history. */
  median: number | null;
  /** More than twice the median (only once there is a median above zero). */
  slow: boolean;
  /** duration / median, when both are known. */
  ratio: number | null;
}

/** A run's duration (a finished one, or the current one so far) against the median of the runs before it. */
export function durationTrend(durationSeconds: number | null, history: readonly RunRecord[]): DurationTrend {
  const m = medianDuration(history);
  if (durationSeconds === null || m === null || m <= 0) return { median: m, slow: false, ratio: null };
  const ratio = durationSeconds / m;
  return { median: m, slow: isSlowRun(durationSeconds, m), ratio };
}

export function isSlowRun(durationSeconds: number, medianSeconds: number | null): boolean {
  return medianSeconds !== null && medianSeconds > 0 && durationSeconds > SLOW_FACTOR * medianSeconds;
}

/** Runs with an error (verdict CRITICAL) that ended within `windowMs` before `now`. */
export function runsFailedSince(records: readonly RunRecord[], now: number, windowMs = 24 * 3600_000): number {
  return records.filter((r) => r.verdict === 'CRITICAL' && recordTime(r) > now - windowMs && recordTime(r) <= now).length;
}

/** One mark per run in a strip of the last runs. */
export const RUN_MARKS: Record<VerdictLevel, { unicode: string; ascii: string }> = {
  OK: { unicode: '✓', ascii: '+' },
  WARNING: { unicode: '⚠', ascii: '!' },
  CRITICAL: { unicode: '✗', ascii: 'x' },
  UNKNOWN: { unicode: '?', ascii: '?' },
};

export function runMark(level: VerdictLevel, ascii: boolean): string {
  return ascii ? RUN_MARKS[level].ascii : RUN_MARKS[level].unicode;
}

/** The last `count` runs' verdicts, oldest first (as a strip reads left to right: `✓✓✓✗✓⚠✓`). */
export function lastVerdicts(records: readonly RunRecord[], count: number): VerdictLevel[] {
  return newestFirst(records).slice(0, count).reverse().map((r) => r.verdict);
}

export function runStrip(records: readonly RunRecord[], count: number, ascii: boolean): string {
  return lastVerdicts(records, count).map((level) => runMark(level, ascii)).join('');
}

/** `7d`, `24h`, `90m`, `2w`: a duration in ms; null for anything else. */
export function parseSince(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(text.trim());
  if (!match) return null;
  const unit = { s: 1000, m: 60_000, h: 3600_000, d: 86_400_000, w: 7 * 86_400_000 }[(match[2] as string).toLowerCase() as 's'];
  const value = Number(match[1]) * unit;
  return Number.isFinite(value) && value > 0 ? value : null;
}
