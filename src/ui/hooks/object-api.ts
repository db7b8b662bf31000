// The monitor polls one object through the LDAP-shaped calls (status, the object itself, trigger); for another kind
// they are answered by the kind's own endpoints, so the poll, its run memory and the screen stay one code path.
import { syncApiOf } from '../../api/sync-api.js';
import type { AuthentikApi } from '../../api/types.js';
import type { LdapSource, SyncObject } from '../../domain/model.js';
import type { SyncKind } from '../../domain/sync-object-ref.js';

type SourceArg = LdapSource | Promise<LdapSource> | undefined;

export function objectAsSourceApi(api: AuthentikApi, kind: SyncKind): AuthentikApi {
  if (kind === 'ldap') return api;
  const sync = syncApiOf(api);
  const ref = (id: string) => ({ kind, id });
  const object = async (given: SourceArg): Promise<{ object?: SyncObject }> => {
    const known = await Promise.resolve(given).catch(() => undefined);
    return known ? { object: known as SyncObject } : {};
  };
  return {
    baseUrl: api.baseUrl,
    version: (opts) => api.version(opts),
    me: (opts) => api.me(opts),
    generation: (opts) => api.generation(opts),
    listSources: (opts) => sync.listObjects(kind, opts),
    getSource: (id, opts) => sync.getObject(ref(id), opts),
    async syncStatus(id, opts) {
      return sync.objectStatus(ref(id), { ...(opts?.signal ? { signal: opts.signal } : {}), ...(await object(opts?.source as SourceArg)) });
    },
    async triggerSync(id, opts) {
      return sync.triggerObject(ref(id), { ...(opts?.signal ? { signal: opts.signal } : {}), ...(await object(opts?.source as SourceArg)) });
    },
  };
}
