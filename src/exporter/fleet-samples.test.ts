import { describe, expect, it } from 'vitest';
import { ldapObject } from '../api/sync-api.js';
import type { SyncObject } from '../domain/model.js';
import { message, pageTask, source, statusA } from '../domain/testing/factories.js';
import type { ListedFleetSnapshot } from '../poll/listed-fleet.js';
import type { PollSnapshot } from '../poll/poller.js';
import type { SourcePoll } from '../poll/source-fleet.js';
import { fleetSamples } from './fleet-samples.js';

function answered(poll: SourcePoll): PollSnapshot<SourcePoll> {
  return { data: poll, updatedAt: 1, unconfirmedSince: null, error: null, failures: 0, phase: 'live', refreshing: false, nextPollAt: null };
}

function snapshot(items: SyncObject[], entries: Array<[string, PollSnapshot<SourcePoll>]>): ListedFleetSnapshot<SyncObject, SourcePoll> {
  const list = answered({} as SourcePoll) as unknown as PollSnapshot<SyncObject[]>;
  return { items, list, entries: new Map(entries), connection: list };
}

const scim: SyncObject = { ...source('3', { name: 'Slack', connectivity: null }), kind: 'scim', id: '3' };

describe('fleet samples', () => {
  it("labels each object with its own kind and judges it by its kind's rules", () => {
    // An info line that is not `Synced N objects.`: a problem for an LDAP source, progress for a provider.
    const says = [message('Syncing page 1 of users')];
    const ldapTasks = [pageTask('corp-ad', 'users', says)];
    const scimTasks = [pageTask('3', 'users', says)];
    const samples = fleetSamples({
      snapshot: snapshot(
        [ldapObject(source('corp-ad')), scim],
        [
          ['ldap/corp-ad', answered({ status: statusA(ldapTasks), run: { tasks: ldapTasks, label: 'current', reference: null }, tasksStillArriving: false })],
          ['scim/3', answered({ status: statusA(scimTasks), run: { tasks: scimTasks, label: 'current', reference: null }, tasksStillArriving: false })],
        ],
      ),
      missingPermissions: [],
      now: Date.UTC(2024, 8, 30, 15),
      lastSuccess: new Map(),
    });
    expect(samples.map((s) => [s.ref, s.verdict, s.lastRun?.problems])).toEqual([
      [{ kind: 'ldap', id: 'corp-ad' }, 'warning', 1],
      [{ kind: 'scim', id: '3' }, 'ok', 0],
    ]);
  });

  it('an object with no answer yet is unknown; a stale one is unknown with the reason', () => {
    const tasks = [pageTask('corp', 'users', [message('Synced 3 objects.')])];
    const stale = { ...answered({ status: statusA(tasks), run: { tasks, label: 'current', reference: null }, tasksStillArriving: false }), phase: 'stale' as const };
    const samples = fleetSamples({
      snapshot: snapshot([ldapObject(source('corp-ad')), ldapObject(source('corp'))], [['ldap/corp', stale]]),
      missingPermissions: [],
      now: Date.UTC(2024, 8, 30, 15),
      lastSuccess: new Map(),
    });
    expect(samples.map((s) => s.verdict)).toEqual(['unknown', 'unknown']);
    expect(samples[1]?.reason).toMatch(/^no fresh answer from authentik/);
    expect(samples[1]?.lastRun?.objects).toBe(3);
  });
});
