// `status` as monitoring systems read it, through the whole CLI against the simulated authentik: every source in
// one check, usage errors as UNKNOWN on stdout, and JSON that keeps its shape when the check fails.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { findSource } from '../../src/simulator/sources.js';
import { captureIo } from './io.js';

const xdg = mkdtempSync(path.join(tmpdir(), 'aksync-status-all-'));
const SLUGS = ['corp-ad', 'corp', 'corp-eu', 'ldap-down', 'openldap'];
/** A token that sees LDAP sources and their runs only: every other kind is one quiet line, as on a server without them. */
const LDAP_ONLY = ['authentik_sources_ldap.view_ldapsource', 'authentik_events.view_systemtask', 'authentik_tasks_schedules.view_schedule', 'authentik_tasks.view_task'];

for (const generation of ['A', 'B'] as const) {
  describe(`status without a slug, generation ${generation}`, () => {
    let sim: Simulator;
    beforeAll(async () => {
      sim = await startSimulator({ generation, scenario: 'problems', permissions: LDAP_ONLY });
    });
    afterAll(async () => {
      await sim.close();
    });
    const env = (extra: NodeJS.ProcessEnv = {}) => ({ AUTHENTIK_URL: sim.url, AUTHENTIK_TOKEN: sim.token, XDG_CONFIG_HOME: xdg, ...extra });

    it('checks every source: the worst verdict with counts, a line and perfdata per source, exit of the worst', async () => {
      const io = captureIo(env());
      const code = await main(['status'], io);
      const [first = '', ...long] = io.out().trimEnd().split('\n');
      expect(first).toMatch(/^CRITICAL: 1 of 5 sources critical, 1 warning \| /);
      expect(code).toBe(2);
      for (const slug of SLUGS) {
        expect(first).toContain(`'${slug}_problems'=`);
        expect(long.filter((line) => new RegExp(`^(OK|WARNING|CRITICAL|UNKNOWN): ${slug} `).test(line))).toHaveLength(1);
      }
      expect(long.find((line) => line.startsWith('CRITICAL: '))).toMatch(/^CRITICAL: ldap-down \(Branch office LDAP\): /);
      expect(long.find((line) => line.startsWith('WARNING: '))).toMatch(/^WARNING: corp-ad \(Corporate AD\): /);
      expect(io.out()).not.toContain('\u001b');
    });

    it('asks for the list and the server once, and each status once', async () => {
      const from = sim.requests.length;
      await main(['status'], captureIo(env()));
      const paths = sim.requests.slice(from).map((r) => r.path);
      expect(paths.filter((p) => p.includes('/admin/version/'))).toHaveLength(1);
      expect(paths.filter((p) => /\/sources\/ldap\/(\?|$)/.test(p))).toHaveLength(1);
      if (generation === 'A') for (const slug of SLUGS) expect(paths.filter((p) => p.includes(`/sources/ldap/${slug}/sync/status/`)), slug).toHaveLength(1);
    });

    it('--json: aksync.status-all/1 holding, per source, the same aksync.status/1 object `status SLUG --json` prints', async () => {
      const io = captureIo(env());
      expect(await main(['status', '--json'], io)).toBe(2);
      const report = JSON.parse(io.out());
      expect(report).toMatchObject({
        schema: 'aksync.status-all/1',
        verdict: 'CRITICAL',
        exit_code: 2,
        reason: '1 of 5 sources critical, 1 warning',
        server: { url: sim.url, generation },
        counts: { total: 5, ok: 3, warning: 1, critical: 1, unknown: 0 },
        error: null,
      });
      const listed = captureIo(env());
      await main(['sources', '--json'], listed);
      const inListOrder = JSON.parse(listed.out()).sources.map((s: { slug: string }) => s.slug);
      expect(report.checks.map((c: { source: { slug: string } }) => c.source.slug)).toEqual(inListOrder);
      expect([...inListOrder].sort()).toEqual([...SLUGS].sort());
      for (const check of report.checks) {
        const one = captureIo(env());
        await main(['status', check.source.slug, '--json'], one);
        const single = JSON.parse(one.out());
        expect({ ...check, checked_at: null }).toEqual({ ...single, checked_at: null });
      }
    });

    it('a saved or given default source is checked alone; --all checks every source anyway', async () => {
      const one = captureIo(env({ AKSYNC_SOURCE: 'corp-ad' }));
      expect(await main(['status'], one)).toBe(1);
      expect(one.out()).toMatch(/^WARNING: corp-ad: /);
      const all = captureIo(env({ AKSYNC_SOURCE: 'corp-ad' }));
      expect(await main(['status', '--all'], all)).toBe(2);
      expect(all.out()).toMatch(/^CRITICAL: 1 of 5 sources critical/);
    });

    it('`aksync sources` shows each source\'s verdict, in the table and the JSON', async () => {
      const io = captureIo(env());
      expect(await main(['sources'], io)).toBe(0);
      const rows = io.out().split('\n');
      expect(rows[0]).toMatch(/^NAME\s+SLUG\s+VERDICT\s+ENABLED/);
      expect(rows.find((r) => /\sldap-down\s/.test(r))).toMatch(/\sCRITICAL\s/);
      expect(rows.find((r) => /\scorp-ad\s/.test(r))).toMatch(/\sWARNING\s/);
      expect(io.out()).toMatch(/^ldap-down: .*Connection refused/m);
      const json = captureIo(env());
      await main(['sources', '--json'], json);
      const verdicts = Object.fromEntries(JSON.parse(json.out()).sources.map((s: { slug: string; verdict: string }) => [s.slug, s.verdict]));
      expect(verdicts).toEqual({ 'corp-ad': 'WARNING', corp: 'OK', 'corp-eu': 'OK', 'ldap-down': 'CRITICAL', openldap: 'OK' });
    });

    it("one source's failure is that source's UNKNOWN; the others are still checked", async () => {
      // Generation B finds a source's schedule by the source's pk.
      const path = generation === 'A' ? '/sources/ldap/corp-eu/sync/status/' : `rel_obj_id=${findSource('corp-eu')?.pk ?? 'none'}`;
      sim.setFault({ kind: 'status', status: 500, path });
      try {
        const io = captureIo(env());
        await main(['status', '--json'], io);
        const report = JSON.parse(io.out());
        expect(report.checks.find((c: { source: { slug: string } }) => c.source.slug === 'corp-eu')).toMatchObject({ verdict: 'UNKNOWN', error: { kind: 'server' } });
        expect(report.counts).toMatchObject({ unknown: 1, critical: 1, warning: 1, ok: 2 });
      } finally {
        sim.setFault(null);
      }
    });

    it('a check that fails keeps every field of a successful one, null or empty where unknown', async () => {
      const good = captureIo(env());
      await main(['status', 'corp-ad', '--json'], good);
      sim.setFault({ kind: 'status', status: 502 });
      const bad = captureIo(env());
      try {
        expect(await main(['status', 'corp-ad', '--json'], bad)).toBe(3);
      } finally {
        sim.setFault(null);
      }
      const ok = JSON.parse(good.out());
      const failed = JSON.parse(bad.out());
      expect(Object.keys(failed).sort()).toEqual(Object.keys(ok).sort());
      for (const field of ['server', 'source', 'run', 'totals']) expect(Object.keys(failed[field]).sort(), field).toEqual(Object.keys(ok[field]).sort());
      expect(failed).toMatchObject({ running: false, missing_permissions: [], types: [], problems: [], problems_truncated: false, first_error: null, totals: { errors: null } });
    });
  });
}

describe('usage errors of a check are UNKNOWN on stdout (Nagios reads only stdout; exit 2 would be CRITICAL)', () => {
  const env = { XDG_CONFIG_HOME: xdg, AUTHENTIK_URL: 'http://127.0.0.1:9', AUTHENTIK_TOKEN: 'unused-token-value' };

  it('status --bogus: exit 3 and the UNKNOWN plugin line', async () => {
    const io = captureIo(env);
    expect(await main(['status', '--bogus'], io)).toBe(3);
    expect(io.out()).toBe("UNKNOWN: unknown option --bogus. Run 'aksync status --help' for usage.\n");
  });

  it('status --bogus --json: the all-sources object with error kind usage and every field', async () => {
    const io = captureIo(env);
    expect(await main(['status', '--bogus', '--json'], io)).toBe(3);
    expect(JSON.parse(io.out())).toEqual({
      schema: 'aksync.status-all/1',
      checked_at: expect.any(String),
      verdict: 'UNKNOWN',
      exit_code: 3,
      reason: "unknown option --bogus. Run 'aksync status --help' for usage.",
      server: { url: null, version: null, generation: null },
      counts: { total: 0, ok: 0, warning: 0, critical: 0, unknown: 0 },
      checks: [],
      error: { kind: 'usage', message: "unknown option --bogus. Run 'aksync status --help' for usage." },
    });
  });

  it('status SLUG with a bad value: the one-source object, naming the source', async () => {
    const io = captureIo(env);
    expect(await main(['status', 'corp-ad', '--timeout', 'soon', '--json'], io)).toBe(3);
    expect(JSON.parse(io.out())).toMatchObject({ schema: 'aksync.status/1', source: { slug: 'corp-ad' }, error: { kind: 'usage' } });
  });

  it('sync --wait is a check too; plain sync keeps exit 2 for usage', async () => {
    const wait = captureIo(env);
    expect(await main(['sync', 'corp-ad', '--wait', '--bogus'], wait)).toBe(3);
    expect(wait.out()).toMatch(/^UNKNOWN: corp-ad: unknown option --bogus\. /);
    const noSlug = captureIo(env);
    expect(await main(['sync', '--wait'], noSlug)).toBe(3);
    expect(noSlug.out()).toMatch(/^UNKNOWN: Name the source to sync/);
    const plain = captureIo(env);
    expect(await main(['sync', 'corp-ad', '--bogus'], plain)).toBe(2);
    expect(plain.out()).toBe('');
    expect(plain.err()).toMatch(/unknown option --bogus/);
  });

  it('sync --wait that cannot reach authentik: UNKNOWN plugin line on stdout', async () => {
    const io = captureIo(env);
    expect(await main(['sync', 'corp-ad', '--wait', '--yes'], io)).toBe(3);
    expect(io.out()).toMatch(/^UNKNOWN: corp-ad: Could not reach http:\/\/127\.0\.0\.1:9/);
  });
});
