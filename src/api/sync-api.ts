// Any AuthentikApi as a SyncApi: the client is one already; an API that knows only LDAP sources (a test's fake, an
// older build) answers for LDAP through its LDAP methods and says `not_found` for every other kind, so everything
// that walks all kinds works on it unchanged.
import type { LdapSource, SyncObject } from '../domain/model.js';
import type { SyncKind } from '../domain/sync-object-ref.js';
import { KINDS } from '../kinds/registry.js';
import { ApiError } from './errors.js';
import type { AuthentikApi, ObjectOptions, SyncApi } from './types.js';

export function isSyncApi(api: AuthentikApi): api is SyncApi {
  const a = api as Partial<SyncApi>;
  return typeof a.listObjects === 'function' && typeof a.objectStatus === 'function' && typeof a.getObject === 'function' && typeof a.triggerObject === 'function';
}

/** An LDAP source as a sync object of kind `ldap`. */
export function ldapObject(source: LdapSource): SyncObject {
  return { ...source, kind: 'ldap', id: source.slug };
}

function unsupported(kind: SyncKind): ApiError {
  return new ApiError('not_found', `This connection reads only LDAP sources, not ${KINDS[kind].noun.many}.`, 404);
}

const asSource = (opts?: ObjectOptions) => ({ ...(opts?.signal ? { signal: opts.signal } : {}), ...(opts?.object ? { source: opts.object } : {}) });

export function syncApiOf(api: AuthentikApi): SyncApi {
  if (isSyncApi(api)) return api;
  // Methods are looked up on each call, so a test that swaps one of the LDAP methods is heard.
  return Object.assign(Object.create(api) as AuthentikApi, {
    baseUrl: api.baseUrl,
    version: (opts?: Parameters<AuthentikApi['version']>[0]) => api.version(opts),
    me: (opts?: Parameters<AuthentikApi['me']>[0]) => api.me(opts),
    listSources: (opts?: Parameters<AuthentikApi['listSources']>[0]) => api.listSources(opts),
    getSource: (slug: string, opts?: Parameters<AuthentikApi['getSource']>[1]) => api.getSource(slug, opts),
    syncStatus: (slug: string, opts?: Parameters<AuthentikApi['syncStatus']>[1]) => api.syncStatus(slug, opts),
    triggerSync: (slug: string, opts?: Parameters<AuthentikApi['triggerSync']>[1]) => api.triggerSync(slug, opts),
    generation: (opts?: Parameters<AuthentikApi['generation']>[0]) => api.generation(opts),
    async listObjects(kind, opts) {
      if (kind !== 'ldap') throw unsupported(kind);
      return (await api.listSources(opts)).map(ldapObject);
    },
    async getObject(ref, opts) {
      if (ref.kind !== 'ldap') throw unsupported(ref.kind);
      return ldapObject(await api.getSource(ref.id, opts));
    },
    objectStatus(ref, opts) {
      if (ref.kind !== 'ldap') return Promise.reject(unsupported(ref.kind));
      return api.syncStatus(ref.id, asSource(opts));
    },
    async triggerObject(ref, opts) {
      if (ref.kind !== 'ldap') throw unsupported(ref.kind);
      const source = await opts?.object;
      return api.triggerSync(ref.id, { ...(opts?.signal ? { signal: opts.signal } : {}), ...(source ? { source } : {}) });
    },
  } satisfies Partial<SyncApi>) as SyncApi;
}
