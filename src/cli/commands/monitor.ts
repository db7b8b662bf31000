// `aksync [SLUG]`: the live screens when there is a terminal to draw on (a source's monitor when a slug is given or
// saved, the overview of every source otherwise, the first-run form when no URL or token is known); what `status`
// prints when there is not.
import { missingSettingsMessage } from '../../config/settings.js';
import type { AppStart } from '../../ui/app/App.js';
import { localeIsAscii } from '../../ui/theme.js';
import type { Flags } from '../args.js';
import { EXIT_UNKNOWN, connect, fail, loadSettings, openStore } from '../context.js';
import { credentialCheck } from '../credentials.js';
import { colourWanted, type Io } from '../output.js';
import { runStatus } from './status.js';

export interface ScreenOptions {
  ascii: boolean;
  color: boolean;
  altScreen: boolean;
}

export function screenOptions(flags: Flags, io: Io): ScreenOptions {
  return {
    ascii: flags.ascii || localeIsAscii(io.env),
    color: colourWanted(io.stdout, io.env, flags.noColor),
    altScreen: flags.altScreen,
  };
}

export async function runMonitorCommand(positionals: string[], flags: Flags, io: Io): Promise<number> {
  if (!io.stdout.isTTY) return runStatus(positionals, flags, io);

  const store = openStore(io);
  const loaded = loadSettings(flags, positionals[0], io, store);
  if (!loaded.ok) {
    fail(io, loaded.message);
    return EXIT_UNKNOWN;
  }
  const settings = loaded.value;
  const [{ runApp }, { saveDefaultSource }, { statusesOffThread }] = await Promise.all([
    import('../../ui/app/run-app.js'),
    import('../../ui/app/save-default.js'),
    import('../../poll/worker/worker-api.js'),
  ]);
  // Sync statuses are read on a worker thread: keys never wait for a large answer to be parsed.
  const offThread = statusesOffThread();
  let start: AppStart;
  const missing = missingSettingsMessage(settings);
  if (missing) {
    // The form needs keys; without a terminal on stdin, say what is missing instead.
    if (!io.stdin.isTTY) {
      fail(io, missing);
      return EXIT_UNKNOWN;
    }
    start = {
      kind: 'setup',
      store,
      profile: settings.profile,
      check: credentialCheck({ timeoutSeconds: settings.timeoutSeconds, insecure: settings.insecure }),
      ...(settings.url ? { initialUrl: settings.url } : {}),
      connect: (url, token) => {
        const made = connect({ ...settings, url, token });
        return made.ok ? { ok: true, value: { api: offThread.api(made.value), serverLabel: made.value.serverLabel } } : made;
      },
    };
  } else {
    const connection = connect(settings);
    if (!connection.ok) {
      fail(io, connection.message);
      return EXIT_UNKNOWN;
    }
    start = { kind: 'ready', connection: { api: offThread.api(connection.value), serverLabel: connection.value.serverLabel } };
  }
  try {
    return await runApp({
      start,
      slug: settings.source,
      intervalSeconds: settings.intervalSeconds,
      saveDefault: saveDefaultSource(store, settings.profile),
      stderr: io.stderr,
      // The permission repairs are done and said; what stays true while the app runs is repeated on screen.
      notices: settings.warnings.filter((w) => !store.warnings.includes(w)),
      ...screenOptions(flags, io),
    });
  } finally {
    await offThread.close();
  }
}
