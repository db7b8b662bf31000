// Losing authentik never blanks the screen and never ends the program: the last data stays with the failure shown,
// and the monitor recovers by itself when the server is back.
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/types.js';
import type { SpawnedTerminal } from './harness.js';
import { HAS_DATA, openMonitor, simulator } from './fixtures.js';

const FAILING = /\b(retrying|stale)\b/;
/** Rows of the completed run that must stay on screen while the server is gone. */
const OLD_DATA = /\busers\b[\s\S]*\bgroups\b[\s\S]*\bmembership\b/;

let sims: Simulator[] = [];
let terminal: SpawnedTerminal | undefined;
afterEach(async () => {
  await terminal?.dispose();
  await Promise.all(sims.map((s) => s.close()));
  terminal = undefined;
  sims = [];
});

describe('when authentik goes away mid-run', () => {
  it('keeps the old data with the failure on screen, and recovers when the server comes back', async () => {
    const first = await simulator('healthy');
    sims.push(first);
    terminal = openMonitor(first, { cols: 120, rows: 36 });
    const t = terminal;
    await t.waitFor((s) => HAS_DATA.test(s) && OLD_DATA.test(s), { description: 'the first frame with data' });

    await first.close();
    const failing = await t.waitFor(FAILING, { description: 'the header to say retrying or stale' });
    expect(failing).toMatch(OLD_DATA);
    expect(failing).toMatch(/\bOK\b/);
    expect(failing).not.toMatch(/\blive\b/);

    // The same address again, as after a restart of authentik.
    const port = Number(new URL(first.url).port);
    sims.push(await simulator('healthy', port));
    await t.waitFor(/\blive\b/, { timeoutMs: 8_000, description: 'the header back to live' });
    expect(t.screenText()).not.toMatch(FAILING);
    expect(t.screenText()).toMatch(OLD_DATA);
  });

  it('treats dropped connections the same way, and recovers when they stop', async () => {
    const sim = await simulator('healthy');
    sims.push(sim);
    terminal = openMonitor(sim, { cols: 100, rows: 30 });
    const t = terminal;
    await t.waitFor((s) => HAS_DATA.test(s) && OLD_DATA.test(s), { description: 'the first frame with data' });

    sim.setFault({ kind: 'reset' });
    const failing = await t.waitFor(FAILING, { description: 'the header to say retrying or stale' });
    expect(failing).toMatch(OLD_DATA);

    sim.setFault(null);
    await t.waitFor(/\blive\b/, { timeoutMs: 8_000, description: 'the header back to live' });
    expect(t.screenText()).toMatch(OLD_DATA);
  });
});
