import { healthyRun, staticScenario, type Scenario } from './scenario.js';

/** A completed run of 101 pages, every one `Synced N objects.`. */
export function healthy(epoch: Date): Scenario {
  return staticScenario('healthy', epoch, healthyRun('healthy'));
}
