// `aksync [SLUG]`: the live screens when there is a terminal to draw on (a source's monitor when a slug is given or
// saved, the overview of every source otherwise, the first-run form when no URL or token is known); what `status`
// prints when there is not.
import { missingSettingsMessage } from '../../config/settings.js';
import type { AuthentikApi } from '../../api/types.js';
import type { Client } from '../../api/client.js';
import type { CurrentUser, ServerVersion } from '../../domain/model.js';
import { primePoll } from '../../poll/primed.js';
import { createStatusFetch } from '../../poll/status-fetch.js';
import type { AppStart } from '../../ui/app/App.js';
import type { FirstLook } from '../../ui/hooks/use-monitor-data.js';
import type { StatusWorkerOptions, statusesOffThread as statusesOffThreadType } from '../../poll/worker/worker-api.js';
import { localeIsAscii } from '../../ui/theme.js';
import type { Flags } from '../args.js';
import { EXIT_UNKNOWN, connect, fail, loadSettings, openStore } from '../context.js';
import { credentialCheck } from '../credentials.js';
import { colourWanted, type Io } from '../output.js';
import type { RunRecorder } from '../../history/recorder.js';
import { screenHistory } from '../history-record.js';
import { runStatus } from './status.js';
import { holdYoungGeneration } from '../../runtime/young-generation.js';

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

type StatusSeed = NonNullable<StatusWorkerOptions['seed']>;

/** How long the first frame waits, once the screens' code has loaded, for a first answer still on its way. */
const FIRST_ANSWER_WAIT_MS = 300;

/**
 * Status readers: `poll` reads its first status on this thread and the rest through the worker's API; `app` only
 * through the worker's. That API is made when first needed, with the first status as its seed: a small source then
 * never starts a thread, and a large one's first answer from the thread carries only the tasks that changed.
 */
function statusReaders(here: Client, worker: (seed?: StatusSeed) => AuthentikApi): { poll: AuthentikApi; app: AuthentikApi } {
  let off: AuthentikApi | null = null;
  let firstRead = true;
  let seed: StatusSeed | undefined;
  const later = (): AuthentikApi => {
    if (off === null) {
      off = worker(seed);
      seed = undefined; // the worker's books hold it now; kept here it would outlive every change
    }
    return off;
  };
  return {
    poll: {
      ...here,
      syncStatus: async (slug, options) => {
        if (!firstRead) return later().syncStatus(slug, options);
        firstRead = false;
        const status = await here.syncStatus(slug, options);
        seed = { slug, status };
        // The screen holds this status from now on; a copy kept by the client would outlive every change to it.
        here.forgetStatus(slug);
        return status;
      },
    },
    app: { ...here, syncStatus: (slug, options) => later().syncStatus(slug, options) },
  };
}

/** The first poll of `slug` and the server's version and user, asked for at once on this thread's client. */
function lookFirst(api: AuthentikApi, slug: string, recorder: RunRecorder): { look: FirstLook; answered: Promise<unknown> } {
  const poll = primePoll(createStatusFetch(api, slug, Date.now, recorder));
  const version = api.version();
  const user = api.me();
  let identity: { version: ServerVersion; user: CurrentUser } | null = null;
  const identified = Promise.all([version, user]).then(
    ([v, u]) => void (identity = { version: v, user: u }),
    () => undefined, // the screen asks again and shows the failure
  );
  return { look: { slug, poll, identity: () => identity }, answered: Promise.all([poll.settled, identified]) };
}

export async function runMonitorCommand(positionals: string[], flags: Flags, io: Io): Promise<number> {
  if (!io.stdout.isTTY) return runStatus(positionals, flags, io);
  // The screens run for days: from here on the young generation keeps its first size.
  holdYoungGeneration();

  const store = openStore(io);
  const loaded = loadSettings(flags, positionals[0], io, store);
  if (!loaded.ok) {
    fail(io, loaded.message);
    return EXIT_UNKNOWN;
  }
  const settings = loaded.value;
  const missing = missingSettingsMessage(settings);
  const connection = missing ? null : connect(settings);
  if (connection && !connection.ok) {
    fail(io, connection.message);
    return EXIT_UNKNOWN;
  }
  // The source's first poll and the server's identity are asked for now, while the screens' code loads.
  const made = connection?.ok ? connection.value : null;
  let offThread: ReturnType<typeof statusesOffThreadType> | null = null;
  // The first status is read on this thread, at once; every later one through the worker's API (on its thread for a
  // large source), made by the second, so its loading competes neither with the screens' code nor the first frame.
  const readers = made && statusReaders(made.api, (seed) => offThread!.api(made, seed));
  // Runs seen to end are recorded: one recorder per server, shared by this first look and the screens.
  const history = screenHistory(io.env);
  // The first look reads an LDAP source's status; any other kind (`scim/3`) is read by its screen's own poller.
  const firstLook = made && readers && settings.source && !settings.source.includes('/') ? lookFirst(readers.poll, settings.source, history(made.serverLabel)) : null;
  const [{ runApp }, { saveDefaultSource }, { statusesOffThread }] = await Promise.all([
    import('../../ui/app/run-app.js'),
    import('../../ui/app/save-default.js'),
    import('../../poll/worker/worker-api.js'),
  ]);
  // Sync statuses are read on a worker thread: keys never wait for a large answer to be parsed.
  offThread = statusesOffThread();
  let start: AppStart;
  if (made === null) {
    // The form needs keys; without a terminal on stdin, say what is missing instead.
    if (!io.stdin.isTTY) {
      fail(io, missing ?? 'No URL or token.');
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
  } else if (firstLook && readers) {
    // A first answer that comes soon after the code has loaded is in the first frame.
    await Promise.race([firstLook.answered, new Promise((resolve) => setTimeout(resolve, FIRST_ANSWER_WAIT_MS).unref())]);
    start = { kind: 'ready', connection: { api: readers.app, serverLabel: made.serverLabel, firstLook: firstLook.look } };
  } else {
    start = { kind: 'ready', connection: { api: offThread.api(made), serverLabel: made.serverLabel } };
  }
  try {
    return await runApp({
      start,
      slug: settings.source,
      intervalSeconds: settings.intervalSeconds,
      saveDefault: saveDefaultSource(store, settings.profile),
      history,
      attention: settings.attention,
      env: io.env,
      stderr: io.stderr,
      // The permission repairs are done and said; what stays true while the app runs is repeated on screen.
      notices: settings.warnings.filter((w) => !store.warnings.includes(w)),
      ...screenOptions(flags, io),
    });
  } finally {
    firstLook?.look.poll.cancel();
    await offThread.close();
  }
}
