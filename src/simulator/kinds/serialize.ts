// How each version serialises a Kerberos source or a provider (the schema's fields, plus authentik's nulls).

import { stableUuid } from '../prng.js';
import { minorOf, type Features } from '../version.js';
import { KIND_INFO, type KindObject } from './catalog.js';

const GOOGLE_CREDENTIALS = {
  type: 'service_account',
  project_id: 'corp-directory-sync',
  private_key_id: '5c1e9b0f7a3d2e4c6b8a0f1e3d5c7b9a1e2f4d6c',
  // A real server sends the service account's key: aksync must never show it. This one is fake.
  private_key: '-----BEGIN PRIVATE KEY-----\nU0lNVUxBVEVELU5PVC1BLVJFQUwtS0VZ\n-----END PRIVATE KEY-----\n',
  client_email: 'authentik-sync@corp-directory-sync.iam.gserviceaccount.com',
  client_id: '104857362910485736291',
  token_uri: 'https://oauth2.googleapis.com/token',
};

export function serializeProvider(o: KindObject, f: Features): Record<string, unknown> {
  const info = KIND_INFO[o.kind];
  const v = minorOf(f.version);
  const b = f.generation === 'B';
  const body: Record<string, unknown> = {
    pk: o.pk,
    name: o.name,
    property_mappings: [stableUuid(`mapping:${o.kind}:user`)],
    property_mappings_group: [stableUuid(`mapping:${o.kind}:group`)],
    component: info.component,
    // Null when the provider is assigned to no application (the 2024.8 schema does not say so).
    assigned_backchannel_application_slug: o.application?.slug ?? null,
    assigned_backchannel_application_name: o.application?.name ?? null,
    verbose_name: info.verboseName,
    verbose_name_plural: info.verboseNamePlural,
    meta_model_name: `${info.appLabel}.${info.modelName}`,
    exclude_users_service_account: true,
  };
  if (o.kind === 'scim') {
    Object.assign(body, { url: `https://api.${o.name.split(' ')[0]?.toLowerCase()}.example.com/scim/v2` });
    if (b) {
      Object.assign(body, {
        verify_certificates: true,
        auth_mode: 'token',
        auth_oauth: null,
        auth_oauth_params: {},
        auth_oauth_token_last_updated: null,
        auth_oauth_token_expires: null,
        auth_oauth_url_callback: null,
        auth_oauth_url_start: null,
        compatibility_mode: o.name.startsWith('Slack') ? 'slack' : 'default',
        service_provider_config_cache_timeout: 'hours=1',
        group_filters: [],
      });
    } else {
      // 2024.8 sends the SCIM bearer token back; aksync must never show it. This one is fake.
      Object.assign(body, { token: 'simulated-scim-token-not-a-secret', filter_group: null });
    }
  } else {
    Object.assign(body, { filter_group: null, user_delete_action: 'delete', group_delete_action: 'delete' });
    if (o.kind === 'google_workspace') {
      Object.assign(body, {
        delegated_subject: 'admin@corp.example.com',
        credentials: GOOGLE_CREDENTIALS,
        scopes: 'https://www.googleapis.com/auth/admin.directory.user,https://www.googleapis.com/auth/admin.directory.group',
        default_group_email_domain: 'corp.example.com',
      });
    } else {
      Object.assign(body, { client_id: '3f2a9c1e-7b4d-4e10-9a6f-2c8d1e5b7a90', tenant_id: '9b1d3f5a-2c4e-4a6b-8d0f-1e3a5c7b9d2f' });
      // Entra's secret is sent back up to 2024.8's schema; aksync must never show it. This one is fake.
      if (!b) body.client_secret = 'simulated~entra~secret~not~real';
    }
  }
  if (v >= 202504) body.dry_run = o.behaviour === 'dry-run';
  if (v >= 202512) Object.assign(body, { sync_page_size: 100, sync_page_timeout: 'minutes=30' });
  if (v >= 202608) body.discovery_enabled = false;
  return body;
}

export function serializeKerberos(o: KindObject, f: Features, syncUsers: boolean, connectivity: Record<string, unknown> | null): Record<string, unknown> {
  const info = KIND_INFO.kerberos;
  const v = minorOf(f.version);
  const b = f.generation === 'B';
  const body: Record<string, unknown> = {
    pk: o.pk,
    name: o.name,
    slug: o.id,
    enabled: o.enabled,
    ...(b ? { promoted: false } : {}),
    authentication_flow: null,
    enrollment_flow: null,
    user_property_mappings: [],
    group_property_mappings: [],
    component: info.component,
    verbose_name: info.verboseName,
    verbose_name_plural: info.verboseNamePlural,
    meta_model_name: `${info.appLabel}.${info.modelName}`,
    policy_engine_mode: 'any',
    user_matching_mode: 'identifier',
    managed: null,
    user_path_template: 'goauthentik.io/sources/%(slug)s',
    // The schema says string; a source without an icon sends null.
    ...(f.iconUrl ? { icon_url: null, icon_themed_urls: null } : { icon: null }),
    group_matching_mode: 'identifier',
    realm: o.realm,
    krb5_conf: '',
    ...(v >= 202412 ? { kadmin_type: 'MIT' } : {}),
    sync_users: syncUsers,
    sync_users_password: false,
    sync_principal: `authentik/admin@${o.realm}`,
    ...(b ? {} : { sync_ccache: '', spnego_ccache: '' }),
    // The schema says a map of strings; `principal_exists` is a boolean.
    connectivity,
    spnego_server_name: '',
    password_login_update_internal_password: false,
    ...(v >= 202512 ? { sync_outgoing_trigger_mode: 'deferred_end' } : {}),
  };
  return body;
}
