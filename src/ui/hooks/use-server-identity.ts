// The server's version and the token's user, read once for the header and the permission check; read again after
// a good poll (`retryKey` changes) while either is still unknown, because the network may have been down at first.
import { useEffect, useRef, useState } from 'react';
import type { AuthentikApi } from '../../api/types.js';
import type { CurrentUser, ServerVersion } from '../../domain/model.js';
import { structurallyEqual } from '../../poll/equal.js';

export interface ServerIdentity {
  version: ServerVersion | null;
  user: CurrentUser | null;
}

export function useServerIdentity(api: AuthentikApi, options: { active: boolean; retryKey: unknown }): ServerIdentity {
  const [version, setVersion] = useState<ServerVersion | null>(null);
  const [user, setUser] = useState<CurrentUser | null>(null);
  const inFlight = useRef(false);
  useEffect(() => {
    if (!options.active || (version && user) || inFlight.current) return;
    const controller = new AbortController();
    inFlight.current = true;
    void Promise.allSettled([
      version ? Promise.resolve(version) : api.version({ signal: controller.signal }),
      user ? Promise.resolve(user) : api.me({ signal: controller.signal }),
    ]).then(([v, u]) => {
      inFlight.current = false;
      if (controller.signal.aborted) return;
      if (v.status === 'fulfilled') setVersion((old) => (structurallyEqual(old, v.value) ? old : v.value));
      if (u.status === 'fulfilled') setUser((old) => (structurallyEqual(old, u.value) ? old : u.value));
    });
    return () => {
      controller.abort();
      inFlight.current = false;
    };
  }, [api, options.active, options.retryKey]);
  return { version, user };
}
