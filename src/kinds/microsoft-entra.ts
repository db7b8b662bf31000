// Microsoft Entra provider (enterprise): `/providers/microsoft_entra/<pk>/`. A Graph error on one object stops the
// rest of its page (`Stopping sync due to error: …`). Shared machinery: outgoing.ts.
import { outgoingKind } from './outgoing.js';

export const MICROSOFT_ENTRA_KIND = outgoingKind({
  kind: 'microsoft_entra',
  title: 'Microsoft Entra',
  stem: 'microsoft_entra',
  appLabel: 'authentik_providers_microsoft_entra',
  model: 'microsoftentraprovider',
  actorModule: 'authentik.enterprise.providers.microsoft_entra.tasks',
  enterprise: true,
});
