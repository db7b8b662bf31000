// `aksync status` output: a monitoring-plugin first line, a short human summary, and the stable JSON object.
import type { ApiError } from '../api/errors.js';
import { formatDuration, formatTime, plural } from '../domain/format.js';
import { safeLine } from '../domain/sanitize.js';
import { VERDICT_EXIT_CODES, type VerdictLevel } from '../domain/verdict.js';
import type { SourceCheck } from './check.js';
import type { Paint } from './output.js';

export const STATUS_JSON_SCHEMA = 'aksync.status/1';
const MAX_JSON_PROBLEMS = 200;

/** Monitoring plugins split the first line at '|' (performance data follows): none may come from the server. */
function pluginText(text: string): string {
  return safeLine(text).replace(/\|/g, '/');
}

function perfdata(check: SourceCheck): string {
  const t = check.assessment.summary.totals;
  const d = check.assessment.summary.durationSeconds;
  return `pages=${t.pages} objects=${t.objects} problems=${t.problems} errors=${t.errors}${d === null ? '' : ` duration=${d.toFixed(1)}s`}`;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

export function statusText(check: SourceCheck, p: Paint, serverLabel: string): string {
  const { assessment, source, version, status } = check;
  const { summary, verdict } = assessment;
  const lines: string[] = [];
  const progress = assessment.runState.progress;
  const running = progress === 'running' ? ' (sync in progress)' : progress === 'maybe-running' ? ' (sync may still be in progress)' : '';
  lines.push(`${p.verdict(verdict.level)}: ${pluginText(source.slug)}${running}: ${pluginText(verdict.reason)} | ${perfdata(check)}`);
  lines.push('');
  lines.push(`Source    ${safeLine(source.name)} (${safeLine(source.slug)}) on ${serverLabel}, authentik ${safeLine(version.version)}${source.enabled ? '' : ', disabled'}`);
  if (check.missingPermissions.length > 0) {
    lines.push(`${p.yellow('Access')}    the token cannot see sync tasks: it lacks ${check.missingPermissions.join(', ')}`);
  }
  if (summary.start) {
    const state = progress === 'running' ? 'in progress' : progress === 'maybe-running' ? 'may still be in progress' : 'finished';
    lines.push(`Run       ${formatTime(summary.start)} → ${formatTime(summary.finish, summary.start)} (${formatDuration(summary.durationSeconds)}), ${state}`);
  } else {
    lines.push(`Run       ${assessment.running ? 'starting: authentik is reading the directory' : 'none recorded'}`);
  }
  if (status.generation === 'B') {
    if (status.lastSuccessfulSync) lines.push(`Last OK   ${formatTime(status.lastSuccessfulSync)}`);
    if (status.schedule) lines.push(`Next run  ${formatTime(status.schedule.nextRun)} (${safeLine(status.schedule.crontab)}${status.schedule.paused ? ', paused' : ''})`);
  }
  if (summary.totals.pages > 0) {
    lines.push('');
    lines.push(p.dim(`${pad('Type', 16)}${pad('Pages', 7, true)}${pad('Objects', 9, true)}${pad('Problems', 10, true)}${pad('Errors', 8, true)}`));
    for (const t of [...summary.byType, summary.totals]) {
      const row = `${pad(safeLine(t.type), 16)}${pad(String(t.pages), 7, true)}${pad(String(t.objects), 9, true)}${pad(String(t.problems), 10, true)}${pad(String(t.errors), 8, true)}`;
      lines.push(t === summary.totals ? p.bold(row) : row);
    }
  }
  const withProblems = summary.tasks.filter((v) => v.problems.length > 0 && !v.isError);
  const firstProblem = withProblems[0];
  if (firstProblem) {
    lines.push('');
    lines.push(`${p.yellow('Problems')}  ${plural(summary.totals.problems, 'message')} in ${plural(withProblems.length, 'page')}; first: ${safeLine(firstProblem.task.type)} ${safeLine(firstProblem.task.pageId.slice(0, 8))}: ${safeLine(firstProblem.headline)}`);
  }
  if (summary.firstError) {
    const errors = summary.tasks.filter((v) => v.isError).length;
    lines.push(`${p.red('Errors')}    ${plural(errors, 'task')}; first: ${safeLine(summary.firstError.task.task.type)} ${safeLine(summary.firstError.task.task.pageId.slice(0, 8))}: ${safeLine(summary.firstError.text)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function statusJson(check: SourceCheck, serverUrl: string): object {
  const { assessment, source, version, status } = check;
  const { summary, verdict } = assessment;
  const problems = summary.tasks.flatMap((v) =>
    v.problems.map((m) => ({ task_uid: v.task.uid, type: v.task.type, level: m.level, timestamp: m.timestamp?.toISOString() ?? null, event: m.event })),
  );
  return {
    schema: STATUS_JSON_SCHEMA,
    checked_at: check.checkedAt.toISOString(),
    verdict: verdict.level,
    exit_code: VERDICT_EXIT_CODES[verdict.level],
    reason: verdict.reason,
    running: assessment.running,
    server: { url: serverUrl, version: version.version, generation: version.generation },
    source: { slug: source.slug, name: source.name, enabled: source.enabled },
    missing_permissions: check.missingPermissions,
    run: {
      start: summary.start?.toISOString() ?? null,
      finish: summary.finish?.toISOString() ?? null,
      duration_seconds: summary.durationSeconds,
      last_successful_sync: status.lastSuccessfulSync?.toISOString() ?? null,
      last_sync_status: status.lastSyncStatus,
      next_run: status.schedule?.nextRun?.toISOString() ?? null,
    },
    totals: { pages: summary.totals.pages, objects: summary.totals.objects, problems: summary.totals.problems, errors: summary.totals.errors },
    types: summary.byType.map(({ type, pages, objects, problems: p, errors }) => ({ type, pages, objects, problems: p, errors })),
    first_error: summary.firstError ? { task_uid: summary.firstError.task.task.uid, text: summary.firstError.text } : null,
    problems: problems.slice(0, MAX_JSON_PROBLEMS),
    problems_truncated: problems.length > MAX_JSON_PROBLEMS,
    error: null,
  };
}

/** The JSON for a check that could not be made (exit 3). */
export function failedStatusJson(error: { kind: string; message: string }, slug: string | null, checkedAt: Date): object {
  const level: VerdictLevel = 'UNKNOWN';
  return {
    schema: STATUS_JSON_SCHEMA,
    checked_at: checkedAt.toISOString(),
    verdict: level,
    exit_code: VERDICT_EXIT_CODES[level],
    reason: error.message,
    running: null,
    server: null,
    source: slug ? { slug } : null,
    error: { kind: error.kind, message: error.message },
  };
}

export function failureText(error: Pick<ApiError, 'message'>, p: Paint, slug: string | null): string {
  return `${p.verdict('UNKNOWN')}: ${slug ? `${pluginText(slug)}: ` : ''}${pluginText(error.message)}\n`;
}
