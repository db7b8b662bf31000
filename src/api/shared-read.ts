// A read whose answer holds for the whole session (the server's version, the token's user): every caller shares one
// request in flight and then its answer, until forget() (the server was out of reach and may have changed).
import type { ApiError } from './errors.js';

export interface SharedRead<T> {
  /** The kept answer, or the one request in flight, or a new one. `signal` ends only this caller's wait. */
  get(signal?: AbortSignal): Promise<T>;
  /** The next get() reads again. */
  forget(): void;
}

/** `cancelled` makes the error a caller gets when its own signal aborts its wait. */
export function sharedRead<T>(read: () => Promise<T>, cancelled: () => ApiError): SharedRead<T> {
  let kept: { value: T } | null = null;
  let pending: Promise<T> | null = null;
  let generation = 0;

  function start(): Promise<T> {
    const mine = generation;
    // A failed read is not kept: the next caller asks again.
    const request: Promise<T> = read()
      .then((value) => {
        if (mine === generation) kept = { value };
        return value;
      })
      .finally(() => {
        if (pending === request) pending = null;
      });
    // Callers handle it; when all of them stopped waiting, its failure is nobody's to report.
    request.catch(() => undefined);
    pending = request;
    return request;
  }

  return {
    get(signal) {
      if (kept) return Promise.resolve(kept.value);
      if (signal?.aborted) return Promise.reject(cancelled());
      const request = pending ?? start();
      return signal === undefined ? request : untilAborted(request, signal, cancelled);
    },
    forget() {
      kept = null;
      pending = null;
      generation += 1;
    },
  };
}

/** `promise`, or an 'aborted' ApiError as soon as `signal` aborts (the promise itself carries on for others). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, cancelled: () => ApiError): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
