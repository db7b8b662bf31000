import { Prng } from '../prng.js';
import { SteppedRun, TimedRun } from '../run.js';
import { HOUR, addMs } from '../time.js';
import { healthyRun, type Scenario } from './scenario.js';

/**
 * A run that started at `epoch`: the first status poll sees it enumerating (A: `is_running: true`, no tasks), each
 * later poll sees 20 more pages, until all 101 are done. Generation B also lists the previous, completed run.
 */
export function running(epoch: Date): Scenario {
  const rng = new Prng('scenario:running');
  const previous = TimedRun.completedAt(rng.uuid(), healthyRun('history:1'), addMs(epoch, -2 * HOUR));
  const current = new SteppedRun(rng.uuid(), healthyRun('running'), epoch);
  return { runs: () => [previous, current], triggerSpec: () => healthyRun('running') };
}
