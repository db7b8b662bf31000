// `status` records the run it sees end, and reports from the history: runs failed in the last 24 hours and the
// median duration, in its JSON and performance data. A history that cannot be written changes nothing else.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { captureIo } from './io.js';

describe('aksync status and the run history', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ generation: 'A', scenario: 'errors' });
  });
  afterAll(async () => {
    await sim.close();
  });
  const env = (state: string) => ({ AUTHENTIK_URL: sim.url, AUTHENTIK_TOKEN: sim.token, XDG_CONFIG_HOME: state, XDG_STATE_HOME: state });

  it('records the failed run once, and reports runs_failed_24h and median_duration_seconds', async () => {
    const state = mkdtempSync(path.join(tmpdir(), 'aksync-status-history-'));
    const first = captureIo(env(state));
    expect(await main(['status', 'corp-ad', '--json'], first)).toBe(2);
    const report = JSON.parse(first.out());
    expect(report.runs_failed_24h).toBe(1);
    expect(report.median_duration_seconds).toBeCloseTo(report.run.duration_seconds, 0);

    const again = captureIo(env(state));
    expect(await main(['status', 'corp-ad'], again)).toBe(2);
    const [line] = again.out().split('\n');
    expect(line).toMatch(/'?runs_failed_24h'?=1 '?median_duration'?=\d+\.\ds$/);
    expect(again.out()).toMatch(/History {3}median .* over the last runs, 1 run failed in the last 24 h/);

    const dir = path.join(state, 'aksync', 'history');
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^ldap\.corp-ad\.[0-9a-f]{10}\.jsonl$/);
    const text = readFileSync(path.join(dir, files[0] as string), 'utf8');
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(text).not.toContain(sim.token);
    expect(JSON.parse(text)).toMatchObject({ kind: 'ldap', id: 'corp-ad', verdict: 'CRITICAL', server: new URL(sim.url).origin });
    expect(statSync(path.join(dir, files[0] as string)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);

    // `aksync history` prints the same run, from the local history alone.
    const json = captureIo(env(state));
    expect(await main(['history', 'ldap/corp-ad', '--json', '--since', '7d'], json)).toBe(0);
    const history = JSON.parse(json.out());
    expect(history).toMatchObject({ schema: 'aksync.history/1', kind: 'ldap', id: 'corp-ad', server: new URL(sim.url).origin, runs_failed_24h: 1, error: null });
    expect(history.runs).toHaveLength(1);
    expect(history.runs[0]).toMatchObject({ verdict: 'CRITICAL', pages: report.totals.pages, errors: report.totals.errors });
    expect(history.runs[0].first_error).toBe(report.first_error.text);
    const plain = captureIo({ ...env(state), AUTHENTIK_URL: undefined });
    expect(await main(["history", "corp-ad"], plain)).toBe(0);
    expect(plain.out()).toMatch(/^ldap\/corp-ad: 1 run; median .* 1 run failed in the last 24 h/);
    expect(plain.out()).toMatch(/CRITICAL {2}\S/);
    const usage = captureIo(env(state));
    expect(await main(['history', 'corp-ad', '--since', 'soon'], usage)).toBe(2);
    expect(usage.err()).toMatch(/--since takes a time like 7d/);
  });

  it('every source in one check carries each source’s history', async () => {
    const state = mkdtempSync(path.join(tmpdir(), 'aksync-status-history-'));
    const io = captureIo(env(state));
    await main(['status', '--all', '--json'], io);
    const report = JSON.parse(io.out());
    const corp = report.checks.find((c: { source: { slug: string } }) => c.source.slug === 'corp-ad');
    expect(corp.runs_failed_24h).toBe(1);
    for (const check of report.checks) expect(check).toHaveProperty('median_duration_seconds');
  });

  it('a history that cannot be written is a warning on stderr, and the check is the same', async () => {
    const state = mkdtempSync(path.join(tmpdir(), 'aksync-status-history-'));
    mkdirSync(path.join(state, 'elsewhere'));
    symlinkSync(path.join(state, 'elsewhere'), path.join(state, 'aksync'));
    const io = captureIo(env(state));
    expect(await main(['status', 'corp-ad', '--json'], io)).toBe(2);
    expect(JSON.parse(io.out())).toMatchObject({ verdict: 'CRITICAL', runs_failed_24h: null, median_duration_seconds: null });
    expect(io.err()).toMatch(/warning: Run history is not saved: .*symbolic link/);
    expect(readdirSync(path.join(state, 'elsewhere'))).toEqual([]);
  });
});
