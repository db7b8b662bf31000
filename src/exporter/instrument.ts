// Times the polls a fleet makes through a client, and tells each one's outcome: the exporter's poll duration
// histogram and error counter, without a hook in the poller. Every method that reads a sync object or a list of them
// is a poll; the server's version and the token's user (read once and kept by the client) and a triggered sync are not.
import { isApiError, type ApiErrorKind } from '../api/errors.js';
import type { AuthentikApi } from '../api/types.js';

const NOT_POLLS = new Set<PropertyKey>(['version', 'me', 'generation', 'triggerSync', 'triggerObject']);

export type PollObserver = (seconds: number, error: ApiErrorKind | null) => void;

export function instrumentApi<Api extends AuthentikApi>(api: Api, observe: PollObserver, now: () => number = () => performance.now()): Api {
  return new Proxy(api, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || NOT_POLLS.has(property)) return value;
      return (...args: unknown[]) => {
        const started = now();
        const result: unknown = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        const done = (error: ApiErrorKind | null) => observe(Math.max(0, (now() - started) / 1000), error);
        return result.then(
          (answer: unknown) => {
            done(null);
            return answer;
          },
          (error: unknown) => {
            const kind = isApiError(error) ? error.kind : 'bad_response';
            if (kind !== 'aborted') done(kind);
            throw error;
          },
        );
      };
    },
  });
}
