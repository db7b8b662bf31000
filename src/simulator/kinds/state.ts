// The runs of every Kerberos source and provider: a history that depends on the scenario and the clock, plus the
// syncs triggered through the API.

import { Prng } from '../prng.js';
import { DAY, HOUR, MINUTE, addMs } from '../time.js';
import type { ScenarioName } from '../types.js';
import { KIND_INFO, KIND_OBJECTS, keyOf, type KindObject } from './catalog.js';
import { SteppedKindRun, TimedKindRun, kindRunSpec, type KindRun, type KindRunSpec, type Variant } from './runs.js';

/** What the scenario makes of the objects that follow it. */
type ScenarioPlan = Variant | 'running' | 'never' | 'periodic';

const PLAN: Record<ScenarioName, ScenarioPlan> = {
  healthy: 'healthy',
  problems: 'problem',
  errors: 'failed',
  running: 'running',
  empty: 'never',
  lively: 'periodic',
  hostile: 'hostile',
  big: 'healthy',
  week: 'periodic',
};

/** How often a periodic scenario runs an object, and how long generation B keeps its runs. */
interface Cadence {
  periodMs: number;
  offsetMs: number;
  keepMs: number;
}

function cadence(scenario: ScenarioName, o: KindObject): Cadence {
  const every = KIND_INFO[o.kind].everyHours;
  if (scenario === 'week') {
    // The real crontab: `<minute> */4 * * *` (providers), `<minute> */2 * * *` (Kerberos); tasks kept 30 days.
    return { periodMs: every * HOUR, offsetMs: o.crontabMinute * MINUTE, keepMs: 30 * DAY };
  }
  // lively: the same rhythm, one clock minute for each hour, so the demo sees runs come and go.
  return { periodMs: every * MINUTE, offsetMs: (o.crontabMinute % 60) * 1000, keepMs: 12 * every * MINUTE };
}

/** The deterministic outcome of run `k` of a scenario-following object in a periodic scenario. */
function periodicVariant(o: KindObject, k: number): Variant {
  // At least one failed run in every seven, so any stretch of history shows one.
  if (k % 7 === 3) return 'failed';
  const roll = new Prng(`periodic:${keyOf(o)}:${k}`).next();
  if (roll < 0.12) return 'failed';
  if (roll < 0.3) return 'problem';
  return 'healthy';
}

/** Fixed objects behave the same whatever the scenario. */
function fixedVariant(o: KindObject): Variant {
  return o.behaviour === 'failed' ? 'failed' : o.behaviour === 'problem' ? 'problem' : 'healthy';
}

export class KindsState {
  private epoch = new Date(0);
  private scenario: ScenarioName = 'healthy';
  private history = new Map<string, KindRun[]>();
  private periodic = new Map<string, Map<number, KindRun>>();
  private triggered = new Map<string, KindRun[]>();
  private triggerRng = new Prng('kind-triggers');
  /** Kerberos sources whose user sync the scenario switched off */
  private syncUsersOff = new Set<string>();

  constructor(private readonly now: () => Date) {}

  reset(scenario: ScenarioName, epoch: Date): void {
    this.scenario = scenario;
    this.epoch = epoch;
    this.history.clear();
    this.periodic.clear();
    this.triggered.clear();
    this.syncUsersOff.clear();
    for (const o of KIND_OBJECTS) {
      const plan = this.planOf(o);
      if (plan === 'periodic') continue;
      this.history.set(keyOf(o), this.staticHistory(o, plan));
      if (o.kind === 'kerberos' && (plan === 'problem' || plan === 'hostile')) this.syncUsersOff.add(o.id);
    }
  }

  private planOf(o: KindObject): ScenarioPlan {
    const plan = PLAN[this.scenario];
    if (o.behaviour === 'scenario' || plan === 'periodic') return plan;
    return fixedVariant(o);
  }

  private spec(o: KindObject, variant: Variant, seed: string): KindRunSpec {
    return kindRunSpec(o, o.behaviour === 'scenario' ? variant : fixedVariant(o), seed);
  }

  private staticHistory(o: KindObject, plan: Exclude<ScenarioPlan, 'periodic'>): KindRun[] {
    if (plan === 'never') return [];
    const every = KIND_INFO[o.kind].everyHours * HOUR;
    const rng = new Prng(`kind-history:${keyOf(o)}:${this.scenario}`);
    const lag = o.behaviour === 'scenario' ? 10 * MINUTE : 25 * MINUTE;
    const runs: KindRun[] = [];
    if (plan === 'running') {
      runs.push(TimedKindRun.completedAt(rng.uuid(), this.spec(o, 'healthy', 'history:1'), addMs(this.epoch, -every + 5 * MINUTE)));
      runs.push(new SteppedKindRun(rng.uuid(), this.spec(o, 'healthy', 'running'), this.epoch));
      return runs;
    }
    for (let k = 2; k >= 1; k--) {
      const variant = o.behaviour === 'scenario' ? 'healthy' : plan;
      runs.push(TimedKindRun.completedAt(rng.uuid(), this.spec(o, variant, `history:${k}`), addMs(this.epoch, -k * every - lag)));
    }
    runs.push(TimedKindRun.completedAt(rng.uuid(), this.spec(o, plan, this.scenario), addMs(this.epoch, -lag)));
    return runs;
  }

  /** The runs of a periodic scenario that generation B still keeps at `now` (queued by `now`). */
  private periodicRuns(o: KindObject, now: Date): KindRun[] {
    const { periodMs, offsetMs, keepMs } = cadence(this.scenario, o);
    const key = keyOf(o);
    let cache = this.periodic.get(key);
    if (!cache) {
      cache = new Map();
      this.periodic.set(key, cache);
    }
    // The week scenario starts with a week of runs behind it; lively with the runs of its last few periods.
    const from = Math.max(this.epoch.getTime() - (this.scenario === 'week' ? 7 * DAY : keepMs), now.getTime() - keepMs);
    const first = Math.ceil((from - offsetMs) / periodMs);
    const last = Math.floor((now.getTime() - offsetMs) / periodMs);
    const runs: KindRun[] = [];
    for (let k = first; k <= last; k++) {
      let run = cache.get(k);
      if (!run) {
        const variant = o.behaviour === 'scenario' ? periodicVariant(o, k) : fixedVariant(o);
        run = new TimedKindRun(new Prng(`periodic-run:${key}:${k}`).uuid(), this.spec(o, variant, `periodic:${k}`), new Date(k * periodMs + offsetMs));
        cache.set(k, run);
      }
      runs.push(run);
    }
    for (const k of cache.keys()) if (k < first) cache.delete(k);
    return runs;
  }

  /** An object's runs that have been queued by now, oldest first. */
  runs(o: KindObject): KindRun[] {
    const now = this.now();
    const base = this.planOf(o) === 'periodic' ? this.periodicRuns(o, now) : (this.history.get(keyOf(o)) ?? []);
    return [...base, ...(this.triggered.get(keyOf(o)) ?? [])]
      .filter((run) => run.queuedAt.getTime() <= now.getTime())
      .sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime());
  }

  statusPolled(o: KindObject): void {
    const now = this.now();
    for (const run of this.runs(o)) run.onStatusPoll(now);
  }

  /** Whether a run of `o` holds its sync lock now (`is_running`). */
  isRunning(o: KindObject): boolean {
    const now = this.now();
    return this.runs(o).some((run) => {
      const view = run.view(now);
      return view.completedAt === null && !run.spec.unassigned && !run.spec.disabled && !run.spec.skipped;
    });
  }

  /**
   * Start a sync now; it moves on with each status poll of the object. While a run holds the object's lock, a new
   * one returns at once: silently in A, in B as a `done` task saying "Synchronization is already running. Skipping".
   */
  trigger(o: KindObject, generation: 'A' | 'B'): void {
    if (this.isRunning(o)) {
      if (generation === 'A') return;
      const runs = this.triggered.get(keyOf(o)) ?? [];
      runs.push(TimedKindRun.completedAt(this.triggerRng.uuid(), { pages: [], notes: [], skipped: true, durationMs: 60 }, this.now()));
      this.triggered.set(keyOf(o), runs);
      return;
    }
    const plan = this.planOf(o);
    const variant: Variant = plan === 'problem' || plan === 'failed' || plan === 'hostile' ? plan : 'healthy';
    const runs = this.triggered.get(keyOf(o)) ?? [];
    runs.push(new SteppedKindRun(this.triggerRng.uuid(), this.spec(o, variant, `trigger:${runs.length}`), this.now()));
    this.triggered.set(keyOf(o), runs);
  }

  /** The Kerberos source's cached connectivity check (null before the first, and for a disabled source). */
  connectivity(o: KindObject): Record<string, unknown> | null {
    if (!o.enabled) return null;
    if (this.planOf(o) === 'failed') return { status: 'no connection' };
    return this.syncUsers(o) ? { status: 'ok', principal_exists: true } : { status: 'ok' };
  }

  syncUsers(o: KindObject): boolean {
    return o.syncUsers && !this.syncUsersOff.has(o.id);
  }
}
