// Directory data is attacker-controlled: escape sequences in display names, loggers and page types must reach the
// terminal as visible text, never as commands (window title, clipboard, screen clear).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/types.js';
import { KEYS, type SpawnedTerminal } from './harness.js';
import { firstFrame, openMonitor, simulator, typeKeys } from './fixtures.js';

const OSC = '\x1b]';

let sim: Simulator;
let terminal: SpawnedTerminal;
beforeAll(async () => {
  sim = await simulator('hostile');
  terminal = openMonitor(sim, { cols: 120, rows: 36 });
  await firstFrame(terminal);
});
afterAll(async () => {
  await terminal.dispose();
  await sim.close();
});

function expectNoCommandFromTheData(t: SpawnedTerminal): void {
  expect(t.titles).toEqual([]);
  expect(t.outputText()).not.toContain(OSC);
  expect(t.outputText()).not.toContain('\x9b');
  expect(t.outputText()).not.toContain('\u202e');
}

describe('hostile directory data', () => {
  it('shows escape sequences in the task table as visible text', async () => {
    // Page 8's type carries a title-setting OSC sequence.
    await terminal.waitFor(/\\x1b\]0;pwned/, { description: 'the hostile page type, escaped' });
    expectNoCommandFromTheData(terminal);
  });

  it("shows the hostile page's messages as visible text in its log", async () => {
    await typeKeys(terminal, '/');
    await terminal.waitFor(/filter: /, { description: 'the filter prompt' });
    await typeKeys(terminal, 'Eve');
    await terminal.waitFor(/Tasks 1 of 101/, { description: 'the filter to find the page with the hostile messages' });
    await typeKeys(terminal, KEYS.enter);
    await terminal.waitFor((s) => !/filter: /.test(s), { description: 'the filter prompt to close' });
    await typeKeys(terminal, KEYS.enter);
    await terminal.waitFor(/Eve\\x1b\]0;pwned/, { description: 'the display name with its escape sequence shown' });
    await typeKeys(terminal, 'w');
    await terminal.waitFor(/Helpdesk\\x1b\]52;c;/, { description: 'the clipboard write shown as text, wrapped' });
    expect(terminal.screenText()).toContain('\\x1b[2JSynced 9999 objects.');
    expectNoCommandFromTheData(terminal);
    // Wide characters keep their columns: no row spills over into the next.
    expect(terminal.screenText()).toContain('山田太郎');
    expect(terminal.wrappedRows()).toEqual([]);
  });
});
