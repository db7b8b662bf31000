// Every kind of sync object in a real terminal, against the simulator (2024.8.3, generation A: no Kerberos yet):
// the overview in groups by kind with one quiet line for the kind the server lacks, and Enter on a provider opening
// its monitor in the provider's own terms (users and groups pushed, the objects that failed named). At 80×24 and at
// the smallest size, 60×15.
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/types.js';
import { FAST_INTERVAL, simulator } from './fixtures.js';
import { KEYS, spawnAksync, type SpawnedTerminal } from './harness.js';

let sim: Simulator | undefined;
let terminal: SpawnedTerminal | undefined;
afterEach(async () => {
  await terminal?.dispose();
  await sim?.close();
  terminal = undefined;
  sim = undefined;
});

const SETTLED_MS = 150;
const line = (screen: string, text: string) => screen.split('\n').find((l) => l.includes(text)) ?? '';

describe('sync objects of every kind in a terminal', () => {
  it('80×24: groups by kind, one quiet line for Kerberos, Enter opens a SCIM provider in its own terms', async () => {
    sim = await simulator('healthy');
    terminal = spawnAksync(['--url', sim.url, '--interval', FAST_INTERVAL], { cols: 80, rows: 24, env: { AUTHENTIK_TOKEN: sim.token } });
    const t = terminal;
    const screen = await t.waitFor((s) => /Sync objects \d+/.test(s) && /SCIM providers 3/.test(s) && /Zoom SCIM +WARNING/.test(s) && !/CHECKING/.test(s), {
      description: 'the overview with every kind read',
    });
    expect(screen).toMatch(/LDAP sources 5/);
    expect(line(screen, 'Kerberos sources:')).toMatch(/^Kerberos sources: this authentik has none \(Kerberos sources came in 2024\.10\)/);
    expect(t.screen()[23]).toBe('');

    // Filter to Zoom SCIM (three users fail on every run) and open it.
    await t.waitForQuiet(SETTLED_MS);
    t.press('/zoom\r');
    await t.waitFor((s) => /filter "zoom"/.test(s) && /^▶ Zoom SCIM/m.test(s), { description: 'Zoom SCIM selected' });
    await t.waitForQuiet(SETTLED_MS);
    t.press(KEYS.enter);
    const monitor = await t.waitFor((s) => /Zoom SCIM \(scim\/7\)/.test(s) && /authentik → SCIM/.test(s) && /Tasks \d+/.test(s), { description: "Zoom SCIM's monitor" });
    expect(monitor).toMatch(/3 objects failed/);
    expect(monitor).toMatch(/! user m\.okafor: transient error: <Response \[400\]>/);
    expect(monitor).not.toMatch(/membership/);
    expect(t.screen()[23]).toBe('');
    await t.waitForQuiet(SETTLED_MS);
    t.press(KEYS.escape);
    await t.waitFor(/Sync objects \d+/, { description: 'back in the overview' });
    t.press('q');
    expect((await t.exit).exitCode).toBe(0);
  });

  it('aksync scim/7 on the command line opens that provider\'s monitor straight away', async () => {
    sim = await simulator('healthy');
    terminal = spawnAksync(['scim/7', '--url', sim.url, '--interval', FAST_INTERVAL], { cols: 80, rows: 24, env: { AUTHENTIK_TOKEN: sim.token } });
    const t = terminal;
    const monitor = await t.waitFor((s) => /Zoom SCIM \(scim\/7\)/.test(s) && /authentik → SCIM/.test(s) && /Tasks \d+/.test(s), { description: "Zoom SCIM's monitor" });
    expect(monitor).toMatch(/3 objects failed/);
    t.press('q');
    expect((await t.exit).exitCode).toBe(0);
  });

  it('60×15: the grouped overview and a provider monitor fit the smallest terminal', async () => {
    sim = await simulator('healthy');
    terminal = spawnAksync(['--url', sim.url, '--interval', FAST_INTERVAL], { cols: 60, rows: 15, env: { AUTHENTIK_TOKEN: sim.token } });
    const t = terminal;
    const overview = await t.waitFor((s) => /Sync objects \d+/.test(s) && /LDAP sources 5/.test(s) && !/CHECKING/.test(s), { description: 'the overview' });
    expect(t.screen()[14]).toBe('');
    expect(overview.split('\n').every((l) => l.length <= 60)).toBe(true);
    await t.waitForQuiet(SETTLED_MS);
    t.press('/zoom\r');
    await t.waitFor((s) => /^▶ Zoom SCIM/m.test(s), { description: 'Zoom SCIM selected' });
    await t.waitForQuiet(SETTLED_MS);
    t.press(KEYS.enter);
    await t.waitFor((s) => /authentik → SCIM: users \dp 3 failed/.test(s), { description: "Zoom SCIM's compact summary" });
    expect(t.screen()[14]).toBe('');
  });
});
