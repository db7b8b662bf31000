// How the screens speak of each kind of sync object: which way its data flows and what its run is made of. LDAP
// reads pages of users, groups and memberships from a directory; Kerberos reads every principal in one task; the
// outgoing providers push users and groups, page by page, to another system.
import type { SyncKind } from '../domain/sync-object-ref.js';

export interface KindTerms {
  /** A group's heading in the overview: `LDAP sources`, `SCIM providers`. */
  heading: string;
  /** `SCIM`, `Kerberos`: the kind's short name. */
  title: string;
  /** How its run is made: pages by type (LDAP), pages pushed out by object type (providers), one task (Kerberos). */
  run: 'pages' | 'push' | 'single';
}

export const KIND_TERMS: Readonly<Record<SyncKind, KindTerms>> = {
  ldap: { heading: 'LDAP sources', title: 'LDAP', run: 'pages' },
  kerberos: { heading: 'Kerberos sources', title: 'Kerberos', run: 'single' },
  scim: { heading: 'SCIM providers', title: 'SCIM', run: 'push' },
  google_workspace: { heading: 'Google Workspace providers', title: 'Google Workspace', run: 'push' },
  microsoft_entra: { heading: 'Microsoft Entra providers', title: 'Microsoft Entra', run: 'push' },
};

export function kindTerms(kind: SyncKind): KindTerms {
  return KIND_TERMS[kind];
}
