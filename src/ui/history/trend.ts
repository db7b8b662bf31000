// The trends the screens show from the run history (src/domain/trends.ts judges them): the monitor header's
// `1m 4s, median 58s` with a flag past twice the median, and the overview's strip of the last runs. Pure.
import { formatDuration } from '../../domain/format.js';
import { recordTime, type RunRecord } from '../../domain/run-record.js';
import { durationTrend, medianDuration, runStrip } from '../../domain/trends.js';
import type { RunSummary } from '../../domain/verdict.js';

export interface RunTrend {
  /** `1m 4s, median 58s`, `3m 10s so far, median 58s`. */
  text: string;
  /** More than twice the median: the header flags it. */
  slow: boolean;
  /** `over twice the median`, when slow. */
  flag: string | null;
}

function ms(iso: string | null): number | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/** The records of other runs than the one shown (once it ended, the history holds it too). */
export function otherRuns(history: readonly RunRecord[], summary: RunSummary): RunRecord[] {
  const start = summary.start?.getTime() ?? null;
  const end = summary.finish?.getTime() ?? start;
  if (start === null || end === null) return [...history];
  return history.filter((r) => {
    const rStart = ms(r.start) ?? recordTime(r);
    const rEnd = ms(r.finish) ?? rStart;
    return !(rStart <= end && start <= rEnd);
  });
}

/**
 * The shown run's duration (so far, while it runs) against the median of the last ten runs before it; null without
 * a run or without a median to compare with.
 */
export function runTrend(summary: RunSummary | null, running: boolean, now: number, history: readonly RunRecord[] | null): RunTrend | null {
  if (!history || !summary || summary.start === null) return null;
  const seconds = running ? Math.max(0, (now - summary.start.getTime()) / 1000) : summary.durationSeconds;
  if (seconds === null) return null;
  const trend = durationTrend(seconds, otherRuns(history, summary));
  if (trend.median === null) return null;
  return {
    text: `${formatDuration(seconds)}${running ? ' so far' : ''}, median ${formatDuration(trend.median)}`,
    slow: trend.slow,
    flag: trend.slow ? 'over twice the median' : null,
  };
}

/** What the overview's trend columns show for one object: its last runs as marks, oldest first, and their median. */
export interface RowTrend {
  strip: string;
  median: string;
}

export function rowTrend(history: readonly RunRecord[] | null | undefined, runs: number, ascii: boolean): RowTrend {
  if (!history || history.length === 0) return { strip: '-', median: '-' };
  return { strip: runStrip(history, runs, ascii), median: formatDuration(medianDuration(history)) };
}
