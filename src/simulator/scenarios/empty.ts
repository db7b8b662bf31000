import { healthyRun, type Scenario } from './scenario.js';

/** No run yet (or, for A, all tasks expired): the status has no tasks. */
export function empty(): Scenario {
  return { runs: () => [], triggerSpec: () => healthyRun('empty') };
}
