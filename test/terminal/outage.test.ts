// Losing authentik never blanks the screen and never ends the program: the last data stays with the failure shown,
// and the monitor recovers by itself when the server is back.
import { describe, it } from 'vitest';
import { firstFrame, HAS_DATA, useMonitor, useSimulator } from './fixtures.js';

const FAILING = /\b(retrying|stale)\b/;
/** Rows of the completed run that must stay on screen while the server is gone. */
const OLD_DATA = /\busers\b[\s\S]*\bgroups\b[\s\S]*\bmembership\b/;
const WITH_DATA = (screen: string) => HAS_DATA.test(screen) && OLD_DATA.test(screen);

describe.concurrent('when authentik goes away mid-run', () => {
  it('keeps the old data with the failure on screen, and recovers when the server comes back', async ({ expect, onTestFinished }) => {
    const first = await useSimulator(onTestFinished, 'healthy');
    const terminal = useMonitor(onTestFinished, first, { cols: 120, rows: 36 });
    await firstFrame(terminal, WITH_DATA);

    await first.close();
    const failing = await terminal.waitFor(FAILING, { description: 'the header to say retrying or stale' });
    expect(failing).toMatch(OLD_DATA);
    expect(failing).toMatch(/\bOK\b/);
    expect(failing).not.toMatch(/\blive\b/);

    // The same address again, as after a restart of authentik.
    await useSimulator(onTestFinished, 'healthy', Number(new URL(first.url).port));
    await terminal.waitFor(/\blive\b/, { description: 'the header back to live' });
    expect(terminal.screenText()).not.toMatch(FAILING);
    expect(terminal.screenText()).toMatch(OLD_DATA);
  });

  it('treats dropped connections the same way, and recovers when they stop', async ({ expect, onTestFinished }) => {
    const sim = await useSimulator(onTestFinished, 'healthy');
    const terminal = useMonitor(onTestFinished, sim, { cols: 100, rows: 30 });
    await firstFrame(terminal, WITH_DATA);

    sim.setFault({ kind: 'reset' });
    const failing = await terminal.waitFor(FAILING, { description: 'the header to say retrying or stale' });
    expect(failing).toMatch(OLD_DATA);

    sim.setFault(null);
    await terminal.waitFor(/\blive\b/, { description: 'the header back to live' });
    expect(terminal.screenText()).toMatch(OLD_DATA);
  });
});
