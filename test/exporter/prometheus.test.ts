// The exporter against the real thing: a Prometheus server scrapes `aksync exporter` (the built binary, one profile
// per simulated authentik, each playing one scenario), and its query API returns the verdict each scenario calls for.
// promtool lints the exporter's output and unit-tests the example alerting rules. Needs Debian's `prometheus`
// package (prometheus and promtool on PATH): .ci/run installs it, so CI always runs this file.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeConfigFile } from '../../src/config/test-helpers.js';
import { startSimulator, type ScenarioName, type Simulator } from '../../src/simulator/index.js';
import { eventually, scrape } from './support.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/aksync.js');
const RULES = path.join(ROOT, 'docs/prometheus/aksync.rules.yml');
const RULE_TESTS = path.join(ROOT, 'docs/prometheus/aksync.rules.test.yml');

const has = (tool: string) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
const TOOLS = has('prometheus') && has('promtool');
const NODE_EXPORTER = has('prometheus-node-exporter');

/** One simulated authentik per profile; corp-ad plays the scenario, the other sources keep their fixed state. */
const SERVERS: Array<{ profile: string; generation: 'A' | 'B'; scenario: ScenarioName; corpAd: string }> = [
  { profile: 'a-healthy', generation: 'A', scenario: 'healthy', corpAd: 'ok' },
  { profile: 'a-problems', generation: 'A', scenario: 'problems', corpAd: 'warning' },
  { profile: 'a-errors', generation: 'A', scenario: 'errors', corpAd: 'critical' },
  { profile: 'a-empty', generation: 'A', scenario: 'empty', corpAd: 'warning' },
  { profile: 'b-problems', generation: 'B', scenario: 'problems', corpAd: 'warning' },
  { profile: 'b-errors', generation: 'B', scenario: 'errors', corpAd: 'critical' },
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function run(tool: string, args: string[], input?: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = execFile(tool, args, { timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

interface Vector {
  metric: Record<string, string>;
  value: [number, string];
}

async function query(prometheusUrl: string, promql: string): Promise<Vector[]> {
  const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await response.json()) as { status: string; data: { resultType: string; result: Vector[] } };
  if (body.status !== 'success') throw new Error(`query failed: ${JSON.stringify(body)}`);
  return body.data.result;
}

describe.skipIf(!TOOLS)('a real Prometheus scraping aksync exporter (skipped only when prometheus and promtool are not installed)', () => {
  const sims: Simulator[] = [];
  const work = mkdtempSync(path.join(tmpdir(), 'aksync-prometheus-'));
  let exporter: ChildProcess;
  let exporterErr = '';
  let exporterUrl = '';
  let prometheus: ChildProcess;
  let prometheusLog = '';
  let prometheusUrl = '';

  beforeAll(async () => {
    const profiles: Record<string, { url: string; token: string }> = {};
    for (const server of SERVERS) {
      const sim = await startSimulator({ generation: server.generation, scenario: server.scenario });
      sims.push(sim);
      profiles[server.profile] = { url: sim.url, token: sim.token };
    }
    writeConfigFile(work, { defaultProfile: 'a-healthy', profiles });

    exporter = spawn(process.execPath, [BIN, 'exporter', '--listen', '127.0.0.1:0', '--interval', '5', ...SERVERS.flatMap((s) => ['--profile', s.profile])], {
      env: { PATH: process.env.PATH, XDG_CONFIG_HOME: work },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    exporter.stderr?.on('data', (chunk: Buffer) => (exporterErr += chunk.toString()));
    exporterUrl = await eventually(() => /serving (http:\/\/127\.0\.0\.1:\d+)\/metrics/.exec(exporterErr)?.[1] ?? null, `the exporter to listen (stderr: ${exporterErr})`);

    const port = await freePort();
    prometheusUrl = `http://127.0.0.1:${port}`;
    const config = path.join(work, 'prometheus.yml');
    writeFileSync(
      config,
      [
        'global:',
        '  scrape_interval: 1s',
        '  evaluation_interval: 1s',
        'rule_files:',
        `  - ${JSON.stringify(RULES)}`,
        'scrape_configs:',
        '  - job_name: aksync',
        '    static_configs:',
        `      - targets: [${JSON.stringify(new URL(exporterUrl).host)}]`,
        '',
      ].join('\n'),
    );
    prometheus = spawn('prometheus', [`--config.file=${config}`, `--storage.tsdb.path=${path.join(work, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    prometheus.stderr?.on('data', (chunk: Buffer) => (prometheusLog += chunk.toString()));
  });

  afterAll(async () => {
    for (const child of [prometheus, exporter]) {
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited(child);
      }
    }
    await Promise.all(sims.map((sim) => sim.close()));
    rmSync(work, { recursive: true, force: true });
  });

  it("Prometheus's query API returns the verdict each scenario calls for", async () => {
    const ready = await eventually(async () => {
      const result = await query(prometheusUrl, 'aksync_sync_verdict{object="corp-ad"} == 1 and aksync_sync_verdict{verdict!="unknown"}');
      return result.length === SERVERS.length ? result : null;
    }, `a scrape with every server's verdict of corp-ad (prometheus log: ${prometheusLog.slice(-2000)})`, 120_000);
    const verdicts = Object.fromEntries(ready.map((v) => [v.metric.server, v.metric.verdict]));
    expect(verdicts).toEqual(Object.fromEntries(SERVERS.map((s) => [s.profile, s.corpAd])));
    for (const v of ready) expect(v.metric).toMatchObject({ job: 'aksync', kind: 'ldap', object: 'corp-ad' });

    // The other sources keep their fixed state on every server: an unreachable LDAP server is critical.
    const down = await query(prometheusUrl, 'aksync_sync_verdict{object="ldap-down"} == 1');
    expect(down.map((v) => v.metric.verdict)).toEqual(SERVERS.map(() => 'critical'));
    // Every kind the simulated servers have, each object labelled with its own kind (Kerberos from 2024.10: generation B).
    const kinds = await eventually(async () => {
      const result = await query(prometheusUrl, 'count by (kind) (aksync_sync_verdict == 1)');
      return result.length === 5 ? result : null;
    }, 'every kind scraped');
    expect(kinds.map((v) => v.metric.kind).sort()).toEqual(['google_workspace', 'kerberos', 'ldap', 'microsoft_entra', 'scim']);
    const scim = await query(prometheusUrl, 'aksync_sync_verdict{kind="scim",object="7",server="a-healthy"} == 1');
    expect(scim.map((v) => v.metric.verdict)).toEqual(['warning']);
    const up = await query(prometheusUrl, 'aksync_up');
    expect(up.map((v) => v.value[1])).toEqual(SERVERS.map(() => '1'));
    const scrapes = await query(prometheusUrl, 'up{job="aksync"}');
    expect(scrapes.map((v) => v.value[1])).toEqual(['1']);
    // The example rules loaded, and the critical scenarios are pending (they fire after 10 minutes).
    const pending = await eventually(async () => {
      const result = await query(prometheusUrl, 'ALERTS{alertname="AksyncSyncCritical",object="corp-ad"}');
      return result.length === 2 ? result : null;
    }, 'the critical alerts pending');
    expect(pending.map((v) => v.metric.server).sort()).toEqual(['a-errors', 'b-errors']);
  });

  it('promtool check metrics passes on the exporter’s output', async () => {
    const { text } = await scrape(exporterUrl);
    const lint = await run('promtool', ['check', 'metrics'], text);
    expect(lint.out).toBe('');
    expect(lint.code).toBe(0);
  });

  it('the example alerting rules pass promtool check rules and promtool test rules', async () => {
    const check = await run('promtool', ['check', 'rules', RULES]);
    expect(check.out, check.out).toMatch(/SUCCESS: 5 rules found/);
    const test = await run('promtool', ['test', 'rules', RULE_TESTS]);
    expect(test.out, test.out).toMatch(/SUCCESS/);
    expect(test.code).toBe(0);
  });

  it.skipIf(!NODE_EXPORTER)('node_exporter reads `status --format openmetrics` in its textfile collector without an error (skipped only without Debian\'s prometheus-node-exporter)', async () => {
    const sim = sims[SERVERS.findIndex((s) => s.profile === 'a-errors')] as Simulator;
    const status = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile(process.execPath, [BIN, 'status', '--format', 'openmetrics', '--profile', 'a-errors'], { env: { PATH: process.env.PATH, XDG_CONFIG_HOME: work } }, (error, stdout) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out: stdout }),
      );
    });
    expect(status.code).toBe(0);
    const textfiles = path.join(work, 'textfile');
    mkdirSync(textfiles, { recursive: true });
    writeFileSync(path.join(textfiles, 'aksync.prom.tmp'), status.out);
    renameSync(path.join(textfiles, 'aksync.prom.tmp'), path.join(textfiles, 'aksync.prom'));
    const port = await freePort();
    const nodeExporter = spawn('prometheus-node-exporter', ['--collector.disable-defaults', '--collector.textfile', `--collector.textfile.directory=${textfiles}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
    try {
      const text = await eventually(async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text(), 'node_exporter to answer');
      expect(text).toMatch(/^node_textfile_scrape_error 0$/m);
      expect(text).toContain('aksync_sync_verdict{kind="ldap",object="corp-ad",server="a-errors",verdict="critical"} 1');
      expect(text).toContain('aksync_up{server="a-errors"} 1');
      expect(text).not.toContain(sim.token);
    } finally {
      nodeExporter.kill('SIGTERM');
      await exited(nodeExporter);
    }
  });

  it('SIGTERM closes the exporter cleanly: exit 0, a last log line, the token in no line', async () => {
    exporter.kill('SIGTERM');
    expect(await exited(exporter)).toBe(0);
    expect(exporterErr.trimEnd().split('\n').at(-1)).toBe('aksync exporter: stopped');
    for (const sim of sims) expect(exporterErr).not.toContain(sim.token);
    await expect(fetch(`${exporterUrl}/metrics`)).rejects.toThrow();
  });
});
