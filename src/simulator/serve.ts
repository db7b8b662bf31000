// `aksync demo --serve`: start the simulator and keep it running until the process ends.

import { startSimulator } from './server.js';
import type { Simulator, SimulatorOptions } from './types.js';

export interface Served {
  url: string;
  token: string;
  simulator: Simulator;
}

/** Starts the simulator (the lively scenario unless told otherwise) and resolves with where to reach it. */
export async function serveForever(opts: SimulatorOptions = {}): Promise<Served> {
  const simulator = await startSimulator({ scenario: 'lively', ...opts });
  return { url: simulator.url, token: simulator.token, simulator };
}
