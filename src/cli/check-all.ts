// One look at every sync object the token can see, of every kind: the lists, the server and the token's user once,
// then each object's status under the same concurrency limit as the overview's fleet poller. An object that fails is
// that object's UNKNOWN; a kind the server lacks or the token may not list is one quiet line; only a failure of what
// every object needs (the server, the user, the LDAP list when nothing else is listed) fails the whole check.
import { setMaxListeners } from 'node:events';
import { syncApiOf } from '../api/sync-api.js';
import type { AuthentikApi } from '../api/types.js';
import { missingTaskPermissions, type LdapSource, type ServerVersion } from '../domain/model.js';
import { SYNC_KINDS, type SyncKind } from '../domain/sync-object-ref.js';
import { KINDS } from '../kinds/registry.js';
import { VERDICT_SEVERITY, type VerdictLevel } from '../domain/verdict.js';
import { DEFAULT_FLEET_CONCURRENCY } from '../poll/fleet.js';
import { createConcurrencyGate } from '../poll/gate.js';
import { asCheckFailure, failedCheck, outcomeKind, outcomeVerdict, recheckSource, type CheckFailure, type CheckOutcome } from './check.js';

/** A kind whose objects could not be listed. */
export interface KindUnavailable {
  kind: SyncKind;
  failure: CheckFailure;
  /**
   * The server does not have the kind (Kerberos before 2024.10) or the token may not list it (403/404): one quiet
   * line, no effect on the verdict. Otherwise (a 500, a bad answer) the kind could not be checked: UNKNOWN.
   */
  quiet: boolean;
}

export interface AllChecks {
  checkedAt: Date;
  /** The list of sources was read (an empty list is read too). */
  listed: boolean;
  version: ServerVersion | null;
  /** One per listed object, kind by kind (registry order), each kind in authentik's order. */
  outcomes: CheckOutcome[];
  /** What every source needs could not be read (or there is no source): the whole check is UNKNOWN. */
  failure: CheckFailure | null;
  /** Kinds that could not be listed, in registry order (absent: none). */
  unavailable?: KindUnavailable[];
}

export interface CheckAllOptions {
  signal?: AbortSignal;
  now?: () => Date;
  concurrency?: number;
  /** The kinds to check (default: every kind). */
  kinds?: readonly SyncKind[];
}

/** A failure that only says this kind is not there for this token: authentik lacks it, or the token may not list it. */
function quietFailure(error: CheckFailure): boolean {
  return error.kind === 'not_found' || error.kind === 'forbidden';
}

function noObjectsMessage(kinds: readonly SyncKind[], others: boolean): string {
  if (!kinds.includes('ldap')) return `The token sees no ${kinds.map((kind) => KINDS[kind].noun.many).join(' or ')} on this server.`;
  return others ? `${NO_SOURCES_MESSAGE.replace(/\.$/, '')}, nor any sync object of another kind.` : NO_SOURCES_MESSAGE;
}

export const NO_SOURCES_MESSAGE =
  'The token sees no LDAP sources on this server (seeing one needs authentik_sources_ldap.view_ldapsource).';

async function settle<T>(promise: Promise<T>): Promise<{ value: T } | { failure: CheckFailure }> {
  try {
    return { value: await promise };
  } catch (error) {
    const failure = asCheckFailure(error);
    if (!failure) throw error;
    return { failure };
  }
}

export async function checkAllSources(api: AuthentikApi, options: CheckAllOptions = {}): Promise<AllChecks> {
  const signal = options.signal ?? new AbortController().signal;
  // Every request of the check listens on this one signal: more than Node's default of ten is expected, not a leak.
  setMaxListeners(0, signal);
  const now = () => options.now?.() ?? new Date();
  const checkedAt = now();
  const sync = syncApiOf(api);
  const kinds = SYNC_KINDS.filter((kind) => (options.kinds ?? SYNC_KINDS).includes(kind));
  // LDAP through listSources: an LDAP-only API (a test's fake) is asked as before.
  const listOf = (kind: SyncKind): Promise<LdapSource[]> => (kind === 'ldap' ? api.listSources({ signal }) : sync.listObjects(kind, { signal }));
  const [lists, version, user] = await Promise.all([
    Promise.all(kinds.map(async (kind) => ({ kind, result: await settle(listOf(kind)) }))),
    settle(api.version({ signal })),
    settle(api.me({ signal })),
  ]);
  const listed = lists.flatMap(({ kind, result }) => ('value' in result ? result.value.map((source) => ({ kind, source })) : []));
  const failedLists = lists.flatMap(({ kind, result }) => ('failure' in result ? [{ kind, failure: result.failure }] : []));
  const ldapFailure = failedLists.find((f) => f.kind === 'ldap')?.failure;
  // Without the LDAP list the check was always UNKNOWN; it still is, unless it is only not there and others are.
  if (ldapFailure && (listed.length === 0 || !quietFailure(ldapFailure))) {
    return { checkedAt, listed: false, version: 'value' in version ? version.value : null, outcomes: [], failure: ldapFailure };
  }
  const unavailable = failedLists.map(({ kind, failure }) => ({ kind, failure, quiet: quietFailure(failure) }));
  const extra = kinds.length > 1 || kinds[0] !== 'ldap' ? { unavailable } : {};
  const known = (source: LdapSource, kind: SyncKind) => ({ source, ...(kind === 'ldap' ? {} : { kind }) });
  const everyOneFailed = (failure: CheckFailure, knownVersion: ServerVersion | null): AllChecks => ({
    checkedAt,
    listed: true,
    version: knownVersion,
    outcomes: listed.map(({ kind, source }) => failedCheck(failure, source.slug, checkedAt, { ...known(source, kind), version: knownVersion })),
    failure,
    ...extra,
  });
  if ('failure' in version) return everyOneFailed(version.failure, null);
  if ('failure' in user) return everyOneFailed(user.failure, version.value);
  if (listed.length === 0) {
    const others = kinds.some((kind) => kind !== 'ldap' && !failedLists.some((f) => f.kind === kind));
    return { checkedAt, listed: true, version: version.value, outcomes: [], failure: { kind: 'not_found', message: noObjectsMessage(kinds, others) }, ...extra };
  }

  const missingPermissions = missingTaskPermissions(user.value, version.value.generation);
  const gate = createConcurrencyGate(options.concurrency ?? DEFAULT_FLEET_CONCURRENCY);
  const outcomes = await Promise.all(
    listed.map(async ({ kind, source }): Promise<CheckOutcome> => {
      const context = { ...known(source, kind), version: version.value, user: user.value, missingPermissions };
      const result = await settle(gate.run(signal, () => recheckSource(api, context, { signal, now })));
      if ('value' in result) return { kind: 'checked', check: result.value };
      return failedCheck(result.failure, source.slug, now(), { ...known(source, kind), version: version.value, missingPermissions });
    }),
  );
  return { checkedAt, listed: true, version: version.value, outcomes, failure: null, ...extra };
}

/** A kind that could not be listed, in one line: `Kerberos sources: authentik 2024.8.3 … has none …`. */
export function unavailableLine(entry: KindUnavailable): string {
  return `${KINDS[entry.kind].noun.many}: ${entry.failure.message}`;
}

export type LevelCounts = Record<VerdictLevel, number>;

export function countLevels(outcomes: readonly CheckOutcome[]): LevelCounts {
  const counts: LevelCounts = { OK: 0, WARNING: 0, UNKNOWN: 0, CRITICAL: 0 };
  for (const outcome of outcomes) counts[outcomeVerdict(outcome).level] += 1;
  return counts;
}

/** Levels from the worst down. */
export const LEVELS_WORST_FIRST: VerdictLevel[] = (Object.keys(VERDICT_SEVERITY) as VerdictLevel[]).sort((a, b) => VERDICT_SEVERITY[b] - VERDICT_SEVERITY[a]);

/**
 * The verdict over every object: the worst one's level, and how many are at each level (`1 of 5 sources critical,
 * 1 warning`; `sync objects` once other kinds than LDAP are among them). A kind that could not be listed for another
 * reason than its absence makes the whole at least UNKNOWN.
 */
export function overallVerdict(all: AllChecks, noun?: { one: string; many: string }): { level: VerdictLevel; reason: string } {
  if (all.failure) return { level: 'UNKNOWN', reason: all.failure.message };
  const counts = countLevels(all.outcomes);
  const total = all.outcomes.length;
  const onlySources = all.outcomes.every((outcome) => outcomeKind(outcome) === 'ldap');
  const words = noun ?? (onlySources ? { one: 'source', many: 'sources' } : { one: 'sync object', many: 'sync objects' });
  const loud = (all.unavailable ?? []).filter((entry) => !entry.quiet);
  let level = LEVELS_WORST_FIRST.find((l) => counts[l] > 0) ?? 'UNKNOWN';
  if (loud.length > 0 && VERDICT_SEVERITY.UNKNOWN > VERDICT_SEVERITY[level]) level = 'UNKNOWN';
  const others = LEVELS_WORST_FIRST.filter((l) => l !== level && l !== 'OK' && counts[l] > 0).map((l) => `${counts[l]} ${l.toLowerCase()}`);
  const head =
    counts[level] > 0
      ? `${counts[level]} of ${total} ${total === 1 ? words.one : words.many} ${level === 'OK' ? 'OK' : level.toLowerCase()}`
      : `${total} ${total === 1 ? words.one : words.many} checked`;
  const unlisted = loud.map((entry) => `${KINDS[entry.kind].noun.many} could not be listed`);
  return { level, reason: [head, ...others, ...unlisted].join(', ') };
}
