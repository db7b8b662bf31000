// Keys → keymap actions. Text modes get the typed characters; elsewhere a burst of characters (fast typing,
// paste, a slow SSH link) is taken one character at a time, so "jjj" moves three rows.
import { useInput, type Key } from 'ink';
import { useCallback, useRef } from 'react';
import { actionFor, type ActionId, type Mode } from '../keymap.js';

export const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

export interface KeymapHandlers {
  /** Handles one action; returns the mode the keyboard is in afterwards (a `/` starts typing). */
  onAction(action: ActionId, mode: Mode): Mode;
  onText(text: string): void;
}

/** The key a control character stands for inside a chunk of input ("jjj\r" from a paste or a slow link). */
function keyOf(ch: string): Key {
  if (ch === '\r' || ch === '\n') return { ...NO_KEY, return: true };
  if (ch === '\t') return { ...NO_KEY, tab: true };
  if (ch === '\u007f') return { ...NO_KEY, delete: true };
  if (ch === '\b') return { ...NO_KEY, backspace: true };
  return NO_KEY;
}

function isSpecial(key: Key): boolean {
  return (
    key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home ||
    key.end || key.return || key.escape || key.ctrl || key.tab || key.backspace || key.delete || key.meta
  );
}

/**
 * One key event, as the keymap sees it; returns the mode the keyboard is in afterwards. Exported for tests of the
 * dispatch without a terminal.
 */
export function dispatchKey(mode: Mode, input: string, key: Key, handlers: KeymapHandlers): Mode {
  if (mode === 'edit') {
    // A paste or a slow link can bring the Enter in the same chunk as the text: "refused\r".
    const newline = input.length > 1 ? input.search(/[\r\n]/) : -1;
    if (newline >= 0) {
      if (newline > 0) handlers.onText(input.slice(0, newline));
      const after = handlers.onAction('apply', mode);
      const rest = input.slice(newline + 1);
      return rest === '' ? after : dispatchKey(after, rest, NO_KEY, handlers);
    }
    const action = actionFor('edit', input, key);
    if (action) return handlers.onAction(action, mode);
    if (!isSpecial(key) && input !== '') handlers.onText(input);
    return mode;
  }
  if (input.length > 1 && !isSpecial(key)) {
    let current: Mode = mode;
    const chars = [...input];
    for (let i = 0; i < chars.length; i += 1) {
      if (current === 'edit') {
        handlers.onText(chars.slice(i).join(''));
        return current;
      }
      const ch = chars[i] as string;
      const action = actionFor(current, ch, keyOf(ch));
      if (action) current = handlers.onAction(action, current);
    }
    return current;
  }
  const action = actionFor(mode, input, key);
  return action ? handlers.onAction(action, mode) : mode;
}

/**
 * Binds the keymap to ink's input. The mode a key changes to is kept at once, not at the next render: over SSH or
 * in a paste, `/` and the text after it can arrive as separate events before React has drawn the filter prompt.
 */
export function useKeymapInput(mode: Mode, handlers: KeymapHandlers, isActive: boolean): void {
  const current = useRef(mode);
  const latest = useRef(handlers);
  // Every render carries every dispatched change, so the rendered mode is never older than the kept one. The
  // handlers too are taken from the latest render: ink re-subscribes a new handler only in an effect, after the frame
  // is on screen, and a key in between must act on what the user sees (the row just selected), not on the frame before.
  current.current = mode;
  latest.current = handlers;
  const onInput = useCallback((input: string, key: Key) => {
    current.current = dispatchKey(current.current, input, key, latest.current);
  }, []);
  useInput(onInput, { isActive });
}
