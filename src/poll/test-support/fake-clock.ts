// Test support: a clock whose time moves only when a test says so. Timers fire in time order; after each one the
// promise jobs it started (a fake fetch settling, the poller reacting) run before the next, as they would for real.
import type { Clock } from '../clock.js';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

export interface FakeClock extends Clock {
  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): Promise<void>;
  /** Lets pending promise jobs run without moving time. */
  flush(): Promise<void>;
  /** Timers not yet fired. */
  pendingTimers(): number;
}

export function createFakeClock(start = 1_000_000): FakeClock {
  let now = start;
  let nextId = 1;
  let timers: Timer[] = [];

  async function flush(): Promise<void> {
    // setImmediate runs after every queued promise job, however deep the chain.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  return {
    now: () => now,
    setTimeout(fn, ms) {
      const timer = { id: nextId++, at: now + Math.max(0, ms), fn };
      timers.push(timer);
      return timer.id;
    },
    clearTimeout(handle) {
      timers = timers.filter((t) => t.id !== handle);
    },
    async advance(ms) {
      const target = now + ms;
      await flush();
      for (;;) {
        const due = timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
        await flush();
      }
      now = target;
    },
    flush,
    pendingTimers: () => timers.length,
  };
}
