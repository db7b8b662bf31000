import { dn, withMessages } from '../directory.js';
import { LDAP_REFUSED } from '../messages.js';
import { Prng } from '../prng.js';
import { TimedRun, type Run, type RunSpec, type Timing } from '../run.js';
import { MINUTE, floorMinute } from '../time.js';
import { healthyRun, type Scenario } from './scenario.js';

/** Runs start on every full minute of the simulator's clock; pages arrive over ~40 s. */
export const LIVELY_TIMING: Timing = { enumerationMs: 3_000, pageSpacingMs: 370 };
/** How many past runs generation B lists (a real server keeps 30 days). */
const KEPT_RUNS = 5;

/** Run `k`'s content: a seeded mix of clean runs, runs with problem messages, now and then an error page. */
function livelyRunSpec(k: number): RunSpec {
  const rng = new Prng(`lively:${k}`);
  let run = healthyRun(`lively:${k}`);
  if (rng.chance(0.5)) {
    const page = rng.int(0, 84);
    run = withMessages(run, 'users', page, [
      { kind: 'uniqueness', dn: dn(`Shared Mailbox ${rng.int(1, 40)}`, 'Contacts') },
      { kind: 'synced', count: page === 84 ? 12 : 49 },
    ]);
  }
  if (rng.chance(0.3)) {
    run = withMessages(run, 'membership', rng.int(0, 7), [
      { kind: 'group-missing', dn: dn(rng.pick(['Print Operators', 'Backup Operators', 'VPN Users']), 'Groups') },
      { kind: 'synced', count: rng.int(700, 1300) },
    ]);
  }
  if (rng.chance(0.15)) {
    run = withMessages(run, 'users', rng.int(0, 83), [{ kind: 'exception', text: LDAP_REFUSED }], true);
  }
  return run;
}

/** For the demo: a new run every minute of the clock, each deleting (A) or following (B) the previous one. */
export function lively(epoch: Date): Scenario {
  const first = floorMinute(epoch).getTime() / MINUTE - 1;
  const cache = new Map<number, Run>();
  const runAt = (k: number): Run => {
    let run = cache.get(k);
    if (!run) {
      run = new TimedRun(new Prng(`lively-run:${k}`).uuid(), livelyRunSpec(k), new Date(k * MINUTE), LIVELY_TIMING);
      cache.set(k, run);
    }
    return run;
  };
  return {
    runs(now) {
      const last = Math.floor(now.getTime() / MINUTE);
      const runs: Run[] = [];
      for (let k = Math.max(first, last - KEPT_RUNS + 1); k <= last; k++) runs.push(runAt(k));
      for (const k of cache.keys()) if (k < last - KEPT_RUNS) cache.delete(k);
      return runs;
    },
    triggerSpec: () => livelyRunSpec(first),
  };
}
