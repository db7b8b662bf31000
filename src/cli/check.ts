// One look at one sync object (an LDAP source by default, any kind by KIND/ID): everything a verdict needs, in as
// few requests as authentik allows. The kind's description (src/kinds/) says where to read and how to judge.
import { isApiError } from '../api/errors.js';
import { syncApiOf } from '../api/sync-api.js';
import type { AuthentikApi } from '../api/types.js';
import { missingTaskPermissions, type CurrentUser, type LdapSource, type ServerVersion, type SyncStatus } from '../domain/model.js';
import { formatRef, type SyncKind, type SyncObjectRef } from '../domain/sync-object-ref.js';
import { assess, type Assessment, type VerdictLevel } from '../domain/verdict.js';
import { KINDS } from '../kinds/registry.js';
import { statusThenSource } from '../poll/status-fetch.js';

/** What does not change between two looks at a source: the server, the token's user, the source itself. */
export interface SourceContext {
  /** The object (an LDAP source, or a SyncObject of its kind: `slug` is its id). */
  source: LdapSource;
  version: ServerVersion;
  user: CurrentUser;
  missingPermissions: string[];
  /** The object's kind; LDAP when absent. */
  kind?: SyncKind;
}

/** The object a context or check is about, as `KIND/ID`'s parts. */
export function contextRef(context: Pick<SourceContext, 'source' | 'kind'>): SyncObjectRef {
  return { kind: context.kind ?? 'ldap', id: context.source.slug };
}

export interface SourceCheck extends SourceContext {
  status: SyncStatus;
  assessment: Assessment;
  checkedAt: Date;
}

interface CheckOptions {
  signal?: AbortSignal;
  now?: () => Date;
}

/** The status of a source whose context is known: one status call (and, on 2025.8+, its schedule and tasks). */
export async function recheckSource(api: AuthentikApi, context: SourceContext, options: CheckOptions = {}): Promise<SourceCheck> {
  const { source, version, user, missingPermissions } = context;
  const ref = contextRef(context);
  const status =
    ref.kind === 'ldap'
      ? await api.syncStatus(source.slug, { signal: options.signal, source })
      : await syncApiOf(api).objectStatus(ref, { ...(options.signal ? { signal: options.signal } : {}), object: source });
  const checkedAt = options.now?.() ?? new Date();
  const rules = KINDS[ref.kind].rules;
  const assessment = assess({ slug: source.slug, status, source, missingPermissions, now: checkedAt, rules });
  return { source, version, user, missingPermissions, status, assessment, checkedAt, ...(context.kind ? { kind: context.kind } : {}) };
}

/** Everything at once: the status, the source, the server's version and the token's user (one round trip on 2024.8–2025.6). */
export async function checkSource(api: AuthentikApi, slug: string, options: CheckOptions = {}): Promise<SourceCheck> {
  const { signal } = options;
  const { statusRead, sourceRead } = statusThenSource(api, slug, signal);
  // The first failure in this order is the one reported, as when they were read one after the other.
  const reads = [api.version({ signal }), api.me({ signal }), sourceRead, statusRead] as const;
  for (const read of reads) (read as Promise<unknown>).catch(() => undefined);
  const version = await reads[0];
  const user = await reads[1];
  const source = await reads[2];
  const status = await reads[3];
  const checkedAt = options.now?.() ?? new Date();
  const missingPermissions = missingTaskPermissions(user, version.generation);
  const assessment = assess({ slug: source.slug, status, source, missingPermissions, now: checkedAt });
  return { source, version, user, missingPermissions, status, assessment, checkedAt };
}

/** One object of any kind: `ldap/corp-ad` is checkSource's `corp-ad`. */
export async function checkObject(api: AuthentikApi, ref: SyncObjectRef, options: CheckOptions = {}): Promise<SourceCheck> {
  if (ref.kind === 'ldap') return checkSource(api, ref.id, options);
  const { signal } = options;
  const sync = syncApiOf(api);
  const [version, user, object] = await Promise.all([sync.version({ signal }), sync.me({ signal }), sync.getObject(ref, { signal })]);
  const missingPermissions = missingTaskPermissions(user, version.generation);
  return recheckSource(api, { source: object, version, user, missingPermissions, kind: ref.kind }, options);
}

/** Why a check could not be made: an ApiError's kind, or `settings`, `usage`, `internal` (README, "JSON output"). */
export interface CheckFailure {
  kind: string;
  /** A sentence for the user, already free of the token and of control characters. */
  message: string;
}

/** A check that could not be made, with what was learnt before it failed. */
export interface FailedCheck {
  slug: string | null;
  /** The object's kind; LDAP when absent. */
  kind?: SyncKind;
  failure: CheckFailure;
  checkedAt: Date;
  source: LdapSource | null;
  version: ServerVersion | null;
  missingPermissions: string[];
}

/** One sync object's result: judged, or the reason it could not be. Every report (text, JSON) formats this. */
export type CheckOutcome = { kind: 'checked'; check: SourceCheck } | { kind: 'failed'; failed: FailedCheck };

export function failedCheck(
  failure: CheckFailure,
  slug: string | null,
  checkedAt: Date,
  known: Partial<Pick<FailedCheck, 'source' | 'version' | 'missingPermissions' | 'kind'>> = {},
): CheckOutcome {
  return {
    kind: 'failed',
    failed: {
      slug,
      failure,
      checkedAt,
      source: known.source ?? null,
      version: known.version ?? null,
      missingPermissions: known.missingPermissions ?? [],
      ...(known.kind && known.kind !== 'ldap' ? { kind: known.kind } : {}),
    },
  };
}

/** An ApiError as a check failure; null for anything else (a bug, to be reported as one). */
export function asCheckFailure(error: unknown): CheckFailure | null {
  return isApiError(error) ? { kind: error.kind, message: error.message } : null;
}

export function outcomeVerdict(outcome: CheckOutcome): { level: VerdictLevel; reason: string; running: boolean } {
  if (outcome.kind === 'failed') return { level: 'UNKNOWN', reason: outcome.failed.failure.message, running: false };
  const { verdict, running } = outcome.check.assessment;
  return { level: verdict.level, reason: verdict.reason, running };
}

export function outcomeSlug(outcome: CheckOutcome): string | null {
  return outcome.kind === 'checked' ? outcome.check.source.slug : outcome.failed.slug;
}

export function outcomeSource(outcome: CheckOutcome): LdapSource | null {
  return outcome.kind === 'checked' ? outcome.check.source : outcome.failed.source;
}

/** The kind of the object an outcome is about (LDAP unless it says otherwise). */
export function outcomeKind(outcome: CheckOutcome): SyncKind {
  return (outcome.kind === 'checked' ? outcome.check.kind : outcome.failed.kind) ?? 'ldap';
}

/**
 * How an outcome names its object in one line: an LDAP source by its slug (as every script and check before other
 * kinds knew it), any other object as `KIND/ID` (`scim/3`).
 */
export function outcomeName(outcome: CheckOutcome): string | null {
  const slug = outcomeSlug(outcome);
  if (slug === null) return null;
  const kind = outcomeKind(outcome);
  return kind === 'ldap' ? slug : formatRef({ kind, id: slug });
}
