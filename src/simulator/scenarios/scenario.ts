// A scenario decides what corp-ad's sync history looks like; the other sources keep their own fixed behaviour.

import { CORP_AD_SIZE, directoryRun } from '../directory.js';
import { Prng } from '../prng.js';
import { TimedRun, type Run, type RunSpec } from '../run.js';
import { HOUR, MINUTE, addMs } from '../time.js';

export const SLUG = 'corp-ad';

export interface Scenario {
  /** corp-ad's runs as of `now`, oldest first (runs that start after `now` are ignored by the caller). */
  runs(now: Date): Run[];
  /** What a sync triggered through the API produces for corp-ad. */
  triggerSpec(): RunSpec;
}

export function healthyRun(seed: string): RunSpec {
  return directoryRun(new Prng(seed), SLUG, CORP_AD_SIZE);
}

/**
 * A finished scenario run (finished 10 minutes before `epoch`), preceded by `history` healthy runs two hours apart,
 * which generation B lists (tasks are kept 30 days) and generation A has already deleted.
 */
export function staticScenario(name: string, epoch: Date, latest: RunSpec, history = 2): Scenario {
  const rng = new Prng(`scenario:${name}`);
  const runs: Run[] = [];
  for (let k = history; k >= 1; k--) {
    runs.push(TimedRun.completedAt(rng.uuid(), healthyRun(`history:${k}`), addMs(epoch, -k * 2 * HOUR - 10 * MINUTE)));
  }
  runs.push(TimedRun.completedAt(rng.uuid(), latest, addMs(epoch, -10 * MINUTE)));
  return { runs: () => runs, triggerSpec: () => latest };
}
