// `aksync status [SLUG | --all] [--json]`: one check, for cron and monitoring systems. A slug (given or saved)
// checks that source; without one (or with --all) every source the token can see.
import type { Flags } from '../args.js';
import { checkAllSources } from '../check-all.js';
import { asCheckFailure, checkSource, failedCheck, outcomeSlug, type CheckOutcome } from '../check.js';
import { writeAll, writeFailure, writeOutcome, type CheckTarget } from '../check-output.js';
import { connect, loadSettings, prepare, warn } from '../context.js';
import { factsFor, recordCheck, screenHistory, type RecorderFor } from '../history-record.js';
import type { Io } from '../output.js';

export async function runStatus(positionals: string[], flags: Flags, io: Io, history: RecorderFor = screenHistory(io.env)): Promise<number> {
  if (flags.format === 'openmetrics') return runStatusMetrics(positionals, flags, io);
  const started = new Date();
  const given = positionals[0];
  const loaded = loadSettings(flags, given, io);
  if (!loaded.ok) return writeFailure(io, flags, { kind: 'settings', message: loaded.message }, given ? { slug: given } : 'all', null, started);
  const settings = loaded.value;
  const slug = flags.all ? null : settings.source;
  const target: CheckTarget = slug ? { slug } : 'all';
  const connection = connect(settings);
  if (!connection.ok) return writeFailure(io, flags, { kind: 'settings', message: connection.message }, target, null, started);
  const { api, serverLabel } = connection.value;
  // Every run seen ended is recorded; the history gives runs_failed_24h and median_duration_seconds.
  const recorder = history(serverLabel);
  const said = () => {
    const problem = recorder.problem();
    if (problem) warn(io, problem);
  };

  if (!slug) {
    const all = await checkAllSources(api);
    for (const outcome of all.outcomes) if (outcome.kind === 'checked') recordCheck(recorder, outcome.check);
    const now = Date.now();
    const facts = new Map(all.outcomes.map((outcome) => [outcomeSlug(outcome), factsFor(recorder, outcomeSlug(outcome), now)]));
    said();
    return writeAll(io, flags, all, serverLabel, facts);
  }
  let outcome: CheckOutcome;
  try {
    const check = await checkSource(api, slug);
    recordCheck(recorder, check);
    outcome = { kind: 'checked', check };
  } catch (error) {
    const failure = asCheckFailure(error);
    if (!failure) throw error;
    outcome = failedCheck(failure, slug, new Date());
  }
  const facts = factsFor(recorder, slug, Date.now());
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
  const connection = prepare(flags, positionals[0], io);
  if (typeof connection === 'number') return connection;
  const { api, settings } = connection;
  const server = flags.profile ?? new URL(api.baseUrl).host;
  const slug = flags.all ? null : settings.source;
  if (!slug) return writeMetrics(io, allChecksSample(await checkAllSources(api), server));
  try {
    return await writeMetrics(io, outcomeServerSample({ kind: 'checked', check: await checkSource(api, slug) }, server));
  } catch (error) {
    const failure = asCheckFailure(error);
    if (!failure) throw error;
    return writeMetrics(io, outcomeServerSample(failedCheck(failure, slug, new Date()), server));
  }
}
