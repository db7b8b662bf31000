// Every kind of sync object aksync knows, in the order screens and reports list them. A new kind: its file, its
// line here, its tests.
import type { SyncKind } from '../domain/sync-object-ref.js';
import { GOOGLE_WORKSPACE_KIND } from './google-workspace.js';
import { KERBEROS_KIND } from './kerberos.js';
import { LDAP_KIND } from './ldap.js';
import { MICROSOFT_ENTRA_KIND } from './microsoft-entra.js';
import { SCIM_KIND } from './scim.js';
import type { KindDescription } from './types.js';

export const KINDS: Readonly<Record<SyncKind, KindDescription>> = {
  ldap: LDAP_KIND,
  kerberos: KERBEROS_KIND,
  scim: SCIM_KIND,
  google_workspace: GOOGLE_WORKSPACE_KIND,
  microsoft_entra: MICROSOFT_ENTRA_KIND,
};

/** In listing order: sources first, then providers. */
export const KIND_LIST: readonly KindDescription[] = Object.values(KINDS);

export function kindOf(kind: SyncKind): KindDescription {
  return KINDS[kind];
}
