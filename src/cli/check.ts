// One look at one source: everything a verdict needs, in as few requests as authentik allows.
import type { AuthentikApi } from '../api/types.js';
import { missingTaskPermissions, type CurrentUser, type LdapSource, type ServerVersion, type SyncStatus } from '../domain/model.js';
import { assess, type Assessment } from '../domain/verdict.js';

export interface SourceCheck {
  source: LdapSource;
  version: ServerVersion;
  user: CurrentUser;
  missingPermissions: string[];
  status: SyncStatus;
  assessment: Assessment;
  checkedAt: Date;
}

export async function checkSource(api: AuthentikApi, slug: string, options: { signal?: AbortSignal; now?: () => Date } = {}): Promise<SourceCheck> {
  const { signal } = options;
  const [version, user, source] = await Promise.all([api.version({ signal }), api.me({ signal }), api.getSource(slug, { signal })]);
  const status = await api.syncStatus(slug, { signal, source });
  const missingPermissions = missingTaskPermissions(user, version.generation);
  const checkedAt = options.now?.() ?? new Date();
  const assessment = assess({ slug, status, source, missingPermissions, now: checkedAt });
  return { source, version, user, missingPermissions, status, assessment, checkedAt };
}
