// Resizing redraws at once with no leftover rows: after shrink, grow, shrink, the screen is exactly what a monitor
// started at that size shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/types.js';
import type { SpawnedTerminal } from './harness.js';
import { HAS_DATA, HEADER, openMonitor, simulator } from './fixtures.js';

const TOO_SMALL = /terminal too small/;

let sim: Simulator;
const opened: SpawnedTerminal[] = [];
beforeAll(async () => {
  sim = await simulator('healthy');
});
afterAll(async () => {
  await Promise.all(opened.map((t) => t.dispose()));
  await sim.close();
});

function open(cols: number, rows: number): SpawnedTerminal {
  const terminal = openMonitor(sim, { cols, rows });
  opened.push(terminal);
  return terminal;
}

/** Clock readings and ages differ between two monitors started a moment apart; the layout must not. */
const masked = (lines: string[]) => lines.map((line) => line.replace(/\d/g, '#'));

/** A fresh monitor's settled screen at this size. */
async function freshScreen(cols: number, rows: number): Promise<string[]> {
  const terminal = open(cols, rows);
  await terminal.waitFor(HAS_DATA, { description: `a fresh frame at ${cols}x${rows}` });
  await terminal.waitForQuiet(400);
  return masked(terminal.screen());
}

function expectOneFrameThatFits(terminal: SpawnedTerminal, rows: number): void {
  const screen = terminal.screen();
  expect(screen).toHaveLength(rows);
  expect(screen[0]).toMatch(HEADER);
  expect(screen.filter((line) => HEADER.test(line))).toHaveLength(1);
  // The frame is at most rows − 1 high: the last row stays empty.
  expect(screen[rows - 1]).toBe('');
}

describe('resizing the terminal', () => {
  it('leaves no stale rows after shrink, grow, shrink', async () => {
    const sizes: Array<[number, number]> = [
      [60, 15],
      [100, 30],
      [70, 20],
    ];
    const references = Promise.all(sizes.map(([cols, rows]) => freshScreen(cols, rows)));
    const terminal = open(120, 40);
    await terminal.waitFor(HAS_DATA, { description: 'the first frame with data at 120x40' });
    expectOneFrameThatFits(terminal, 40);
    const expected = await references;

    for (const [index, [cols, rows]] of sizes.entries()) {
      terminal.resize(cols, rows);
      const reference = expected[index] ?? [];
      await terminal.waitFor(() => masked(terminal.screen()).join('\n') === reference.join('\n'), {
        timeoutMs: 3_000,
        description: `the screen at ${cols}x${rows} to equal a fresh render:\n${reference.join('\n')}`,
      });
      expectOneFrameThatFits(terminal, rows);
    }
  });

  it('says "terminal too small" below 60x15 and comes back when there is room again', async () => {
    const terminal = open(80, 24);
    await terminal.waitFor(HAS_DATA, { description: 'the first frame with data' });

    terminal.resize(59, 24);
    await terminal.waitFor(/too small \(need 60×15, have 59×24\)/, { timeoutMs: 3_000 });
    expect(terminal.screen().filter((line) => line !== '')).toHaveLength(1);

    // Wider again but too short: nothing of the 80-column frame may come back. (xterm.js, as in VS Code and web
    // consoles, keeps the cells cut off by a shrink and shows them again on a grow unless the screen is erased.)
    terminal.resize(80, 14);
    await terminal.waitFor(/too small \(need 60×15, have 80×14\)/, { timeoutMs: 3_000 });
    expect(terminal.screen().filter((line) => line !== '')).toEqual([expect.stringMatching(TOO_SMALL)]);

    terminal.resize(60, 15);
    await terminal.waitFor(HAS_DATA, { timeoutMs: 3_000, description: 'the monitor again at 60x15' });
    expect(terminal.screenText()).not.toMatch(TOO_SMALL);
    expectOneFrameThatFits(terminal, 15);
  });
});
