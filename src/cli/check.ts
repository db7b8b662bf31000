// One look at one source: everything a verdict needs, in as few requests as authentik allows.
import { isApiError } from '../api/errors.js';
import type { AuthentikApi } from '../api/types.js';
import { missingTaskPermissions, type CurrentUser, type LdapSource, type ServerVersion, type SyncStatus } from '../domain/model.js';
import { assess, type Assessment, type VerdictLevel } from '../domain/verdict.js';
import { statusThenSource } from '../poll/status-fetch.js';

/** What does not change between two looks at a source: the server, the token's user, the source itself. */
export interface SourceContext {
  source: LdapSource;
  version: ServerVersion;
  user: CurrentUser;
  missingPermissions: string[];
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
  const status = await api.syncStatus(source.slug, { signal: options.signal, source });
  const checkedAt = options.now?.() ?? new Date();
  const assessment = assess({ slug: source.slug, status, source, missingPermissions, now: checkedAt });
  return { source, version, user, missingPermissions, status, assessment, checkedAt };
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

/** Why a check could not be made: an ApiError's kind, or `settings`, `usage`, `internal` (README, "JSON output"). */
export interface CheckFailure {
  kind: string;
  /** A sentence for the user, already free of the token and of control characters. */
  message: string;
}

/** A check that could not be made, with what was learnt before it failed. */
export interface FailedCheck {
  slug: string | null;
  failure: CheckFailure;
  checkedAt: Date;
  source: LdapSource | null;
  version: ServerVersion | null;
  missingPermissions: string[];
}

/** One sync object's result: judged, or the reason it could not be. Every report (text, JSON) formats this. */
export type CheckOutcome = { kind: 'checked'; check: SourceCheck } | { kind: 'failed'; failed: FailedCheck };

export function failedCheck(failure: CheckFailure, slug: string | null, checkedAt: Date, known: Partial<Pick<FailedCheck, 'source' | 'version' | 'missingPermissions'>> = {}): CheckOutcome {
  return {
    kind: 'failed',
    failed: { slug, failure, checkedAt, source: known.source ?? null, version: known.version ?? null, missingPermissions: known.missingPermissions ?? [] },
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
