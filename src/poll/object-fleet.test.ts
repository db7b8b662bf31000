import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../api/client.js';
import { missingTaskPermissions } from '../domain/model.js';
import { startSimulator, type Simulator } from '../simulator/index.js';
import { createObjectFleet, objectKey, type ObjectFleet } from './object-fleet.js';
import { objectSnapshot } from './object-snapshot.js';

let sim: Simulator | null = null;
let fleet: ObjectFleet | null = null;
afterEach(async () => {
  fleet?.stop();
  fleet = null;
  await sim?.close();
  sim = null;
});

/** Resolves once every listed object has an answer (a generous deadline: CI is a busy machine). */
function settled(f: ObjectFleet, deadlineMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      const { items, entries } = f.getSnapshot();
      if (items && items.length > 0 && items.every((item) => entries.get(objectKey(item))?.data)) {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    };
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error('the fleet did not settle'));
    }, deadlineMs);
    const unsubscribe = f.subscribe(done);
    done();
  });
}

async function pollAll(options: Parameters<typeof startSimulator>[0]) {
  sim = await startSimulator(options);
  const api = createClient({ url: sim.url, token: sim.token });
  fleet = createObjectFleet(api, { intervalMs: 60_000 });
  fleet.start();
  await settled(fleet);
  const [version, user] = await Promise.all([api.version(), api.me()]);
  const context = { missingPermissions: missingTaskPermissions(user, version.generation), now: new Date(sim.now()) };
  const snapshot = fleet.getSnapshot();
  const snapshots = new Map((snapshot.items ?? []).map((item) => [objectKey(item), objectSnapshot(item, snapshot.entries.get(objectKey(item)), context)]));
  return { snapshots, kinds: fleet.kinds() };
}

describe('the fleet of every sync object', () => {
  it('lists every kind the server has, keyed KIND/ID; a kind it lacks is a quiet listing, not a failure', async () => {
    const { snapshots, kinds } = await pollAll({ generation: 'A', version: '2024.8.3', scenario: 'problems' });
    expect([...snapshots.keys()]).toEqual(expect.arrayContaining(['ldap/corp-ad', 'scim/3', 'scim/7', 'google_workspace/4', 'microsoft_entra/5']));
    expect(kinds.find((k) => k.kind === 'kerberos')).toMatchObject({ count: 0, quiet: true, error: { kind: 'not_found' } });
    expect(kinds.find((k) => k.kind === 'scim')).toMatchObject({ count: 3, error: null });
    expect(fleet?.getSnapshot().connection.phase).toBe('live');
  });

  for (const [generation, version] of [['A', '2025.6.3'], ['B', '2026.2.2']] as const) {
    it(`generation ${generation}: each object's verdict and last complete run, by its kind's rules`, async () => {
      const { snapshots } = await pollAll({ generation, version, scenario: 'problems' });
      const scim = snapshots.get('scim/3');
      expect(scim).toMatchObject({ ref: { kind: 'scim', id: '3' }, name: 'Slack SCIM', verdict: { level: 'WARNING' }, running: false });
      expect(scim?.lastCompleteRun).toMatchObject({ pages: 4, problems: 3, errors: 0, verdict: { level: 'WARNING' } });
      expect(scim?.lastCompleteRun?.durationSeconds).toBeGreaterThan(0);
      expect(snapshots.get('kerberos/corp-krb')).toMatchObject({ verdict: { level: 'WARNING' }, lastCompleteRun: { pages: 0, problems: 1 } });
      expect(snapshots.get('microsoft_entra/11')).toMatchObject({ verdict: { level: 'CRITICAL' }, lastCompleteRun: { errors: expect.any(Number) } });
      expect(snapshots.get('microsoft_entra/11')?.lastCompleteRun?.firstError).toMatch(/client secret keys .* are expired/);
      expect(snapshots.get('ldap/corp-ad')?.lastCompleteRun).toMatchObject({ pages: 101, problems: 5 });
    });
  }

  it('a kind the token may not see is a quiet listing; the others are polled as usual', async () => {
    const { snapshots, kinds } = await pollAll({
      generation: 'B',
      scenario: 'healthy',
      permissions: ['authentik_providers_scim.view_scimprovider', 'authentik_tasks_schedules.view_schedule', 'authentik_tasks.view_task'],
    });
    expect([...snapshots.keys()].every((key) => key.startsWith('scim/'))).toBe(true);
    expect(kinds.filter((k) => k.error !== null).map((k) => [k.kind, k.quiet, k.error?.kind])).toEqual([
      ['ldap', true, 'forbidden'],
      ['kerberos', true, 'forbidden'],
      ['google_workspace', true, 'forbidden'],
      ['microsoft_entra', true, 'forbidden'],
    ]);
    expect(snapshots.get('scim/3')?.verdict.level).toBe('OK');
  });
});
