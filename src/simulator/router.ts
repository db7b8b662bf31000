// Django resolves the URL first (unknown paths: its HTML 404), then DRF authenticates, then picks the method.

import { authenticate, djangoNotFound, invalidJsonBody, methodNotAllowed, type Reply } from './http.js';
import type { Route, RouteContext } from './route.js';
import { ROUTES_A } from './routes-a.js';
import { ROUTES_B } from './routes-b.js';
import { deniedByLicense } from './kinds/routes.js';

const API_PREFIX = '/api/v3';

export interface IncomingCall {
  method: string;
  url: URL;
  authorization: string | undefined;
  rawBody: string;
}

function parseBody(raw: string): { ok: true; value: unknown } | { ok: false } {
  if (raw.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

export function dispatch(call: IncomingCall, token: string, context: Omit<RouteContext, 'method' | 'query' | 'body'>): Reply {
  const { pathname } = call.url;
  if (!pathname.startsWith(`${API_PREFIX}/`)) return djangoNotFound();
  const routes: Route[] = context.features.generation === 'A' ? ROUTES_A : ROUTES_B;
  const path = pathname.slice(API_PREFIX.length);
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match || (route.when && !route.when(context.features))) continue;
    const refused = deniedByLicense(context.state.license, call.method, path);
    if (refused) return refused;
    const denied = authenticate(call.authorization, token);
    if (denied) return denied;
    const handler = route.methods[call.method];
    if (!handler) return methodNotAllowed(call.method);
    const body = parseBody(call.rawBody);
    if (!body.ok) return invalidJsonBody();
    return handler({ ...context, method: call.method, query: call.url.searchParams, body: body.value }, match.slice(1));
  }
  return djangoNotFound();
}
