// However the monitor ends, the user's terminal comes back as it was: normal screen, cursor visible, no frame left.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Simulator } from '../../src/simulator/types.js';
import { KEYS, SEQ, type SpawnedTerminal } from './harness.js';
import { firstFrame, HEADER, simulator, useMonitor } from './fixtures.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await simulator('healthy');
});
afterAll(async () => {
  await sim.close();
});

const WAYS_TO_QUIT: Array<[string, (t: SpawnedTerminal) => void]> = [
  ['q', (t) => t.press('q')],
  ['Ctrl-C', (t) => t.press(KEYS.ctrlC)],
  ['SIGTERM', (t) => t.kill('SIGTERM')],
  ['SIGHUP', (t) => t.kill('SIGHUP')],
];

describe.concurrent('the alternate screen', () => {
  it.for(WAYS_TO_QUIT)('is entered, and left with the cursor shown, on %s', async ([, quit], { expect, onTestFinished }) => {
    const terminal = useMonitor(onTestFinished, sim, { cols: 100, rows: 30 });
    await firstFrame(terminal);
    expect(terminal.isAlternateScreen()).toBe(true);
    expect(terminal.outputText()).toContain(SEQ.altScreenOn);

    quit(terminal);
    const exit = await Promise.race([terminal.exit, new Promise<null>((r) => setTimeout(() => r(null), 60_000))]);
    expect(exit, 'the monitor exits').not.toBeNull();

    const output = terminal.outputText();
    const lastFrame = output.lastIndexOf('aksync ');
    expect(output.lastIndexOf(SEQ.altScreenOff)).toBeGreaterThan(lastFrame);
    expect(output.lastIndexOf(SEQ.showCursor)).toBeGreaterThan(lastFrame);
    expect(output.lastIndexOf(SEQ.showCursor)).toBeGreaterThan(output.lastIndexOf(SEQ.hideCursor));
    expect(terminal.isAlternateScreen()).toBe(false);
    // The user's own screen is not littered with a copy of the last frame.
    expect(terminal.screen().filter((line) => HEADER.test(line))).toEqual([]);
  });

  it('is not used with --no-alt-screen, and the cursor is still shown again', async ({ expect, onTestFinished }) => {
    const terminal = useMonitor(onTestFinished, sim, { cols: 100, rows: 30, args: ['--no-alt-screen'] });
    await firstFrame(terminal);
    expect(terminal.isAlternateScreen()).toBe(false);
    terminal.press('q');
    await terminal.exit;
    const output = terminal.outputText();
    expect(output).not.toContain(SEQ.altScreenOn);
    expect(output.lastIndexOf(SEQ.showCursor)).toBeGreaterThan(output.lastIndexOf(SEQ.hideCursor));
  });
});
