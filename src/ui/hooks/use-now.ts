import { useEffect, useState } from 'react';

/** The current time, re-read every `everyMs` while `active` (countdowns and ages); frozen otherwise. */
export function useNow(active: boolean, everyMs = 1000, now: () => number = Date.now): number {
  const [time, setTime] = useState(now);
  useEffect(() => {
    if (!active) return;
    setTime(now());
    const timer = setInterval(() => setTime(now()), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, now]);
  // The render that turns it on (and any render between ticks) reads the clock: the state may be long frozen.
  return active ? Math.max(time, now()) : time;
}
