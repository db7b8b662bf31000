// The same verdict for equivalent situations on both API generations, through the whole CLI (client, adapter,
// verdict, report) against the simulated authentik over real HTTP.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startSimulator, type ScenarioName, type Simulator } from '../../src/simulator/index.js';
import { captureIo } from './io.js';

const xdg = mkdtempSync(path.join(tmpdir(), 'aksync-cli-'));

const MATRIX: Array<{ slug: string; scenario: ScenarioName; verdict: string; exit: number; says: RegExp }> = [
  { slug: 'corp-ad', scenario: 'healthy', verdict: 'OK', exit: 0, says: /pages?, \d+ objects synced/ },
  { slug: 'corp-ad', scenario: 'problems', verdict: 'WARNING', exit: 1, says: /problem messages? in \d+ pages?/ },
  { slug: 'corp-ad', scenario: 'errors', verdict: 'CRITICAL', exit: 2, says: /failed/ },
  { slug: 'corp-ad', scenario: 'empty', verdict: 'WARNING', exit: 1, says: /no sync run recorded|never synced/ },
  { slug: 'ldap-down', scenario: 'healthy', verdict: 'CRITICAL', exit: 2, says: /Connection refused/ },
  { slug: 'corp', scenario: 'healthy', verdict: 'OK', exit: 0, says: /synced/ },
];

for (const generation of ['A', 'B'] as const) {
  describe(`aksync status against generation ${generation}`, () => {
    let sim: Simulator;
    beforeAll(async () => {
      sim = await startSimulator({ generation });
    });
    afterAll(async () => {
      await sim.close();
    });
    const env = () => ({ AUTHENTIK_URL: sim.url, AUTHENTIK_TOKEN: sim.token, XDG_CONFIG_HOME: xdg });

    for (const row of MATRIX) {
      it(`${row.slug} / ${row.scenario} → ${row.verdict} (exit ${row.exit})`, async () => {
        sim.setScenario(row.scenario);
        const io = captureIo(env());
        const code = await main(['status', row.slug], io);
        expect(io.out().split('\n')[0]).toMatch(new RegExp(`^${row.verdict}: ${row.slug}`));
        expect(io.out().split('\n')[0]).toMatch(row.says);
        expect(code).toBe(row.exit);
        const json = captureIo(env());
        expect(await main(['status', row.slug, '--json'], json)).toBe(row.exit);
        expect(JSON.parse(json.out())).toMatchObject({ verdict: row.verdict, exit_code: row.exit, source: { slug: row.slug } });
      });
    }

    it("keeps corp-eu's tasks out of corp's counts (prefix quirk)", async () => {
      sim.setScenario('healthy');
      const io = captureIo(env());
      await main(['status', 'corp', '--json'], io);
      const report = JSON.parse(io.out());
      const eu = captureIo(env());
      await main(['status', 'corp-eu', '--json'], eu);
      expect(report.totals.pages).toBeGreaterThan(0);
      expect(report.problems.every((p: { task_uid: string }) => !p.task_uid.includes('corp-eu'))).toBe(true);
      expect(report.totals.pages).not.toBe(report.totals.pages + JSON.parse(eu.out()).totals.pages);
    });

    it('UNKNOWN and names the permission when the token cannot see sync tasks', async () => {
      sim.setScenario('healthy');
      sim.setPermissions(['authentik_sources_ldap.view_ldapsource']);
      try {
        const io = captureIo(env());
        expect(await main(['status', 'corp-ad'], io)).toBe(3);
        expect(io.out()).toMatch(generation === 'A' ? /authentik_events\.view_systemtask/ : /authentik_tasks/);
      } finally {
        sim.setPermissions('superuser');
      }
    });

    it('the hostile scenario prints escape sequences visibly, never raw', async () => {
      sim.setScenario('hostile');
      const io = captureIo(env());
      await main(['status', 'corp-ad'], io);
      expect(io.out()).not.toMatch(/[\u001b\u0007\u009b]/);
      const json = captureIo(env());
      await main(['status', 'corp-ad', '--json'], json);
      expect(json.out()).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
      expect(() => JSON.parse(json.out())).not.toThrow();
    });

    it('every fault is UNKNOWN (exit 3) with one sentence, never a stack trace', async () => {
      sim.setScenario('healthy');
      const faults = [
        { fault: { kind: 'status', status: 502 } as const, says: /502/ },
        { fault: { kind: 'status', status: 500 } as const, says: /500|server error/i },
        { fault: { kind: 'html-login' } as const, says: /HTML/ },
        { fault: { kind: 'invalid-json' } as const, says: /JSON/ },
        { fault: { kind: 'wrong-shape' } as const, says: /field|expected/i },
        { fault: { kind: 'reset' } as const, says: /reset|reach|closed/i },
      ];
      for (const { fault, says } of faults) {
        sim.setFault(fault);
        const io = captureIo(env());
        const code = await main(['status', 'corp-ad'], io);
        sim.setFault(null);
        expect(code, JSON.stringify(fault)).toBe(3);
        expect(io.out()).toMatch(/^UNKNOWN: corp-ad: /);
        expect(io.out(), JSON.stringify(fault)).toMatch(says);
        expect(io.out() + io.err()).not.toMatch(/\n\s+at |\w+Error: |<html/i);
        expect(io.out() + io.err()).not.toContain(sim.token);
      }
    });

    it('a hanging server times out after --timeout with a sentence', async () => {
      sim.setFault({ kind: 'hang' });
      try {
        const io = captureIo(env());
        expect(await main(['status', 'corp-ad', '--timeout', '1'], io)).toBe(3);
        expect(io.out()).toMatch(/within 1 ?s/);
      } finally {
        sim.setFault(null);
      }
    });
  });
}

describe('settings errors', () => {
  it('missing URL and token: the UNKNOWN plugin line on stdout says how to provide them, exit 3', async () => {
    const io = captureIo({ XDG_CONFIG_HOME: xdg });
    expect(await main(['status', 'corp-ad'], io)).toBe(3);
    expect(io.out()).toMatch(/^UNKNOWN: corp-ad: No authentik URL or API token is set\./);
    expect(io.out()).toMatch(/AUTHENTIK_URL/);
    expect(io.out()).toMatch(/config login/);
    expect(io.out().trimEnd().split('\n')).toHaveLength(1);
  });
  it('--json still prints its UNKNOWN object when settings are missing', async () => {
    const io = captureIo({ XDG_CONFIG_HOME: xdg });
    expect(await main(['status', 'corp-ad', '--json'], io)).toBe(3);
    expect(JSON.parse(io.out())).toMatchObject({ verdict: 'UNKNOWN', exit_code: 3, error: { kind: 'settings' }, source: { slug: 'corp-ad' } });
  });
  it('an unknown flag is UNKNOWN (exit 3) with its plugin line on stdout, not CRITICAL with nothing on stdout', async () => {
    const io = captureIo({ XDG_CONFIG_HOME: xdg });
    expect(await main(['status', '--token', 'x'], io)).toBe(3);
    expect(io.out()).toBe("UNKNOWN: unknown option --token. Run 'aksync status --help' for usage.\n");
  });
});
