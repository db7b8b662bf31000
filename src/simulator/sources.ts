// The LDAP sources the simulated authentik knows, and how each generation serialises one.

import { directoryRun, type DirectorySize } from './directory.js';
import { LDAP_REFUSED } from './messages.js';
import { Prng, stableUuid } from './prng.js';
import type { RunSpec } from './run.js';
import type { Features } from './version.js';

export type Connectivity = Record<string, Record<string, string>> | null;

export interface SourceFixture {
  slug: string;
  name: string;
  pk: string;
  serverUri: string;
  baseDn: string;
  enabled: boolean;
  syncUsers: boolean;
  syncGroups: boolean;
  connectivity: Connectivity;
  /** generation B: the ldap_sync schedule's id and its connectivity-check sibling */
  scheduleId: string;
  connectivityScheduleId: string;
  // authentik picks a random minute for each source's two-hourly crontab (`13 */2 * * *` style)
  crontabMinute: number;
  /** what a sync of this source produces (corp-ad's comes from the scenario instead) */
  runSpec: (() => RunSpec) | null;
}

function ok(host: string, vendor: string, version: string): Connectivity {
  return { [host]: { status: 'ok', vendor, version }, __all__: { status: 'ok' } };
}

function fixture(
  slug: string,
  name: string,
  host: string,
  rest: Pick<SourceFixture, 'enabled' | 'syncUsers' | 'syncGroups' | 'connectivity' | 'crontabMinute'> & {
    size?: DirectorySize;
    down?: boolean;
  },
): SourceFixture {
  const { size, down, ...flags } = rest;
  let runSpec: SourceFixture['runSpec'] = null;
  if (size) runSpec = () => directoryRun(new Prng(`run:${slug}`), slug, size);
  if (down) runSpec = () => ({ slug, pages: [], rejected: { error: LDAP_REFUSED } });
  return {
    slug,
    name,
    pk: stableUuid(`source:${slug}`),
    serverUri: `ldaps://${host}`,
    baseDn: slug.startsWith('corp') ? 'DC=corp,DC=example,DC=com' : 'dc=example,dc=org',
    scheduleId: stableUuid(`schedule:${slug}`),
    connectivityScheduleId: stableUuid(`schedule:connectivity:${slug}`),
    runSpec,
    ...flags,
  };
}

const AD_VERSION = 'Windows Server 2019';

export const SOURCES: SourceFixture[] = [
  fixture('corp-ad', 'Corporate AD', 'dc01.corp.example.com', {
    enabled: true, syncUsers: true, syncGroups: true, crontabMinute: 13,
    connectivity: ok('dc01.corp.example.com', 'Microsoft Corporation', AD_VERSION),
  }),
  fixture('corp', 'Corp (legacy)', 'ldap.corp.example.com', {
    enabled: true, syncUsers: true, syncGroups: true, crontabMinute: 41, size: { users: 120, groups: 12 },
    connectivity: ok('ldap.corp.example.com', 'Microsoft Corporation', AD_VERSION),
  }),
  fixture('corp-eu', 'Corp EU', 'ldap.eu.corp.example.com', {
    enabled: true, syncUsers: true, syncGroups: true, crontabMinute: 7, size: { users: 64, groups: 4 },
    connectivity: ok('ldap.eu.corp.example.com', 'Microsoft Corporation', AD_VERSION),
  }),
  fixture('ldap-down', 'Branch office LDAP', 'ldap.branch.example.org', {
    enabled: true, syncUsers: true, syncGroups: true, crontabMinute: 52, down: true,
    connectivity: { 'ldap.branch.example.org': { status: LDAP_REFUSED }, __all__: { status: LDAP_REFUSED } },
  }),
  // Disabled and never synced: no tasks, no connectivity check result.
  fixture('openldap', 'OpenLDAP (staging)', 'openldap.staging.example.org', {
    enabled: false, syncUsers: true, syncGroups: false, crontabMinute: 29, connectivity: null,
  }),
];

export function findSource(slug: string): SourceFixture | undefined {
  return SOURCES.find((s) => s.slug === slug);
}

/** The LDAPSource body for this version (the schema's required fields, plus authentik's `null` icon quirk). */
export function serializeSource(source: SourceFixture, f: Features): Record<string, unknown> {
  const body: Record<string, unknown> = {
    pk: source.pk,
    name: source.name,
    slug: source.slug,
    enabled: source.enabled,
    ...(f.generation === 'B' ? { promoted: false } : {}),
    authentication_flow: null,
    enrollment_flow: null,
    user_property_mappings: [],
    group_property_mappings: [],
    component: 'ak-source-ldap-form',
    verbose_name: 'LDAP Source',
    verbose_name_plural: 'LDAP Sources',
    meta_model_name: 'authentik_sources_ldap.ldapsource',
    policy_engine_mode: 'any',
    user_matching_mode: 'identifier',
    managed: null,
    user_path_template: 'goauthentik.io/sources/%(slug)s',
    // The schema says string; a source without an icon sends null.
    ...(f.iconUrl ? { icon_url: null, icon_themed_urls: null } : { icon: null }),
    server_uri: source.serverUri,
    peer_certificate: null,
    client_certificate: null,
    bind_cn: `CN=svc-authentik,OU=Service Accounts,${source.baseDn}`,
    start_tls: false,
    sni: false,
    base_dn: source.baseDn,
    additional_user_dn: 'OU=Users',
    additional_group_dn: 'OU=Groups',
    user_object_filter: '(objectClass=person)',
    group_object_filter: '(objectClass=group)',
    group_membership_field: 'member',
    ...(f.generation === 'B' ? { user_membership_attribute: 'distinguishedName' } : {}),
    object_uniqueness_field: 'objectSid',
    password_login_update_internal_password: false,
    sync_users: source.syncUsers,
    sync_users_password: false,
    sync_groups: source.syncGroups,
    sync_parent_group: null,
    connectivity: source.connectivity,
  };
  if (f.generation === 'B') {
    Object.assign(body, {
      lookup_groups_from_user: false,
      delete_not_found_objects: false,
      sync_outgoing_trigger_mode: 'deferred_end',
      sync_group_hierarchy: false,
    });
  }
  return body;
}
