// The first-run form's state: two text fields, which one has focus, and where the check stands. Pure: no I/O.
import { urlProblem } from '../../config/schema.js';
import type { KeyPress } from '../keypress.js';
import { editField, textEditFor, type TextEdit } from '../text-field.js';

export type SetupField = 'url' | 'token';
export const SETUP_FIELDS: readonly SetupField[] = ['url', 'token'];

export type SetupStatus =
  | { kind: 'editing' }
  | { kind: 'checking'; attempt: number }
  | { kind: 'failed'; message: string }
  | { kind: 'saved'; lines: string[] };

export interface SetupState {
  url: string;
  token: string;
  focus: SetupField;
  /** Where the cursor is in the focused field. */
  cursor: number;
  status: SetupStatus;
  /** Counts submissions, so a late answer to an earlier check can be told apart. */
  attempts: number;
}

export type SetupAction =
  /** Typing, moving the cursor, deleting in the focused field. */
  | { type: 'edit'; edit: TextEdit }
  | { type: 'focus-next' }
  | { type: 'focus-previous' }
  | { type: 'submit' }
  | { type: 'check-failed'; attempt: number; message: string }
  | { type: 'saved'; attempt: number; lines: string[] };

export function createSetupState(initialUrl = ''): SetupState {
  return {
    url: initialUrl,
    token: '',
    focus: initialUrl === '' ? 'url' : 'token',
    cursor: 0,
    status: { kind: 'editing' },
    attempts: 0,
  };
}

// Neither a URL nor a token holds spaces or control characters; a paste often brings a trailing newline.
// eslint-disable-next-line no-control-regex
const NOT_TYPED = /[\s\u0000-\u001f\u007f-\u009f]/g;

/** What a key does in the form; 'cancel' leaves it (Esc, Ctrl-C). Chunks are split into keys by parseKeys. */
export function setupActionFor({ input, key }: KeyPress): SetupAction | 'cancel' | undefined {
  // Esc also sets key.meta, so it is checked first.
  if (key.escape || (key.ctrl && input === 'c')) return 'cancel';
  if (key.tab) return { type: key.shift ? 'focus-previous' : 'focus-next' };
  if (key.upArrow) return { type: 'focus-previous' };
  if (key.downArrow) return { type: 'focus-next' };
  if (key.return) return { type: 'submit' };
  const edit = textEditFor(input, key);
  return edit ? { type: 'edit', edit } : undefined;
}

/** Focus on a field, the cursor at its end (where typing goes on). */
function focusOn(state: SetupState, field: SetupField): SetupState {
  return { ...state, focus: field, cursor: state[field].length };
}

function moveFocus(state: SetupState, step: 1 | -1): SetupState {
  const index = SETUP_FIELDS.indexOf(state.focus);
  return focusOn(state, SETUP_FIELDS[(index + step + SETUP_FIELDS.length) % SETUP_FIELDS.length] as SetupField);
}

function editFocused(state: SetupState, edit: TextEdit): SetupState {
  if (state.status.kind === 'checking' || state.status.kind === 'saved') return state;
  const typed = edit.type === 'insert' ? { ...edit, text: edit.text.replace(NOT_TYPED, '') } : edit;
  const field = { value: state[state.focus], cursor: state.cursor };
  const next = editField(field, typed);
  return next === field ? state : { ...state, [state.focus]: next.value, cursor: next.cursor };
}

function submit(state: SetupState): SetupState {
  if (state.status.kind === 'checking' || state.status.kind === 'saved') return state;
  const url = state.url.trim();
  const problem = url === '' ? 'Enter the URL of your authentik server.' : urlProblem(url) && `The URL ${urlProblem(url)}.`;
  if (problem) return { ...focusOn(state, 'url'), status: { kind: 'failed', message: problem } };
  if (state.token === '') {
    // Enter on a filled URL field simply moves on to the token.
    if (state.focus === 'url') return focusOn(state, 'token');
    return { ...state, status: { kind: 'failed', message: 'Paste an API token (Directory › Tokens and App passwords).' } };
  }
  const attempt = state.attempts + 1;
  const cursor = state.focus === 'url' ? Math.min(state.cursor, url.length) : state.cursor;
  return { ...state, url, cursor, attempts: attempt, status: { kind: 'checking', attempt } };
}

function isCurrent(state: SetupState, attempt: number): boolean {
  return state.status.kind === 'checking' && state.status.attempt === attempt;
}

export function setupReducer(state: SetupState, action: SetupAction): SetupState {
  switch (action.type) {
    case 'edit':
      return editFocused(state, action.edit);
    case 'focus-next':
      return state.status.kind === 'checking' ? state : moveFocus(state, 1);
    case 'focus-previous':
      return state.status.kind === 'checking' ? state : moveFocus(state, -1);
    case 'submit':
      return submit(state);
    case 'check-failed':
      return isCurrent(state, action.attempt) ? { ...state, status: { kind: 'failed', message: action.message } } : state;
    case 'saved':
      return isCurrent(state, action.attempt) ? { ...state, status: { kind: 'saved', lines: action.lines } } : state;
  }
}
