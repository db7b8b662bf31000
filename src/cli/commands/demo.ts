// `aksync demo`: a simulated authentik on a loopback port, and the monitor on it (Esc: the overview of all its
// sources). No server, token or config needed.
import { holdYoungGeneration } from '../../runtime/young-generation.js';
import { createClient } from '../../api/client.js';
import { SCENARIO_NAMES, startSimulator, type ScenarioName } from '../../simulator/index.js';
import type { Flags } from '../args.js';
import { resolveAttention } from '../../config/settings.js';
import { fail } from '../context.js';
import { EXIT_USAGE } from '../main.js';
import type { Io } from '../output.js';
import { screenOptions } from './monitor.js';

export const DEMO_SLUG = 'corp-ad';

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      process.off('SIGHUP', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    process.once('SIGHUP', done);
  });
}

export async function runDemo(flags: Flags, io: Io): Promise<number> {
  const scenario = (flags.scenario ?? 'lively') as ScenarioName;
  if (!(SCENARIO_NAMES as readonly string[]).includes(scenario)) {
    fail(io, `there is no demo scenario '${flags.scenario}'; choose one of ${SCENARIO_NAMES.join(', ')}.`);
    return EXIT_USAGE;
  }
  holdYoungGeneration();
  const generation = flags.generation ?? 'A';
  const simulator = await startSimulator({ scenario, generation });
  try {
    if (flags.serve) {
      io.stdout.write(
        `Simulated authentik (generation ${generation}, scenario ${scenario}) listening on ${simulator.url}\n\n` +
          `  export AUTHENTIK_URL=${simulator.url}\n` +
          `  export AUTHENTIK_TOKEN=${simulator.token}\n` +
          `  aksync sources; aksync status ${DEMO_SLUG}; aksync status scim/7; aksync ${DEMO_SLUG}\n\n` +
          'Ctrl-C stops it.\n',
      );
      await untilSignal();
      return 0;
    }
    const api = createClient({ url: simulator.url, token: simulator.token });
    const serverLabel = `${simulator.url} (demo)`;
    if (!io.stdout.isTTY) {
      const [{ runStatus }, { memoryHistory }] = await Promise.all([import('./status.js'), import('../history-record.js')]);
      return await runStatus([DEMO_SLUG], { ...flags, url: simulator.url }, { ...io, env: { ...io.env, AUTHENTIK_TOKEN: simulator.token } }, memoryHistory());
    }
    // Esc in the monitor reaches the overview of every simulated source; `d` saves nothing (the demo has no settings).
    const [{ runApp }, { withStatusWorker }, { memoryHistory }] = await Promise.all([
      import('../../ui/app/run-app.js'),
      import('../../poll/worker/worker-api.js'),
      import('../history-record.js'),
    ]);
    const offThread = withStatusWorker(api, { url: simulator.url, token: simulator.token });
    try {
      return await runApp({
        start: { kind: 'ready', connection: { api: offThread.api, serverLabel } },
        slug: DEMO_SLUG,
        intervalSeconds: flags.intervalSeconds ?? 2,
        saveDefault: null,
        // The demo's server is on a new port each time: its runs are kept for this run only.
        history: memoryHistory(),
        attention: resolveAttention(flags, io.env),
        env: io.env,
        stderr: io.stderr,
        ...screenOptions(flags, io),
      });
    } finally {
      await offThread.close();
    }
  } finally {
    await simulator.close();
  }
}
