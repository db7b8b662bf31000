// A poll started before its poller exists: the monitor command asks for the first status while the screen's code is
// still loading, and the poller then takes that answer (or the request still in flight) as its first poll.

export interface PrimedPoll<T> {
  /** The poller's fetch: its first call returns the read already started; every later call reads anew. */
  fetch(signal: AbortSignal): Promise<T>;
  /** The first answer with its time, if it has arrived and no fetch took it: the poller starts with it as its data. */
  take(): { value: T; at: number } | null;
  /** Ends the first read if nobody took it. */
  cancel(): void;
  /** Settles (never rejects) when the first read has. */
  readonly settled: Promise<void>;
}

export function primePoll<T>(fetch: (signal: AbortSignal) => Promise<T>, now: () => number = Date.now): PrimedPoll<T> {
  const controller = new AbortController();
  let first: Promise<T> | null;
  try {
    first = fetch(controller.signal);
  } catch (error) {
    first = Promise.reject(error);
  }
  let answer: { value: T; at: number } | null = null;
  const settled = first.then(
    (value) => {
      answer = { value, at: now() };
    },
    () => undefined, // the poller that takes the read reports its failure
  );
  return {
    settled,
    fetch(signal) {
      const pending = first;
      first = null;
      answer = null;
      if (pending === null) return fetch(signal);
      if (signal.aborted) controller.abort();
      else signal.addEventListener('abort', () => controller.abort(), { once: true });
      return pending;
    },
    take() {
      const taken = answer;
      if (taken === null) return null;
      first = null;
      answer = null;
      return taken;
    },
    cancel() {
      if (first === null) return;
      first = null;
      answer = null;
      controller.abort();
    },
  };
}

