// The sync kinds beside LDAP (OTHER-SYNCS.md): the Kerberos source and the three outgoing providers, with the names
// authentik gives them per generation, and the objects of each kind the simulated server holds.

import { stableUuid } from '../prng.js';

export const KINDS = ['kerberos', 'scim', 'google_workspace', 'microsoft_entra'] as const;
export type Kind = (typeof KINDS)[number];
export type ProviderKind = Exclude<Kind, 'kerberos'>;

export interface KindInfo {
  kind: Kind;
  /** the path under /api/v3 without slashes: `providers/scim`, `sources/kerberos` */
  path: string;
  /** the model name in 404 bodies: `No SCIMProvider matches the given query.` */
  model: string;
  appLabel: string;
  modelName: string;
  verboseName: string;
  verboseNamePlural: string;
  component: string;
  /** Google Workspace and Entra: writes need a valid enterprise licence */
  enterprise: boolean;
  /** generation A: the SystemTask's name and description */
  taskNameA: string;
  descriptionA: string;
  /** generation B: the schedule's actor (also the parent task's), and the page actor (providers) */
  actor: string;
  pageActor: string | null;
  scheduleDescription: string;
  pageDescription: string | null;
  /** every how many hours the schedule fires */
  everyHours: number;
  perm: { view: string; change: string; add: string };
}

function provider(kind: ProviderKind, module: string, model: string, verbose: string, component: string, enterprise: boolean): KindInfo {
  const appLabel = `authentik_providers_${kind}`;
  const modelName = model.toLowerCase();
  return {
    kind,
    path: `providers/${kind}`,
    model,
    appLabel,
    modelName,
    verboseName: verbose,
    verboseNamePlural: `${verbose}s`,
    component,
    enterprise,
    taskNameA: `${kind}_sync`,
    descriptionA: `Run full sync for ${verbose.replace(' Provider', ' provider')}`,
    actor: `${module}.tasks.${kind}_sync`,
    pageActor: `${module}.tasks.${kind}_sync_objects`,
    scheduleDescription: `Full sync for ${verbose.replace(' Provider', '')} provider.`,
    pageDescription: `Sync ${verbose.replace(' Provider', '')} provider objects.`,
    everyHours: 4,
    perm: { view: `${appLabel}.view_${modelName}`, change: `${appLabel}.change_${modelName}`, add: `${appLabel}.add_${modelName}` },
  };
}

export const KIND_INFO: Record<Kind, KindInfo> = {
  kerberos: {
    kind: 'kerberos',
    path: 'sources/kerberos',
    model: 'KerberosSource',
    appLabel: 'authentik_sources_kerberos',
    modelName: 'kerberossource',
    verboseName: 'Kerberos Source',
    verboseNamePlural: 'Kerberos Sources',
    component: 'ak-source-kerberos-form',
    enterprise: false,
    taskNameA: 'kerberos_sync_single',
    descriptionA: 'Sync a single source',
    actor: 'authentik.sources.kerberos.tasks.kerberos_sync',
    pageActor: null,
    scheduleDescription: 'Sync Kerberos source.',
    pageDescription: null,
    everyHours: 2,
    perm: {
      view: 'authentik_sources_kerberos.view_kerberossource',
      change: 'authentik_sources_kerberos.change_kerberossource',
      add: 'authentik_sources_kerberos.add_kerberossource',
    },
  },
  scim: provider('scim', 'authentik.providers.scim', 'SCIMProvider', 'SCIM Provider', 'ak-provider-scim-form', false),
  google_workspace: provider(
    'google_workspace',
    'authentik.enterprise.providers.google_workspace',
    'GoogleWorkspaceProvider',
    'Google Workspace Provider',
    'ak-provider-google-workspace-form',
    true,
  ),
  microsoft_entra: provider(
    'microsoft_entra',
    'authentik.enterprise.providers.microsoft_entra',
    'MicrosoftEntraProvider',
    'Microsoft Entra Provider',
    'ak-provider-microsoft-entra-form',
    true,
  ),
};

export const KERBEROS_CONNECTIVITY_ACTOR = 'authentik.sources.kerberos.tasks.kerberos_connectivity_check';

/**
 * What an object's runs look like. `scenario` objects follow the simulator's scenario (healthy, problems, errors,
 * running, empty, ...); the others always behave the same way.
 */
export type Behaviour = 'scenario' | 'problem' | 'failed' | 'unassigned' | 'disabled' | 'dry-run';

export interface KindObject {
  kind: Kind;
  /** what aksync names it by: the slug of a source, the pk of a provider in decimal */
  id: string;
  name: string;
  /** providers: the integer pk; Kerberos: the uuid pk (schedules use it) */
  pk: number | string;
  behaviour: Behaviour;
  users: number;
  groups: number;
  /** providers: the backchannel application it is assigned to, or null (unassigned: A writes nothing) */
  application: { slug: string; name: string } | null;
  /** Kerberos only */
  enabled: boolean;
  syncUsers: boolean;
  realm: string;
  /** the random minute of the schedule's crontab */
  crontabMinute: number;
  scheduleId: string;
  /** Kerberos: the hourly connectivity check's schedule */
  connectivityScheduleId: string | null;
}

function providerObject(
  kind: ProviderKind,
  pk: number,
  name: string,
  behaviour: Behaviour,
  size: { users: number; groups: number },
  application: KindObject['application'],
  crontabMinute: number,
): KindObject {
  return {
    kind,
    id: String(pk),
    name,
    pk,
    behaviour,
    ...size,
    application,
    enabled: true,
    syncUsers: true,
    realm: '',
    crontabMinute,
    scheduleId: stableUuid(`schedule:${kind}:${pk}`),
    connectivityScheduleId: null,
  };
}

function kerberosObject(slug: string, name: string, behaviour: Behaviour, enabled: boolean, crontabMinute: number): KindObject {
  return {
    kind: 'kerberos',
    id: slug,
    name,
    pk: stableUuid(`kerberos:${slug}`),
    behaviour,
    users: 0,
    groups: 0,
    application: null,
    enabled,
    syncUsers: true,
    realm: slug === 'corp-krb' ? 'CORP.EXAMPLE.COM' : 'LAB.EXAMPLE.ORG',
    crontabMinute,
    scheduleId: stableUuid(`schedule:kerberos:${slug}`),
    connectivityScheduleId: stableUuid(`schedule:kerberos-connectivity:${slug}`),
  };
}

/** Provider pks are unique across provider kinds (every provider is a row of core Provider). */
export const KIND_OBJECTS: KindObject[] = [
  kerberosObject('corp-krb', 'Corporate Kerberos', 'scenario', true, 37),
  // Disabled: A never runs it; B's schedule keeps firing and each run finishes `done` although nothing synced.
  kerberosObject('lab-krb', 'Lab Kerberos', 'disabled', false, 11),
  providerObject('scim', 3, 'Slack SCIM', 'scenario', { users: 230, groups: 41 }, { slug: 'slack', name: 'Slack' }, 23),
  // Three users fail on every run (the SCIM server rejects them); the run is still `successful` in A.
  providerObject('scim', 7, 'Zoom SCIM', 'problem', { users: 140, groups: 12 }, { slug: 'zoom', name: 'Zoom' }, 47),
  // Not assigned to an application: A writes no task at all; B's parent warns "No provider found".
  providerObject('scim', 9, 'Legacy HR SCIM', 'unassigned', { users: 60, groups: 5 }, null, 5),
  // dry_run (2025.4+): every write is dropped and said at info level, on every run; the status stays healthy.
  providerObject('google_workspace', 12, 'Google Workspace (staging)', 'dry-run', { users: 4, groups: 1 }, { slug: 'gws-staging', name: 'Google Workspace staging' }, 43),
  providerObject('google_workspace', 4, 'Google Workspace', 'scenario', { users: 310, groups: 25 }, { slug: 'google-workspace', name: 'Google Workspace' }, 31),
  providerObject('microsoft_entra', 5, 'Microsoft Entra ID', 'scenario', { users: 420, groups: 60 }, { slug: 'microsoft-365', name: 'Microsoft 365' }, 17),
  // Its client secret expired: every run fails building the Graph client.
  providerObject('microsoft_entra', 11, 'Entra test tenant', 'failed', { users: 25, groups: 3 }, { slug: 'entra-test', name: 'Entra test' }, 53),
];

export function objectsOf(kind: Kind): KindObject[] {
  return KIND_OBJECTS.filter((o) => o.kind === kind);
}

export function findObject(kind: Kind, id: string): KindObject | undefined {
  return KIND_OBJECTS.find((o) => o.kind === kind && o.id === id);
}

/** A stable key for maps: `scim/3`. */
export const keyOf = (o: Pick<KindObject, 'kind' | 'id'>): string => `${o.kind}/${o.id}`;

/** Django's slugify, for the names used here (ASCII). */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\w\s-]/g, '')
    .replace(/[-\s]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
}
