import { dn, withMessages } from '../directory.js';
import { healthyRun, staticScenario, type Scenario } from './scenario.js';

/** A completed run whose pages are all `successful`, though some report objects they could not sync. */
export function problems(epoch: Date): Scenario {
  let run = healthyRun('problems');
  const contact = dn('Facilities Hotline', 'Contacts');
  // The last users page holds 13 entries; an AD contact without objectSid is skipped.
  run = withMessages(run, 'users', -1, [{ kind: 'uniqueness', dn: contact }, { kind: 'synced', count: 12 }]);
  run = withMessages(run, 'users', 31, [
    { kind: 'uniqueness', dn: dn('Conference Room 4B', 'Resources') },
    { kind: 'synced', count: 49 },
  ]);
  run = withMessages(run, 'users', 9, [{ kind: 'password-reset', username: 'm.okafor' }, { kind: 'synced', count: 50 }]);
  // Group sync was switched off while the run was underway.
  run = withMessages(run, 'groups', -1, [{ kind: 'sync-disabled', what: 'Group' }, { kind: 'synced', count: -1 }]);
  run = withMessages(run, 'membership', 2, [
    { kind: 'group-missing', dn: dn('Print Operators', 'Groups') },
    { kind: 'group-no-uniqueness', dn: dn('Legacy Fax Users', 'Groups') },
    { kind: 'synced', count: 986 },
  ]);
  return staticScenario('problems', epoch, run);
}
