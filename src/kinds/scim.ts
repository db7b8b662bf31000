// SCIM provider: `/providers/scim/<pk>/`. authentik's shared outgoing-sync machinery (outgoing.ts); a remote 400 or
// 500 is logged as a "transient error" warning.
import { outgoingKind } from './outgoing.js';

export const SCIM_KIND = outgoingKind({
  kind: 'scim',
  title: 'SCIM',
  stem: 'scim',
  appLabel: 'authentik_providers_scim',
  model: 'scimprovider',
  actorModule: 'authentik.providers.scim.tasks',
  enterprise: false,
});
