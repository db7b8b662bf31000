// The samples of one server from its fleet poller's snapshot: the same snapshot the overview renders, judged the
// same way (assess with the remembered run), so the exporter and the screen never disagree.
import type { LdapSource } from '../domain/model.js';
import type { SyncObjectRef } from '../domain/sync-object-ref.js';
import { assess } from '../domain/verdict.js';
import type { ListedFleetSnapshot } from '../poll/listed-fleet.js';
import type { SourcePoll } from '../poll/source-fleet.js';
import { objectSample, unknownSample, type ObjectSample } from './samples.js';

export interface FleetSampleInput {
  snapshot: ListedFleetSnapshot<LdapSource, SourcePoll>;
  /** Permissions the token lacks to see sync detail (from the server's version and the token's user). */
  missingPermissions: readonly string[];
  now: number;
  /** Remembered per object: the newest successful run's end seen so far (seconds). Updated here. */
  lastSuccess: Map<string, number>;
}

/** One sample per listed object, in list order; nothing before the list is first read. */
export function fleetSamples({ snapshot, missingPermissions, now, lastSuccess }: FleetSampleInput): ObjectSample[] {
  const samples: ObjectSample[] = [];
  for (const source of snapshot.items ?? []) {
    const ref: SyncObjectRef = { kind: 'ldap', id: source.slug };
    const entry = snapshot.entries.get(source.slug);
    const data = entry?.data;
    if (!entry || !data) {
      samples.push(unknownSample(ref, entry?.error?.message ?? 'waiting for the first answer from authentik', source.enabled));
      continue;
    }
    const assessment = assess({
      slug: source.slug,
      status: { ...data.status, tasks: data.run.tasks },
      source,
      missingPermissions,
      now: new Date(now),
      tasksStillArriving: data.tasksStillArriving,
      previousRun: data.run.reference ?? null,
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
      lastSuccessSeen: lastSuccess.get(source.slug) ?? null,
      enabled: source.enabled,
    });
    if (sample.lastSuccessSeconds !== null) lastSuccess.set(source.slug, sample.lastSuccessSeconds);
    samples.push(sample);
  }
  const listed = new Set((snapshot.items ?? []).map((source) => source.slug));
  for (const slug of lastSuccess.keys()) if (!listed.has(slug)) lastSuccess.delete(slug);
  return samples;
}
