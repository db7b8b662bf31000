// The one request function: timeout, abort, size limit, TLS choice, and every failure turned into an ApiError.
// No retries here: the poller owns backoff.
// HTTP goes through the undici package (not the copy inside Node, whose wiring changes between Node versions): its
// fetch, and one undici Agent per client for what undici's options do: TLS verification (off for
// --insecure), the connect timeout (--timeout rather than undici's fixed 10 s) and keep-alive (its defaults, which
// close an idle socket after 4 s or the server's Keep-Alive hint). Two limits stay here, having no undici equivalent:
// the deadline for the whole request (undici times only the connect, the headers and the gaps between chunks), and
// the size cap (undici's maxResponseSize counts bytes on the wire, before fetch unpacks a compressed body).
import { createHash } from 'node:crypto';
import type * as Undici from 'undici';
import { trackConnections } from './connections.js';
import { ApiError } from './errors.js';
import { networkError } from './network-errors.js';
import { htmlHeadline, looksLikeHtml, serverLine, stripBom } from './server-text.js';
import { statusError, type CallContext } from './status-errors.js';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** Error pages are only summarised: their start is enough. */
const ERROR_BODY_BYTES = 64 * 1024;

export interface TransportOptions {
  baseUrl: string;
  origin: string;
  token: string;
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  insecure: boolean;
  /** aborts every request (quit) */
  signal: AbortSignal | undefined;
}

export interface Call {
  method: 'GET' | 'POST' | 'PATCH';
  /** below the API base, with its trailing slash: `/sources/ldap/` */
  path: string;
  query?: Record<string, string | number>;
  body?: Record<string, unknown>;
  notFound?: string;
  permission?: string;
}

/** Parsed JSON, or `undefined` for an empty body (204). */
export type Transport = ((call: Call, signal?: AbortSignal) => Promise<unknown>) & {
  /** The answer before parsing: a caller that has seen the same bytes before may skip the parse. */
  raw(call: Call, signal?: AbortSignal): Promise<RawAnswer>;
};

export interface RawAnswer {
  /** The body's length and a hash of its bytes: equal fingerprints, equal bodies. */
  fingerprint: string;
  /** Parsed JSON, or `undefined` for an empty body; an ApiError when it is not JSON. */
  json(): unknown;
  /**
   * The body's bytes, for a decoder that reads them piece by piece (see status-a-slices.ts); null when the server
   * called it HTML, which only json() reports properly.
   */
  bytes(): Uint8Array | null;
}

/** undici is loaded by the first request, so commands that never ask the server do not load it. */
let undici: Promise<typeof Undici> | undefined;

/** undici is CommonJS: bundled, its exports arrive as the namespace's default. */
function commonJsExports(module: typeof Undici): typeof Undici {
  const exports = (module as unknown as { default?: typeof Undici }).default;
  return typeof exports?.Agent === 'function' ? exports : module;
}

interface Http {
  fetch: typeof Undici.fetch;
  dispatcher: Undici.Dispatcher;
}

// undici's own fetch, called directly: a wrapper (ofetch) touched Node's global Headers and Response on load, which
// loads Node's bundled copy of undici as well (~100 ms at start-up on a busy machine) for nothing.
function httpFor(options: TransportOptions): () => Promise<Http> {
  let http: Promise<Http> | undefined;
  return () =>
    (http ??= (undici ??= import('undici').then(commonJsExports)).then(({ Agent, fetch }) => {
      // HTTP/1.1 only, as authentik's API serves it; the build leaves undici's HTTP/2 client out (scripts/build.mjs).
      const dispatcher = new Agent({ allowH2: false, connect: { timeout: options.timeoutMs, rejectUnauthorized: !options.insecure } });
      trackConnections(dispatcher);
      return { fetch, dispatcher };
    }));
}

export function createTransport(options: TransportOptions): Transport {
  const http = httpFor(options);
  const headers = {
    Authorization: `Bearer ${options.token}`,
    Accept: 'application/json',
    'User-Agent': options.userAgent,
  };

  async function raw(call: Call, callerSignal?: AbortSignal): Promise<RawAnswer> {
    const url = new URL(`${options.baseUrl}${call.path}`);
    for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, String(value));
    const context: CallContext = {
      origin: options.origin,
      shownPath: new URL(options.baseUrl).pathname + call.path,
      token: options.token,
      ...(call.notFound === undefined ? {} : { notFound: call.notFound }),
      ...(call.permission === undefined ? {} : { permission: call.permission }),
    };
    const cancel = linkedAbort([callerSignal, options.signal], options.timeoutMs);
    const stopped = (): ApiError | undefined => {
      if (cancel.reason() === 'aborted') return new ApiError('aborted', `The request to ${options.origin} was cancelled.`);
      if (cancel.reason() === 'timeout') {
        return new ApiError('timeout', `No answer from ${options.origin} within ${seconds(options.timeoutMs)} (--timeout to change).`);
      }
      return undefined;
    };
    try {
      const early = stopped();
      if (early !== undefined) throw early;
      let response: Undici.Response;
      try {
        const { fetch, dispatcher } = await http();
        response = await fetch(url.href, {
          method: call.method,
          ...(call.body === undefined
            ? { headers }
            : { headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(call.body) }),
          redirect: 'manual',
          signal: cancel.signal,
          dispatcher,
        });
      } catch (error) {
        throw stopped() ?? networkError(error, url);
      }
      const ok = response.status >= 200 && response.status < 300;
      const limit = ok ? options.maxBytes : ERROR_BODY_BYTES;
      let body: Body | typeof TOO_LARGE;
      try {
        body = await readBody(response, limit, ok);
      } catch (error) {
        if (error instanceof ApiError) throw error;
        throw stopped() ?? networkError(error, url);
      }
      if (body === TOO_LARGE) {
        throw new ApiError(
          'too_large',
          `The answer from ${options.origin} to ${context.shownPath} is larger than ${mebibytes(options.maxBytes)}: not read.`,
          response.status,
        );
      }
      const contentType = response.headers.get('content-type');
      if (!ok) {
        throw statusError(
          { status: response.status, statusText: response.statusText, contentType, location: response.headers.get('location'), body: body.text },
          context,
        );
      }
      const answer = body;
      let parsed: { value: unknown } | undefined;
      return {
        fingerprint: answer.fingerprint,
        json: () => (parsed ??= { value: parseJsonBody(answer.text, contentType, context) }).value,
        bytes: () => (contentType !== null && HTML_TYPE.test(contentType) ? null : answer.bytes),
      };
    } catch (error) {
      // Anything unforeseen must still not escape with request options (and so the token) attached.
      if (error instanceof ApiError) throw error;
      throw stopped() ?? new ApiError('unreachable', `The request to ${options.origin} failed unexpectedly.`);
    } finally {
      cancel.dispose();
    }
  }

  const request = async (call: Call, signal?: AbortSignal): Promise<unknown> => (await raw(call, signal)).json();
  return Object.assign(request, { raw });
}

function parseJsonBody(body: string, contentType: string | null, call: CallContext): unknown {
  if (body.trim() === '') return undefined;
  if (looksLikeHtml(body, contentType)) {
    const headline = serverLine(htmlHeadline(body), call.token);
    throw new ApiError(
      'bad_response',
      `${call.origin} sent an HTML page${headline === '' ? '' : ` ("${headline}")`} instead of JSON for ${call.shownPath}: is the URL behind a login proxy?`,
      200,
    );
  }
  try {
    return JSON.parse(stripBom(body));
  } catch {
    // Redact before cutting: a cut token would no longer match.
    const start = serverLine(body, call.token).slice(0, 40);
    throw new ApiError('bad_response', `${call.origin} sent something that is not JSON for ${call.shownPath} (it starts with "${start}").`, 200);
  }
}

const TOO_LARGE = Symbol('too large');

interface Body {
  readonly text: string;
  readonly bytes: Uint8Array;
  readonly fingerprint: string;
}

const HTML_TYPE = /\bx?html\b/i;

/**
 * The body as text, at most `limit` bytes. Over the limit: TOO_LARGE when `strict`, else the text cut at the limit.
 * Content-Length is checked first so an announced huge body is never downloaded. The bytes are hashed as they
 * arrive (native code, a few ms per megabyte), so telling an unchanged answer costs no parse.
 */
async function readBody(
  response: Response,
  limit: number,
  strict: boolean,
): Promise<Body | typeof TOO_LARGE> {
  const announced = Number(response.headers.get('content-length') ?? NaN);
  if (strict && Number.isFinite(announced) && announced > limit) {
    await response.body?.cancel().catch(() => undefined);
    return TOO_LARGE;
  }
  const stream = response.body;
  if (stream === null) return { text: '', bytes: new Uint8Array(0), fingerprint: '0:' };
  const reader = stream.getReader();
  const hash = createHash('sha1');
  // With the length announced, the bytes go straight into one buffer of that size: a 34 MB body is one copy, not
  // its chunks and then their concatenation. Chunks are kept only when the length is unknown or turns out wrong.
  let whole: Buffer | null = Number.isSafeInteger(announced) && announced > 0 && announced <= limit ? Buffer.allocUnsafe(announced) : null;
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const before = received;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel().catch(() => undefined);
      if (strict) return TOO_LARGE;
      const kept = value.subarray(0, value.byteLength - (received - limit));
      if (whole === null) chunks.push(kept);
      else chunks.push(whole.subarray(0, before), kept);
      whole = null;
      break;
    }
    hash.update(value);
    if (whole !== null && received <= whole.byteLength) {
      whole.set(value, before);
      continue;
    }
    if (whole !== null) {
      chunks.push(whole.subarray(0, before));
      whole = null;
    }
    chunks.push(value);
  }
  if (whole !== null) {
    if (received === whole.byteLength) chunks.push(whole);
    else chunks.push(whole.subarray(0, received));
  }
  const fingerprint = `${received}:${hash.digest('base64')}`;
  // Decoded only when read: an unchanged answer is never turned into text. One decode of the whole body, not one
  // per chunk: it is several times faster, and builds one string instead of a rope of thousands.
  let text: string | undefined;
  let bytes: Uint8Array | undefined;
  const joined = () => (bytes ??= chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks));
  return {
    fingerprint,
    get bytes() {
      return text === undefined ? joined() : Buffer.from(text);
    },
    get text() {
      // The bytes are let go once decoded: one copy of a large body at a time.
      text ??= new TextDecoder().decode(joined());
      bytes = undefined;
      chunks.length = 0;
      return text;
    },
  };
}

interface LinkedAbort {
  signal: AbortSignal;
  reason(): 'aborted' | 'timeout' | undefined;
  dispose(): void;
}

/**
 * One signal for one request: aborted by any of the given signals or by the timeout. Listeners are removed when the
 * request ends, so a long-lived client signal does not collect one listener per poll.
 */
function linkedAbort(signals: (AbortSignal | undefined)[], timeoutMs: number): LinkedAbort {
  const controller = new AbortController();
  let reason: 'aborted' | 'timeout' | undefined;
  const onAbort = () => {
    reason ??= 'aborted';
    controller.abort();
  };
  const sources = signals.filter((s): s is AbortSignal => s !== undefined);
  for (const source of sources) {
    if (source.aborted) onAbort();
    else source.addEventListener('abort', onAbort, { once: true });
  }
  const timer = setTimeout(() => {
    reason ??= 'timeout';
    controller.abort();
  }, timeoutMs);
  return {
    signal: controller.signal,
    reason: () => reason,
    dispose() {
      clearTimeout(timer);
      for (const source of sources) source.removeEventListener('abort', onAbort);
    },
  };
}

function seconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${Math.round(ms / 100) / 10} s`;
}

function mebibytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB` : `${bytes} bytes`;
}
