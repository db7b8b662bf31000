// `aksync history` output: one row per run, newest first (start, duration, pages, objects, problems, errors, verdict),
// or the documented JSON (`aksync.history/1`, README "JSON output").
import { formatDuration, formatTime, plural } from '../domain/format.js';
import type { RunRecord } from '../domain/run-record.js';
import { safeLine } from '../domain/sanitize.js';
import { formatRef, type SyncObjectRef } from '../domain/sync-object-ref.js';
import { medianDuration, runsFailedSince } from '../domain/trends.js';
import type { Paint } from './output.js';

export const HISTORY_JSON_SCHEMA = 'aksync.history/1';

export interface HistoryReport {
  ref: SyncObjectRef;
  /** The server's origin the runs are from; null when no URL is set (then every server's runs of the object). */
  server: string | null;
  /** Newest first, already cut to `since`. */
  runs: readonly RunRecord[];
  /** The start of the window asked for (`--since`), or null for everything kept. */
  since: Date | null;
  now: Date;
  /** Why the history could not be read, or null. */
  problem: string | null;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function parsed(iso: string | null): Date | null {
  return iso === null ? null : new Date(iso);
}

export function historyText(report: HistoryReport, p: Paint): string {
  const { ref, runs } = report;
  const where = report.server ? ` on ${safeLine(report.server)}` : '';
  const window = report.since ? ` since ${formatTime(report.since)}` : '';
  if (runs.length === 0) {
    return `No runs of ${formatRef(ref)}${where} recorded${window}. aksync records each run it sees end (monitor, overview, status, sync --wait).\n`;
  }
  const median = medianDuration(runs);
  const failed = runsFailedSince(runs, report.now.getTime());
  const lines = [
    `${formatRef(ref)}${where}: ${plural(runs.length, 'run')}${window}; median ${formatDuration(median)} (last 10), ${plural(failed, 'run')} failed in the last 24 h`,
    '',
    p.dim(`${pad('Start', 20)}${pad('Duration', 9, true)}${pad('Pages', 7, true)}${pad('Objects', 9, true)}${pad('Problems', 10, true)}${pad('Errors', 8, true)}  Verdict`),
  ];
  for (const run of runs) {
    const row = `${pad(formatTime(parsed(run.start) ?? parsed(run.finish)), 20)}${pad(formatDuration(run.duration_seconds), 9, true)}${pad(String(run.pages), 7, true)}${pad(String(run.objects), 9, true)}${pad(String(run.problems), 10, true)}${pad(String(run.errors), 8, true)}  `;
    const first = run.first_error ?? run.problem_groups[0]?.pattern ?? '';
    lines.push(`${row}${p.verdict(run.verdict)}${first ? `  ${safeLine(first)}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `aksync.history/1`: the object, the window, the two figures `status` reports, and the runs newest first. */
export function historyJson(report: HistoryReport): object {
  const median = medianDuration(report.runs);
  return {
    schema: HISTORY_JSON_SCHEMA,
    kind: report.ref.kind,
    id: report.ref.id,
    server: report.server,
    since: report.since?.toISOString() ?? null,
    generated_at: report.now.toISOString(),
    runs_failed_24h: runsFailedSince(report.runs, report.now.getTime()),
    median_duration_seconds: median === null ? null : Math.round(median * 10) / 10,
    runs: report.runs.map((run) => ({
      run_id: run.run_id,
      server: run.server,
      start: run.start,
      finish: run.finish,
      duration_seconds: run.duration_seconds,
      pages: run.pages,
      objects: run.objects,
      problems: run.problems,
      errors: run.errors,
      verdict: run.verdict,
      first_error: run.first_error,
      problem_groups: run.problem_groups.map((g) => ({ pattern: g.pattern, count: g.count, example: g.example })),
      recorded_at: run.recorded_at,
      origin: run.origin,
    })),
    error: report.problem,
  };
}
