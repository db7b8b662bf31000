// Is a sync run still going? authentik does not always say: on 2024.8–2025.6 an LDAP source's `is_running` covers
// only the start of a run, and its page tasks appear one by one as they finish. So the run's state is judged from
// the data: the server's lock, tasks not finished, pages that finished moments ago, what the kind of sync says is
// still to come (its RunShape), and the last complete run's page counts. Pure: the clock comes in as `now`.
import { formatAge, plural } from './format.js';
import type { Generation, LdapSource, SyncTask } from './model.js';

/**
 * - none: no run on record
 * - running: the data shows the run going on
 * - maybe-running: pages finished moments ago and nothing tells whether more will come
 * - complete: the run has ended (all its pages done, or no page for long enough)
 */
export type RunProgress = 'none' | 'running' | 'maybe-running' | 'complete';

export interface RunState {
  progress: RunProgress;
  /** Why, in a few words (`membership 3 of 8 pages`); '' when nothing is known. */
  evidence: string;
}

/** Page tasks per page type. */
export type PageCounts = ReadonlyMap<string, number>;

/** What a kind's run shape says about the pages of a run that has not been seen to end. */
export type ShapeJudgement =
  | { pages: 'to-come'; evidence: string }
  | { pages: 'all-done'; evidence: string }
  | { pages: 'unknown' };

/** What one kind of sync knows about its runs (LDAP's: see ldap-run-shape.ts). */
export interface RunShape {
  /** Whether the server's `is_running` covers the whole run (else only its start). */
  lockCoversRun(generation: Generation): boolean;
  /** From the run's page counts (and the last complete run's, when known): are more pages to come? */
  pagesToCome(pages: PageCounts, previous: PageCounts | null, source: LdapSource | null): ShapeJudgement;
  /** What starting a sync does while one runs, a few words (`a second one deletes its tasks`); the generation may not be known yet. */
  triggerWhileRunning(generation: Generation | null): string;
}

export interface RunStateInput {
  generation: Generation;
  /** The server's `is_running`. */
  serverRunning: boolean;
  /** The run's tasks, this source's only. */
  tasks: readonly SyncTask[];
  now: Date;
  shape: RunShape;
  source?: LdapSource | null;
  /** The last complete run before this one, when known (a monitor remembers it; a one-shot check does not). */
  previousRun?: readonly SyncTask[] | null;
  /** The run's task count grew since the last poll (only a monitor knows). */
  grewSinceLastPoll?: boolean;
}

/** Pages that finished this recently may have more behind them. */
export const SETTLE_MS = 30_000;
/** A run whose shape says pages are missing has stopped when none has finished for this long. */
export const STALL_MS = 10 * 60_000;

const running = (evidence: string): RunState => ({ progress: 'running', evidence });
const complete = (evidence: string): RunState => ({ progress: 'complete', evidence });

export function judgeRunState(input: RunStateInput): RunState {
  const { tasks, now, shape } = input;
  if (input.serverRunning) return running(tasks.length === 0 ? 'authentik is reading the directory' : 'authentik reports it running');
  const unfinished = tasks.filter(isUnfinished).length;
  if (unfinished > 0) return running(`${plural(unfinished, 'task')} queued or running`);
  if (tasks.length === 0) return { progress: 'none', evidence: '' };
  if (shape.lockCoversRun(input.generation)) return complete('authentik reports it finished');

  // The lock says nothing more: pages appear as they finish.
  const newest = newestFinish(tasks);
  const quietMs = newest === null ? Number.POSITIVE_INFINITY : now.getTime() - newest;
  const quiet = `no page finished for ${formatAge(quietMs)}`;
  const grew = input.grewSinceLastPoll === true;
  const pages = pageCounts(tasks);
  const previous = input.previousRun ? pageCounts(input.previousRun) : null;
  const shaped = shape.pagesToCome(pages, previous, input.source ?? null);
  if (shaped.pages === 'to-come') return quietMs >= STALL_MS && !grew ? complete(quiet) : running(shaped.evidence);
  if (shaped.pages === 'all-done') return complete(shaped.evidence);
  const short = previous ? shortOf(pages, previous) : null;
  if (previous && !short) return complete('as many pages as the last run');
  // New pages since the last poll: the run goes on (whatever the clocks of server and client say).
  if (grew) return running('pages are still arriving');
  if (quietMs >= SETTLE_MS) return complete(quiet);
  if (short) return running(short);
  return { progress: 'maybe-running', evidence: `the last page finished ${formatAge(Math.max(0, quietMs))} ago` };
}

/** The first page type with fewer pages than the last complete run had, said as evidence; null when none. */
function shortOf(pages: PageCounts, previous: PageCounts): string | null {
  for (const [type, count] of previous) {
    const seen = pages.get(type) ?? 0;
    if (seen < count) return `${type} ${seen} of the last run's ${plural(count, 'page')}`;
  }
  return null;
}

/** The run has ended: what a run history records, and when a monitor keeps a run as "previous". */
export function isRunComplete(input: RunStateInput): boolean {
  return judgeRunState(input).progress === 'complete';
}

/** Running or possibly running: what a check must not report as a finished run. */
export function mayBeRunning(state: RunState): boolean {
  return state.progress === 'running' || state.progress === 'maybe-running';
}

export function isUnfinished(task: SyncTask): boolean {
  return task.state === 'running' || task.state === 'queued';
}

export function pageCounts(tasks: readonly SyncTask[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const task of tasks) if (task.kind === 'page') counts.set(task.type, (counts.get(task.type) ?? 0) + 1);
  return counts;
}

/** The newest task finish, in ms since the epoch (server time); null when no task has one. */
export function newestFinish(tasks: readonly SyncTask[]): number | null {
  let newest: number | null = null;
  for (const task of tasks) {
    const finish = task.finish?.getTime();
    if (finish !== undefined && !Number.isNaN(finish) && (newest === null || finish > newest)) newest = finish;
  }
  return newest;
}
