// A one-line text field as readline edits it: a value and a cursor, moved and edited with the keys a terminal user's
// fingers already know. Pure; the filter, the search and the first-run form all keep their text in one of these.
import type { Key } from 'ink';

export interface TextField {
  value: string;
  /** Where the next character goes: an offset into `value`, always between two graphemes. */
  cursor: number;
}

export type TextEdit =
  | { type: 'insert'; text: string }
  | { type: 'move'; to: 'left' | 'right' | 'wordLeft' | 'wordRight' | 'start' | 'end' }
  | { type: 'delete'; what: 'before' | 'after' | 'wordBefore' | 'wordAfter' | 'toSpaceBefore' | 'toStart' | 'toEnd' };

/** A field holding `value`, the cursor at its end (where typing goes on). */
export function fieldAtEnd(value: string): TextField {
  return { value, cursor: value.length };
}

// What a user sees as one character (a flag, an accented letter) is stepped over and deleted as one.
const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const WORD = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;

/** The offsets between graphemes, 0 and the length included. */
function boundaries(value: string): number[] {
  const out = [...GRAPHEMES.segment(value)].map((g) => g.index);
  out.push(value.length);
  return out;
}

function clampCursor(field: TextField): number {
  const cursor = Math.max(0, Math.min(field.cursor, field.value.length));
  // A cursor inside a grapheme (the value changed under it) goes to the grapheme's end.
  return boundaries(field.value).find((b) => b >= cursor) ?? field.value.length;
}

/** The boundary one grapheme before (-1) or after (1) the cursor. */
function step(value: string, cursor: number, direction: -1 | 1): number {
  const bounds = boundaries(value);
  const at = bounds.indexOf(cursor);
  return bounds[Math.max(0, Math.min(bounds.length - 1, at + direction))] ?? cursor;
}

/**
 * The boundary reached by skipping graphemes that are not in a word, then those that are, from the cursor in
 * `direction` (Emacs's backward-word and forward-word; with `inWord` as "not a space", readline's Ctrl-w).
 */
function wordEdge(value: string, cursor: number, direction: -1 | 1, inWord: (g: string) => boolean): number {
  const graphemes = [...GRAPHEMES.segment(value)];
  let i = graphemes.findIndex((g) => g.index >= cursor);
  if (i < 0) i = graphemes.length;
  const at = (k: number) => graphemes[k]?.segment ?? '';
  if (direction < 0) {
    while (i > 0 && !inWord(at(i - 1))) i -= 1;
    while (i > 0 && inWord(at(i - 1))) i -= 1;
  } else {
    while (i < graphemes.length && !inWord(at(i))) i += 1;
    while (i < graphemes.length && inWord(at(i))) i += 1;
  }
  return graphemes[i]?.index ?? value.length;
}

const isWord = (g: string) => WORD.test(g);
const isNotSpace = (g: string) => !SPACE.test(g);

function target(value: string, cursor: number, to: Extract<TextEdit, { type: 'move' }>['to']): number {
  switch (to) {
    case 'left':
      return step(value, cursor, -1);
    case 'right':
      return step(value, cursor, 1);
    case 'wordLeft':
      return wordEdge(value, cursor, -1, isWord);
    case 'wordRight':
      return wordEdge(value, cursor, 1, isWord);
    case 'start':
      return 0;
    case 'end':
      return value.length;
  }
}

/** The span a delete removes: from `from` to the cursor, or from the cursor to `to`. */
function deletion(value: string, cursor: number, what: Extract<TextEdit, { type: 'delete' }>['what']): [number, number] {
  switch (what) {
    case 'before':
      return [step(value, cursor, -1), cursor];
    case 'after':
      return [cursor, step(value, cursor, 1)];
    case 'wordBefore':
      return [wordEdge(value, cursor, -1, isWord), cursor];
    case 'wordAfter':
      return [cursor, wordEdge(value, cursor, 1, isWord)];
    case 'toSpaceBefore':
      return [wordEdge(value, cursor, -1, isNotSpace), cursor];
    case 'toStart':
      return [0, cursor];
    case 'toEnd':
      return [cursor, value.length];
  }
}

export function editField(field: TextField, edit: TextEdit): TextField {
  const { value } = field;
  const cursor = clampCursor(field);
  switch (edit.type) {
    case 'insert': {
      const text = edit.text.replace(CONTROL, '');
      if (text === '') return field;
      return { value: value.slice(0, cursor) + text + value.slice(cursor), cursor: cursor + text.length };
    }
    case 'move': {
      const to = target(value, cursor, edit.to);
      return to === field.cursor ? field : { value, cursor: to };
    }
    case 'delete': {
      const [from, to] = deletion(value, cursor, edit.what);
      return from === to ? field : { value: value.slice(0, from) + value.slice(to), cursor: from };
    }
  }
}

const ctrl = (input: string, key: Key, letter: string) => key.ctrl && input === letter;
const alt = (input: string, key: Key, letter: string) => key.meta && !key.escape && input === letter;
/** Word-wise with Ctrl or Alt held (xterm reports both as modifiers of the arrow). */
const byWord = (key: Key) => key.ctrl || key.meta;

export interface TextKey {
  /** How the keys are written in the help (ASCII). */
  keys: string;
  description: string;
  /** The edit a key press makes, if it is one of this row's keys. */
  edit: (input: string, key: Key) => TextEdit | undefined;
}

/** The editing keys of every text field, as readline binds them; the keymap lists them for the help. */
export const TEXT_KEYS: readonly TextKey[] = [
  {
    keys: 'Left Right',
    description: 'move the cursor (Ctrl-b/f too)',
    edit: (input, key) => {
      if (((key.leftArrow || key.rightArrow) && !byWord(key)) || ctrl(input, key, 'b') || ctrl(input, key, 'f')) {
        return { type: 'move', to: key.rightArrow || input === 'f' ? 'right' : 'left' };
      }
      return undefined;
    },
  },
  {
    keys: 'Alt-b Alt-f',
    description: 'move by a word (Ctrl-Left/Right too)',
    edit: (input, key) => {
      if (((key.leftArrow || key.rightArrow) && byWord(key)) || alt(input, key, 'b') || alt(input, key, 'f')) {
        return { type: 'move', to: key.rightArrow || input === 'f' ? 'wordRight' : 'wordLeft' };
      }
      return undefined;
    },
  },
  {
    keys: 'Home End',
    description: 'to the start or end (Ctrl-a/e too)',
    edit: (input, key) => {
      if (key.home || ctrl(input, key, 'a')) return { type: 'move', to: 'start' };
      if (key.end || ctrl(input, key, 'e')) return { type: 'move', to: 'end' };
      return undefined;
    },
  },
  {
    keys: 'Bksp Del Ctrl-d',
    description: 'delete before or under the cursor',
    edit: (input, key) => {
      if (key.backspace && !key.meta) return { type: 'delete', what: 'before' };
      if (key.delete || ctrl(input, key, 'd')) return { type: 'delete', what: 'after' };
      return undefined;
    },
  },
  {
    keys: 'Ctrl-w',
    description: 'delete back to the previous space',
    edit: (input, key) => (ctrl(input, key, 'w') ? { type: 'delete', what: 'toSpaceBefore' } : undefined),
  },
  {
    keys: 'Alt-Bksp Alt-d',
    description: 'delete the word before or after',
    edit: (input, key) => {
      if (key.backspace && key.meta) return { type: 'delete', what: 'wordBefore' };
      if (alt(input, key, 'd')) return { type: 'delete', what: 'wordAfter' };
      return undefined;
    },
  },
  {
    keys: 'Ctrl-u Ctrl-k',
    description: 'delete all before or from the cursor',
    edit: (input, key) => {
      if (ctrl(input, key, 'u')) return { type: 'delete', what: 'toStart' };
      if (ctrl(input, key, 'k')) return { type: 'delete', what: 'toEnd' };
      return undefined;
    },
  },
];

/** The edit a key makes in a text field: one of TEXT_KEYS, or typing its character. */
export function textEditFor(input: string, key: Key): TextEdit | undefined {
  for (const row of TEXT_KEYS) {
    const edit = row.edit(input, key);
    if (edit) return edit;
  }
  if (input !== '' && !key.ctrl && !key.meta) return { type: 'insert', text: input };
  return undefined;
}
