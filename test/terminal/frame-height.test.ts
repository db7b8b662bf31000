// ink 6.8 clears the whole screen and the user's scrollback on every frame as tall as the terminal. The monitor
// keeps its frame at most rows − 1 high, so a running sync redraws in place: the scrollback never grows and no
// clear-screen sequence follows the first frame.
import { describe, it } from 'vitest';
import { countOccurrences, SEQ } from './harness.js';
import { HAS_DATA, useMonitor, useSimulator } from './fixtures.js';

/** The `running` scenario: every poll sees 20 more pages, until all 101 are done (a few seconds at 0.25 s). */
const RUN_FINISHED = (screen: string) => HAS_DATA.test(screen) && !/sync running/.test(screen) && /\b101\b/.test(screen);

/** Clear-screen and clear-scrollback sequences written after the first frame that showed data. */
function clearsAfterFirstFrame(output: string): number {
  const rest = output.slice(output.indexOf('corp-ad'));
  return countOccurrences(rest, SEQ.clearScreen) + countOccurrences(rest, SEQ.clearScrollback);
}

describe.concurrent('the frame height', () => {
  it.for([
    [60, 15],
    [120, 40],
  ])('at %ix%i in the normal screen (--no-alt-screen), a whole sync run never scrolls the terminal', async ([cols = 0, rows = 0], { expect, onTestFinished }) => {
    const sim = await useSimulator(onTestFinished, 'running');
    const terminal = useMonitor(onTestFinished, sim, { cols, rows, args: ['--no-alt-screen'] });
    await terminal.waitFor(/aksync /, { description: 'the first frame' });
    const buffer = () => ({ baseY: terminal.term.buffer.active.baseY, length: terminal.term.buffer.active.length });
    const before = buffer();

    await terminal.waitFor(RUN_FINISHED, { description: 'the run to finish' });
    expect(terminal.outputText(), 'the run was seen in progress').toMatch(/sync running/);
    expect(buffer()).toEqual(before);
    expect(terminal.screen()[rows - 1]).toBe('');
    expect(clearsAfterFirstFrame(terminal.outputText())).toBe(0);
  });

  it('in the alternate screen at 120x40, a whole sync run redraws in place without clearing the screen', async ({ expect, onTestFinished }) => {
    const sim = await useSimulator(onTestFinished, 'running');
    const terminal = useMonitor(onTestFinished, sim, { cols: 120, rows: 40 });
    await terminal.waitFor(RUN_FINISHED, { description: 'the run to finish' });
    expect(terminal.outputText()).toMatch(/sync running/);
    expect(clearsAfterFirstFrame(terminal.outputText())).toBe(0);
    expect(terminal.screen()[39]).toBe('');
  });
});
