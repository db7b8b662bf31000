// Test support: a fetch whose every call waits until the test resolves or rejects it.
export interface FetchCall<T> {
  signal: AbortSignal;
  resolve(value: T): void;
  reject(error: unknown): void;
  settled: boolean;
}

export interface FakeFetch<T> {
  fetch: (signal: AbortSignal) => Promise<T>;
  calls: FetchCall<T>[];
  /** The most recent call; throws when there is none. */
  last(): FetchCall<T>;
  /** Calls neither settled nor aborted. */
  open(): FetchCall<T>[];
}

export function createFakeFetch<T>(): FakeFetch<T> {
  const calls: FetchCall<T>[] = [];
  return {
    calls,
    fetch(signal) {
      return new Promise<T>((resolve, reject) => {
        const call: FetchCall<T> = {
          signal,
          settled: false,
          resolve: (value) => {
            call.settled = true;
            resolve(value);
          },
          reject: (error) => {
            call.settled = true;
            reject(error);
          },
        };
        signal.addEventListener('abort', () => call.reject(signal.reason), { once: true });
        calls.push(call);
      });
    },
    last() {
      const call = calls.at(-1);
      if (!call) throw new Error('fetch was never called');
      return call;
    },
    open: () => calls.filter((c) => !c.settled),
  };
}
