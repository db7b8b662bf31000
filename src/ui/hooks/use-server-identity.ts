// The server's version and the token's user, for the header and the permission check. Asked for at once, again
// one poll interval (5 s at least) after a failed read, and each time the connection turns live again (after an outage
// the server may be back upgraded). The client keeps both once read, so asking again costs a request only after
// the server gave no answer.
import { useEffect, useState } from 'react';
import type { AuthentikApi } from '../../api/types.js';
import type { CurrentUser, ServerVersion } from '../../domain/model.js';
import { structurallyEqual } from '../../poll/equal.js';

export interface ServerIdentity {
  version: ServerVersion | null;
  user: CurrentUser | null;
  /** The first reads have answered or failed: a verdict judged now knows the user's permissions if it can. */
  settled: boolean;
}

export interface IdentityOptions {
  /** False while the screen is not shown: nothing is asked. */
  active: boolean;
  /** The connection is live. */
  live: boolean;
  /** The screen's poll interval. */
  intervalMs: number;
  /** Already read (before the screen was drawn): the first frame shows them. */
  initial?: { version: ServerVersion; user: CurrentUser } | null;
}

const MIN_RETRY_MS = 5_000;

export function useServerIdentity(api: AuthentikApi, options: IdentityOptions): ServerIdentity {
  const [version, setVersion] = useState<ServerVersion | null>(options.initial?.version ?? null);
  const [user, setUser] = useState<CurrentUser | null>(options.initial?.user ?? null);
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState(Boolean(options.initial));
  const known = version !== null && user !== null;
  const wanted = options.active && (options.live || !known);
  const retryMs = Math.max(MIN_RETRY_MS, options.intervalMs);
  useEffect(() => {
    if (!wanted) return;
    const controller = new AbortController();
    const { signal } = controller;
    let retry: ReturnType<typeof setTimeout> | undefined;
    void Promise.allSettled([api.version({ signal }), api.me({ signal })]).then(([v, u]) => {
      if (signal.aborted) return;
      if (v.status === 'fulfilled') setVersion((old) => (structurallyEqual(old, v.value) ? old : v.value));
      if (u.status === 'fulfilled') setUser((old) => (structurallyEqual(old, u.value) ? old : u.value));
      setSettled(true);
      if (v.status === 'rejected' || u.status === 'rejected') retry = setTimeout(() => setAttempt((n) => n + 1), retryMs);
    });
    return () => {
      controller.abort();
      clearTimeout(retry);
    };
  }, [api, wanted, options.live, retryMs, attempt]);
  return { version, user, settled };
}
