// A server or proxy may echo the request's credentials back into an error. Only what can be such an echo is
// replaced: the exact token once it is long enough to be recognisable (a one-letter token would otherwise eat every
// `t` in "Gateway"), and any credential after `Bearer` or an `Authorization` header name, whoever's token it is.
// Callers redact before they cut text short, so half a token never survives a truncation.

export const REDACTED = '[token]';
/** Shorter tokens are replaced only where they stand as a credential (after `Bearer`, an `Authorization` name). */
export const MIN_EXACT_TOKEN = 8;

// A credential runs to whitespace, a quote or a separator, and does not end with a full stop (prose after it).
const CREDENTIAL = String.raw`[^\s"'<>,;]*[^\s"'<>,;.]`;
// `Bearer realm="authentik"` and `Bearer error="invalid_token"` are challenges, not credentials.
const NOT_A_PARAMETER = String.raw`(?![\w-]+=")`;
const BEARER = new RegExp(String.raw`\b(bearer\s+)${NOT_A_PARAMETER}${CREDENTIAL}`, 'gi');
const AUTHORIZATION = new RegExp(String.raw`\b(authorization["']?\s*[:=]\s*["']?)(?!bearer\s)((?:basic|token|digest)\s+)?${CREDENTIAL}`, 'gi');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function redactToken(text: string, token: string): string {
  let out = text;
  if (token !== '') {
    // The token itself after `Bearer` first, whatever characters it holds and however short it is.
    out = out.replace(new RegExp(String.raw`\b(bearer\s+)${escapeRegExp(token)}`, 'gi'), `$1${REDACTED}`);
    if (token.length >= MIN_EXACT_TOKEN) out = out.split(token).join(REDACTED);
  }
  return out.replace(BEARER, `$1${REDACTED}`).replace(AUTHORIZATION, `$1$2${REDACTED}`);
}
