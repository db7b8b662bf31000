// What the "done when" asks of a newcomer: watch a run progress, open a task's log, find an error's
// traceback, filter, pause, quit, and get the terminal back.
import { describe, expect as globalExpect, it } from 'vitest';
import { KEYS, SEQ, spawnAksync, type SpawnedTerminal } from './harness.js';
import { HAS_DATA, HEADER, typeKeys, until, useMonitor, useSimulator } from './fixtures.js';

async function expectRestoredAfterQuit(t: SpawnedTerminal, expect: typeof globalExpect): Promise<void> {
  await typeKeys(t, 'q');
  expect((await t.exit).exitCode).toBe(0);
  expect(t.isAlternateScreen()).toBe(false);
  expect(t.outputText().lastIndexOf(SEQ.showCursor)).toBeGreaterThan(t.outputText().lastIndexOf(SEQ.hideCursor));
  expect(t.screen().filter((line) => HEADER.test(line))).toEqual([]);
}

describe.concurrent('a newcomer', () => {
  it('watches a run progress, finds the failed pages and their traceback, filters, pauses and quits', async ({ expect, onTestFinished }) => {
    const server = await useSimulator(onTestFinished, 'running');
    const t = useMonitor(onTestFinished, server, { cols: 120, rows: 36 });

    await t.waitFor(/sync running/, { description: 'the run in progress' });
    await t.waitFor((s) => HAS_DATA.test(s) && !/sync running/.test(s), { description: 'the run to finish' });

    // The next run fails on three users pages.
    server.setScenario('errors');
    await t.waitFor(/CRITICAL/, { description: 'the verdict to turn CRITICAL' });

    await typeKeys(t, '/');
    await t.waitFor(/filter: /, { description: 'the filter prompt' });
    await typeKeys(t, 'Connection refused');
    await t.waitFor(/Tasks 3 of 101/, { description: 'the filter to leave the three failed pages' });
    await typeKeys(t, KEYS.enter);
    await t.waitFor((s) => !/filter: /.test(s), { description: 'the filter prompt to close' });
    expect(t.screenText()).toContain('Connection refused');

    await typeKeys(t, KEYS.enter);
    await t.waitFor(/users page \w+ \(error\)[\s\S]*LDAPSocketOpenError/, { description: "the failed task's log" });
    await typeKeys(t, 'w');
    await t.waitFor(/Traceback \(most recent call last\):[\s\S]*ldap\/models\.py[\s\S]*LDAPSocketOpenError: socket connection error/, {
      description: 'the whole traceback, wrapped',
    });

    await typeKeys(t, KEYS.escape);
    await t.waitFor((s) => !/Traceback/.test(s) && /Connection refused/.test(s), { description: 'back to the filtered table' });

    await typeKeys(t, 'p');
    await t.waitFor(/\bpaused\b/, { description: 'the header to say paused' });
    const requestsWhenPaused = server.requests.length;
    // Absence of polling can only be observed over time: four poll intervals.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(server.requests.length, 'no polling while paused').toBe(requestsWhenPaused);
    await typeKeys(t, 'r');
    await until(() => server.requests.length > requestsWhenPaused, 'r to poll once while paused');
    expect(t.screenText()).toMatch(/\bpaused\b/);

    await typeKeys(t, 'p');
    await t.waitFor(/\blive\b/, { description: 'the header to say live again' });

    await expectRestoredAfterQuit(t, expect);
  });

  it('runs `aksync demo` with no server, token or settings and sees a sync source with data', async ({ expect, onTestFinished }) => {
    const terminal = spawnAksync(['demo', '--interval', '0.25'], { cols: 120, rows: 36 });
    onTestFinished(() => terminal.dispose());
    // The run summary's rows, not just the header: a frame can be on screen only in part while it is being written.
    await terminal.waitFor(/corp-ad[\s\S]*\busers\s+\d+/, { description: 'the demo monitor with data' });
    expect(terminal.isAlternateScreen()).toBe(true);
    await expectRestoredAfterQuit(terminal, expect);
  });
});
