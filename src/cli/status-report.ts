// `aksync status` output for one source: a monitoring-plugin report (status line, perfdata, a short human summary)
// and the stable JSON object, both made from one CheckOutcome.
import { formatDuration, formatTime, plural } from '../domain/format.js';
import { taskLabel } from '../domain/model.js';
import { safeLine } from '../domain/sanitize.js';
import { VERDICT_EXIT_CODES } from '../domain/verdict.js';
import type { HistoryFacts } from '../history/recorder.js';
import { contextRef, outcomeKind, outcomeName, outcomeSlug, outcomeSource, outcomeVerdict, type CheckFailure, type CheckOutcome, type SourceCheck } from './check.js';
import { KINDS } from '../kinds/registry.js';
import type { Paint } from './output.js';
import { renderPlugin, type PerfValue } from './plugin-output.js';

export const STATUS_JSON_SCHEMA = 'aksync.status/1';
const MAX_JSON_PROBLEMS = 200;

/** What the run history adds when it is not known (no history kept, or it cannot be read). */
export const NO_HISTORY_FACTS: HistoryFacts = { runs_failed_24h: null, median_duration_seconds: null };

/**
 * The run's counts as performance data; `prefix` names the source when several share one output. With the run
 * history's facts, `runs_failed_24h` and `median_duration` (the median of the last ten runs) follow.
 */
export function checkPerfdata(outcome: CheckOutcome, prefix = '', facts: HistoryFacts | null = null): PerfValue[] {
  const history: PerfValue[] = facts
    ? [
        { label: `${prefix}runs_failed_24h`, value: facts.runs_failed_24h },
        { label: `${prefix}median_duration`, value: facts.median_duration_seconds, unit: 's' },
      ]
    : [];
  const labels = ['pages', 'objects', 'problems', 'errors'] as const;
  if (outcome.kind === 'failed') return [...labels.map((label) => ({ label: `${prefix}${label}`, value: null })), ...history];
  const { totals } = outcome.check.assessment.summary;
  const duration = outcome.check.assessment.summary.durationSeconds;
  const counts: PerfValue[] = labels.map((label) => ({ label: `${prefix}${label}`, value: totals[label] }));
  return [...counts, ...(duration === null ? [] : [{ label: `${prefix}duration`, value: duration, unit: 's' as const }]), ...history];
}

/** `History   median 58s over the last runs, 1 run failed in the last 24 h`; null without facts. */
function historyLine(facts: HistoryFacts | null): string | null {
  if (!facts || (facts.median_duration_seconds === null && facts.runs_failed_24h === null)) return null;
  const median = facts.median_duration_seconds === null ? 'no complete run recorded yet' : `median ${formatDuration(facts.median_duration_seconds)} over the last runs`;
  const failed = facts.runs_failed_24h === null ? '' : `, ${plural(facts.runs_failed_24h, 'run')} failed in the last 24 h`;
  return `History   ${median}${failed}`;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** `WARNING: corp-ad (sync in progress): 2 problem messages in 1 page`; with `named`, the source's name after its slug. */
export function outcomeLine(outcome: CheckOutcome, p: Paint, named = false): string {
  const { level, reason } = outcomeVerdict(outcome);
  const slug = outcomeName(outcome);
  const source = outcomeSource(outcome);
  const name = named && source && source.name !== source.slug ? ` (${safeLine(source.name)})` : '';
  const progress = outcome.kind === 'checked' ? outcome.check.assessment.runState.progress : null;
  const running = progress === 'running' ? ' (sync in progress)' : progress === 'maybe-running' ? ' (sync may still be in progress)' : '';
  const subject = slug === null ? '' : `${safeLine(slug)}${name}${running}: `;
  return `${p.verdict(level)}: ${subject}${safeLine(reason)}`;
}

function summaryLines(check: SourceCheck, p: Paint, serverLabel: string): string[] {
  const { assessment, source, version, status } = check;
  const { summary } = assessment;
  const lines: string[] = [];
  const ref = contextRef(check);
  const kind = KINDS[ref.kind];
  if (ref.kind === 'ldap') {
    lines.push(`Source    ${safeLine(source.name)} (${safeLine(source.slug)}) on ${serverLabel}, authentik ${safeLine(version.version)}${source.enabled ? '' : ', disabled'}`);
  } else {
    const off = source.enabled ? '' : ref.kind === 'kerberos' ? ', disabled' : ', not assigned to an application';
    const dry = (source as { dryRun?: boolean }).dryRun ? ', dry run' : '';
    lines.push(`${kind.rules.words.object.includes('provider') ? 'Provider' : 'Source  '}  ${safeLine(source.name)} (${safeLine(`${ref.kind}/${ref.id}`)}, ${kind.noun.one}) on ${serverLabel}, authentik ${safeLine(version.version)}${off}${dry}`);
  }
  if (check.missingPermissions.length > 0) {
    lines.push(`${p.yellow('Access')}    the token cannot see sync tasks: it lacks ${check.missingPermissions.join(', ')}`);
  }
  if (summary.start) {
    const progress = assessment.runState.progress;
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
    lines.push(`${p.yellow('Problems')}  ${plural(summary.totals.problems, 'message')} in ${plural(withProblems.length, withProblems.every((v) => v.task.kind === 'page') ? 'page' : 'task')}; first: ${safeLine(taskLabel(firstProblem.task))}: ${safeLine(firstProblem.headline)}`);
  }
  if (summary.firstError) {
    const errors = summary.tasks.filter((v) => v.isError).length;
    lines.push(`${p.red('Errors')}    ${plural(errors, 'task')}; first: ${safeLine(taskLabel(summary.firstError.task.task))}: ${safeLine(summary.firstError.text)}`);
  }
  return lines;
}

/** The plugin report of one source: the status line with perfdata, then the summary; a failed check is its one line. */
export function statusText(outcome: CheckOutcome, p: Paint, serverLabel: string, facts: HistoryFacts | null = null): string {
  if (outcome.kind === 'failed') return renderPlugin({ status: outcomeLine(outcome, p), perfdata: [], long: [] });
  const history = historyLine(facts);
  const long = ['', ...summaryLines(outcome.check, p, serverLabel), ...(history ? ['', history] : [])];
  return renderPlugin({ status: outcomeLine(outcome, p), perfdata: checkPerfdata(outcome, '', facts), long });
}

const UNKNOWN_RUN = { start: null, finish: null, duration_seconds: null, last_successful_sync: null, last_sync_status: null, next_run: null };
const UNKNOWN_TOTALS = { pages: null, objects: null, problems: null, errors: null };

/** `aksync.status/1`: every documented field is always present, null or empty where the check could not tell. */
export function statusJson(outcome: CheckOutcome, serverUrl: string | null, facts: HistoryFacts = NO_HISTORY_FACTS): object {
  const { level, reason, running } = outcomeVerdict(outcome);
  const kind = outcomeKind(outcome);
  const head = {
    schema: STATUS_JSON_SCHEMA,
    kind,
    id: outcomeSlug(outcome),
    checked_at: (outcome.kind === 'checked' ? outcome.check.checkedAt : outcome.failed.checkedAt).toISOString(),
    verdict: level,
    exit_code: VERDICT_EXIT_CODES[level],
    reason,
    running,
    runs_failed_24h: facts.runs_failed_24h,
    median_duration_seconds: facts.median_duration_seconds,
  };
  if (outcome.kind === 'failed') {
    const { failed } = outcome;
    return {
      ...head,
      server: { url: serverUrl, version: failed.version?.version ?? null, generation: failed.version?.generation ?? null },
      source: { slug: failed.slug, name: failed.source?.name ?? null, enabled: failed.source?.enabled ?? null },
      missing_permissions: failed.missingPermissions,
      run: UNKNOWN_RUN,
      totals: UNKNOWN_TOTALS,
      types: [],
      first_error: null,
      problems: [],
      problems_truncated: false,
      error: failureJson(failed.failure),
    };
  }
  const { check } = outcome;
  const { assessment, source, version, status } = check;
  const { summary } = assessment;
  const problems = summary.tasks.flatMap((v) =>
    v.problems.map((m) => ({ task_uid: v.task.uid, type: v.task.type, level: m.level, timestamp: m.timestamp?.toISOString() ?? null, event: m.event })),
  );
  return {
    ...head,
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

export function failureJson(failure: CheckFailure): { kind: string; message: string } {
  return { kind: failure.kind, message: failure.message };
}
