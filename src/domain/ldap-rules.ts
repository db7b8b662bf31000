// The LDAP source's message rules: authentik logs a skipped object at level info, so every message but the page's
// `Synced N objects.`, the task framework's lifecycle lines and password resets is a problem worth showing.
import { plural } from './format.js';
import type { KindRules, MessageRules } from './kind-rules.js';
import { LDAP_RUN_SHAPE } from './ldap-run-shape.js';
import { isErrorLevel, LIFECYCLE_EVENTS } from './levels.js';
import { PAGE_TYPES, type LogMessage } from './model.js';

const SYNCED = /^Synced (-?\d+) objects\.$/;
const RESET_PASSWORD = /^'.*': Reset user's password$/;

export const LDAP_MESSAGES: MessageRules = {
  isProblem(message: LogMessage): boolean {
    const event = message.event.trim();
    if (SYNCED.test(event)) return false;
    if (LIFECYCLE_EVENTS.has(event) && !isErrorLevel(message.level)) return false;
    if (RESET_PASSWORD.test(event)) return false;
    return true;
  },
  objectsSynced(message: LogMessage): number | null {
    const match = SYNCED.exec(message.event.trim());
    return match ? Math.max(0, Number(match[1])) : null;
  },
  isLifecycle: (message) => LIFECYCLE_EVENTS.has(message.event.trim()),
};

export const LDAP_RULES: KindRules = {
  kind: 'ldap',
  messages: LDAP_MESSAGES,
  shape: LDAP_RUN_SHAPE,
  periodSecondsA: null,
  pageTypes: { order: PAGE_TYPES, always: ['users', 'groups', 'membership'] },
  words: {
    object: 'LDAP source',
    disabled: 'the source is disabled: authentik does not sync it',
    noRun: () => "no sync run recorded (authentik keeps a run's tasks for about 2 hours)",
    connectivity: 'LDAP server',
    starting: 'a sync run is starting: authentik is reading the directory',
    ok: ({ pages, pending, objects }) => {
      const done = pending > 0 ? `${pages - pending} of ${plural(pages, 'page')} done` : plural(pages, 'page');
      return `${done}, ${plural(objects, 'object')} synced`;
    },
  },
};
