// Endpoints both generations share: version, current user, LDAP sources and the PATCH trigger.

import { forbidden, json, notFound, paginate, type Reply } from './http.js';
import { PERM } from './permissions.js';
import type { Route, RouteContext } from './route.js';
import { SOURCES, findSource, serializeSource, type SourceFixture } from './sources.js';

const SLUG = '([-a-zA-Z0-9_]+)';

/** authentik's object-permission filter: without the model's view permission even a lookup is refused (403). */
export function withSource(ctx: RouteContext, slug: string | undefined, handle: (source: SourceFixture) => Reply): Reply {
  if (!ctx.state.can(PERM.viewSource)) return forbidden();
  const source = slug === undefined ? undefined : findSource(slug);
  return source ? handle(source) : notFound(ctx.features, 'LDAPSource');
}

function version(ctx: RouteContext): Reply {
  return json(200, {
    version_current: ctx.features.version,
    version_latest: ctx.features.version,
    version_latest_valid: true,
    build_hash: '',
    outdated: false,
    outpost_outdated: false,
  });
}

function me(ctx: RouteContext): Reply {
  const superuser = ctx.state.permissions === 'superuser';
  const user: Record<string, unknown> = {
    pk: superuser ? 1 : 7,
    username: superuser ? 'akadmin' : 'svc-aksync',
    name: superuser ? 'authentik Default Admin' : 'aksync monitor',
    is_active: true,
    is_superuser: superuser,
    groups: [],
    email: superuser ? 'admin@corp.example.com' : '',
    avatar: 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=',
    uid: superuser ? '5b1c9e0f3a7d4e2b8c6f1a9d0e3b5c7f2a4d6e8b0c1f3a5d7e9b2c4f6a8d0e1' : '9e2d4f6a8c0b1e3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a5c7e9b2d',
    settings: {},
    type: superuser ? 'internal' : 'service_account',
    // authentik lists permissions granted through roles; a superuser needs none.
    system_permissions: superuser ? [] : [...ctx.state.permissions],
  };
  if (ctx.features.generation === 'B') Object.assign(user, { is_current: true, roles: [] });
  return json(200, { user, ...(ctx.features.generation === 'B' ? { users: [] } : {}) });
}

function listSources(ctx: RouteContext): Reply {
  if (!ctx.state.can(PERM.viewSource)) return forbidden();
  const search = ctx.query.get('search')?.toLowerCase() ?? '';
  const slug = ctx.query.get('slug');
  const matching = SOURCES.filter(
    (s) =>
      (search === '' || s.name.toLowerCase().includes(search) || s.slug.toLowerCase().includes(search)) &&
      (slug === null || s.slug === slug),
  ).sort((a, b) => a.name.localeCompare(b.name));
  return paginate(matching, ctx.query, ctx.features, (s) => serializeSource(s, ctx.features));
}

/** authentik's UI triggers a sync by saving the source unchanged: `PATCH {}`. */
function patchSource(ctx: RouteContext, [slug]: string[]): Reply {
  return withSource(ctx, slug, (source) => {
    if (!ctx.state.can(PERM.changeSource)) return forbidden();
    if (ctx.body !== undefined && (typeof ctx.body !== 'object' || ctx.body === null || Array.isArray(ctx.body))) {
      const got = Array.isArray(ctx.body) ? 'list' : typeof ctx.body === 'string' ? 'str' : typeof ctx.body === 'number' ? 'int' : 'NoneType';
      return json(400, { non_field_errors: [`Invalid data. Expected a dictionary, but got ${got}.`] });
    }
    ctx.state.trigger(source.slug);
    return json(200, serializeSource(source, ctx.features));
  });
}

export const COMMON_ROUTES: Route[] = [
  { pattern: /^\/admin\/version\/$/, methods: { GET: version } },
  { pattern: /^\/core\/users\/me\/$/, methods: { GET: me } },
  { pattern: /^\/sources\/ldap\/$/, methods: { GET: listSources } },
  {
    pattern: new RegExp(`^/sources/ldap/${SLUG}/$`),
    methods: {
      GET: (ctx, [slug]) => withSource(ctx, slug, (s) => json(200, serializeSource(s, ctx.features))),
      PATCH: patchSource,
    },
  },
];

export const STATUS_PATTERN = new RegExp(`^/sources/ldap/${SLUG}/sync/status/$`);