// LDAP source: `/sources/ldap/<slug>/`. Generation A lists one SystemTask per page (uid `<slug>:<type>:<uuid>`,
// selected by prefix, so a slug's neighbours come along: the verdict keeps the slug's own); generation B has a
// parent `ldap_sync` task and `ldap_sync_page` tasks per page. Message rules: src/domain/ldap-rules.ts.
import { ldapSource } from '../api/adapt-common.js';
import { syncTaskA } from '../api/adapter-a.js';
import { LDAP_ACTORS } from '../api/adapter-b.js';
import { ldapSourceSchema } from '../api/schemas-common.js';
import { LDAP_RULES } from '../domain/ldap-rules.js';
import type { SyncObject } from '../domain/model.js';
import { objectReader, type KindDescription } from './types.js';

export const LDAP_KIND: KindDescription = {
  kind: 'ldap',
  title: 'LDAP',
  noun: { one: 'LDAP source', many: 'LDAP sources' },
  since: null,
  enterprise: false,
  rules: LDAP_RULES,
  listPath: '/sources/ldap/',
  permissions: { view: 'authentik_sources_ldap.view_ldapsource', change: 'authentik_sources_ldap.change_ldapsource' },
  object: objectReader(ldapSourceSchema, (json): SyncObject => {
    const source = ldapSource(json);
    return { ...source, kind: 'ldap', id: source.slug };
  }),
  generationA: {
    runs: { from: 'status' },
    // Every task goes on: the verdict drops other slugs' (the prefix quirk).
    tasks: (task) => [syncTaskA(task)],
  },
  generationB: {
    relObj: { appLabel: 'authentik_sources_ldap', model: 'ldapsource' },
    actors: LDAP_ACTORS,
  },
};
