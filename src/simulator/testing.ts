// Helpers for tests that talk to a simulator over real HTTP.

import { startSimulator } from './server.js';
import type { Simulator, SimulatorOptions } from './types.js';

export interface CallResult {
  status: number;
  contentType: string;
  text: string;
  /** parsed JSON, or undefined when the body is not JSON */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests index freely into responses
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  /** override the Authorization header; null sends none */
  authorization?: string | null;
}

export async function call(sim: Simulator, path: string, opts: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = {};
  const authorization = opts.authorization === undefined ? `Bearer ${sim.token}` : opts.authorization;
  if (authorization !== null) headers.authorization = authorization;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${sim.url}/api/v3${path}`, {
    method: opts.method ?? 'GET',
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, json };
}

/** A clock the test moves by hand. */
export function manualClock(start = '2026-09-21T10:00:30.000Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

/**
 * A `start` function for a test file: simulators it starts (on a manual clock unless `now` is given) are closed
 * after each test. Pass vitest's `afterEach` (kept out of this module so the build does not depend on vitest).
 */
export function simulatorsForTests(afterEach: (fn: () => Promise<void>) => void, defaults: SimulatorOptions = {}) {
  const started: Simulator[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.close()));
  });
  return async (opts: SimulatorOptions = {}): Promise<Simulator> => {
    const simulator = await startSimulator({ now: manualClock().now, ...defaults, ...opts });
    started.push(simulator);
    return simulator;
  };
}
