import { directoryRun, dn, withMessages } from '../directory.js';
import type { PageMessage } from '../messages.js';
import { Prng } from '../prng.js';
import { SLUG, staticScenario, type Scenario } from './scenario.js';

export const BIG_TASKS = 3000;
export const BIG_MESSAGES = 100_000;

/** A huge directory: 2,900 users pages + 50 groups + 50 membership = 3,000 tasks; one page logged 100,000 messages. */
export function big(epoch: Date): Scenario {
  let run = directoryRun(new Prng('big'), SLUG, { users: 2900 * 50, groups: 50 * 50 });
  const noisy: PageMessage[] = Array.from({ length: BIG_MESSAGES - 1 }, (_, i) => ({
    kind: 'uniqueness',
    dn: dn(`Imported Contact ${i + 1}`, 'Contacts'),
  }));
  noisy.push({ kind: 'synced', count: 0 });
  run = withMessages(run, 'users', 100, noisy);
  return staticScenario('big', epoch, run, 0);
}
