// Keys as the user pressed them, in order, however the terminal bundled them (see ../keypress.ts).
import { useInput, useStdin } from 'ink';
import { useCallback, useEffect, useRef } from 'react';
import { parseKeys, type KeyPress } from '../keypress.js';

/**
 * Calls `onKeys` with the keys of every input chunk, in order. ink's `(input, key)` cannot tell 0x7f from the Delete
 * key, so the raw chunk is read from ink's input events (a listener placed before useInput's own). useInput still
 * delivers the call: it sets raw mode and batches the state changes of a whole chunk into one render, which a
 * pasted search over a large log needs.
 */
export function useKeypresses(onKeys: (presses: KeyPress[]) => void, isActive: boolean): void {
  const { internal_eventEmitter: events } = useStdin();
  const chunk = useRef<string | null>(null);
  const latest = useRef(onKeys);
  latest.current = onKeys;

  useEffect(() => {
    if (!isActive) return;
    const record = (raw: unknown) => {
      chunk.current = typeof raw === 'string' ? raw : String(raw);
    };
    events.prependListener('input', record);
    return () => {
      events.removeListener('input', record);
    };
  }, [events, isActive]);

  const onInput = useCallback(() => {
    const raw = chunk.current;
    chunk.current = null;
    if (raw === null) return;
    latest.current(parseKeys(raw));
  }, []);
  useInput(onInput, { isActive });
}
