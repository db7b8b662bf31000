// `aksync history [KIND/]ID [--json] [--since 7d]`: the runs aksync has recorded of one sync object, newest first.
// Reads only the local history: no token, no request to authentik. The server is the one the settings name (its runs
// only); with no URL set, the object's runs on every server aksync has recorded it on.
import { recordTime, serverOrigin } from '../../domain/run-record.js';
import { parseRef } from '../../domain/sync-object-ref.js';
import { openHistoryStore } from '../../history/store.js';
import type { Flags } from '../args.js';
import { EXIT_UNKNOWN, fail, loadSettings, warn } from '../context.js';
import { historyJson, historyText } from '../history-report.js';
import { EXIT_USAGE } from '../main.js';
import { colourWanted, paint, safeJson, type Io } from '../output.js';

export async function runHistory(positionals: string[], flags: Flags, io: Io): Promise<number> {
  const parsed = parseRef(positionals[0] ?? '');
  if (!parsed.ok) {
    fail(io, parsed.reason);
    return EXIT_USAGE;
  }
  const { ref } = parsed;
  const loaded = loadSettings(flags, undefined, io);
  if (!loaded.ok) {
    fail(io, loaded.message);
    return EXIT_UNKNOWN;
  }
  const server = loaded.value.url === null ? null : serverOrigin(loaded.value.url);
  const store = openHistoryStore({ env: io.env });
  const now = new Date();
  const all = server === null ? store.readAnyServer(ref) : store.read(server, ref);
  const since = flags.sinceMs === undefined ? null : new Date(now.getTime() - flags.sinceMs);
  const runs = since === null ? all : all.filter((run) => recordTime(run) >= since.getTime());
  const problem = store.problem();
  if (problem) warn(io, problem);
  const report = { ref, server, runs, since, now, problem };
  io.stdout.write(flags.json ? `${safeJson(historyJson(report))}\n` : historyText(report, paint(colourWanted(io.stdout, io.env, flags.noColor))));
  return 0;
}
