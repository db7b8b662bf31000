// Response bodies from ../shared/authentik/OTHER-SYNCS.md §4 (real field sets and message strings; invented ids and
// times), for unit tests of the kinds' adapters before any simulator serves them.
import { readFileSync } from 'node:fs';

const examples = JSON.parse(readFileSync(new URL('./other-syncs-examples.json', import.meta.url), 'utf8')) as Record<string, unknown>;

export type OtherSyncsExample =
  | 'scim-a-2025.6-healthy'
  | 'scim-a-2025.6-one-user-failing'
  | 'kerberos-a-system-task'
  | 'scim-b-status'
  | 'scim-b-schedules'
  | 'scim-b-tasks'
  | 'kerberos-b-schedules'
  | 'kerberos-b-tasks';

/** A fresh copy of the example, to change at will. */
export function otherSyncsExample(name: OtherSyncsExample): any {
  return structuredClone(examples[name]);
}
