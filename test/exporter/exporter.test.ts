// `aksync exporter` against the simulated authentik over real HTTP: what a scrape reads, what the log says, and what
// never leaks. The real Prometheus server scraping it is prometheus.test.ts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempConfigHome, writeConfigFile } from '../../src/config/test-helpers.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { captureIo } from '../cli/io.js';
import { eventually, main, scrape, startExporterCli, value, verdictOf, type RunningExporter } from './support.js';

const xdg = mkdtempSync(path.join(tmpdir(), 'aksync-exporter-'));
const running: Array<{ stop(): Promise<unknown> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((thing) => thing.stop()));
});

async function simulator(options: Parameters<typeof startSimulator>[0]): Promise<Simulator> {
  const sim = await startSimulator(options);
  running.push({ stop: () => sim.close() });
  return sim;
}

async function exporter(sim: Simulator, args: string[] = []): Promise<RunningExporter> {
  const started = await startExporterCli(['--interval', '0.25', ...args], { AUTHENTIK_URL: sim.url, AUTHENTIK_TOKEN: sim.token, XDG_CONFIG_HOME: xdg });
  running.push(started);
  return started;
}

const host = (sim: Simulator) => new URL(sim.url).host;

describe('aksync exporter', () => {
  it("serves each source's verdict, run figures and authentik's state, labelled server, kind and object", async () => {
    const sim = await simulator({ scenario: 'problems' });
    const { url } = await exporter(sim);
    const server = host(sim);
    const text = await eventually(async () => {
      const { text } = await scrape(url);
      const known = ['corp-ad', 'ldap-down', 'corp', 'openldap'].every((object) => ![null, 'unknown'].includes(verdictOf(text, server, object)));
      return known ? text : null;
    }, 'the verdicts of corp-ad, ldap-down, corp and openldap');
    expect(verdictOf(text, server, 'ldap-down')).toBe('critical');
    expect(verdictOf(text, server, 'corp')).toBe('ok');
    expect(verdictOf(text, server, 'openldap')).toBe('ok');
    const corpAd = { server, kind: 'ldap', object: 'corp-ad' };
    expect(value(text, 'aksync_sync_problems', corpAd)).toBeGreaterThan(0);
    expect(value(text, 'aksync_sync_pages', corpAd)).toBeGreaterThan(0);
    expect(value(text, 'aksync_sync_last_run_duration_seconds', corpAd)).toBeGreaterThan(0);
    expect(value(text, 'aksync_sync_running', corpAd)).toBe(0);
    expect(value(text, 'aksync_up', { server })).toBe(1);
    // Every kind of sync object, each labelled with its own kind: a SCIM provider failing for a few users, an Entra
    // provider whose run failed.
    expect(await eventually(async () => verdictOf((await scrape(url)).text, server, '7', 'scim'), 'scim/7')).toBe('warning');
    expect(await eventually(async () => verdictOf((await scrape(url)).text, server, '11', 'microsoft_entra'), 'microsoft_entra/11')).toBe('critical');
    // The disabled source that never synced has a verdict but no run.
    expect(value(text, 'aksync_sync_pages', { server, kind: 'ldap', object: 'openldap' })).toBeNull();
    // Every metric has help, and no label carries text from the server.
    for (const name of new Set([...text.matchAll(/^(aksync_\w+?)(?:_bucket|_sum|_count)?[{ ]/gm)].map((m) => m[1] ?? ''))) {
      expect(text).toMatch(new RegExp(`^# HELP ${name.replace(/_(bucket|sum|count)$/, '')} \\S`, 'm'));
    }
    const labelNames = new Set([...text.matchAll(/[{,](\w+)="/g)].map((m) => m[1]));
    expect([...labelNames].filter((name) => !['server', 'kind', 'object', 'verdict', 'error', 'le', 'version', 'major', 'minor', 'patch', 'space', 'type'].includes(name ?? ''))).toEqual([]);
    expect(text).not.toContain(sim.token);
  });

  it("a run in progress is running 1 with its verdict so far, and its pages never pass for the last run's", async () => {
    // Each poll of the running scenario sees 20 more of the run's 101 pages, until all are done.
    const sim = await simulator({ scenario: 'running' });
    const { url } = await exporter(sim, ['--interval', '1']); // the last --interval counts
    const server = host(sim);
    const corpAd = { server, kind: 'ldap', object: 'corp-ad' };
    const seen: Array<{ running: number | null; pages: number | null; verdict: string | null }> = [];
    await eventually(async () => {
      const { text } = await scrape(url);
      const now = { running: value(text, 'aksync_sync_running', corpAd), pages: value(text, 'aksync_sync_pages', corpAd), verdict: verdictOf(text, server, 'corp-ad') };
      seen.push(now);
      return now.running === 0 && now.pages !== null ? true : null;
    }, 'the run to end');
    const whileRunning = seen.filter((s) => s.running === 1);
    expect(whileRunning.length).toBeGreaterThan(0);
    expect(new Set(whileRunning.map((s) => s.verdict))).toEqual(new Set(['ok']));
    expect(whileRunning.filter((s) => s.pages !== null)).toEqual([]);
    expect(seen.at(-1)?.pages).toBe(101);
  });

  it('answers OpenMetrics when the scraper asks for it, the classic text format otherwise', async () => {
    const sim = await simulator({ scenario: 'healthy' });
    const { url } = await exporter(sim);
    const open = await scrape(url, 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1');
    expect(open.type).toMatch(/^application\/openmetrics-text; version=1\.0\.0/);
    expect(open.text.trimEnd().split('\n').at(-1)).toBe('# EOF');
    expect(open.text).toMatch(/^# TYPE aksync_poll_errors counter$/m);
    expect(open.text).toMatch(/^aksync_poll_errors_total\{/m);
    // After an OpenMetrics scrape the classic format still names the counter with its _total.
    const classic = await scrape(url);
    expect(classic.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(classic.text).not.toContain('# EOF');
    expect(classic.text).toMatch(/^# TYPE aksync_poll_errors_total counter$/m);
    expect(classic.text).toMatch(/^aksync_poll_errors_total\{/m);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('a scrape answers from the last known values while every request to authentik hangs', async () => {
    const sim = await simulator({ scenario: 'problems' });
    const { url } = await exporter(sim, ['--timeout', '300']);
    const server = host(sim);
    await eventually(async () => (verdictOf((await scrape(url)).text, server, 'corp-ad') === 'warning' ? true : null), 'the first verdict');
    sim.setFault({ kind: 'hang' });
    const asked = sim.requests.length;
    await eventually(() => (sim.requests.length > asked ? true : null), 'a poll that hangs');
    // A scrape that waited for authentik would wait for the 300 s timeout, past the test's deadline.
    const { status, text } = await scrape(url);
    expect(status).toBe(200);
    expect(verdictOf(text, server, 'corp-ad')).toBe('warning');
    expect(value(text, 'aksync_up', { server })).toBe(1);
  });

  it('logs one line per change of state, not one per poll, and never the token', async () => {
    const sim = await simulator({ scenario: 'problems' });
    const { url, io } = await exporter(sim);
    const server = host(sim);
    await eventually(async () => (verdictOf((await scrape(url)).text, server, 'corp-ad') === 'warning' ? true : null), 'the first verdict');
    const polls = () => sim.requests.filter((r) => r.path.includes('corp-ad')).length;
    const seen = polls();
    await eventually(() => (polls() >= seen + 4 ? true : null), 'four more polls of corp-ad');
    const lines = () => io.err().split('\n').filter((line) => line.includes('ldap/corp-ad'));
    expect(lines()).toEqual([expect.stringMatching(/^aksync exporter: \S+ ldap\/corp-ad: WARNING: \d+ problem messages? in \d+ pages?$/)]);
    sim.setScenario('errors');
    await eventually(() => (lines().length === 2 ? true : null), 'the line saying corp-ad turned critical');
    expect(lines()[1]).toMatch(/ldap\/corp-ad: WARNING → CRITICAL: /);
    expect(io.err()).toMatch(/authentik answers \(\d+ sync objects\)/);
    expect(io.err()).not.toContain(sim.token);
  });

  it('says when authentik stops answering, once, with the reason and without the token', async () => {
    const sim = await simulator({ scenario: 'healthy' });
    const { url, io } = await exporter(sim);
    const server = host(sim);
    await eventually(async () => (value((await scrape(url)).text, 'aksync_up', { server }) === 1 ? true : null), 'authentik up');
    sim.setFault({ kind: 'reset' });
    await eventually(async () => (value((await scrape(url)).text, 'aksync_up', { server }) === 0 ? true : null), 'authentik down');
    const down = () => io.err().split('\n').filter((line) => line.includes('does not answer'));
    await eventually(() => (down().length === 1 ? true : null), 'the line saying authentik does not answer');
    expect(down()[0]).toMatch(/^aksync exporter: \S+: authentik does not answer: \S/);
    const polls = sim.requests.length;
    await eventually(() => (sim.requests.length > polls + 2 ? true : null), 'more failed polls');
    sim.setFault(null);
    await eventually(() => (io.err().split('\n').filter((line) => line.includes('authentik answers')).length === 2 ? true : null), 'the line saying it answers again');
    expect(down()).toHaveLength(1);
    const { text } = await scrape(url);
    expect(value(text, 'aksync_poll_errors_total', { server, error: 'unreachable' })).toBeGreaterThan(0);
    expect(value(text, 'aksync_poll_errors_total', { server, error: 'timeout' })).toBe(0);
    expect(io.err()).not.toContain(sim.token);
  });

  it('warns that the metrics name servers and sources when it listens beyond loopback', async () => {
    const sim = await simulator({ scenario: 'healthy' });
    const { io } = await exporter(sim, ['--listen', '0.0.0.0:0']);
    expect(io.err()).toMatch(/aksync: warning: listening on 0\.0\.0\.0:\d+, not on loopback: .*reverse proxy/);
    const local = await exporter(sim);
    expect(local.io.err()).not.toContain('warning');
  });

  it('watches one server per --profile, each labelled with its profile name', async () => {
    const a = await simulator({ scenario: 'problems' });
    const b = await simulator({ scenario: 'errors', generation: 'B' });
    const home = tempConfigHome();
    writeConfigFile(home, { defaultProfile: 'prod', profiles: { prod: { url: a.url, token: a.token }, staging: { url: b.url, token: b.token } } });
    const started = await startExporterCli(['--profile', 'prod', '--profile', 'staging', '--interval', '0.25'], { XDG_CONFIG_HOME: home });
    running.push(started);
    const text = await eventually(async () => {
      const { text } = await scrape(started.url);
      const known = (server: string) => ![null, 'unknown'].includes(verdictOf(text, server, 'corp-ad'));
      return known('prod') && known('staging') ? text : null;
    }, 'both servers');
    expect(verdictOf(text, 'prod', 'corp-ad')).toBe('warning');
    expect(verdictOf(text, 'staging', 'corp-ad')).toBe('critical');
    expect(value(text, 'aksync_sync_next_run_timestamp_seconds', { server: 'staging', kind: 'ldap', object: 'corp-ad' })).toBeGreaterThan(0);
  });

  it('refuses a --listen it cannot read, with a usage error', async () => {
    const io = captureIo({ XDG_CONFIG_HOME: xdg });
    expect(await main(['exporter', '--listen', 'nonsense'], io)).toBe(2);
    expect(io.err()).toMatch(/--listen takes HOST:PORT/);
  });
});

describe('aksync status --format openmetrics', () => {
  it('prints the same metrics once, for the textfile collector, and exits 0 whatever the verdicts', async () => {
    const sim = await simulator({ scenario: 'errors' });
    const io = captureIo({ AUTHENTIK_URL: sim.url, AUTHENTIK_TOKEN: sim.token, XDG_CONFIG_HOME: xdg });
    expect(await main(['status', '--format', 'openmetrics'], io)).toBe(0);
    const server = host(sim);
    expect(verdictOf(io.out(), server, 'corp-ad')).toBe('critical');
    expect(verdictOf(io.out(), server, 'corp')).toBe('ok');
    expect(value(io.out(), 'aksync_up', { server })).toBe(1);
    expect(io.out()).not.toMatch(/^process_|aksync_poll_/m);
    expect(io.out().trimEnd().split('\n').at(-1)).toBe('# EOF');
  });

  it('says aksync_up 0 when authentik does not answer', async () => {
    const io = captureIo({ AUTHENTIK_URL: 'http://127.0.0.1:9', AUTHENTIK_TOKEN: 'not-a-real-token-value', XDG_CONFIG_HOME: xdg });
    expect(await main(['status', '--format', 'openmetrics'], io)).toBe(0);
    expect(value(io.out(), 'aksync_up', { server: '127.0.0.1:9' })).toBe(0);
    expect(io.out() + io.err()).not.toContain('not-a-real-token-value');
  });
});
