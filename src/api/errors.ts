// The closed set of things that can go wrong talking to authentik. Each kind has a sentence a user can act on.
// Messages never contain the token: they are built only from the kind, the URL's origin and sanitised server text.

export type ApiErrorKind =
  | 'unreachable'
  | 'tls'
  | 'timeout'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'server'
  | 'bad_response'
  | 'too_large'
  | 'aborted';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    /** A full sentence for the user; safe to print (no token, no control characters). */
    message: string,
    readonly status?: number,
    /** For `forbidden`: the permission needed, when known. */
    readonly permission?: string,
  ) {
    super(message);
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** No HTTP answer came back at all: the server, or the way to it, is gone (and may come back changed). */
const NO_ANSWER_KINDS: ReadonlySet<ApiErrorKind> = new Set(['unreachable', 'tls', 'timeout']);

export function isNoAnswer(error: ApiError): boolean {
  return NO_ANSWER_KINDS.has(error.kind);
}

/**
 * A failure that says nothing about the object asked for, but about the server or the token as a whole: no answer
 * at all, or the token rejected. Every other request to that server would fail the same way.
 */
export function isServerWide(error: ApiError): boolean {
  return isNoAnswer(error) || error.kind === 'unauthenticated';
}
