// The simulator's mutable world: the scenario, triggered runs, permissions and the clock.

import { Prng } from './prng.js';
import { SteppedRun, TimedRun, type Run } from './run.js';
import { SCENARIO_SLUG, createScenario, type Scenario } from './scenarios/index.js';
import { scheduledRuns } from './scenarios/week.js';
import { SOURCES, findSource } from './sources.js';
import { DAY, HOUR, MINUTE, addMs } from './time.js';
import type { Permissions, ScenarioName } from './types.js';
import type { Features } from './version.js';
import { KindsState } from './kinds/state.js';
import type { LicenseStatus } from './types.js';

export class SimulatorState {
  private scenario!: Scenario;
  scenarioName!: ScenarioName;
  private epoch!: Date;
  /** the history of the sources other than corp-ad: fixed, or (week scenario) on their schedule */
  private fixedRuns = new Map<string, (now: Date) => Run[]>();
  private triggered = new Map<string, Run[]>();
  private triggerRng = new Prng('triggers');
  /** the Kerberos sources and outgoing providers */
  readonly kinds: KindsState;

  constructor(
    readonly features: Features,
    readonly now: () => Date,
    public permissions: Permissions,
    scenario: ScenarioName,
    public license: LicenseStatus = 'valid',
  ) {
    this.kinds = new KindsState(now);
    this.setScenario(scenario);
  }

  setScenario(name: ScenarioName): void {
    this.epoch = this.now();
    this.scenarioName = name;
    this.scenario = createScenario(name, this.epoch);
    this.kinds.reset(name, this.epoch);
    this.triggered.clear();
    this.fixedRuns.clear();
    for (const source of SOURCES) {
      const spec = source.runSpec?.();
      if (!spec || source.slug === SCENARIO_SLUG) continue;
      if (name === 'week') {
        this.fixedRuns.set(source.slug, scheduledRuns(source.slug, spec, source.crontabMinute, this.epoch));
        continue;
      }
      const ago = spec.rejected ? 95 * MINUTE : 25 * MINUTE;
      const id = new Prng(`fixed-run:${source.slug}`).uuid();
      const runs = [TimedRun.completedAt(id, spec, addMs(this.epoch, -ago))];
      this.fixedRuns.set(source.slug, () => runs);
    }
  }

  can(permission: string): boolean {
    return this.permissions === 'superuser' || this.permissions.includes(permission);
  }

  /** A source's runs that have started by now, oldest first. */
  runs(slug: string): Run[] {
    const now = this.now().getTime();
    const base = slug === SCENARIO_SLUG ? this.scenario.runs(this.now()) : (this.fixedRuns.get(slug)?.(this.now()) ?? []);
    return [...base, ...(this.triggered.get(slug) ?? [])]
      .filter((run) => run.queuedAt.getTime() <= now)
      .sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime());
  }

  latestRun(slug: string): Run | undefined {
    return this.runs(slug).at(-1);
  }

  /** A status poll for `slug`: stepped runs move on. */
  statusPolled(slug: string): void {
    for (const run of this.runs(slug)) run.onStatusPoll(this.now());
  }

  /** Start a sync now, as authentik would after the trigger call; it progresses with each status poll. */
  trigger(slug: string): void {
    const source = findSource(slug);
    const spec = slug === SCENARIO_SLUG ? this.scenario.triggerSpec() : source?.runSpec?.();
    if (!spec) return;
    const runs = this.triggered.get(slug) ?? [];
    runs.push(new SteppedRun(this.triggerRng.uuid(), spec, this.now()));
    this.triggered.set(slug, runs);
  }

  /**
   * ldap-down last synced successfully 31 days ago (its tasks have since been purged); for the others, the
   * latest completed run that was not rejected.
   */
  lastSuccessfulSync(slug: string): Date | null {
    if (slug === 'ldap-down') return addMs(this.epoch, -31 * DAY - 3 * HOUR);
    const now = this.now();
    for (const run of this.runs(slug).reverse()) {
      const completed = run.view(now).completedAt;
      if (completed && !run.spec.rejected) return completed;
    }
    return null;
  }
}
