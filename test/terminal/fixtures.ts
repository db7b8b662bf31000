// What most terminal tests share: a simulated authentik in the test process, and the monitor pointed at it.
import { startSimulator } from '../../src/simulator/index.js';
import type { ScenarioName, Simulator } from '../../src/simulator/types.js';
import { DEFAULT_TIMEOUT_MS, spawnAksync, type ScreenMatch, type SpawnedTerminal, type TerminalOptions } from './harness.js';

export const SLUG = 'corp-ad';
/** Polls four times a second, so every state a test waits for arrives within a deadline of a few seconds. */
export const FAST_INTERVAL = '0.25';

export async function simulator(scenario: ScenarioName, port?: number): Promise<Simulator> {
  return await startSimulator({ generation: 'A', scenario, ...(port === undefined ? {} : { port }) });
}

export function monitorArgs(sim: Simulator, ...extra: string[]): string[] {
  return [SLUG, '--url', sim.url, '--interval', FAST_INTERVAL, ...extra];
}

/** The monitor of corp-ad against `sim`, in a terminal of the given size. */
export function openMonitor(sim: Simulator, options: TerminalOptions & { args?: string[] } = {}): SpawnedTerminal {
  const { args = [], ...terminal } = options;
  return spawnAksync(monitorArgs(sim, ...args), { ...terminal, env: { AUTHENTIK_TOKEN: sim.token, ...terminal.env } });
}

/** A test's `onTestFinished`: concurrent tests clean up their own simulator and terminal. */
export type OnFinished = (cleanup: () => Promise<void> | void) => void;

export async function useSimulator(onFinished: OnFinished, scenario: ScenarioName, port?: number): Promise<Simulator> {
  const sim = await simulator(scenario, port);
  onFinished(() => sim.close());
  return sim;
}

export function useMonitor(onFinished: OnFinished, sim: Simulator, options: TerminalOptions & { args?: string[] } = {}): SpawnedTerminal {
  const terminal = openMonitor(sim, options);
  onFinished(() => terminal.dispose());
  return terminal;
}

/** The header's first line: `aksync · <server> · ...`. */
export const HEADER = /^aksync /;
/** The header once the first answer has arrived (the source's name is known, the verdict is set). */
export const HAS_DATA = /\b(OK|WARNING|CRITICAL|UNKNOWN)\b[\s\S]*\blive\b/;

/**
 * A person's keys are never closer together than this. A screen that has just appeared (the monitor after Enter in
 * the overview) attaches its key handler in an effect, a little after its first frame is on screen. (Keys that
 * change the mode within one screen take effect at once: see the keymap-input test in src/ui.)
 */
const KEY_GAP_MS = 60;

/** Presses keys the way a person does: a moment after the screen has changed. */
export async function typeKeys(terminal: SpawnedTerminal, keys: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, KEY_GAP_MS));
  terminal.press(keys);
}

/** Waits for the first frame with data. */
export async function firstFrame(terminal: SpawnedTerminal, match: ScreenMatch = HAS_DATA): Promise<string> {
  return await terminal.waitFor(match, { description: 'the first frame with data' });
}

/** Resolves when `condition` holds, polling every 20 ms; rejects with `description` after `timeoutMs`. */
export async function until(condition: () => boolean, description: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
