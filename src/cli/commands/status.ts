// `aksync status [SLUG | --all] [--json]`: one check, for cron and monitoring systems. A slug (given or saved)
// checks that source; without one (or with --all) every source the token can see.
import type { Flags } from '../args.js';
import { checkAllSources } from '../check-all.js';
import { parseRef, type SyncObjectRef } from '../../domain/sync-object-ref.js';
import { asCheckFailure, checkObject, failedCheck, outcomeName, type CheckOutcome } from '../check.js';
import { writeAll, writeFailure, writeOutcome, type CheckTarget } from '../check-output.js';
import { connect, loadSettings, prepare, warn } from '../context.js';
import { factsFor, recordCheck, screenHistory, type RecorderFor } from '../history-record.js';
import type { Io } from '../output.js';

/**
 * The object the command line names, if it names one that is not an LDAP source (`scim/3`): that one goes around
 * the settings, whose default source is an LDAP slug. `ldap/corp-ad` is the slug `corp-ad`.
 */
export function namedObject(given: string | undefined): { slug: string | undefined; ref: SyncObjectRef | null } {
  if (given === undefined || !given.includes('/')) return { slug: given, ref: null };
  const parsed = parseRef(given);
  if (!parsed.ok || parsed.ref.kind === 'ldap') return { slug: parsed.ok ? parsed.ref.id : given, ref: null };
  return { slug: undefined, ref: parsed.ref };
}

export async function runStatus(positionals: string[], flags: Flags, io: Io, history: RecorderFor = screenHistory(io.env)): Promise<number> {
  if (flags.format === 'openmetrics') return runStatusMetrics(positionals, flags, io);
  const started = new Date();
  const given = positionals[0];
  const named = namedObject(given);
  const loaded = loadSettings(flags, named.slug, io);
  if (!loaded.ok) return writeFailure(io, flags, { kind: 'settings', message: loaded.message }, given ? { slug: given } : 'all', null, started);
  const settings = loaded.value;
  const ref: SyncObjectRef | null = flags.all ? null : (named.ref ?? (settings.source ? { kind: 'ldap', id: settings.source } : null));
  const target: CheckTarget = ref ? { slug: ref.id, kind: ref.kind } : 'all';
  const connection = connect(settings);
  if (!connection.ok) return writeFailure(io, flags, { kind: 'settings', message: connection.message }, target, null, started);
  const { api, serverLabel } = connection.value;
  // Every run seen ended is recorded; the history gives runs_failed_24h and median_duration_seconds.
  const recorder = history(serverLabel);
  const said = () => {
    const problem = recorder.problem();
    if (problem) warn(io, problem);
  };

  if (!ref) {
    const all = await checkAllSources(api);
    for (const outcome of all.outcomes) if (outcome.kind === 'checked') recordCheck(recorder, outcome.check);
    const now = Date.now();
    const facts = new Map(all.outcomes.map((outcome) => [outcomeName(outcome), factsFor(recorder, outcomeName(outcome), now)]));
    said();
    return writeAll(io, flags, all, serverLabel, facts);
  }
  let outcome: CheckOutcome;
  try {
    const check = await checkObject(api, ref);
    recordCheck(recorder, check);
    outcome = { kind: 'checked', check };
  } catch (error) {
    const failure = asCheckFailure(error);
    if (!failure) throw error;
    outcome = failedCheck(failure, ref.id, new Date(), { kind: ref.kind });
  }
  const facts = factsFor(recorder, outcomeName(outcome), Date.now());
  said();
  return writeOutcome(io, flags, outcome, serverLabel, facts);
}

/**
 * `--format openmetrics`: the metrics once, on stdout; a reason it cannot check on stderr with exit 3 (and nothing on
 * stdout, so a cron job's `> aksync.prom.tmp && mv` keeps the last good file). A server that does not answer is
 * `aksync_up 0` in the metrics, not a failure: that is what the metrics are for.
 */
async function runStatusMetrics(positionals: string[], flags: Flags, io: Io): Promise<number> {
  const { allChecksSample, outcomeServerSample, writeMetrics } = await import('../status-metrics.js');
  const named = namedObject(positionals[0]);
  const connection = prepare(flags, named.slug, io);
  if (typeof connection === 'number') return connection;
  const { api, settings } = connection;
  const server = flags.profile ?? new URL(api.baseUrl).host;
  const ref: SyncObjectRef | null = flags.all ? null : (named.ref ?? (settings.source ? { kind: 'ldap', id: settings.source } : null));
  if (!ref) return writeMetrics(io, allChecksSample(await checkAllSources(api), server));
  try {
    return await writeMetrics(io, outcomeServerSample({ kind: 'checked', check: await checkObject(api, ref) }, server));
  } catch (error) {
    const failure = asCheckFailure(error);
    if (!failure) throw error;
    return writeMetrics(io, outcomeServerSample(failedCheck(failure, ref.id, new Date(), { kind: ref.kind }), server));
  }
}
