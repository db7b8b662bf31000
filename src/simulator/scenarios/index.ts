import type { ScenarioName } from '../types.js';
import { big } from './big.js';
import { empty } from './empty.js';
import { errors } from './errors.js';
import { healthy } from './healthy.js';
import { hostile } from './hostile.js';
import { lively } from './lively.js';
import { problems } from './problems.js';
import { running } from './running.js';
import type { Scenario } from './scenario.js';
import { week } from './week.js';

export type { Scenario } from './scenario.js';
export { SLUG as SCENARIO_SLUG } from './scenario.js';

const SCENARIOS: Record<ScenarioName, (epoch: Date) => Scenario> = {
  healthy,
  problems,
  errors,
  running,
  empty,
  lively,
  hostile,
  big,
  week,
};

export function createScenario(name: ScenarioName, epoch: Date): Scenario {
  const create = Object.hasOwn(SCENARIOS, name) ? SCENARIOS[name] : undefined;
  if (!create) throw new Error(`unknown scenario "${String(name)}" (one of: ${Object.keys(SCENARIOS).join(', ')})`);
  return create(epoch);
}
