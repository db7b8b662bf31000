// One look at one source: everything a verdict needs, in as few requests as authentik allows.
import type { AuthentikApi } from '../api/types.js';
import { missingTaskPermissions, type CurrentUser, type LdapSource, type ServerVersion, type SyncStatus } from '../domain/model.js';
import { assess, type Assessment } from '../domain/verdict.js';

/** What does not change between two looks at a source: the server, the token's user, the source itself. */
export interface SourceContext {
  source: LdapSource;
  version: ServerVersion;
  user: CurrentUser;
  missingPermissions: string[];
}

export interface SourceCheck extends SourceContext {
  status: SyncStatus;
  assessment: Assessment;
  checkedAt: Date;
}

interface CheckOptions {
  signal?: AbortSignal;
  now?: () => Date;
}

/** The status of a source whose context is known: one status call (and, on 2025.8+, its schedule and tasks). */
export async function recheckSource(api: AuthentikApi, context: SourceContext, options: CheckOptions = {}): Promise<SourceCheck> {
  const { source, version, user, missingPermissions } = context;
  const status = await api.syncStatus(source.slug, { signal: options.signal, source });
  const checkedAt = options.now?.() ?? new Date();
  const assessment = assess({ slug: source.slug, status, source, missingPermissions, now: checkedAt });
  return { source, version, user, missingPermissions, status, assessment, checkedAt };
}

export async function checkSource(api: AuthentikApi, slug: string, options: CheckOptions = {}): Promise<SourceCheck> {
  const { signal } = options;
  const [version, user, source] = await Promise.all([api.version({ signal }), api.me({ signal }), api.getSource(slug, { signal })]);
  const missingPermissions = missingTaskPermissions(user, version.generation);
  return recheckSource(api, { source, version, user, missingPermissions }, options);
}
