// The overview's rows: one per LDAP source, from the source list and that source's poll. Pure: the filter, the four
// sorts and the verdict of each row are computed here, so the wording and order are tested without a terminal.
import type { ApiError } from '../../api/errors.js';
import type { LdapSource, SyncObject } from '../../domain/model.js';
import type { SyncKind } from '../../domain/sync-object-ref.js';
import { KINDS } from '../../kinds/registry.js';
import { assess, type Verdict, type VerdictLevel } from '../../domain/verdict.js';
import type { PollPhase, PollSnapshot } from '../../poll/poller.js';
import type { DisplayedRun } from '../../poll/run-memory.js';
import type { SourcePoll } from '../../poll/source-fleet.js';

export type { SourcePoll } from '../../poll/source-fleet.js';

export type LdapState = 'ok' | 'down' | 'unchecked';

export interface SourceRow {
  /** What the row is selected, opened and saved by: an LDAP source's slug, else `KIND/ID` (`scim/3`); see keyOfRow. */
  key?: string;
  /** LDAP when absent. */
  kind?: SyncKind;
  /** A source's slug, a provider's id. */
  slug: string;
  name: string;
  enabled: boolean;
  /** null until the first answer for this source. */
  verdict: Verdict | null;
  running: boolean;
  runStart: Date | null;
  runSeconds: number | null;
  runLabel: DisplayedRun['label'];
  problems: number;
  errors: number;
  ldap: LdapState;
  /** The failing LDAP host's error text, when `ldap` is down. */
  ldapError: string | null;
  phase: PollPhase;
  /** The last poll's error (kept while retrying or stale), a sentence safe to print. */
  error: ApiError | null;
  /** When this source's data was last confirmed, while it is not live (stale ages). */
  unconfirmedSince: number | null;
}

export const OVERVIEW_SORT_KEYS = ['name', 'verdict', 'lastRun', 'problems'] as const;
export type OverviewSortKey = (typeof OVERVIEW_SORT_KEYS)[number];

export const OVERVIEW_SORT_LABELS: Record<OverviewSortKey, string> = {
  name: 'name',
  verdict: 'verdict (worst first)',
  lastRun: 'last run (newest first)',
  problems: 'problems (most first)',
};

export function ldapState(source: LdapSource): { state: LdapState; error: string | null } {
  if (source.connectivity === null || source.connectivity.length === 0) return { state: 'unchecked', error: null };
  const failing = source.connectivity.find((c) => c.status !== 'ok');
  return failing ? { state: 'down', error: failing.status } : { state: 'ok', error: null };
}

const EMPTY_SNAPSHOT: PollSnapshot<SourcePoll> = {
  data: null,
  updatedAt: null,
  unconfirmedSince: null,
  error: null,
  failures: 0,
  phase: 'loading',
  refreshing: false,
  nextPollAt: null,
};

/** One source's row from its list entry and its poll. */
export function sourceRow(
  source: LdapSource,
  snapshot: PollSnapshot<SourcePoll> | undefined,
  missingPermissions: readonly string[],
  now: number,
): SourceRow {
  const poll = snapshot ?? EMPTY_SNAPSHOT;
  const kind = rowKind(source);
  const ldap = ldapState(source);
  const base = {
    key: rowKey(source),
    kind,
    slug: source.slug,
    name: source.name,
    enabled: source.enabled,
    ldap: ldap.state,
    ldapError: ldap.error,
    phase: poll.phase,
    error: poll.phase === 'live' ? null : poll.error,
    unconfirmedSince: poll.unconfirmedSince,
  };
  const data = poll.data;
  if (!data) {
    return { ...base, verdict: null, running: false, runStart: null, runSeconds: null, runLabel: 'none', problems: 0, errors: 0 };
  }
  const assessment = assess({
    slug: source.slug,
    status: { ...data.status, tasks: data.run.tasks },
    source,
    missingPermissions,
    now: new Date(now),
    tasksStillArriving: data.tasksStillArriving,
    previousRun: data.run.reference ?? null,
    rules: KINDS[kind].rules,
  });
  const { summary } = assessment;
  const hasRun = summary.tasks.length > 0;
  return {
    ...base,
    verdict: assessment.verdict,
    running: assessment.running,
    runStart: hasRun ? summary.start : (data.status.lastSuccessfulSync ?? null),
    runSeconds: hasRun ? summary.durationSeconds : null,
    runLabel: data.run.label,
    problems: summary.totals.problems,
    errors: summary.totals.errors,
  };
}

export function keyOfRow(row: Pick<SourceRow, 'key' | 'slug'>): string {
  return row.key ?? row.slug;
}

export function rowKind(source: LdapSource): SyncKind {
  return (source as Partial<SyncObject>).kind ?? 'ldap';
}

/** An LDAP source's slug (what `aksync SLUG` takes), else `KIND/ID`. */
export function rowKey(source: LdapSource): string {
  const kind = rowKind(source);
  return kind === 'ldap' ? source.slug : `${kind}/${source.slug}`;
}

export interface RowCache {
  rows: WeakMap<PollSnapshot<SourcePoll>, { source: LdapSource; missing: readonly string[]; now: number; row: SourceRow }>;
}

export function createRowCache(): RowCache {
  return { rows: new WeakMap() };
}

/**
 * The rows of every listed source, in list order. A source whose list entry, poll snapshot and permissions are
 * unchanged keeps its row object (the fleet poller keeps an unchanged key's snapshot object).
 */
export function sourceRows(
  sources: readonly LdapSource[],
  entries: ReadonlyMap<string, PollSnapshot<SourcePoll>>,
  missingPermissions: readonly string[],
  /** The verdicts' clock (a coarse one: see useVerdictClock). */
  now: number,
  cache: RowCache = createRowCache(),
  /** The fleet's key of a listed object (an LDAP fleet's: the slug). */
  entryKey: (source: LdapSource) => string = (source) => source.slug,
): SourceRow[] {
  return sources.map((source) => {
    const snapshot = entries.get(entryKey(source));
    if (!snapshot) return sourceRow(source, undefined, missingPermissions, now);
    const hit = cache.rows.get(snapshot);
    if (hit && hit.source === source && hit.missing === missingPermissions && hit.now === now) return hit.row;
    const row = sourceRow(source, snapshot, missingPermissions, now);
    cache.rows.set(snapshot, { source, missing: missingPermissions, now, row });
    return row;
  });
}

/** The verdict word a row shows: the verdict, or what stands in for it before the first answer. */
export function rowWord(row: SourceRow): VerdictLevel | 'CHECKING' | 'FAILING' {
  if (row.verdict) return row.verdict.level;
  return row.error ? 'FAILING' : 'CHECKING';
}

/** The row's free-text column: the poll's error (the data may be old), else the verdict's reason. */
export function rowText(row: SourceRow): string {
  if (row.error) return row.error.message;
  if (row.verdict) return row.verdict.reason;
  return 'waiting for the first answer from authentik';
}

export function filterRows(rows: readonly SourceRow[], filter: string): SourceRow[] {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return [...rows];
  return rows.filter((row) => [row.name, row.slug, rowWord(row), rowText(row), row.ldapError ?? ''].join('\n').toLowerCase().includes(needle));
}

/** Worst first: a source that cannot be read counts with UNKNOWN; sources not yet read come last. */
const SEVERITY: Record<ReturnType<typeof rowWord>, number> = { CRITICAL: 0, FAILING: 1, UNKNOWN: 1, WARNING: 2, OK: 3, CHECKING: 4 };

function byName(a: SourceRow, b: SourceRow): number {
  return a.name.localeCompare(b.name) || a.slug.localeCompare(b.slug);
}

const COMPARATORS: Record<OverviewSortKey, (a: SourceRow, b: SourceRow) => number> = {
  name: () => 0,
  verdict: (a, b) => SEVERITY[rowWord(a)] - SEVERITY[rowWord(b)],
  lastRun: (a, b) => (b.runStart?.getTime() ?? Number.NEGATIVE_INFINITY) - (a.runStart?.getTime() ?? Number.NEGATIVE_INFINITY) || 0,
  problems: (a, b) => b.errors - a.errors || b.problems - a.problems,
};

/** Sorted copy; ties fall back to the name, then the slug, so rows never swap places between polls. */
export function sortRows(rows: readonly SourceRow[], key: OverviewSortKey): SourceRow[] {
  const primary = COMPARATORS[key];
  return [...rows].sort((a, b) => primary(a, b) || byName(a, b));
}

export interface RowCounts {
  levels: Record<VerdictLevel, number>;
  checking: number;
  /** Sources whose last poll failed (their data, if any, is old). */
  failing: number;
  running: number;
}

export function countRows(rows: readonly SourceRow[]): RowCounts {
  const counts: RowCounts = { levels: { CRITICAL: 0, UNKNOWN: 0, WARNING: 0, OK: 0 }, checking: 0, failing: 0, running: 0 };
  for (const row of rows) {
    if (row.verdict) counts.levels[row.verdict.level] += 1;
    else if (!row.error) counts.checking += 1;
    if (row.error) counts.failing += 1;
    if (row.running) counts.running += 1;
  }
  return counts;
}
