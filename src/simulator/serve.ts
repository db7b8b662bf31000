// `aksync demo --serve`: start the simulator and keep it running until the process ends.
// Run directly (`node dist/simulator/serve.js`), it prints where to reach it and serves until interrupted.

import { pathToFileURL } from 'node:url';
import { startSimulator } from './server.js';
import type { Simulator, SimulatorOptions } from './types.js';

export interface Served {
  url: string;
  /** the simulator's own demo token (not a real credential) */
  token: string;
  simulator: Simulator;
}

/** Starts the simulator (the lively scenario unless told otherwise) and resolves with where to reach it. */
export async function serveForever(opts: SimulatorOptions = {}): Promise<Served> {
  const simulator = await startSimulator({ scenario: 'lively', ...opts });
  return { url: simulator.url, token: simulator.token, simulator };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { url, token, simulator } = await serveForever();
  process.stdout.write(`simulated authentik at ${url}\ndemo token: ${token}\n`);
  process.once('SIGINT', () => void simulator.close().then(() => process.exit(0)));
}
