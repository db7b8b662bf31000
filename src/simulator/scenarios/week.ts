import { dn, withMessages } from '../directory.js';
import { LDAP_REFUSED } from '../messages.js';
import { Prng } from '../prng.js';
import { TimedRun, type Run, type RunSpec } from '../run.js';
import { DAY, HOUR, MINUTE } from '../time.js';
import { healthyRun, type Scenario } from './scenario.js';

// corp-ad's crontab minute (its schedule reads 13 every second hour).
const MINUTE_OF_HOUR = 13;
const PERIOD = 2 * HOUR;
/** Generation B keeps tasks 30 days; A shows only the latest run anyway. */
const KEPT = 30 * DAY;

/** Run `k`'s content: mostly clean, some with problem messages, about one in ten failed. */
export function weekRunSpec(k: number): RunSpec {
  const rng = new Prng(`week:${k}`);
  let run = healthyRun(`week:${k}`);
  const roll = rng.next();
  if (roll < 0.1) {
    for (const index of [rng.int(0, 40), rng.int(41, 83)]) {
      run = withMessages(run, 'users', index, [{ kind: 'exception', text: LDAP_REFUSED }], true);
    }
  } else if (roll < 0.3) {
    run = withMessages(run, 'membership', rng.int(0, 7), [
      { kind: 'group-missing', dn: dn(rng.pick(['Print Operators', 'Backup Operators', 'VPN Users']), 'Groups') },
      { kind: 'synced', count: rng.int(700, 1300) },
    ]);
  }
  return run;
}

/** Another source's runs in the week scenario: the same content every 2 h at its crontab minute, kept 30 days. */
export function scheduledRuns(slug: string, spec: RunSpec, minute: number, epoch: Date): (now: Date) => Run[] {
  const cache = new Map<number, Run>();
  const index = (t: number) => Math.floor((t - minute * MINUTE) / PERIOD);
  return (now) => {
    const first = Math.max(index(epoch.getTime() - 7 * DAY) + 1, index(now.getTime() - KEPT) + 1);
    const runs: Run[] = [];
    for (let k = first; k <= index(now.getTime()); k++) {
      let run = cache.get(k);
      if (!run) {
        // Each run's page tasks have their own ids.
        const rng = new Prng(`week-run:${slug}:${k}`);
        const id = rng.uuid();
        const pages = spec.pages.map((p) => ({ ...p, pageId: rng.uuid(), taskId: rng.uuid() }));
        run = new TimedRun(id, { ...spec, pages }, new Date(k * PERIOD + minute * MINUTE));
        cache.set(k, run);
      }
      runs.push(run);
    }
    for (const k of cache.keys()) if (k < first) cache.delete(k);
    return runs;
  };
}

/**
 * A week of scheduled runs: corp-ad every 2 h (providers every 4 h, Kerberos every 2 h) on the real crontab, with
 * a deterministic mix of outcomes. The simulator starts with the week before its clock behind it; advance the clock
 * (`Simulator.advance`) to play more.
 */
export function week(epoch: Date): Scenario {
  const cache = new Map<number, Run>();
  const runAt = (k: number): Run => {
    let run = cache.get(k);
    if (!run) {
      run = new TimedRun(new Prng(`week-run:${k}`).uuid(), weekRunSpec(k), new Date(k * PERIOD + MINUTE_OF_HOUR * MINUTE));
      cache.set(k, run);
    }
    return run;
  };
  const index = (t: number) => Math.floor((t - MINUTE_OF_HOUR * MINUTE) / PERIOD);
  return {
    runs(now) {
      const first = Math.max(index(epoch.getTime() - 7 * DAY) + 1, index(now.getTime() - KEPT) + 1);
      const last = index(now.getTime());
      const runs: Run[] = [];
      for (let k = first; k <= last; k++) runs.push(runAt(k));
      for (const k of cache.keys()) if (k < first) cache.delete(k);
      return runs;
    },
    triggerSpec: () => weekRunSpec(index(epoch.getTime())),
  };
}
