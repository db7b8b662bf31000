// The session's attention controller (null when no terminal session, as in tests): the screens tell it what they
// watch, and read back which rows changed in the last minute, to mark them.
import { createContext, useContext, useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import type { AttentionController } from '../attention/controller.js';
import type { Observation } from '../attention/watch.js';

const AttentionContext = createContext<AttentionController | null>(null);

export function AttentionProvider(props: { attention: AttentionController | null; children: ReactNode }) {
  return <AttentionContext.Provider value={props.attention}>{props.children}</AttentionContext.Provider>;
}

const NONE = () => () => {};
const NO_MARKS: ReadonlySet<string> = new Set();
const noMarks = () => NO_MARKS;

/** Tells the controller what the screen watches now (null: nothing yet) and returns the keys to mark. */
export function useAttention(observations: readonly Observation[] | null): ReadonlySet<string> {
  const controller = useContext(AttentionContext);
  const signature = observations?.map((o) => `${o.key}=${o.level}${o.unreachable ? '!' : ''}`).join(' ') ?? null;
  const latest = useRef(observations);
  latest.current = observations;
  useEffect(() => {
    if (controller && latest.current) controller.observe(latest.current);
  }, [controller, signature]);
  return useSyncExternalStore(controller?.subscribe ?? NONE, controller ? controller.marked : noMarks);
}
