// Tell the truth the raw status hides: authentik calls a page "successful" even when it skipped objects, and an
// empty task list can mean "between runs", "no permission" or "LDAP server down". Pure: no I/O, no clock of its own.
import { plural } from './format.js';
import type { KindRules } from './kind-rules.js';
import { LDAP_MESSAGES, LDAP_RULES } from './ldap-rules.js';
import { isErrorLevel } from './levels.js';
import {
  type Generation,
  type LdapSource,
  type LogMessage,
  type SyncStatus,
  type SyncTask,
} from './model.js';
import { judgeRunState, mayBeRunning, type RunShape, type RunState } from './run-state.js';

export type VerdictLevel = 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN';

/** Monitoring-plugin exit codes. */
export const VERDICT_EXIT_CODES: Record<VerdictLevel, number> = { OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3 };

export interface Verdict {
  level: VerdictLevel;
  /** One sentence, raw server text possibly inside: sanitise at output. */
  reason: string;
}

export interface TaskView {
  task: SyncTask;
  /** Sum of `Synced N objects.` (negative counts, from disabled syncing, count as 0); null when none reported. */
  objects: number | null;
  /** Messages worth a human's attention: everything but `Synced N objects.` and the task framework's lifecycle lines. */
  problems: LogMessage[];
  isError: boolean;
  /** What to show in one line: the error, else the first problem, else the last message. */
  headline: string;
}

export interface TypeSummary {
  type: string;
  pages: number;
  objects: number;
  problems: number;
  errors: number;
}

export interface RunSummary {
  slug: string;
  generation: Generation;
  /** This source's tasks only, oldest first. */
  tasks: TaskView[];
  /**
   * Page tasks by type: the known types in their natural order, then any unknown type, then a `run` row (no pages)
   * when a generation B run task reported problems or failed. The totals are the sum of these rows.
   */
  byType: TypeSummary[];
  totals: TypeSummary;
  start: Date | null;
  finish: Date | null;
  durationSeconds: number | null;
  firstError: { task: TaskView; text: string } | null;
}

export interface Assessment {
  summary: RunSummary;
  verdict: Verdict;
  /** Whether the run is still going, and why aksync thinks so. */
  runState: RunState;
  /** The run is or may still be in progress: nothing may call it finished. */
  running: boolean;
}

export interface AssessInput {
  slug: string;
  status: SyncStatus;
  /** For the empty-list rules (connectivity). */
  source?: LdapSource | null;
  /** Permissions the token lacks to see sync detail (from /core/users/me/); empty or absent when it can see. */
  missingPermissions?: readonly string[];
  now: Date;
  /** The run's task count grew since the last poll (a monitor knows; a one-shot check does not). */
  tasksStillArriving?: boolean;
  /** The last complete run before this one, when known (its page counts tell how many pages a run has). */
  previousRun?: readonly SyncTask[] | null;
  /** What the kind of sync knows about its runs; its rules' by default. */
  shape?: RunShape;
  /** The kind's rules (which messages are problems, its words); LDAP's by default. */
  rules?: KindRules;
}

/** The summary row of a generation B run (parent) task. */
const RUN_ROW = 'run';

export { isErrorLevel };

/** An LDAP source's message rule (see ldap-rules.ts); other kinds have their own in their KindRules. */
export function isProblem(message: LogMessage): boolean {
  return LDAP_MESSAGES.isProblem(message);
}

/** The line that explains an error: a Python traceback's last line (`module.Error: text`), else the first line. */
export function errorSummary(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0) return '';
  if (lines[0]?.startsWith('Traceback')) return lines[lines.length - 1] ?? '';
  return lines[0] ?? '';
}

/**
 * Tasks are immutable once adapted, and the client hands back the very same object for a task whose bytes did not
 * change: its view is worked out once (per kind's rules), so judging a poll of 10,000 tasks does not read 110,000 log
 * lines again.
 */
const taskViews = new WeakMap<SyncTask, { rules: KindRules; view: TaskView }>();

export function viewTask(task: SyncTask, rules: KindRules = LDAP_RULES): TaskView {
  const known = taskViews.get(task);
  if (known !== undefined && known.rules === rules) return known.view;
  const view = computeTaskView(task, rules);
  taskViews.set(task, { rules, view });
  return view;
}

function computeTaskView(task: SyncTask, rules: KindRules): TaskView {
  const { messages } = rules;
  let objects: number | null = null;
  for (const m of task.messages) {
    const synced = messages.objectsSynced(m);
    if (synced !== null) objects = (objects ?? 0) + synced;
  }
  const problems = task.messages.filter((m) => messages.isProblem(m));
  const errorMessage = task.messages.find((m) => isErrorLevel(m.level));
  const isError = task.state === 'error' || errorMessage !== undefined;
  // A failed task whose only lines are the framework's ("Task finished processing without errors") is named by its
  // status, never by a line that says the opposite of what happened.
  const lastSaid = task.messages.findLast((m) => !messages.isLifecycle(m)) ?? (task.state === 'error' ? undefined : task.messages.at(-1));
  const headlineSource = errorMessage ?? problems[0] ?? lastSaid;
  const headline = headlineSource ? errorSummary(headlineSource.event) : isError ? task.rawStatus : '';
  return { task, objects, problems, isError, headline };
}

/**
 * Ties between tasks that started at the same time, in a fixed order. Not localeCompare: uids are ASCII, and a run
 * of 10,000 pages copied from one template (all one start time) took localeCompare half a second to sort.
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function emptyType(type: string): TypeSummary {
  return { type, pages: 0, objects: 0, problems: 0, errors: 0 };
}

function addTo(summary: TypeSummary, view: TaskView): void {
  if (view.task.kind === 'page') summary.pages += 1;
  summary.objects += view.objects ?? 0;
  summary.problems += view.problems.length;
  summary.errors += view.isError ? 1 : 0;
}

function time(d: Date | null): number {
  return d ? d.getTime() : Number.NaN;
}

export function summarise(slug: string, status: SyncStatus, rules: KindRules = LDAP_RULES): RunSummary {
  const own = status.tasks.filter((t) => t.slug === slug);
  const tasks = own
    .map((task) => viewTask(task, rules))
    .sort((a, b) => (time(a.task.start) || 0) - (time(b.task.start) || 0) || byCodeUnits(a.task.uid, b.task.uid));

  const types = new Map<string, TypeSummary>(rules.pageTypes.order.map((t) => [t, emptyType(t)]));
  const totals = emptyType('total');
  const run = emptyType(RUN_ROW);
  for (const view of tasks) {
    let entry = view.task.kind === 'run' ? run : types.get(view.task.type);
    if (!entry) types.set(view.task.type, (entry = emptyType(view.task.type)));
    addTo(entry, view);
    addTo(totals, view);
  }
  // Deletion pages exist only from 2025.6 on: list them only when present; the three main types always. The run
  // row only when the run task said something or failed: its problems and errors count like a page's.
  const byType = [...types.values()].filter((t) => t.pages > 0 || rules.pageTypes.always.includes(t.type));
  if (run.problems > 0 || run.errors > 0) byType.push(run);

  const starts = tasks.map((v) => time(v.task.start)).filter(Number.isFinite);
  const finishes = tasks.map((v) => time(v.task.finish)).filter(Number.isFinite);
  const start = starts.length ? new Date(Math.min(...starts)) : null;
  const finish = finishes.length ? new Date(Math.max(...finishes)) : null;
  const durationSeconds = start && finish ? Math.max(0, (finish.getTime() - start.getTime()) / 1000) : null;

  // The first error that says why: a failed run task (generation B) often only echoes its failed pages.
  const errorView = tasks.find((v) => v.isError && v.task.messages.some((m) => isErrorLevel(m.level))) ?? tasks.find((v) => v.isError);
  const firstError = errorView ? { task: errorView, text: errorView.headline } : null;
  return { slug, generation: status.generation, tasks, byType, totals, start, finish, durationSeconds, firstError };
}

function judgeRun(input: AssessInput, summary: RunSummary): RunState {
  return judgeRunState({
    generation: input.status.generation,
    serverRunning: input.status.isRunning,
    tasks: summary.tasks.map((v) => v.task),
    now: input.now,
    shape: input.shape ?? (input.rules ?? LDAP_RULES).shape,
    source: input.source ?? null,
    previousRun: input.previousRun ?? null,
    ...(input.tasksStillArriving === undefined ? {} : { grewSinceLastPoll: input.tasksStillArriving }),
  });
}

function connectivityFailure(source: LdapSource | null | undefined, what: string | null): string | null {
  const failing = what === null ? undefined : source?.connectivity?.find((c) => c.status !== 'ok');
  return failing ? `${what} ${failing.host === '__all__' ? '' : `${failing.host} `}unreachable: ${failing.status}` : null;
}

function humanAge(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)}s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)}m`;
  if (seconds < 48 * 3600) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86400)}d`;
}

function verdictFromTasks(summary: RunSummary, rules: KindRules): Verdict | null {
  const pages = summary.tasks.filter((v) => v.task.kind === 'page');
  const failedRun = summary.tasks.find((v) => v.task.kind === 'run' && v.isError);
  const errors = pages.filter((v) => v.isError).length;
  if (errors > 0 || failedRun) {
    const what = failedRun && errors === 0
      ? `the sync run failed (${failedRun.task.rawStatus}${failedRun.task.retries ? ` after ${plural(failedRun.task.retries, 'retry', 'retries')}` : ''})`
      : `${errors} of ${plural(pages.length, 'page')} failed`;
    const text = summary.firstError?.text;
    return { level: 'CRITICAL', reason: text ? `${what}: ${text}` : what };
  }
  const problems = summary.tasks.reduce((n, v) => n + v.problems.length, 0);
  const warned = summary.tasks.filter((v) => v.task.state === 'warning').length;
  if (problems > 0 || warned > 0) {
    const withProblems = pages.filter((v) => v.problems.length > 0).length;
    const runSaid = summary.tasks.some((v) => v.task.kind === 'run' && v.problems.length > 0);
    const where = [withProblems > 0 ? plural(withProblems, 'page') : '', runSaid ? 'the run task' : ''].filter(Boolean).join(' and ');
    const parts = [];
    if (problems > 0) parts.push(`${plural(problems, 'problem message')} in ${where}`);
    if (warned > 0) parts.push(`${plural(warned, 'task')} with status warning`);
    return { level: 'WARNING', reason: parts.join(', ') };
  }
  const unknown = summary.tasks.filter((v) => v.task.state === 'unknown');
  if (unknown.length > 0) {
    return { level: 'WARNING', reason: `${plural(unknown.length, 'task')} in a state aksync does not know (${unknown[0]?.task.rawStatus})` };
  }
  if (summary.tasks.length === 0) return null;
  const pending = pages.filter((v) => v.task.state === 'running' || v.task.state === 'queued').length;
  return { level: 'OK', reason: rules.words.ok({ pages: pages.length, pending, objects: summary.totals.objects, tasks: summary.tasks.length }) };
}

/**
 * Generation A keeps no "last successful sync": a finished run older than twice the kind's schedule is stale (a
 * kind whose record authentik deletes sooner than that has no period here, and is never judged stale).
 */
function verdictFromAge(summary: RunSummary, rules: KindRules, now: Date, running: boolean): Verdict | null {
  const period = rules.periodSecondsA;
  if (period === null || running || summary.finish === null) return null;
  const age = (now.getTime() - summary.finish.getTime()) / 1000;
  return age > 2 * period
    ? { level: 'WARNING', reason: `stale: the last sync run ended ${humanAge(age)} ago (authentik runs it every ${humanAge(period)})` }
    : null;
}

/** Generation B's own status fields, judged when they say more than the tasks (or there are no tasks). */
function verdictFromGenerationB(status: SyncStatus, now: Date): Verdict | null {
  const last = status.lastSyncStatus;
  if (last === 'rejected' || last === 'error') return { level: 'CRITICAL', reason: `the last sync run ended ${last}` };
  if (!status.lastSuccessfulSync) {
    return status.isRunning ? null : { level: 'WARNING', reason: 'never synced: authentik has no successful sync on record' };
  }
  const period = status.schedule?.periodSeconds;
  const age = (now.getTime() - status.lastSuccessfulSync.getTime()) / 1000;
  if (period && age > 2 * period) {
    return { level: 'WARNING', reason: `stale: the last successful sync was ${humanAge(age)} ago (schedule every ${humanAge(period)})` };
  }
  if (last === 'warning') return { level: 'WARNING', reason: 'the last sync run ended with warnings' };
  return null;
}

/** How bad a verdict is, for "the worst of several": CRITICAL outranks UNKNOWN (something is known to be broken). */
export const VERDICT_SEVERITY: Record<VerdictLevel, number> = { OK: 0, WARNING: 1, UNKNOWN: 2, CRITICAL: 3 };

function worst(a: Verdict | null, b: Verdict | null): Verdict | null {
  if (!a) return b;
  if (!b) return a;
  return VERDICT_SEVERITY[b.level] > VERDICT_SEVERITY[a.level] ? b : a;
}

/** The verdict's reason for a disabled source with nothing on record (a screen that says "disabled" already keeps it). */
export const DISABLED_REASON = LDAP_RULES.words.disabled;

export function assess(input: AssessInput): Assessment {
  const { status, slug } = input;
  const rules = input.rules ?? LDAP_RULES;
  const summary = summarise(slug, status, rules);
  const runState = judgeRun(input, summary);
  const running = mayBeRunning(runState);
  let verdict = verdictFromTasks(summary, rules);

  // A disabled source that has nothing on record is not failing: authentik is told not to sync it.
  if (!verdict && !running && input.source && !input.source.enabled) {
    return { summary, verdict: { level: 'OK', reason: rules.words.disabled }, runState, running };
  }
  if (status.generation === 'B') {
    verdict = worst(verdict, verdictFromGenerationB(status, input.now));
  } else {
    verdict = worst(verdict, verdictFromAge(summary, rules, input.now, running));
  }
  if (!verdict) {
    const missing = input.missingPermissions?.length ? input.missingPermissions : status.missingDetailPermission ? [status.missingDetailPermission] : [];
    const down = connectivityFailure(input.source, rules.words.connectivity);
    if (running) {
      verdict = { level: 'OK', reason: rules.words.starting };
    } else if (missing.length > 0) {
      verdict = { level: 'UNKNOWN', reason: `the token cannot see sync tasks: it lacks the permission ${missing.join(' and ')}` };
    } else if (down) {
      verdict = { level: 'CRITICAL', reason: down };
    } else if (status.generation === 'B' && status.lastSuccessfulSync) {
      verdict = { level: 'OK', reason: `last successful sync ${humanAge((input.now.getTime() - status.lastSuccessfulSync.getTime()) / 1000)} ago` };
    } else {
      verdict = { level: 'WARNING', reason: rules.words.noRun(status.generation) };
    }
  }
  if (status.sharedRecordWith !== undefined && status.sharedRecordWith > 1 && summary.tasks.length > 0) {
    verdict = { ...verdict, reason: `${verdict.reason} (the run on record may be another source's: authentik keeps one record for all ${status.sharedRecordWith} enabled ${rules.words.object}s)` };
  }
  if (status.detailTruncated) {
    verdict = { ...verdict, reason: `${verdict.reason} (counts cover the newest ${plural(summary.tasks.length, 'task')} of a larger run)` };
  }
  return { summary, verdict, runState, running };
}
