// One completed sync run as aksync remembers it, after authentik has deleted or expired its tasks: the run's counts,
// its verdict, its first error and its problem messages grouped by kind (not every message). This is what the run
// history stores, one JSON line each, and what `aksync history --json` prints (schema `aksync.history/1`, README).
// Pure: built from a run's tasks; every text in it is already made safe (control characters shown visibly).
import type { KindRules } from './kind-rules.js';
import type { Generation, SyncTask } from './model.js';
import { safeLine } from './sanitize.js';
import type { SyncObjectRef, SyncKind } from './sync-object-ref.js';
import { errorSummary, summarise, type RunSummary, type VerdictLevel } from './verdict.js';

export const RUN_RECORD_VERSION = 1;

/** Messages of one kind: `Group does not exist in our DB yet, run sync_groups first: '…'`, how many, and one of them. */
export interface ProblemGroup {
  pattern: string;
  count: number;
  example: string;
}

export interface RunRecord {
  v: typeof RUN_RECORD_VERSION;
  /** Stable across processes: a generation B run task's id, else the first page task's (see runIdOf). */
  run_id: string;
  /** The server's origin (`https://auth.example.com`): never a path, a user name, a password or a token. */
  server: string;
  kind: SyncKind;
  id: string;
  /** ISO 8601 (server time); null when no task of the run said when it started. */
  start: string | null;
  finish: string | null;
  duration_seconds: number | null;
  pages: number;
  objects: number;
  problems: number;
  errors: number;
  /** The run's own verdict: CRITICAL with an error, WARNING with problems, OK otherwise. */
  verdict: VerdictLevel;
  /** The first error's sentence (a traceback's last line), or null. */
  first_error: string | null;
  /** The most frequent kinds first, at most MAX_PROBLEM_GROUPS. */
  problem_groups: ProblemGroup[];
  /** When aksync recorded it (its own clock). */
  recorded_at: string;
  /** `seen`: aksync watched the run end; `backfill`: read from the tasks a 2025.8+ server still kept. */
  origin: 'seen' | 'backfill';
}

export const MAX_PROBLEM_GROUPS = 10;
const MAX_PATTERN = 160;
const MAX_EXAMPLE = 240;
const MAX_FIRST_ERROR = 400;
/** The largest record line, in bytes: one write(2), and a store of 1,000 runs stays near a megabyte at worst. */
export const MAX_RECORD_BYTES = 2048;
const UTF8 = new TextEncoder();

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The kind of a problem message: its sentence with the object it names left out, so that 40 "group not found"
 * messages are one group. Quoted values, a trailing `; DN: …` and numbers are replaced.
 */
export function problemPattern(event: string): string {
  const sentence = errorSummary(event)
    .replace(/; DN: .*$/, '')
    .replace(/'[^']*'/g, "'…'")
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\b\d+\b/g, 'N');
  return cut(safeLine(sentence), MAX_PATTERN);
}

export function groupProblems(summary: RunSummary): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup>();
  for (const view of summary.tasks) {
    for (const message of view.problems) {
      const pattern = problemPattern(message.event);
      const known = groups.get(pattern);
      if (known) known.count += 1;
      else groups.set(pattern, { pattern, count: 1, example: cut(safeLine(errorSummary(message.event)), MAX_EXAMPLE) });
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.pattern.localeCompare(b.pattern)).slice(0, MAX_PROBLEM_GROUPS);
}

/** A run's verdict from its own tasks alone (not from the server's status fields, which describe today). */
export function runVerdict(summary: RunSummary): VerdictLevel {
  if (summary.totals.errors > 0) return 'CRITICAL';
  if (summary.totals.problems > 0 || summary.tasks.some((v) => v.task.state === 'warning')) return 'WARNING';
  return 'OK';
}

/**
 * A run's identity, the same in every process that sees it: the generation B run (parent) task's id, else the id of
 * the page task that started first. A partly expired run may lose that page: the store then matches runs by time
 * (see sameRun).
 */
export function runIdOf(summary: RunSummary): string | null {
  const parent = summary.tasks.find((v) => v.task.kind === 'run');
  if (parent) return parent.task.id;
  return summary.tasks[0]?.task.id ?? null;
}

export interface RecordInput {
  server: string;
  ref: SyncObjectRef;
  generation: Generation;
  /** The run's tasks (the object's own). */
  tasks: readonly SyncTask[];
  recordedAt: Date;
  origin?: RunRecord['origin'];
  /** The object's kind's rules (src/kinds/: which messages are problems); LDAP's by default. */
  rules?: KindRules;
}

/** The record of a completed run; null when the run has no task to tell anything. */
export function recordRun(input: RecordInput): RunRecord | null {
  const { ref } = input;
  const summary = summarise(ref.id, {
    generation: input.generation,
    isRunning: false,
    tasks: input.tasks.map((task) => (task.slug === ref.id ? task : { ...task, slug: ref.id })),
    lastSuccessfulSync: null,
    lastSyncStatus: null,
    schedule: null,
    missingDetailPermission: null,
  }, input.rules);
  const runId = runIdOf(summary);
  if (runId === null) return null;
  const { totals } = summary;
  const record: RunRecord = {
    v: RUN_RECORD_VERSION,
    run_id: cut(safeLine(runId), 80),
    server: serverOrigin(input.server),
    kind: ref.kind,
    id: ref.id,
    start: summary.start?.toISOString() ?? null,
    finish: summary.finish?.toISOString() ?? null,
    duration_seconds: summary.durationSeconds === null ? null : Math.round(summary.durationSeconds * 10) / 10,
    pages: totals.pages,
    objects: totals.objects,
    problems: totals.problems,
    errors: totals.errors,
    verdict: runVerdict(summary),
    first_error: summary.firstError ? cut(safeLine(summary.firstError.text), MAX_FIRST_ERROR) : null,
    problem_groups: groupProblems(summary),
    recorded_at: input.recordedAt.toISOString(),
    origin: input.origin ?? 'seen',
  };
  return fitRecord(record);
}

/** The record as one JSON line of at most MAX_RECORD_BYTES: examples, then groups, are dropped until it fits. */
export function fitRecord(record: RunRecord): RunRecord {
  let fitted = record;
  const size = (r: RunRecord) => UTF8.encode(JSON.stringify(r)).length + 1;
  if (size(fitted) <= MAX_RECORD_BYTES) return fitted;
  fitted = { ...fitted, problem_groups: fitted.problem_groups.map((g) => ({ ...g, example: '' })) };
  while (size(fitted) > MAX_RECORD_BYTES && fitted.problem_groups.length > 0) {
    fitted = { ...fitted, problem_groups: fitted.problem_groups.slice(0, -1) };
  }
  if (size(fitted) > MAX_RECORD_BYTES && fitted.first_error) fitted = { ...fitted, first_error: cut(fitted.first_error, 200) };
  return fitted;
}

/** `https://auth.example.com:8443` from any URL: no path, query, user name or password ever reaches the store. */
export function serverOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'unknown';
  }
}

function ms(iso: string | null): number | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/** When the run ended (else started), ms since the epoch; what history sorts and bounds by. */
export function recordTime(record: RunRecord): number {
  return ms(record.finish) ?? ms(record.start) ?? ms(record.recorded_at) ?? 0;
}

/**
 * Two records of one run: the same id, or overlapping spans (runs of one object never overlap; a run seen again
 * after some of its pages expired, or after more pages arrived, keeps its span's overlap but may lose its id).
 */
export function sameRun(a: RunRecord, b: RunRecord): boolean {
  if (a.run_id === b.run_id) return true;
  const aStart = ms(a.start);
  const bStart = ms(b.start);
  const aEnd = ms(a.finish) ?? aStart;
  const bEnd = ms(b.finish) ?? bStart;
  if (aStart === null || bStart === null || aEnd === null || bEnd === null) return false;
  return aStart <= bEnd && bStart <= aEnd;
}

/** The better of two records of one run: the one that saw more of it (more pages), else the later one. */
export function betterRecord(a: RunRecord, b: RunRecord): RunRecord {
  if (a.pages !== b.pages) return a.pages > b.pages ? a : b;
  return a.recorded_at >= b.recorded_at ? a : b;
}

const LEVELS = new Set(['OK', 'WARNING', 'CRITICAL', 'UNKNOWN']);
const KINDS = new Set(['ldap', 'kerberos', 'scim', 'google_workspace', 'microsoft_entra']);

/** A stored line back into a record; null for anything that is not one (a torn line, another version's). */
export function parseRecord(line: string): RunRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  const str = (v: unknown) => typeof v === 'string';
  const strOrNull = (v: unknown) => v === null || typeof v === 'string';
  const count = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  const ok =
    r.v === RUN_RECORD_VERSION &&
    str(r.run_id) &&
    str(r.server) &&
    KINDS.has(r.kind as string) &&
    str(r.id) &&
    strOrNull(r.start) &&
    strOrNull(r.finish) &&
    (r.duration_seconds === null || count(r.duration_seconds)) &&
    count(r.pages) &&
    count(r.objects) &&
    count(r.problems) &&
    count(r.errors) &&
    LEVELS.has(r.verdict as string) &&
    strOrNull(r.first_error) &&
    Array.isArray(r.problem_groups) &&
    str(r.recorded_at) &&
    (r.origin === 'seen' || r.origin === 'backfill');
  if (!ok) return null;
  const groups = (r.problem_groups as unknown[]).filter(
    (g): g is ProblemGroup => typeof g === 'object' && g !== null && str((g as ProblemGroup).pattern) && count((g as ProblemGroup).count) && str((g as ProblemGroup).example),
  );
  return { ...(r as unknown as RunRecord), problem_groups: groups };
}
