// What the exporter says about each sync object and each server, as plain numbers: the bridge between what the
// fleet poller (or a one-shot check) knows and the metrics. Pure: no prom-client, no I/O, no clock of its own.
import type { Assessment, VerdictLevel } from '../domain/verdict.js';
import { summarise } from '../domain/verdict.js';
import type { KindRules } from '../domain/kind-rules.js';
import type { SyncStatus, SyncTask } from '../domain/model.js';
import type { SyncObjectRef } from '../domain/sync-object-ref.js';

/** The `verdict` label's values: the verdict levels, lower-case (Prometheus label values are conventionally so). */
export const VERDICT_STATES = ['ok', 'warning', 'critical', 'unknown'] as const;
export type VerdictState = (typeof VERDICT_STATES)[number];

export function verdictState(level: VerdictLevel): VerdictState {
  return level.toLowerCase() as VerdictState;
}

/** The last complete run, in seconds (timestamps since the epoch). */
export interface RunFigures {
  startSeconds: number | null;
  endSeconds: number | null;
  durationSeconds: number | null;
  pages: number;
  objects: number;
  problems: number;
  errors: number;
}

export interface ObjectSample {
  ref: SyncObjectRef;
  /** `unknown` also while aksync has no fresh answer for the object (none yet, or its data went stale). */
  verdict: VerdictState;
  /** The verdict's sentence, raw server text possibly inside (for logs, sanitised there; never a label). */
  reason: string;
  /** aksync has had an answer about the object (false before the first, or when its check could not be made). */
  answered: boolean;
  running: boolean;
  /** Whether authentik is told to sync it (null: not known). */
  enabled: boolean | null;
  /** null: no complete run on record. */
  lastRun: RunFigures | null;
  lastSuccessSeconds: number | null;
  nextRunSeconds: number | null;
  schedulePeriodSeconds: number | null;
}

export interface ServerSample {
  /** The `server` label: a profile's name, or the server's host. */
  server: string;
  /** authentik answered the last poll of the object list. */
  up: boolean;
  objects: ObjectSample[];
}

export function seconds(date: Date | null | undefined): number | null {
  const ms = date?.getTime();
  return ms === undefined || Number.isNaN(ms) ? null : ms / 1000;
}

/** A run's figures from its tasks, judged by its kind's rules; null when it has none. */
export function runFigures(slug: string, status: SyncStatus, tasks: readonly SyncTask[], rules?: KindRules): RunFigures | null {
  if (tasks.length === 0) return null;
  const summary = summarise(slug, { ...status, tasks: [...tasks] }, rules);
  if (summary.tasks.length === 0) return null;
  const { pages, objects, problems, errors } = summary.totals;
  return {
    startSeconds: seconds(summary.start),
    endSeconds: seconds(summary.finish),
    durationSeconds: summary.durationSeconds,
    pages,
    objects,
    problems,
    errors,
  };
}

export interface JudgedObject {
  ref: SyncObjectRef;
  status: SyncStatus;
  assessment: Assessment;
  /** The tasks the assessment judged. */
  tasks: readonly SyncTask[];
  /** The last complete run before them, when known (a poller remembers it; a one-shot check does not). */
  previousRun: readonly SyncTask[] | null;
  /** Why the data is too old to stand for the object now (its verdict is then unknown); null while it is fresh. */
  stale: string | null;
  /** The newest successful run's end that aksync saw before (a poller remembers it), seconds. */
  lastSuccessSeen?: number | null;
  enabled: boolean | null;
  /** The kind's rules (which messages are problems); LDAP's when absent. */
  rules?: KindRules;
}

/**
 * One object's sample. The run figures are the last complete run's: while a run is in progress they are the run
 * before it (when known), so a dashboard never shows half a run's counts as if they were the run's.
 */
export function objectSample(judged: JudgedObject): ObjectSample {
  const { ref, status, assessment } = judged;
  const completeTasks = assessment.running ? judged.previousRun : judged.tasks;
  const lastRun = completeTasks ? runFigures(ref.id, status, completeTasks, judged.rules) : null;
  return {
    ref,
    verdict: judged.stale !== null ? 'unknown' : verdictState(assessment.verdict.level),
    reason: judged.stale ?? assessment.verdict.reason,
    answered: true,
    running: assessment.running,
    enabled: judged.enabled,
    lastRun,
    lastSuccessSeconds: lastSuccessSeconds(status.lastSuccessfulSync, lastRun, judged.lastSuccessSeen ?? null),
    nextRunSeconds: seconds(status.schedule?.nextRun),
    schedulePeriodSeconds: status.schedule?.periodSeconds ?? null,
  };
}

/**
 * authentik 2025.8+ says when the last successful sync was. Before that, aksync knows only the runs it sees: the
 * end of the newest one without errors (problems, i.e. skipped objects, do not make a run fail).
 */
export function lastSuccessSeconds(lastSuccessfulSync: Date | null, lastRun: RunFigures | null, seen: number | null): number | null {
  const fromServer = seconds(lastSuccessfulSync);
  const fromRun = lastRun && lastRun.errors === 0 ? lastRun.endSeconds : null;
  return [fromServer, fromRun, seen].reduce<number | null>((newest, t) => (t !== null && (newest === null || t > newest) ? t : newest), null);
}

/** An object aksync has no answer for yet (or whose check could not be made). */
export function unknownSample(ref: SyncObjectRef, reason: string, enabled: boolean | null = null): ObjectSample {
  return { ref, verdict: 'unknown', reason, answered: false, running: false, enabled, lastRun: null, lastSuccessSeconds: null, nextRunSeconds: null, schedulePeriodSeconds: null };
}
