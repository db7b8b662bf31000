// The verdict is a coloured word. A CI variable must not stop the monitor drawing, nor drawing in colour: an ops
// host built from a CI image often has CI=true, and chalk turns colour off whenever CI is set at all, even to 'false'.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Simulator } from '../../src/simulator/types.js';
import type { SpawnedTerminal } from './harness.js';
import { firstFrame, simulator, useMonitor } from './fixtures.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await simulator('healthy');
});
afterAll(async () => {
  await sim.close();
});

/** The verdict word starts the header's second line. */
function verdictCell(terminal: SpawnedTerminal) {
  const buffer = terminal.term.buffer.active;
  const cell = buffer.getLine(buffer.viewportY + 1)?.getCell(0);
  return { chars: cell?.getChars(), coloured: cell ? !cell.isFgDefault() : false, bold: cell ? cell.isBold() !== 0 : false };
}

describe.concurrent('colour', () => {
  it.for([
    ['no CI variable', { CI: undefined }],
    ['CI=true', { CI: 'true' }],
    ['CI=false', { CI: 'false' }],
  ] as const)('draws the verdict in colour with %s', async ([, env], { expect, onTestFinished }) => {
    const terminal = useMonitor(onTestFinished, sim, { cols: 100, rows: 30, env });
    await firstFrame(terminal, /^OK\b/m);
    expect(verdictCell(terminal)).toEqual({ chars: 'O', coloured: true, bold: true });
  });

  it('draws no colour with NO_COLOR', async ({ expect, onTestFinished }) => {
    const terminal = useMonitor(onTestFinished, sim, { cols: 100, rows: 30, env: { NO_COLOR: '1' } });
    await firstFrame(terminal, /^OK\b/m);
    expect(verdictCell(terminal).coloured).toBe(false);
    expect(terminal.outputText()).not.toMatch(/\x1b\[(3\d|9\d|38;)/);
  });
});
