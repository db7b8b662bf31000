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
