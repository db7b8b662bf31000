// One look at every source the token can see: the list, the server and the token's user once, then each source's
// status under the same concurrency limit as the overview's fleet poller. A source that fails is that source's
// UNKNOWN; only a failure of what every source needs (the list, the server, the user) fails the whole check.
import type { AuthentikApi } from '../api/types.js';
import { missingTaskPermissions, type LdapSource, type ServerVersion } from '../domain/model.js';
import { VERDICT_SEVERITY, type VerdictLevel } from '../domain/verdict.js';
import { DEFAULT_FLEET_CONCURRENCY } from '../poll/fleet.js';
import { createConcurrencyGate } from '../poll/gate.js';
import { asCheckFailure, failedCheck, outcomeVerdict, recheckSource, type CheckFailure, type CheckOutcome } from './check.js';

export interface AllChecks {
  checkedAt: Date;
  /** The list of sources was read (an empty list is read too). */
  listed: boolean;
  version: ServerVersion | null;
  /** One per listed source, in authentik's order. */
  outcomes: CheckOutcome[];
  /** What every source needs could not be read (or there is no source): the whole check is UNKNOWN. */
  failure: CheckFailure | null;
}

export interface CheckAllOptions {
  signal?: AbortSignal;
  now?: () => Date;
  concurrency?: number;
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
  const now = () => options.now?.() ?? new Date();
  const checkedAt = now();
  const [listed, version, user] = await Promise.all([settle(api.listSources({ signal })), settle(api.version({ signal })), settle(api.me({ signal }))]);
  if ('failure' in listed) return { checkedAt, listed: false, version: 'value' in version ? version.value : null, outcomes: [], failure: listed.failure };
  const sources: LdapSource[] = listed.value;
  const everyOneFailed = (failure: CheckFailure, known: ServerVersion | null): AllChecks => ({
    checkedAt,
    listed: true,
    version: known,
    outcomes: sources.map((source) => failedCheck(failure, source.slug, checkedAt, { source, version: known })),
    failure,
  });
  if ('failure' in version) return everyOneFailed(version.failure, null);
  if ('failure' in user) return everyOneFailed(user.failure, version.value);
  if (sources.length === 0) return { checkedAt, listed: true, version: version.value, outcomes: [], failure: { kind: 'not_found', message: NO_SOURCES_MESSAGE } };

  const missingPermissions = missingTaskPermissions(user.value, version.value.generation);
  const gate = createConcurrencyGate(options.concurrency ?? DEFAULT_FLEET_CONCURRENCY);
  const outcomes = await Promise.all(
    sources.map(async (source): Promise<CheckOutcome> => {
      const context = { source, version: version.value, user: user.value, missingPermissions };
      const result = await settle(gate.run(signal, () => recheckSource(api, context, { signal, now })));
      if ('value' in result) return { kind: 'checked', check: result.value };
      return failedCheck(result.failure, source.slug, now(), { source, version: version.value, missingPermissions });
    }),
  );
  return { checkedAt, listed: true, version: version.value, outcomes, failure: null };
}

export type LevelCounts = Record<VerdictLevel, number>;

export function countLevels(outcomes: readonly CheckOutcome[]): LevelCounts {
  const counts: LevelCounts = { OK: 0, WARNING: 0, UNKNOWN: 0, CRITICAL: 0 };
  for (const outcome of outcomes) counts[outcomeVerdict(outcome).level] += 1;
  return counts;
}

/** Levels from the worst down. */
export const LEVELS_WORST_FIRST: VerdictLevel[] = (Object.keys(VERDICT_SEVERITY) as VerdictLevel[]).sort((a, b) => VERDICT_SEVERITY[b] - VERDICT_SEVERITY[a]);

/** The verdict over every source: the worst one's level, and how many are at each level (`1 of 5 sources critical, 1 warning`). */
export function overallVerdict(all: AllChecks, noun = { one: 'source', many: 'sources' }): { level: VerdictLevel; reason: string } {
  if (all.failure) return { level: 'UNKNOWN', reason: all.failure.message };
  const counts = countLevels(all.outcomes);
  const total = all.outcomes.length;
  const level = LEVELS_WORST_FIRST.find((l) => counts[l] > 0) ?? 'UNKNOWN';
  const others = LEVELS_WORST_FIRST.filter((l) => l !== level && l !== 'OK' && counts[l] > 0).map((l) => `${counts[l]} ${l.toLowerCase()}`);
  const head = `${counts[level]} of ${total} ${total === 1 ? noun.one : noun.many} ${level === 'OK' ? 'OK' : level.toLowerCase()}`;
  return { level, reason: [head, ...others].join(', ') };
}
