// Resizing redraws at once with no leftover rows: after shrink, grow, shrink, the screen is exactly what a monitor
// started at that size shows.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Simulator } from '../../src/simulator/types.js';
import type { SpawnedTerminal } from './harness.js';
import { firstFrame, HAS_DATA, HEADER, simulator, useMonitor, type OnFinished } from './fixtures.js';

const TOO_SMALL = /terminal too small/;

let sim: Simulator;
beforeAll(async () => {
  sim = await simulator('healthy');
});
afterAll(async () => {
  await sim.close();
});

/** Clock readings and ages differ between two monitors started a moment apart; the layout must not. */
const masked = (lines: string[]) => lines.map((line) => line.replace(/\d/g, '#'));

/** A fresh monitor's settled screen at this size. */
async function freshScreen(onFinished: OnFinished, cols: number, rows: number): Promise<string[]> {
  const terminal = useMonitor(onFinished, sim, { cols, rows });
  await firstFrame(terminal);
  await terminal.waitForQuiet(400);
  return masked(terminal.screen());
}

function oneFrameThatFits(terminal: SpawnedTerminal, rows: number) {
  const screen = terminal.screen();
  return {
    rows: screen.length,
    headerOnFirstLine: HEADER.test(screen[0] ?? ''),
    headers: screen.filter((line) => HEADER.test(line)).length,
    // The frame is at most rows − 1 high: the last row stays empty.
    lastRow: screen[rows - 1],
  };
}
const FITS = (rows: number) => ({ rows, headerOnFirstLine: true, headers: 1, lastRow: '' });

describe.concurrent('resizing the terminal', () => {
  it('leaves no stale rows after shrink, grow, shrink', async ({ expect, onTestFinished }) => {
    const sizes: Array<[number, number]> = [
      [60, 15],
      [100, 30],
      [70, 20],
    ];
    const references = Promise.all(sizes.map(([cols, rows]) => freshScreen(onTestFinished, cols, rows)));
    const terminal = useMonitor(onTestFinished, sim, { cols: 120, rows: 40 });
    await firstFrame(terminal);
    expect(oneFrameThatFits(terminal, 40)).toEqual(FITS(40));
    const expected = await references;

    for (const [index, [cols, rows]] of sizes.entries()) {
      terminal.resize(cols, rows);
      const reference = expected[index] ?? [];
      await terminal.waitFor(() => masked(terminal.screen()).join('\n') === reference.join('\n'), {
        description: `the screen at ${cols}x${rows} to equal a fresh render:\n${reference.join('\n')}`,
      });
      expect(oneFrameThatFits(terminal, rows)).toEqual(FITS(rows));
    }
  });

  it('says "terminal too small" below 60x15, with nothing else left on screen, and comes back when there is room', async ({
    expect,
    onTestFinished,
  }) => {
    const terminal = useMonitor(onTestFinished, sim, { cols: 80, rows: 24 });
    await firstFrame(terminal);

    terminal.resize(59, 24);
    await terminal.waitFor(/too small \(need 60×15, have 59×24\)/);
    expect(terminal.screen().filter((line) => line !== '')).toHaveLength(1);

    // Wider again but too short: nothing of the 80-column frame may come back. (xterm.js, as in VS Code and web
    // consoles, keeps the cells cut off by a shrink and shows them again on a grow unless the screen is erased.)
    terminal.resize(80, 14);
    await terminal.waitFor(/too small \(need 60×15, have 80×14\)/);
    expect(terminal.screen().filter((line) => line !== '')).toEqual([expect.stringMatching(TOO_SMALL)]);

    terminal.resize(60, 15);
    await terminal.waitFor(HAS_DATA, { description: 'the monitor again at 60x15' });
    expect(terminal.screenText()).not.toMatch(TOO_SMALL);
    expect(oneFrameThatFits(terminal, 15)).toEqual(FITS(15));
  });
});
