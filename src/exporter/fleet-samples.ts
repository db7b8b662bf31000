// The samples of one server from its object fleet (every sync object of every kind): each object's entry read through
// objectSnapshot, the one reading of an entry that the overview and the run history share, so the exporter never
// judges an object differently from the screen. An object is labelled with its own kind.
import type { SyncObject } from '../domain/model.js';
import { formatRef } from '../domain/sync-object-ref.js';
import type { ListedFleetSnapshot } from '../poll/listed-fleet.js';
import { objectKey } from '../poll/object-fleet.js';
import { objectSnapshot, type ObjectSnapshot } from '../poll/object-snapshot.js';
import type { SourcePoll } from '../poll/source-fleet.js';
import { lastSuccessSeconds, seconds, verdictState, type ObjectSample, type RunFigures } from './samples.js';

export interface FleetSampleInput {
  snapshot: ListedFleetSnapshot<SyncObject, SourcePoll>;
  /** Permissions the token lacks to see sync detail (from the server's version and the token's user). */
  missingPermissions: readonly string[];
  now: number;
  /** Remembered per object (by KIND/ID): the newest successful run's end seen so far (seconds). Updated here. */
  lastSuccess: Map<string, number>;
}

/** The reason of an object no poll has settled for yet. */
export const WAITING = 'waiting for the first answer from authentik';

function figures(run: ObjectSnapshot['lastCompleteRun']): RunFigures | null {
  if (!run) return null;
  const { durationSeconds, pages, objects, problems, errors } = run;
  return { startSeconds: seconds(run.start), endSeconds: seconds(run.end), durationSeconds, pages, objects, problems, errors };
}

/** One object's sample from its snapshot; `periodSeconds` is its schedule's (2025.8+), which the snapshot leaves out. */
export function snapshotSample(snapshot: ObjectSnapshot, periodSeconds: number | null, lastSuccessSeen: number | null): ObjectSample {
  const lastRun = figures(snapshot.lastCompleteRun);
  const stale = snapshot.assessment !== null && snapshot.stale;
  return {
    ref: snapshot.ref,
    verdict: stale ? 'unknown' : verdictState(snapshot.verdict.level),
    reason: stale ? `no fresh answer from authentik: ${snapshot.error?.message ?? 'the last poll is too old'}` : snapshot.verdict.reason,
    answered: snapshot.assessment !== null,
    running: snapshot.running,
    enabled: snapshot.enabled,
    lastRun,
    lastSuccessSeconds: lastSuccessSeconds(snapshot.lastSuccessfulSync, lastRun, lastSuccessSeen),
    nextRunSeconds: seconds(snapshot.nextRun),
    schedulePeriodSeconds: periodSeconds,
  };
}

/** One sample per listed object, in list order; nothing before the lists are first read. */
export function fleetSamples({ snapshot, missingPermissions, now, lastSuccess }: FleetSampleInput): ObjectSample[] {
  const samples: ObjectSample[] = [];
  const listed = new Set<string>();
  const context = { missingPermissions, now: new Date(now) };
  for (const object of snapshot.items ?? []) {
    const key = objectKey(object);
    const name = formatRef({ kind: object.kind, id: object.id });
    listed.add(name);
    const entry = snapshot.entries.get(key);
    const sample = snapshotSample(objectSnapshot(object, entry, context), entry?.data?.status.schedule?.periodSeconds ?? null, lastSuccess.get(name) ?? null);
    if (sample.lastSuccessSeconds !== null) lastSuccess.set(name, sample.lastSuccessSeconds);
    samples.push(sample);
  }
  for (const name of lastSuccess.keys()) if (!listed.has(name)) lastSuccess.delete(name);
  return samples;
}
