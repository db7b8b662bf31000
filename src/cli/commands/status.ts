// `aksync status [SLUG | --all] [--json]`: one check, for cron and monitoring systems. A slug (given or saved)
// checks that source; without one (or with --all) every source the token can see.
import type { Flags } from '../args.js';
import { checkAllSources } from '../check-all.js';
import { asCheckFailure, checkSource, failedCheck } from '../check.js';
import { writeAll, writeFailure, writeOutcome, type CheckTarget } from '../check-output.js';
import { connect, loadSettings } from '../context.js';
import type { Io } from '../output.js';

export async function runStatus(positionals: string[], flags: Flags, io: Io): Promise<number> {
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

  if (!slug) return writeAll(io, flags, await checkAllSources(api), serverLabel);
  try {
    return writeOutcome(io, flags, { kind: 'checked', check: await checkSource(api, slug) }, serverLabel);
  } catch (error) {
    const failure = asCheckFailure(error);
    if (!failure) throw error;
    return writeOutcome(io, flags, failedCheck(failure, slug, new Date()), serverLabel);
  }
}
