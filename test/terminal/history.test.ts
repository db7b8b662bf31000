// Trends in a real terminal, against the simulator, with a run history already on disk: the monitor header's
// duration against the median, the overview's strip of the last runs, and h opening an object's history (Enter into
// a past run, Esc back) at 80×24 and at the smallest size, 60×15.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openHistoryStore } from '../../src/history/store.js';
import { runRecord } from '../../src/history/test-support/records.js';
import type { Simulator } from '../../src/simulator/types.js';
import { FAST_INTERVAL, simulator } from './fixtures.js';
import { KEYS, spawnAksync, type SpawnedTerminal } from './harness.js';

let sim: Simulator | undefined;
let terminal: SpawnedTerminal | undefined;
let stateHome: string | undefined;
afterEach(async () => {
  await terminal?.dispose();
  await sim?.close();
  if (stateHome) rmSync(stateHome, { recursive: true, force: true });
  terminal = undefined;
  sim = undefined;
  stateHome = undefined;
});

/** Ten past runs of corp-ad on this server, two hours apart, the third newest failed; a median of 58 s. */
function writeHistory(server: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'aksync-state-'));
  const store = openHistoryStore({ env: { XDG_STATE_HOME: dir } });
  const newest = Date.now() - 3 * 3600_000;
  for (let i = 0; i < 10; i += 1) {
    const failed = i === 2 ? { verdict: 'CRITICAL' as const, errors: 1, first_error: 'ldap3.core.exceptions.LDAPSocketOpenError: socket connection error' } : {};
    expect(store.append(runRecord(newest - i * 2 * 3600_000, { server, ...failed }, 58)).ok).toBe(true);
  }
  return dir;
}

/** ink attaches a screen's keys in an effect just after its first frame: wait for output to settle before a key. */
const SETTLED_MS = 150;

describe('run history in a terminal', () => {
  it('80×24: the header compares the run with the median, h lists the past runs, Enter opens one, Esc comes back; the overview shows the strip', async () => {
    sim = await simulator('healthy');
    stateHome = writeHistory(sim.url);
    terminal = spawnAksync(['corp-ad', '--url', sim.url, '--interval', FAST_INTERVAL], {
      cols: 80,
      rows: 24,
      env: { AUTHENTIK_TOKEN: sim.token, XDG_STATE_HOME: stateHome },
    });
    const t = terminal;
    const monitor = await t.waitFor(/median 58s/, { description: 'the run against the median' });
    expect(monitor).toMatch(/live, every 0\.25s · [\d.ms ]+, median 58s/);

    await t.waitForQuiet(SETTLED_MS);
    t.press('h');
    const history = await t.waitFor(/Run history/, { description: 'the history table' });
    // The ten on disk, and the run just seen end once the monitor saw it.
    expect(history).toMatch(/Run history Corporate AD \(corp-ad\) · 1[01] runs · median 58s/);
    expect(history).toMatch(/CRITICAL ldap3\.core/);
    expect(t.screen().filter((l) => /^[▶ ] \d{4}-\d\d-\d\d \d\d:\d\d:\d\d +58s/.test(l)).length).toBeGreaterThanOrEqual(5);

    await t.waitForQuiet(SETTLED_MS);
    t.press(KEYS.enter);
    await t.waitFor(/Verdict: OK/, { description: "the newest past run's summary" });
    t.press(KEYS.escape);
    await t.waitFor(/Run history Corporate AD/, { description: 'back to the history' });
    await t.waitForQuiet(SETTLED_MS);
    t.press(KEYS.escape);
    await t.waitFor(/Tasks \d+/, { description: 'back to the task table' });

    // The overview: the strip of the last seven runs, oldest first, with the failed one in it.
    await t.waitForQuiet(SETTLED_MS);
    t.press(KEYS.escape);
    const overview = await t.waitFor((s) => /LDAP sources 5/.test(s) && /✓+✗✓+/.test(s), { description: 'the strip in the overview' });
    expect(overview.split('\n').find((l) => l.includes('Corporate AD'))).toMatch(/ ✓{3,4}✗✓{2,3} /);
    expect(t.screen()[23]).toBe('');
  });

  it('60×15: the history fits the smallest terminal', async () => {
    sim = await simulator('healthy');
    stateHome = writeHistory(sim.url);
    terminal = spawnAksync(['corp-ad', '--url', sim.url, '--interval', FAST_INTERVAL], {
      cols: 60,
      rows: 15,
      env: { AUTHENTIK_TOKEN: sim.token, XDG_STATE_HOME: stateHome },
    });
    const t = terminal;
    await t.waitFor(/median 58s|Tasks \d+/, { description: 'the monitor' });
    await t.waitForQuiet(SETTLED_MS);
    t.press('h');
    await t.waitFor(/Run history/, { description: 'the history table' });
    const lines = t.screen();
    expect(lines[14]).toBe('');
    expect(lines.filter((l) => /^[▶ ] \d{4}-\d\d-\d\d \d\d:\d\d:\d\d +58s/.test(l)).length).toBeGreaterThanOrEqual(3);
    expect(lines.join('\n')).toMatch(/Enter run {2}Esc back {2}q quit/);
  });
});
