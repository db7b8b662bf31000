// Keys → keymap actions, one key at a time, each in the mode the key before left behind: "/groups\r" opens the
// filter, types into it and applies it, so the next `j` moves instead of joining the query.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { actionFor, type ActionId, type Mode } from '../keymap.js';
import type { KeyPress } from '../keypress.js';
import { textEditFor, type TextEdit } from '../text-field.js';
import { useKeypresses } from './use-keypresses.js';

export interface KeymapHandlers {
  /** Handles one action; returns the mode the keyboard is in afterwards (a `/` starts typing). */
  onAction(action: ActionId, mode: Mode): Mode;
  /** Typing, moving the cursor or deleting in the text being typed. */
  onEdit(edit: TextEdit): void;
}

/** One key, as the keymap sees it; returns the mode the keyboard is in afterwards. Exported for tests. */
export function dispatchKey(mode: Mode, { input, key }: KeyPress, handlers: KeymapHandlers): Mode {
  const action = actionFor(mode, input, key);
  if (action && action !== 'editText') return handlers.onAction(action, mode);
  if (mode !== 'edit') return mode;
  const edit = textEditFor(input, key);
  if (edit) handlers.onEdit(edit);
  return mode;
}

/** Whether a key acts on what the screen shows (rows, matches), rather than on the text being typed. */
function actsOnScreen(mode: Mode, { input, key }: KeyPress): boolean {
  const action = actionFor(mode, input, key);
  return action !== undefined && action !== 'editText';
}

/**
 * Binds the keymap to the terminal's keys. An action works on what the screen shows (the rows a filter leaves, the
 * matches of a search), which the handlers of the latest render carry; so when keys of one chunk come after a key
 * that changed something, the action waits for the render that shows it. Editing the text being typed needs no
 * render and goes in at once, a whole pasted query in one render.
 */
export function useKeymapInput(mode: Mode, handlers: KeymapHandlers, isActive: boolean): void {
  const current = useRef(mode);
  const latest = useRef(handlers);
  // Every render carries every dispatched change, so the rendered mode is never older than the kept one.
  current.current = mode;
  latest.current = handlers;
  const queue = useRef<KeyPress[]>([]);
  const waiting = useRef(false);
  const [renders, requestRender] = useReducer((n: number) => n + 1, 0);

  const run = useCallback(() => {
    let changed = false;
    for (let press = queue.current[0]; press !== undefined; press = queue.current[0]) {
      if (changed && actsOnScreen(current.current, press)) {
        waiting.current = true;
        requestRender();
        return;
      }
      queue.current.shift();
      current.current = dispatchKey(current.current, press, latest.current);
      changed = true;
    }
  }, []);

  useEffect(() => {
    if (!waiting.current) return;
    waiting.current = false;
    run();
  }, [renders, run]);

  const onKeys = useCallback(
    (presses: KeyPress[]) => {
      queue.current.push(...presses);
      if (!waiting.current) run();
    },
    [run],
  );
  useKeypresses(onKeys, isActive);
}
