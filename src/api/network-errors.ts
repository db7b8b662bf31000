// A request that got no HTTP answer at all (DNS, TCP, TLS) → an ApiError with a sentence the user can act on.
// Only the error's `code` is read: messages and options of the underlying errors never leave this module.
import { ApiError } from './errors.js';

const UNTRUSTED_CERT = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);
const HOST_NOT_FOUND = new Set(['ENOTFOUND', 'EAI_NONAME', 'EAI_NODATA', 'EAI_FAIL']);
const CONNECTION_CUT = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const NO_ROUTE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN']);
const CONNECT_TIMEOUT = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** The first string `code` along the error's cause chain (fetch nests the socket error two levels down). */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function networkError(error: unknown, url: URL): ApiError {
  const code = errorCode(error) ?? '';
  const origin = url.origin;
  const host = url.hostname;
  if (HOST_NOT_FOUND.has(code)) return new ApiError('unreachable', `Cannot resolve host ${host}: check the URL.`);
  if (code === 'EAI_AGAIN') {
    return new ApiError('unreachable', `Cannot resolve host ${host} right now (temporary DNS failure): check your network and DNS, then try again.`);
  }
  if (code === 'ECONNREFUSED') {
    return new ApiError('unreachable', `${origin} refused the connection: check the URL and port, and that authentik (or the proxy in front of it) is running.`);
  }
  if (CONNECTION_CUT.has(code)) {
    return new ApiError('unreachable', `The connection to ${origin} was closed before an answer arrived: a proxy, firewall or load balancer may be cutting it.`);
  }
  if (NO_ROUTE.has(code)) return new ApiError('unreachable', `No network route to ${host}: check your network or VPN.`);
  if (CONNECT_TIMEOUT.has(code)) {
    return new ApiError('timeout', `Could not connect to ${origin}: the connection timed out (a firewall dropping packets, or a wrong port?).`);
  }
  const tls = tlsError(code, origin);
  if (tls !== undefined) return tls;
  return new ApiError('unreachable', `Could not reach ${origin}${code === '' ? '' : ` (${code.replace(/[^A-Z0-9_]/gi, '')})`}.`);
}

function tlsError(code: string, origin: string): ApiError | undefined {
  if (UNTRUSTED_CERT.has(code)) {
    return new ApiError(
      'tls',
      `The TLS certificate of ${origin} is not trusted (self-signed or from a private CA): point NODE_EXTRA_CA_CERTS at your CA's PEM file, or use --insecure to skip verification (not recommended).`,
    );
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return new ApiError('tls', `The TLS certificate of ${origin} has expired: renew it on the server (--insecure skips verification, not recommended).`);
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return new ApiError('tls', `The TLS certificate of ${origin} is not valid yet: check the clocks of this machine and of the server.`);
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new ApiError('tls', `The TLS certificate of ${origin} is for another host name: use the host name the certificate names.`);
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return new ApiError('tls', `The TLS handshake with ${origin} failed: the port does not seem to speak HTTPS (try http://, or the HTTPS port).`);
  }
  if (/^(ERR_SSL_|ERR_TLS_)|CERT/.test(code)) {
    return new ApiError('tls', `The TLS connection to ${origin} failed (${code.replace(/[^A-Z0-9_]/gi, '')}).`);
  }
  return undefined;
}
