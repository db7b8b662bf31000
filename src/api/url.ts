import { safeLine } from '../domain/sanitize.js';

export type ParsedServerUrl =
  | { ok: true; /** `<origin>[/prefix]/api/v3`, no trailing slash */ baseUrl: string; origin: string }
  | { ok: false; /** a sentence the user can act on */ reason: string };

const EXAMPLE = 'e.g. https://auth.example.com';

/**
 * What the user typed → the API base. Accepts the server's address with or without a trailing slash or `/api/v3`;
 * a pasted admin-interface or API address (`/if/admin/…`, `/api/v3/sources/…`) is cut back to the server's address.
 */
export function parseServerUrl(input: string): ParsedServerUrl {
  const text = input.trim();
  if (text === '') return { ok: false, reason: `The server URL is empty: give the authentik address, ${EXAMPLE}.` };
  if (!/^https?:\/\//i.test(text)) {
    return { ok: false, reason: `The URL must start with https:// or http://, ${EXAMPLE}.` };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: `'${shown(text)}' is not a valid URL, ${EXAMPLE}.` };
  }
  if (url.hostname === '') return { ok: false, reason: `The URL has no host name, ${EXAMPLE}.` };
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: `The URL must not contain a user name or password (the API token authenticates), ${EXAMPLE}.` };
  }
  if (url.search !== '' || url.hash !== '') {
    return { ok: false, reason: `The URL must be the server's address only, without ?query or #fragment, ${EXAMPLE}.` };
  }
  const prefix = serverPrefix(url.pathname);
  return { ok: true, baseUrl: `${url.origin}${prefix}/api/v3`, origin: url.origin };
}

/** The path authentik is served under ('' at the root), with the API and UI parts of a pasted address removed. */
function serverPrefix(pathname: string): string {
  const segments = pathname.split('/').filter((s) => s !== '');
  const api = segments.findIndex((s, i) => s === 'api' && segments[i + 1] === 'v3');
  const ui = segments.indexOf('if');
  const cuts = [api, ui].filter((i) => i >= 0);
  const kept = cuts.length > 0 ? segments.slice(0, Math.min(...cuts)) : segments;
  return kept.length > 0 ? `/${kept.join('/')}` : '';
}

function shown(text: string): string {
  const line = safeLine(text);
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
