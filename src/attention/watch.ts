// Which watched objects just got worse: the pure judgement behind the bell, the notification, the title and the
// marked row. A worsening is OK → WARNING → CRITICAL (measured against the last verdict aksync knew, so a blip of
// UNKNOWN between two CRITICALs rings nothing), or authentik becoming unreachable for longer than the stale threshold.
// One event per change, never one per poll; the first look at an object is no change.
import type { VerdictLevel } from '../domain/verdict.js';

/** What a screen shows of one object at one poll. */
export interface Observation {
  /** Stable key (`ldap/corp-ad`). */
  key: string;
  /** aksync's own name for it in a title or notification (the slug; made safe where it is written). */
  label: string;
  level: VerdictLevel;
  /** The connection has been failing for longer than the stale threshold. */
  unreachable: boolean;
}

/** The state attention compares: a verdict, or unreachable. */
export type AttentionLevel = VerdictLevel | 'UNREACHABLE';

export interface WatchedState {
  level: AttentionLevel;
  /** The last OK, WARNING or CRITICAL seen: what a new verdict is compared with. */
  known: 'OK' | 'WARNING' | 'CRITICAL' | null;
  /** When the level last changed (ms); null when it has not changed since first seen. */
  changedAt: number | null;
}

export interface AttentionChange {
  key: string;
  label: string;
  from: AttentionLevel;
  to: AttentionLevel;
  /** Got worse: bell and notification. Any change marks the row. */
  worse: boolean;
}

const RANK = { OK: 0, WARNING: 1, CRITICAL: 2 } as const;

function levelOf(observation: Observation): AttentionLevel {
  return observation.unreachable ? 'UNREACHABLE' : observation.level;
}

export interface WatchResult {
  states: Map<string, WatchedState>;
  changes: AttentionChange[];
}

/** The next states and the changes, from the last states and this look. Objects not looked at keep their state. */
export function watchVerdicts(previous: ReadonlyMap<string, WatchedState>, observations: readonly Observation[], now: number): WatchResult {
  const states = new Map(previous);
  const changes: AttentionChange[] = [];
  for (const observation of observations) {
    const to = levelOf(observation);
    const before = previous.get(observation.key);
    const known = to === 'OK' || to === 'WARNING' || to === 'CRITICAL' ? to : (before?.known ?? null);
    if (!before) {
      states.set(observation.key, { level: to, known, changedAt: null });
      continue;
    }
    if (before.level === to) {
      if (known !== before.known) states.set(observation.key, { ...before, known });
      continue;
    }
    const worse =
      to === 'UNREACHABLE' ||
      ((to === 'OK' || to === 'WARNING' || to === 'CRITICAL') && before.known !== null && RANK[to] > RANK[before.known]);
    states.set(observation.key, { level: to, known, changedAt: now });
    changes.push({ key: observation.key, label: observation.label, from: before.level, to, worse });
  }
  return { states, changes };
}

/** The worst of what is watched, for the title: CRITICAL, then UNREACHABLE, UNKNOWN, WARNING, OK; null with nothing. */
export function worstOf(observations: readonly Observation[]): { level: AttentionLevel; labels: string[] } | null {
  const order: AttentionLevel[] = ['CRITICAL', 'UNREACHABLE', 'UNKNOWN', 'WARNING', 'OK'];
  for (const level of order) {
    const labels = observations.filter((o) => levelOf(o) === level).map((o) => o.label);
    if (labels.length > 0) return { level, labels };
  }
  return null;
}

/** How long a changed row stays marked. */
export const MARK_MS = 60_000;

export function isMarked(state: WatchedState | undefined, now: number): boolean {
  return state?.changedAt != null && now - state.changedAt < MARK_MS;
}
