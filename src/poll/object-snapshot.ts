// What one sync object's fleet entry means, in one plain object: the thing the overview, the run history and the
// exporter read, so they never judge an object differently. Its verdict (the shown run, by the object's kind's
// rules), whether a run is going on, and the last COMPLETE run's figures (start, end, duration, pages, objects,
// problems, errors, and that run's own verdict), kept while a new run fills in. Pure: the clock comes in as `now`.
import type { ApiError } from '../api/errors.js';
import type { SyncObject, SyncTask } from '../domain/model.js';
import { type SyncObjectRef } from '../domain/sync-object-ref.js';
import { assess, type Assessment, type Verdict } from '../domain/verdict.js';
import { KINDS } from '../kinds/registry.js';
import type { PollSnapshot } from './poller.js';
import type { SourcePoll } from './source-fleet.js';

export interface CompleteRunFigures {
  start: Date | null;
  end: Date | null;
  durationSeconds: number | null;
  pages: number;
  objects: number;
  problems: number;
  errors: number;
  /** The run judged on its own (what a history row or a metric of that run says). */
  verdict: Verdict;
  /** The first error's sentence, if the run had one. */
  firstError: string | null;
  /** The run's tasks (the object's own). */
  tasks: readonly SyncTask[];
}

export interface ObjectSnapshot {
  ref: SyncObjectRef;
  name: string;
  /** A source's enabled flag; a provider's "assigned to an application". */
  enabled: boolean;
  /** null until the first answer, or when the object's own poll never answered: see `error`. */
  assessment: Assessment | null;
  /** The verdict now: the assessment's, or UNKNOWN with the poll's error while there is none. */
  verdict: Verdict;
  running: boolean;
  /** The last complete run; null when none is on record (or known yet). */
  lastCompleteRun: CompleteRunFigures | null;
  lastSuccessfulSync: Date | null;
  nextRun: Date | null;
  /** The object's own poll: its error (its data, if any, is then the last good one) and whether it went stale. */
  error: ApiError | null;
  stale: boolean;
}

export interface SnapshotContext {
  /** Permissions the token lacks to see sync detail (from the server's version and the token's user). */
  missingPermissions: readonly string[];
  now: Date;
}

export function objectSnapshot(object: SyncObject, entry: PollSnapshot<SourcePoll> | undefined, context: SnapshotContext): ObjectSnapshot {
  const ref = { kind: object.kind, id: object.id };
  const rules = KINDS[object.kind].rules;
  const base = { ref, name: object.name, enabled: object.enabled, error: entry?.error ?? null, stale: entry?.phase === 'stale' };
  const data = entry?.data;
  if (!data) {
    const reason = entry?.error?.message ?? 'waiting for the first answer from authentik';
    return { ...base, assessment: null, verdict: { level: 'UNKNOWN', reason }, running: false, lastCompleteRun: null, lastSuccessfulSync: null, nextRun: null };
  }
  const judge = (tasks: readonly SyncTask[], extra: { isRunning?: boolean; previousRun?: readonly SyncTask[] | null; arriving?: boolean }) =>
    assess({
      slug: object.id,
      status: { ...data.status, tasks: [...tasks], ...(extra.isRunning === false ? { isRunning: false } : {}) },
      source: object,
      missingPermissions: context.missingPermissions,
      now: context.now,
      previousRun: extra.previousRun ?? null,
      ...(extra.arriving === undefined ? {} : { tasksStillArriving: extra.arriving }),
      rules,
    });
  const assessment = judge(data.run.tasks, { previousRun: data.run.reference ?? null, arriving: data.tasksStillArriving });
  // The last complete run: the one shown once it has ended; else the remembered one before it.
  const shownComplete = data.run.label === 'current' && assessment.runState.progress === 'complete';
  const completeTasks = shownComplete ? data.run.tasks : data.run.label === 'previous' ? data.run.tasks : (data.run.reference ?? null);
  let lastCompleteRun: CompleteRunFigures | null = null;
  if (completeTasks && completeTasks.length > 0) {
    const alone = shownComplete ? assessment : judge(completeTasks, { isRunning: false });
    const { summary } = alone;
    if (summary.tasks.length > 0) {
      lastCompleteRun = {
        start: summary.start,
        end: summary.finish,
        durationSeconds: summary.durationSeconds,
        pages: summary.totals.pages,
        objects: summary.totals.objects,
        problems: summary.totals.problems,
        errors: summary.totals.errors,
        verdict: alone.verdict,
        firstError: summary.firstError?.text ?? null,
        tasks: summary.tasks.map((v) => v.task),
      };
    }
  }
  return {
    ...base,
    assessment,
    verdict: assessment.verdict,
    running: assessment.running,
    lastCompleteRun,
    lastSuccessfulSync: data.status.lastSuccessfulSync,
    nextRun: data.status.schedule?.nextRun ?? null,
  };
}
