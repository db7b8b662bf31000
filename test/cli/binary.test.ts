// The real binary as a script or cron job runs it: a child process with pipes, no terminal.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';

const BIN = path.resolve(import.meta.dirname, '../../bin/aksync.js');
const xdg = mkdtempSync(path.join(tmpdir(), 'aksync-bin-'));

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, XDG_CONFIG_HOME: xdg, XDG_STATE_HOME: xdg, ...env }, timeout: 15_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('bin/aksync.js', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ scenario: 'problems' });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('--help and --version follow convention', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^aksync: a live terminal monitor/);
    const version = await run(['--version']);
    expect(version.stdout).toMatch(/^aksync \d+\.\d+\.\d+\n$/);
  });

  it('an unknown subcommand or flag is one line, a hint, exit 2', async () => {
    const r = await run(['stauts']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
    expect((await run(['--frobnicate'])).code).toBe(2);
  });

  it('status prints plain text (no escape sequences) to a pipe and exits with the verdict', async () => {
    const r = await run(['status', 'corp-ad'], { AUTHENTIK_URL: sim.url, AUTHENTIK_TOKEN: sim.token });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^WARNING: corp-ad: /);
    expect(r.stdout).not.toContain('\u001b');
  });

  it('the monitor command with stdout not a terminal prints what status prints and exits', async () => {
    const r = await run(['corp-ad'], { AUTHENTIK_URL: sim.url, AUTHENTIK_TOKEN: sim.token, CI: 'true' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^WARNING: corp-ad: /);
    expect(r.stdout).not.toContain('\u001b');
  });

  it('an unreachable server is a sentence and exit 3, never a stack trace', async () => {
    const r = await run(['status', 'corp-ad', '--url', 'http://127.0.0.1:9'], { AUTHENTIK_TOKEN: 'secret-token-value' });
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout + r.stderr).not.toContain('secret-token-value');
  });
});
