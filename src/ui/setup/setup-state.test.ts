import { describe, expect, it } from 'vitest';
import { parseKeys } from '../keypress.js';
import type { TextEdit } from '../text-field.js';
import { type SetupAction, type SetupState, createSetupState, setupActionFor, setupReducer } from './setup-state.js';

const apply = (state: SetupState, ...actions: SetupAction[]) => actions.reduce(setupReducer, state);
const edit = (e: TextEdit): SetupAction => ({ type: 'edit', edit: e });
const insert = (text: string) => edit({ type: 'insert', text });
const BACKSPACE = edit({ type: 'delete', what: 'before' });

describe('setupReducer', () => {
  it('starts on the token when the URL is already known', () => {
    expect(createSetupState().focus).toBe('url');
    expect(createSetupState('https://ak.example.com').focus).toBe('token');
  });

  it('drops spaces and control characters from a paste, and erases by character', () => {
    const state = apply(createSetupState(), insert(' https://ak.example.com/é\r\n'), BACKSPACE);
    expect(state.url).toBe('https://ak.example.com/');
  });

  it('moves on to the token when Enter is pressed on a filled URL field', () => {
    const state = apply(createSetupState(), insert('https://ak.example.com'), { type: 'submit' });
    expect(state).toMatchObject({ focus: 'token', status: { kind: 'editing' } });
  });

  it('starts a numbered check, ignores edits while it runs, and ignores answers to an older attempt', () => {
    let state = apply(createSetupState('https://ak.example.com'), insert('tok'), { type: 'submit' });
    expect(state.status).toEqual({ kind: 'checking', attempt: 1 });
    state = apply(state, insert('x'), { type: 'focus-next' });
    expect(state).toMatchObject({ token: 'tok', focus: 'token' });
    state = apply(state, { type: 'check-failed', attempt: 0, message: 'stale' });
    expect(state.status.kind).toBe('checking');
    state = apply(state, { type: 'check-failed', attempt: 1, message: 'HTTP 403' });
    expect(state.status).toEqual({ kind: 'failed', message: 'HTTP 403' });
  });

  it('asks for a token when it is empty and points at a bad URL', () => {
    const noToken = apply(createSetupState('https://ak.example.com'), { type: 'submit' });
    expect(noToken.status).toMatchObject({ kind: 'failed', message: expect.stringMatching(/^Paste an API token/) });
    const badUrl = apply(createSetupState('ftp://x'), insert('t'), { type: 'submit' });
    expect(badUrl).toMatchObject({ focus: 'url', status: { kind: 'failed', message: 'The URL must start with http:// or https://.' } });
  });

  it('treats Tab, Enter and the editing keys inside a fast-typed chunk as key presses, in order', () => {
    const actions = (chunk: string) => parseKeys(chunk).map(setupActionFor);
    expect(actions('a\tb\r\n')).toEqual([insert('a'), { type: 'focus-next' }, insert('b'), { type: 'submit' }]);
    expect(actions('a\u0015\u007f\u001b[D\u001b')).toEqual([
      insert('a'),
      edit({ type: 'delete', what: 'toStart' }),
      BACKSPACE,
      edit({ type: 'move', to: 'left' }),
      'cancel',
    ]);
    const state = apply(createSetupState(), ...actions('https://a.example.com\ttok\r').filter((a) => typeof a === 'object'));
    expect(state).toMatchObject({ url: 'https://a.example.com', token: 'tok', status: { kind: 'checking', attempt: 1 } });
  });

  it('edits the focused field in the middle, and puts the cursor at the end of a field it moves to', () => {
    const typed = (state: SetupState, chunk: string) =>
      apply(state, ...parseKeys(chunk).map(setupActionFor).filter((a): a is SetupAction => typeof a === 'object'));
    let state = typed(createSetupState(), 'https://a.example.cm\u001b[Do');
    expect(state).toMatchObject({ url: 'https://a.example.com', cursor: 20 });
    state = typed(state, '\u0001\u001b[3~\u001b[3~\u001b[3~\u001b[3~\u001b[3~');
    expect(state.url).toBe('://a.example.com');
    state = typed(state, 'https\ttokn\u001b[Dx\t');
    expect(state).toMatchObject({ url: 'https://a.example.com', token: 'tokxn', focus: 'url', cursor: 21 });
  });
});
