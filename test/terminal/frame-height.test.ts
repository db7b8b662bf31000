// ink 6.8 clears the whole screen and the user's scrollback on every frame as tall as the terminal. The monitor
// keeps its frame at most rows − 1 high, so a running sync redraws in place: the scrollback never grows and no
// clear-screen sequence follows the first frame.
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/types.js';
import { countOccurrences, SEQ, type SpawnedTerminal } from './harness.js';
import { HAS_DATA, openMonitor, simulator } from './fixtures.js';

/** The `running` scenario: every poll sees 20 more pages, until all 101 are done (a few seconds at 0.25 s). */
const RUN_FINISHED = (screen: string) => HAS_DATA.test(screen) && !/sync running/.test(screen) && /\b101\b/.test(screen);

let sim: Simulator | undefined;
let terminal: SpawnedTerminal | undefined;
afterEach(async () => {
  await terminal?.dispose();
  await sim?.close();
  terminal = undefined;
  sim = undefined;
});

/** Clear-screen and clear-scrollback sequences written after the first frame that showed data. */
function clearsAfterFirstFrame(output: string): number {
  const firstFrame = output.indexOf('corp-ad');
  const rest = output.slice(firstFrame);
  return countOccurrences(rest, SEQ.clearScreen) + countOccurrences(rest, SEQ.clearScrollback);
}

describe('the frame height', () => {
  it.each([
    [60, 15],
    [120, 40],
  ])('at %ix%i in the normal screen (--no-alt-screen), a whole sync run never scrolls the terminal', async (cols, rows) => {
    sim = await simulator('running');
    terminal = openMonitor(sim, { cols, rows, args: ['--no-alt-screen'] });
    const opened = terminal;
    await opened.waitFor(/aksync /, { description: 'the first frame' });
    const scrollback = { baseY: opened.term.buffer.active.baseY, length: opened.term.buffer.active.length };

    await opened.waitFor(RUN_FINISHED, { timeoutMs: 8_000, description: 'the run to finish' });
    expect(opened.outputText(), 'the run was seen in progress').toMatch(/sync running/);
    expect({ baseY: opened.term.buffer.active.baseY, length: opened.term.buffer.active.length }).toEqual(scrollback);
    expect(opened.screen()[rows - 1]).toBe('');
    expect(clearsAfterFirstFrame(opened.outputText())).toBe(0);
  });

  it('in the alternate screen at 120x40, a whole sync run redraws in place without clearing the screen', async () => {
    sim = await simulator('running');
    terminal = openMonitor(sim, { cols: 120, rows: 40 });
    await terminal.waitFor(RUN_FINISHED, { timeoutMs: 8_000, description: 'the run to finish' });
    expect(terminal.outputText()).toMatch(/sync running/);
    expect(clearsAfterFirstFrame(terminal.outputText())).toBe(0);
    expect(terminal.screen()[39]).toBe('');
  });
});
