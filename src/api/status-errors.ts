// An HTTP answer that is not a success → an ApiError. authentik answers 403 (never 401) with DRF's `{"detail": ...}`;
// proxies in front of it answer with HTML pages.
import { endSentence } from '../domain/format.js';
import { ApiError } from './errors.js';
import { htmlHeadline, looksLikeHtml, serverLine, stripBom } from './server-text.js';

export interface FailedResponse {
  status: number;
  statusText: string;
  contentType: string | null;
  location: string | null;
  /** the start of the body (error bodies are not read in full) */
  body: string;
}

export interface CallContext {
  origin: string;
  /** the path as shown to the user, e.g. `/api/v3/sources/ldap/corp/` */
  shownPath: string;
  /** what a 404 means for this call */
  notFound?: string;
  /** the permission this call needs, named when the server refuses */
  permission?: string;
  /** removed from any server text quoted in a message */
  token: string;
}

const NO_CREDENTIALS = 'Authentication credentials were not provided.';
const TOKEN_REJECTED = 'Token invalid/expired';

export function statusError(res: FailedResponse, call: CallContext): ApiError {
  const { status } = res;
  const { origin } = call;
  const html = looksLikeHtml(res.body, res.contentType);
  const detail = html ? undefined : jsonDetail(res.body);
  const quoted = (text: string) => serverLine(text, call.token);

  if (status === 401 || (status === 403 && (detail === TOKEN_REJECTED || detail === NO_CREDENTIALS))) {
    if (detail === NO_CREDENTIALS) {
      return new ApiError(
        'unauthenticated',
        `${origin} received no token: a proxy in front of authentik may be dropping the Authorization header.`,
        status,
      );
    }
    return new ApiError(
      'unauthenticated',
      `The token was rejected by ${origin} (invalid or expired): create a new API token in authentik (Directory → Tokens and App passwords) and try again.`,
      status,
    );
  }
  if (status === 403) {
    if (html) return new ApiError('forbidden', `${proxyPage(res, call)}.`, status, call.permission);
    const needs = call.permission === undefined ? 'a permission' : `the permission ${call.permission}`;
    const said = detail === undefined ? '' : ` (${quoted(detail)})`;
    return new ApiError('forbidden', `${origin} refused this: the token's user lacks ${needs}${said}.`, status, call.permission);
  }
  if (status === 404) {
    return new ApiError(
      'not_found',
      call.notFound ?? `${origin} has nothing at ${call.shownPath} (404): is it authentik 2024.8 or newer?`,
      status,
    );
  }
  if (status >= 500) {
    if (html) return new ApiError('server', `${proxyPage(res, call)}.`, status);
    const text = detail ?? firstLine(res.body);
    const said = text === '' ? '' : `: ${quoted(text)}`;
    return new ApiError('server', endSentence(`${origin} failed with ${statusWords(res)}${said}`), status);
  }
  if (status === 408 || status === 429) {
    return new ApiError('server', `${origin} is busy (${statusWords(res)}): try again later.`, status);
  }
  if (status >= 300 && status < 400) {
    const target = redirectTarget(res.location, origin);
    return new ApiError(
      'bad_response',
      `${origin} redirected ${call.shownPath}${target === '' ? '' : ` to ${quoted(target)}`}: if authentik moved, use its new address; otherwise a login proxy may be in front of it.`,
      status,
    );
  }
  const text = html ? htmlHeadline(res.body) : (detail ?? validationSummary(res.body) ?? firstLine(res.body));
  const said = text === '' ? '' : `: ${quoted(text)}`;
  return new ApiError('bad_response', endSentence(`${origin} rejected the request to ${call.shownPath} (${statusWords(res)})${said}`), status);
}

/** "502 Bad Gateway from <origin> (an HTML page, probably from a proxy in front of authentik)" */
function proxyPage(res: FailedResponse, call: CallContext): string {
  const headline = serverLine(htmlHeadline(res.body), call.token);
  const summary = headline === '' ? statusWords(res) : headline.includes(String(res.status)) ? headline : `${res.status} ${headline}`;
  return `${summary} from ${call.origin} (an HTML page, probably from a proxy in front of authentik)`;
}

function statusWords(res: FailedResponse): string {
  const text = res.statusText.replace(/[^\x20-\x7e]/g, '').trim();
  return text === '' ? `HTTP ${res.status}` : `${res.status} ${text}`;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(stripBom(body));
  } catch {
    return undefined;
  }
}

function jsonDetail(body: string): string | undefined {
  const data = parseJson(body);
  if (typeof data !== 'object' || data === null) return undefined;
  const detail = (data as { detail?: unknown }).detail;
  return typeof detail === 'string' ? detail : undefined;
}

/** DRF's 400 body: `{field: [messages]}` / `non_field_errors` → "field: message; ..." */
function validationSummary(body: string): string | undefined {
  const data = parseJson(body);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const parts = Object.entries(data).map(([field, value]) => {
    const text = Array.isArray(value) ? value.filter((v) => typeof v === 'string').join(' ') : String(value);
    return field === 'non_field_errors' ? text : `${field}: ${text}`;
  });
  return parts.length > 0 ? parts.join('; ') : undefined;
}

function firstLine(body: string): string {
  return (
    stripBom(body)
      .split('\n')
      .find((line) => line.trim() !== '') ?? ''
  );
}

/** Origin and path only: a login redirect's query carries state that has no place in a message. */
function redirectTarget(location: string | null, origin: string): string {
  if (location === null) return '';
  try {
    const url = new URL(location, origin);
    return `${url.origin}${url.pathname}`;
  } catch {
    return '';
  }
}
