// `aksync sync`: start a run now on both generations, refuse without confirmation, follow it with --wait.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { captureIo } from './io.js';

const xdg = mkdtempSync(path.join(tmpdir(), 'aksync-sync-'));
let sim: Simulator | undefined;

/** captureIo with a terminal on both sides: the question goes through readline, which needs a real stream. */
function terminalIo(env: NodeJS.ProcessEnv) {
  const io = captureIo(env, { tty: true });
  let err = '';
  const stderr = new Writable({
    write(chunk, _encoding, done) {
      err += String(chunk);
      done();
    },
  }) as Writable & { isTTY?: boolean };
  stderr.isTTY = true;
  return { ...io, stderr, err: () => err };
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for the question`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

for (const generation of ['A', 'B'] as const) {
  describe(`generation ${generation}`, () => {
    const trigger = generation === 'A' ? /PATCH \/api\/v3\/sources\/ldap\/corp-ad\// : /POST \/api\/v3\/tasks\/schedules\/[^/]+\/send\//;

    it('refuses to start without --yes when stdin is not a terminal, and sends nothing', async () => {
      sim = await startSimulator({ generation, scenario: 'healthy' });
      const io = captureIo({ AUTHENTIK_URL: sim.url, AUTHENTIK_TOKEN: sim.token, XDG_CONFIG_HOME: xdg });
      expect(await main(['sync', 'corp-ad'], io)).toBe(2);
      expect(io.err()).toMatch(/Pass --yes/);
      expect(sim.requests.some((r) => trigger.test(`${r.method} ${r.path}`))).toBe(false);
    });

    it('--yes starts a run with the generation\'s own call', async () => {
      sim = await startSimulator({ generation, scenario: 'healthy' });
      const io = captureIo({ AUTHENTIK_URL: sim.url, AUTHENTIK_TOKEN: sim.token, XDG_CONFIG_HOME: xdg });
      expect(await main(['sync', 'corp-ad', '--yes'], io)).toBe(0);
      expect(io.err()).toMatch(/Sync of Corporate AD \(corp-ad\) started/);
      expect(sim.requests.some((r) => trigger.test(`${r.method} ${r.path}`))).toBe(true);
    });

    it('while a sync runs, the question says what a second start does; the default answer starts nothing', async () => {
      sim = await startSimulator({ generation, scenario: 'running' });
      const io = terminalIo({ AUTHENTIK_URL: sim.url, AUTHENTIK_TOKEN: sim.token, XDG_CONFIG_HOME: xdg });
      const answered = main(['sync', 'corp-ad'], io);
      await until(() => io.err().includes('[y/N]'));
      (io.stdin as unknown as NodeJS.WritableStream).write('\r');
      expect(await answered).toBe(1);
      expect(io.err()).toContain(`A sync is running; a second one ${generation === 'A' ? 'deletes its tasks' : 'is queued behind it'}. Start anyway? [y/N]`);
      expect(io.err()).toMatch(/Nothing started/);
      expect(sim.requests.some((r) => trigger.test(`${r.method} ${r.path}`))).toBe(false);
    });

    it('--yes while a sync runs starts another, saying what that does', async () => {
      sim = await startSimulator({ generation, scenario: 'running' });
      const io = captureIo({ AUTHENTIK_URL: sim.url, AUTHENTIK_TOKEN: sim.token, XDG_CONFIG_HOME: xdg });
      expect(await main(['sync', 'corp-ad', '--yes'], io)).toBe(0);
      expect(io.err()).toMatch(/^A sync is running; a second one (deletes its tasks|is queued behind it)\. Starting it anyway \(--yes\)\.$/m);
    });

    it('names the missing permission when the token may not start a sync', async () => {
      sim = await startSimulator({ generation, scenario: 'healthy', permissions: ['authentik_sources_ldap.view_ldapsource', 'authentik_events.view_systemtask', 'authentik_tasks_schedules.view_schedule', 'authentik_tasks.view_task'] });
      const io = captureIo({ AUTHENTIK_URL: sim.url, AUTHENTIK_TOKEN: sim.token, XDG_CONFIG_HOME: xdg });
      expect(await main(['sync', 'corp-ad', '--yes'], io)).toBe(3);
      expect(io.err()).toMatch(generation === 'A' ? /authentik_sources_ldap\.change_ldapsource/ : /authentik_tasks_schedules\.send_schedule/);
    });

    it('--wait follows the new run to its end and exits with its verdict', async () => {
      sim = await startSimulator({ generation, scenario: 'healthy' });
      const io = captureIo({ AUTHENTIK_URL: sim.url, AUTHENTIK_TOKEN: sim.token, XDG_CONFIG_HOME: xdg });
      const code = await main(['sync', 'corp-ad', '--yes', '--wait', '--interval', '0.25', '--json'], io);
      const report = JSON.parse(io.out());
      expect(report.running).toBe(false);
      expect(report.exit_code).toBe(code);
      expect(report.totals.pages).toBeGreaterThan(0);
      // While waiting it asks only for the status: the server, the user and the source were read once, before.
      const triggeredAt = sim.requests.findIndex((r) => trigger.test(`${r.method} ${r.path}`));
      const after = sim.requests.slice(triggeredAt + 1).map((r) => r.path);
      expect(after.some((path) => path.includes('/sync/status/'))).toBe(true);
      expect(after.filter((path) => /\/admin\/version\/|\/core\/users\/me\/|\/sources\/ldap\/corp-ad\/$/.test(path))).toEqual([]);
    }, 60_000);
  });
}
