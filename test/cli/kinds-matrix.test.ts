// Every kind of sync object on both API generations, through the whole CLI against the simulated authentik: the
// scenario × kind × authentik version matrix of `status KIND/ID` (verdict, reason, exit code, JSON), and the commands
// that walk every kind (`status` without an argument, `sources --kind`, `sync KIND/ID`).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startSimulator, type ScenarioName, type Simulator } from '../../src/simulator/index.js';
import { captureIo } from './io.js';

const xdg = mkdtempSync(path.join(tmpdir(), 'aksync-kinds-'));

/** The objects that follow the scenario (src/simulator/README.md), one per kind besides LDAP's corp-ad. */
const OBJECTS = ['kerberos/corp-krb', 'scim/3', 'google_workspace/4', 'microsoft_entra/5'];

const SCENARIOS: Array<{ scenario: ScenarioName; verdict: string; exit: number; says: RegExp }> = [
  { scenario: 'healthy', verdict: 'OK', exit: 0, says: /no object failed|finished without problems/ },
  { scenario: 'problems', verdict: 'WARNING', exit: 1, says: /problem messages? in / },
  { scenario: 'errors', verdict: 'CRITICAL', exit: 2, says: /failed/ },
  { scenario: 'empty', verdict: 'WARNING', exit: 1, says: /no sync run recorded|never synced/ },
  // While a run fills in, the run before it is judged (and the line says the sync is in progress).
  { scenario: 'running', verdict: 'OK', exit: 0, says: /\(sync in progress\)/ },
];

const VERSIONS = [
  { generation: 'A', version: '2024.8.3' },
  { generation: 'A', version: '2025.6.3' },
  { generation: 'B', version: '2025.8.6' },
  { generation: 'B', version: '2026.8.3' },
] as const;

for (const { generation, version } of VERSIONS) {
  describe(`status KIND/ID against authentik ${version} (generation ${generation})`, () => {
    let sim: Simulator;
    beforeAll(async () => {
      sim = await startSimulator({ generation, version });
    });
    afterAll(async () => {
      await sim.close();
    });
    const env = () => ({ AUTHENTIK_URL: sim.url, AUTHENTIK_TOKEN: sim.token, XDG_CONFIG_HOME: xdg });
    const kerberosMissing = version === '2024.8.3';

    for (const row of SCENARIOS) {
      for (const object of OBJECTS) {
        const [kind, id] = object.split('/') as [string, string];
        const absent = kind === 'kerberos' && kerberosMissing;
        const expected = absent ? { verdict: 'UNKNOWN', exit: 3, says: /has no Kerberos sources: they came with authentik 2024\.10/ } : row;
        it(`${object} / ${row.scenario} → ${expected.verdict} (exit ${expected.exit})`, async () => {
          sim.setScenario(row.scenario);
          const io = captureIo(env());
          const code = await main(['status', object], io);
          const first = io.out().split('\n')[0] ?? '';
          expect(first).toMatch(new RegExp(`^${expected.verdict}: ${object}[ :]`));
          expect(first).toMatch(expected.says);
          expect(code).toBe(expected.exit);
          const json = captureIo(env());
          expect(await main(['status', object, '--json'], json)).toBe(expected.exit);
          expect(JSON.parse(json.out())).toMatchObject({ schema: 'aksync.status/1', kind, id, verdict: expected.verdict, exit_code: expected.exit, source: { slug: id } });
        });
      }
    }

    it('hostile names and messages (escape sequences, bidi, wide text) reach neither the plugin output nor the JSON raw', async () => {
      sim.setScenario('hostile');
      let shown = '';
      for (const object of OBJECTS.filter((o) => !(o.startsWith('kerberos/') && kerberosMissing))) {
        for (const args of [['status', object], ['status', object, '--json']]) {
          const io = captureIo(env());
          await main(args, io);
          expect(io.out(), `${args.join(' ')}`).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
          shown += io.out();
        }
      }
      // The hostile text was there, made visible (plugin output) or escaped (JSON).
      expect(shown).toMatch(/\\x1b|\\u001b/);
    });

    it('a provider that fails for a few users names them, though authentik calls the run successful', async () => {
      sim.setScenario('healthy');
      const io = captureIo(env());
      expect(await main(['status', 'scim/7', '--json'], io)).toBe(1);
      const report = JSON.parse(io.out());
      expect(report).toMatchObject({ kind: 'scim', verdict: 'WARNING', totals: { problems: 3, errors: 0 } });
      expect(report.problems.map((p: { event: string }) => p.event).join('\n')).toMatch(/Failed to sync (User )?m\.okafor due to/);
      expect(report.types.map((t: { type: string }) => t.type)).toEqual(['users', 'groups']);
    });
  });
}

describe('commands over every kind', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ generation: 'A', scenario: 'problems' });
  });
  afterAll(async () => {
    await sim.close();
  });
  const env = () => ({ AUTHENTIK_URL: sim.url, AUTHENTIK_TOKEN: sim.token, XDG_CONFIG_HOME: xdg });

  it('status without an argument checks every object of every kind; a kind the server lacks is one quiet line', async () => {
    const io = captureIo(env());
    const code = await main(['status'], io);
    const [first = '', ...long] = io.out().trimEnd().split('\n');
    expect(first).toMatch(/^CRITICAL: \d+ of \d+ sync objects critical/);
    expect(code).toBe(2);
    for (const name of ['corp-ad', 'scim/3', 'scim/7', 'google_workspace/4', 'microsoft_entra/5']) {
      expect(long.filter((line) => line.match(/^(OK|WARNING|CRITICAL|UNKNOWN): (\S+)/)?.[2] === name), name).toHaveLength(1);
      expect(first).toContain(`'${name}_problems'=`);
    }
    // 2024.8.3 has no Kerberos source: said once, quietly, and it does not make the check UNKNOWN.
    expect(long.filter((line) => /^Kerberos sources: .*has no Kerberos sources/.test(line))).toHaveLength(1);
    const json = captureIo(env());
    await main(['status', '--json'], json);
    const report = JSON.parse(json.out());
    expect(report.unavailable).toEqual([{ kind: 'kerberos', quiet: true, error: { kind: 'not_found', message: expect.stringMatching(/2024\.10/) } }]);
    expect(new Set(report.checks.map((c: { kind: string }) => c.kind))).toEqual(new Set(['ldap', 'scim', 'google_workspace', 'microsoft_entra']));
  });

  it('status and sources over every kind print nothing on stderr: no Node warning about abort listeners', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    try {
      for (const command of [['status'], ['sources']]) {
        const io = captureIo(env());
        await main(command, io);
        expect(io.err(), command.join(' ')).toBe('');
      }
      // process.emitWarning delivers on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('a kind the token may not see is one quiet line, never an error hiding the rest', async () => {
    sim.setPermissions(['authentik_sources_ldap.view_ldapsource', 'authentik_events.view_systemtask', 'authentik_providers_scim.view_scimprovider']);
    try {
      const io = captureIo(env());
      const code = await main(['status'], io);
      expect(io.out()).toMatch(/^CRITICAL: 1 of 8 sync objects critical/);
      expect(code).toBe(2);
      expect(io.out()).toMatch(/^Google Workspace providers: .*permission/m);
      expect(io.out()).toMatch(/^Microsoft Entra providers: .*permission/m);
    } finally {
      sim.setPermissions('superuser');
    }
  });

  it('status --format openmetrics labels each object with its own kind', async () => {
    const io = captureIo(env());
    expect(await main(['status', '--format', 'openmetrics'], io)).toBe(0);
    const verdicts = io.out().split('\n').filter((line) => line.startsWith('aksync_sync_verdict{') && line.endsWith(' 1'));
    const kinds = new Set(verdicts.map((line) => /kind="([^"]+)"/.exec(line)?.[1]));
    expect(kinds).toEqual(new Set(['ldap', 'scim', 'google_workspace', 'microsoft_entra']));
    expect(verdicts.filter((line) => line.includes('kind="scim"'))).toHaveLength(3);
    expect(verdicts.find((line) => line.includes('kind="microsoft_entra"') && line.includes('verdict="critical"'))).toBeDefined();
  });

  it('sources lists every object with its kind and verdict; --kind narrows', async () => {
    const io = captureIo(env());
    expect(await main(['sources'], io)).toBe(0);
    const rows = io.out().split('\n');
    expect(rows[0]).toMatch(/^NAME\s+SLUG\s+VERDICT\s+ENABLED\s+KIND/);
    expect(rows.find((r) => /\sscim\/9\s/.test(r))).toMatch(/\sOK\s+no\s+scim\s/);
    expect(rows.find((r) => /\smicrosoft_entra\/5\s/.test(r))).toMatch(/\sWARNING\s/);
    const narrow = captureIo(env());
    expect(await main(['sources', '--kind', 'scim', '--json'], narrow)).toBe(0);
    const listed = JSON.parse(narrow.out());
    expect(listed.sources.map((s: { kind: string; id: string; verdict: string }) => [s.kind, s.id, s.verdict])).toEqual([
      ['scim', '9', 'OK'],
      ['scim', '3', 'WARNING'],
      ['scim', '7', 'WARNING'],
    ]);
    const bad = captureIo(env());
    expect(await main(['sources', '--kind', 'nis'], bad)).toBe(2);
    expect(bad.err()).toMatch(/--kind is one of ldap, kerberos, scim, google_workspace, microsoft_entra/);
  });
});

for (const generation of ['A', 'B'] as const) {
  describe(`sync KIND/ID, generation ${generation}`, () => {
    let sim: Simulator;
    beforeAll(async () => {
      sim = await startSimulator({ generation, version: generation === 'A' ? '2025.6.3' : '2026.8.3', scenario: 'healthy' });
    });
    afterAll(async () => {
      await sim.close();
    });
    const env = () => ({ AUTHENTIK_URL: sim.url, AUTHENTIK_TOKEN: sim.token, XDG_CONFIG_HOME: xdg });

    for (const object of ['scim/3', 'kerberos/corp-krb']) {
      it(`starts a sync of ${object} (A: PATCH {}; B: the object's sync schedule)`, async () => {
        const [kind, id] = object.split('/') as [string, string];
        const from = sim.requests.length;
        const io = captureIo(env());
        expect(await main(['sync', object, '--yes'], io)).toBe(0);
        expect(io.err()).toMatch(new RegExp(`Sync of .* \\(${object.replace('/', '\\/')}\\) started`));
        const writes = sim.requests.slice(from).filter((r) => r.method !== 'GET');
        const path = kind === 'scim' ? `/providers/scim/${id}/` : `/sources/kerberos/${id}/`;
        if (generation === 'A') expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH /api/v3${path}`]);
        else expect(writes.map((r) => r.method)).toEqual(['POST']), expect(writes[0]?.path).toMatch(/^\/api\/v3\/tasks\/schedules\/[^/]+\/send\/$/);
      });
    }

    it('an enterprise provider without a valid licence: A cannot start it and says why; B sends its schedule', async () => {
      sim.setLicense('expired');
      try {
        const io = captureIo(env());
        const code = await main(['sync', 'google_workspace/4', '--yes'], io);
        if (generation === 'A') {
          expect(code).toBe(3);
          expect(io.err()).toMatch(/Enterprise is required/);
        } else {
          expect(code).toBe(0);
        }
      } finally {
        sim.setLicense('valid');
      }
    });

    it('sync scim/3 --wait follows the new run to its end and reports it like status', async () => {
      const io = captureIo(env());
      const code = await main(['sync', 'scim/3', '--yes', '--wait', '--interval', '0.25', '--json'], io);
      expect(io.err()).not.toMatch(/no sign of the new run/);
      expect(JSON.parse(io.out())).toMatchObject({ kind: 'scim', id: '3', verdict: 'OK', running: false });
      expect(code).toBe(0);
    });
  });
}
