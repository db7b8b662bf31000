// Replies as authentik (Django REST framework) shapes them: JSON bodies, 403 for every auth problem, pagination.

import { MAX_PAGE_SIZE, type Features } from './version.js';

export interface Reply {
  status: number;
  /** A JSON value, or a string sent as-is with `contentType`. */
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export const DETAIL = {
  noCredentials: 'Authentication credentials were not provided.',
  tokenInvalid: 'Token invalid/expired',
  unsupportedAuth: 'Unsupported authentication type',
  malformed: 'Malformed header',
  permissionDenied: 'You do not have permission to perform this action.',
} as const;

export function json(status: number, body: unknown): Reply {
  return { status, body };
}

export function detail(status: number, text: string): Reply {
  return json(status, { detail: text });
}

export const forbidden = (): Reply => detail(403, DETAIL.permissionDenied);

export function notFound(f: Features, model: string): Reply {
  return detail(404, f.namedNotFound ? `No ${model} matches the given query.` : 'Not found.');
}

export const invalidJsonBody = (): Reply => detail(400, 'JSON parse error - Expecting value: line 1 column 1 (char 0)');

export function methodNotAllowed(method: string): Reply {
  return detail(405, `Method "${method}" not allowed.`);
}

/** Django's own 404 page, for paths outside the API's routes. */
export function djangoNotFound(): Reply {
  return {
    status: 404,
    contentType: 'text/html; charset=utf-8',
    body: '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n',
  };
}

/**
 * authentik's bearer authentication: no header (or one without a space) is "not provided"; any other scheme,
 * an empty token or a wrong token is refused. Always 403: authentik sends no WWW-Authenticate, so DRF never says 401.
 */
export function authenticate(header: string | undefined, token: string): Reply | null {
  if (!header || !header.includes(' ')) return detail(403, DETAIL.noCredentials);
  const space = header.indexOf(' ');
  const scheme = header.slice(0, space);
  const credentials = header.slice(space + 1);
  if (scheme.toLowerCase() !== 'bearer') return detail(403, DETAIL.unsupportedAuth);
  if (credentials === '') return detail(403, DETAIL.malformed);
  if (credentials !== token) return detail(403, DETAIL.tokenInvalid);
  return null;
}

function positiveInt(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value)) return null;
  const n = Number.parseInt(value, 10);
  return n > 0 ? n : null;
}

/** authentik's Pagination: `?page=&page_size=` (capped at 100), `next`/`previous` as page numbers, 0 for none. */
export function paginate<T>(
  items: readonly T[],
  query: URLSearchParams,
  f: Features,
  render: (item: T) => unknown,
): Reply {
  const size = Math.min(positiveInt(query.get('page_size')) ?? f.defaultPageSize, MAX_PAGE_SIZE);
  const totalPages = Math.max(1, Math.ceil(items.length / size));
  const pageParam = query.get('page');
  const current = pageParam === 'last' ? totalPages : (positiveInt(pageParam) ?? (pageParam === null ? 1 : 0));
  if (current < 1 || current > totalPages) return detail(404, 'Invalid page.');
  const slice = items.slice((current - 1) * size, current * size);
  const body: Record<string, unknown> = {
    pagination: {
      next: current < totalPages ? current + 1 : 0,
      previous: current > 1 ? current - 1 : 0,
      count: items.length,
      current,
      total_pages: totalPages,
      start_index: items.length === 0 ? 0 : (current - 1) * size + 1,
      end_index: items.length === 0 ? 0 : (current - 1) * size + slice.length,
    },
    results: slice.map(render),
  };
  if (f.autocomplete) body.autocomplete = {};
  return json(200, body);
}
