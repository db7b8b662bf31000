// The samples of one server from its fleet poller's snapshot: the same snapshot the overview renders, judged the
// same way (assess with the remembered run, by the object's kind's rules), so the exporter and the screen never
// disagree. Items are LDAP sources (the source fleet) or sync objects of any kind (which carry their kind): an object
// is labelled with its own kind.
import type { LdapSource, SyncObject } from '../domain/model.js';
import { formatRef, type SyncObjectRef } from '../domain/sync-object-ref.js';
import { assess } from '../domain/verdict.js';
import { KINDS } from '../kinds/registry.js';
import type { ListedFleetSnapshot } from '../poll/listed-fleet.js';
import type { SourcePoll } from '../poll/source-fleet.js';
import { objectSample, unknownSample, type ObjectSample } from './samples.js';

export type FleetItem = LdapSource | SyncObject;

/** The reason of an object no poll has settled for yet. */
export const WAITING = 'waiting for the first answer from authentik';

export interface FleetSampleInput<Item extends FleetItem> {
  snapshot: ListedFleetSnapshot<Item, SourcePoll>;
  /** The fleet's key of an item (the source fleet's: the slug). */
  keyOf?: (item: Item) => string;
  /** Permissions the token lacks to see sync detail (from the server's version and the token's user). */
  missingPermissions: readonly string[];
  now: number;
  /** Remembered per object (by KIND/ID): the newest successful run's end seen so far (seconds). Updated here. */
  lastSuccess: Map<string, number>;
}

export function itemRef(item: FleetItem): SyncObjectRef {
  return 'kind' in item ? { kind: item.kind, id: item.id } : { kind: 'ldap', id: item.slug };
}

/** One sample per listed object, in list order; nothing before the list is first read. */
export function fleetSamples<Item extends FleetItem>(input: FleetSampleInput<Item>): ObjectSample[] {
  const { snapshot, missingPermissions, now, lastSuccess } = input;
  const keyOf = input.keyOf ?? ((item: Item) => item.slug);
  const samples: ObjectSample[] = [];
  const listed = new Set<string>();
  for (const item of snapshot.items ?? []) {
    const ref = itemRef(item);
    const name = formatRef(ref);
    listed.add(name);
    const entry = snapshot.entries.get(keyOf(item));
    const data = entry?.data;
    if (!entry || !data) {
      samples.push(unknownSample(ref, entry?.error?.message ?? WAITING, item.enabled));
      continue;
    }
    const rules = KINDS[ref.kind].rules;
    const assessment = assess({
      slug: item.slug,
      status: { ...data.status, tasks: data.run.tasks },
      source: item,
      missingPermissions,
      now: new Date(now),
      tasksStillArriving: data.tasksStillArriving,
      previousRun: data.run.reference ?? null,
      rules,
    });
    // Shown as the previous run: the remembered complete run while a new one starts. Shown as the current run:
    // its reference is the complete run before it.
    const previousRun = data.run.label === 'previous' ? data.run.tasks : (data.run.reference ?? null);
    const sample = objectSample({
      ref,
      status: data.status,
      assessment,
      tasks: data.run.tasks,
      previousRun,
      stale: entry.phase === 'stale' ? `no fresh answer from authentik: ${entry.error?.message ?? 'the last poll is too old'}` : null,
      lastSuccessSeen: lastSuccess.get(name) ?? null,
      enabled: item.enabled,
      rules,
    });
    if (sample.lastSuccessSeconds !== null) lastSuccess.set(name, sample.lastSuccessSeconds);
    samples.push(sample);
  }
  for (const name of lastSuccess.keys()) if (!listed.has(name)) lastSuccess.delete(name);
  return samples;
}
