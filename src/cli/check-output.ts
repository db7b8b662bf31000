// Where a check's result leaves aksync (`status`, `sync --wait`): JSON or plugin text on stdout, and the exit code.
// A check that could not be made, for whatever reason (the command line, the settings, authentik, a bug), is
// UNKNOWN with its plugin line on stdout: monitoring systems read stdout only.
import { parseRef, type SyncKind } from '../domain/sync-object-ref.js';
import { VERDICT_EXIT_CODES } from '../domain/verdict.js';
import { overallVerdict, type AllChecks } from './check-all.js';
import { failedCheck, outcomeVerdict, type CheckFailure, type CheckOutcome } from './check.js';
import { colourWanted, paint, safeJson, type Io } from './output.js';
import type { HistoryFacts } from '../history/recorder.js';
import { statusAllJson, statusAllText, type FactsBySlug } from './status-all-report.js';
import { statusJson, statusText } from './status-report.js';

export interface CheckOutputOptions {
  json: boolean;
  noColor: boolean;
}

/** What was asked for: one object (an LDAP source unless `kind` says otherwise; maybe not named yet), or every one. */
export type CheckTarget = { slug: string | null; kind?: SyncKind } | 'all';

function painter(io: Io, options: CheckOutputOptions) {
  return paint(!options.json && colourWanted(io.stdout, io.env, options.noColor));
}

/** `serverLabel`: the server's origin, null when the settings did not get as far as a URL. */
export function writeOutcome(io: Io, options: CheckOutputOptions, outcome: CheckOutcome, serverLabel: string | null, facts: HistoryFacts | null = null): number {
  io.stdout.write(
    options.json
      ? `${safeJson(statusJson(outcome, serverLabel, facts ?? undefined))}\n`
      : statusText(outcome, painter(io, options), serverLabel ?? 'an unknown server', facts),
  );
  return VERDICT_EXIT_CODES[outcomeVerdict(outcome).level];
}

export function writeAll(io: Io, options: CheckOutputOptions, all: AllChecks, serverLabel: string | null, facts: FactsBySlug | null = null): number {
  io.stdout.write(options.json ? `${safeJson(statusAllJson(all, serverLabel, facts))}\n` : statusAllText(all, painter(io, options), serverLabel ?? 'an unknown server', facts));
  return VERDICT_EXIT_CODES[overallVerdict(all).level];
}

export function writeFailure(io: Io, options: CheckOutputOptions, failure: CheckFailure, target: CheckTarget, serverLabel: string | null, checkedAt = new Date()): number {
  if (target === 'all') return writeAll(io, options, { checkedAt, listed: false, version: null, outcomes: [], failure }, serverLabel);
  // A command line's `scim/3` names a provider, not an LDAP source with a slash in its slug.
  const parsed = target.kind === undefined && target.slug?.includes('/') ? parseRef(target.slug) : null;
  const { slug, kind } = parsed?.ok ? { slug: parsed.ref.id, kind: parsed.ref.kind } : target;
  return writeOutcome(io, options, failedCheck(failure, slug, checkedAt, kind ? { kind } : {}), serverLabel);
}
