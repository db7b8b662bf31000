// The time the verdicts are judged at. Some verdicts age without any new data (generation B's "stale: the last
// successful sync was 6h ago", a run that stopped growing), so they are judged again every half minute, not only
// when a poll brings something new. Coarse on purpose: each tick may redraw the screen.
import { useEffect, useState } from 'react';
import { systemClock, type Clock } from '../../poll/clock.js';

export const VERDICT_CLOCK_MS = 30_000;

export function useVerdictClock(active: boolean, clock: Clock = systemClock): number {
  const [time, setTime] = useState(() => clock.now());
  useEffect(() => {
    if (!active) return;
    setTime(clock.now());
    let handle: unknown;
    const tick = () => {
      setTime(clock.now());
      handle = clock.setTimeout(tick, VERDICT_CLOCK_MS);
    };
    handle = clock.setTimeout(tick, VERDICT_CLOCK_MS);
    return () => clock.clearTimeout(handle);
  }, [active, clock]);
  return time;
}
