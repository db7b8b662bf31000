import { withMessages } from '../directory.js';
import { LDAP_REFUSED } from '../messages.js';
import { healthyRun, staticScenario, type Scenario } from './scenario.js';

/** A completed run where the LDAP server went away for three users pages and one groups page outlived its cache. */
export function errors(epoch: Date): Scenario {
  let run = healthyRun('errors');
  for (const index of [60, 61, 62]) {
    run = withMessages(run, 'users', index, [{ kind: 'exception', text: LDAP_REFUSED }], true);
  }
  const stale = run.pages.filter((p) => p.type === 'groups')[3];
  if (stale) run = withMessages(run, 'groups', 3, [{ kind: 'page-cache-miss', pageId: stale.pageId }], true);
  return staticScenario('errors', epoch, run);
}
