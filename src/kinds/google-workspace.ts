// Google Workspace provider (enterprise): `/providers/google_workspace/<pk>/`. Reading needs no licence; changing
// it (the generation A trigger) does. Shared machinery: outgoing.ts.
import { outgoingKind } from './outgoing.js';

export const GOOGLE_WORKSPACE_KIND = outgoingKind({
  kind: 'google_workspace',
  title: 'Google Workspace',
  stem: 'google_workspace',
  appLabel: 'authentik_providers_google_workspace',
  model: 'googleworkspaceprovider',
  actorModule: 'authentik.enterprise.providers.google_workspace.tasks',
  enterprise: true,
});
