import { ApiError } from '../api/errors.js';

export interface ConcurrencyGate {
  /** Runs `task` once fewer than `limit` tasks run; waiting callers go first come, first served. */
  run<R>(signal: AbortSignal, task: () => Promise<R>): Promise<R>;
  /** Tasks running now. */
  active(): number;
}

/**
 * At most `limit` tasks at once. A slot is held until the task settles, so a task must honour its signal;
 * a caller aborted while it waits leaves the queue and rejects with ApiError 'aborted'.
 */
export function createConcurrencyGate(limit: number): ConcurrencyGate {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  }
  let active = 0;
  const waiting: Array<() => void> = [];

  function acquire(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(cancelled());
    if (active < limit) {
      active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const admit = () => {
        signal.removeEventListener('abort', leave);
        active += 1;
        resolve();
      };
      const leave = () => {
        waiting.splice(waiting.indexOf(admit), 1);
        reject(cancelled());
      };
      waiting.push(admit);
      signal.addEventListener('abort', leave, { once: true });
    });
  }

  function release(): void {
    active -= 1;
    waiting.shift()?.();
  }

  return {
    async run(signal, task) {
      await acquire(signal);
      try {
        return await task();
      } finally {
        release();
      }
    },
    active: () => active,
  };
}

function cancelled(): ApiError {
  return new ApiError('aborted', 'The request was cancelled.');
}
