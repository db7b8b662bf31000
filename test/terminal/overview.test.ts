// The overview of every LDAP source in a real terminal, against the simulator's five sources: one whose status
// requests fail behind a proxy, one whose LDAP server is down, one disabled. And the newcomer's path: no settings,
// the setup form, the overview, a source's monitor and back.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/types.js';
import { FAST_INTERVAL, simulator } from './fixtures.js';
import { AKSYNC_BIN, KEYS, SEQ, spawnAksync, spawnTerminal, type SpawnedTerminal } from './harness.js';

const ROWS = 30;
const COLS = 120;
const FAILING_PATH = '/sources/ldap/corp-eu/sync/status';

let sim: Simulator | undefined;
let terminal: SpawnedTerminal | undefined;
afterEach(async () => {
  await terminal?.dispose();
  await sim?.close();
  terminal = undefined;
  sim = undefined;
});

/**
 * ink attaches a screen's key handler in an effect, just after its first frame is written: a key sent in between is
 * lost. A test waits for the output to settle after a screen change before pressing the next key, as a person would.
 */
const SETTLED_MS = 150;

/** The screen line of a source's row (the table's rows start with the selection marker column). */
function row(screen: string, name: string): string {
  return screen.split('\n').find((line) => /^[▶ ] /.test(line) && line.includes(name)) ?? '';
}

const NAMES = ['Branch office LDAP', 'Corp (legacy)', 'Corp EU', 'Corporate AD', 'OpenLDAP (staging)'];

/**
 * Every row drawn (a frame may reach the terminal in several writes) and no source still waiting for its answer. The
 * overview lists every sync object by kind: the five LDAP sources are the group headed `LDAP sources 5`.
 */
const allRows = (screen: string) =>
  /LDAP sources 5/.test(screen) && !/checking|CHECKING/.test(screen) && /q quit/.test(screen) && NAMES.every((n) => row(screen, n) !== '');

const everySourceRead = (screen: string) => allRows(screen) && /FAILING/.test(row(screen, 'Corp EU')) && /as akadmin/.test(screen);

describe('the overview in a terminal', () => {
  it('shows every source live, a failing and an unreachable one in their own rows, and never fills the last row', async () => {
    sim = await simulator('healthy');
    sim.setFault({ kind: 'status', status: 502, path: FAILING_PATH });
    terminal = spawnAksync(['--url', sim.url, '--interval', FAST_INTERVAL], { cols: COLS, rows: ROWS, env: { AUTHENTIK_TOKEN: sim.token } });
    const t = terminal;

    const screen = await t.waitFor(everySourceRead, { description: 'every source read, corp-eu failing' });
    expect(t.isAlternateScreen()).toBe(true);
    expect(row(screen, 'Corp EU')).toMatch(/FAILING +502 Bad Gateway from http:\/\/127\.0\.0\.1:\d+ \(an HTML page/);
    // With the run history kept (this terminal's XDG_STATE_HOME), the strip of last runs takes the ldap column's room
    // at 120 columns: the sentence still names the LDAP server.
    expect(row(screen, 'Branch office LDAP')).toMatch(/CRITICAL .* LDAP server( ldap\.branch\.example|$)/);
    expect(row(screen, 'Corporate AD')).toMatch(/OK .* \d+ pages, [\d,]+ objects/);
    expect(row(screen, 'OpenLDAP (staging)')).toMatch(/ no +OK .*the source is disabled/);
    expect(screen).toMatch(/1 of \d+ sync objects failing/);
    expect(t.screen()[ROWS - 1]).toBe('');

    // The failing source recovers by itself; the others never blanked meanwhile.
    sim.setFault(null);
    const recovered = await t.waitFor((s) => allRows(s) && / OK /.test(row(s, 'Corp EU')), { description: 'corp-eu to recover' });
    expect(recovered).toMatch(/live, every 0\.25s/);
    expect(row(recovered, 'Corporate AD')).toMatch(/ OK /);

    // A frame as tall as the terminal would clear the screen (and the scrollback) on every frame.
    const output = t.outputText();
    expect(output.split(SEQ.clearScrollback).length - 1).toBe(0);

    t.press('q');
    expect((await t.exit).exitCode).toBe(0);
    expect(t.isAlternateScreen()).toBe(false);
  });

  it('opens a source with Enter, comes back with Esc on the same row, and saves it as the default with d', async () => {
    sim = await simulator('healthy');
    terminal = spawnAksync(['--url', sim.url, '--interval', FAST_INTERVAL], { cols: COLS, rows: ROWS, env: { AUTHENTIK_TOKEN: sim.token } });
    const t = terminal;
    await t.waitFor(allRows, { description: 'the overview with data' });
    await t.waitForQuiet(SETTLED_MS);

    // By name: Branch office LDAP, Corp (legacy), Corp EU, Corporate AD, OpenLDAP.
    t.press('jj');
    await t.waitFor((s) => /^▶/.test(row(s, 'Corp EU')), { description: 'Corp EU selected' });
    t.press(KEYS.enter);
    await t.waitFor(/Corp EU \(corp-eu\)[\s\S]*Tasks \d+/, { description: "Corp EU's monitor" });
    await t.waitForQuiet(SETTLED_MS);
    t.press(KEYS.escape);
    const back = await t.waitFor(/LDAP sources 5/, { description: 'back in the overview' });
    expect(row(back, 'Corp EU')).toMatch(/^▶/);
    await t.waitForQuiet(SETTLED_MS);

    const configFile = path.join(t.configHome, 'aksync', 'config.json');
    t.press('d');
    await t.waitFor(/Saved corp-eu as the default source of profile 'default'/, { description: 'the status line after d' });
    expect(JSON.parse(readFileSync(configFile, 'utf8'))).toMatchObject({ profiles: { default: { source: 'corp-eu' } } });
    expect(readFileSync(configFile, 'utf8')).not.toContain(sim.token);

    t.press('q');
    expect((await t.exit).exitCode).toBe(0);
  });

  it('walks a newcomer with no settings from the setup form to the overview and a source’s monitor', async () => {
    sim = await simulator('healthy');
    terminal = spawnAksync(['--interval', FAST_INTERVAL], { cols: COLS, rows: ROWS });
    const t = terminal;
    await t.waitFor(/aksync: connect to authentik/, { description: 'the setup form' });
    await t.waitForQuiet(SETTLED_MS);
    t.press(sim.url);
    t.press('\t');
    t.press(sim.token);
    t.press(KEYS.enter);
    const overview = await t.waitFor(allRows, { description: 'the overview after setup' });
    expect(overview).not.toContain(sim.token);
    expect(t.outputText()).not.toContain(sim.token);

    const saved = JSON.parse(readFileSync(path.join(t.configHome, 'aksync', 'config.json'), 'utf8')) as { profiles: Record<string, { url: string }> };
    expect(saved.profiles.default?.url).toBe(sim.url);
    await t.waitForQuiet(SETTLED_MS);

    t.press(KEYS.enter);
    await t.waitFor(/\(branch\)|\(ldap-down\)/, { description: 'the first source’s monitor' });
    await t.waitForQuiet(SETTLED_MS);
    t.press(KEYS.escape);
    await t.waitFor(/LDAP sources 5/, { description: 'back in the overview' });
    t.press('q');
    expect((await t.exit).exitCode).toBe(0);
    expect(t.isAlternateScreen()).toBe(false);
  });

  it('cancels the setup form with Esc: a sentence after the screen is restored, exit 3, nothing written', async () => {
    terminal = spawnAksync([], { cols: COLS, rows: ROWS });
    const t = terminal;
    await t.waitFor(/aksync: connect to authentik/, { description: 'the setup form' });
    await t.waitForQuiet(SETTLED_MS);
    t.press(KEYS.escape);
    expect((await t.exit).exitCode).toBe(3);
    expect(t.isAlternateScreen()).toBe(false);
    expect(t.screenText()).toMatch(/Setup cancelled; nothing was saved/);
    expect(() => readFileSync(path.join(t.configHome, 'aksync', 'config.json'))).toThrow();
  });

  it('without a terminal on stdin, names what is missing instead of the form, and exits 3', async () => {
    terminal = spawnTerminal('sh', ['-c', `exec '${process.execPath}' '${AKSYNC_BIN}' < /dev/null`], { cols: COLS, rows: ROWS });
    expect((await terminal.exit).exitCode).toBe(3);
    expect(terminal.screenText()).toMatch(/No authentik URL or API token is set\. Run `aksync config login`/);
    expect(terminal.outputText()).not.toContain(SEQ.altScreenOn);
  });

  it('in the demo, Esc in the monitor reaches the overview of every simulated source, and d saves nothing', async () => {
    terminal = spawnAksync(['demo', '--interval', FAST_INTERVAL], { cols: COLS, rows: ROWS });
    const t = terminal;
    await t.waitFor(/Corporate AD \(corp-ad\)[\s\S]*\blive\b/, { description: 'the demo monitor with data' });
    t.press(KEYS.escape);
    const overview = await t.waitFor(allRows, { description: 'the overview of the demo sources' });
    expect(row(overview, 'Corporate AD')).toMatch(/^▶/);
    expect(row(overview, 'Branch office LDAP')).toMatch(/CRITICAL/);
    t.press('d');
    await t.waitFor(/Nothing saved: there is no settings file here/, { description: 'the demo refusing to save' });
    t.press('q');
    expect((await t.exit).exitCode).toBe(0);
    expect(() => readFileSync(path.join(t.configHome, 'aksync', 'config.json'))).toThrow();
  });
});
