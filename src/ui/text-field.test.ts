import { describe, expect, it } from 'vitest';
import { parseKeys } from './keypress.js';
import { editField, fieldAtEnd, textEditFor, type TextEdit, type TextField } from './text-field.js';

/** Types a chunk of terminal input into a field, key by key, as a user at a terminal would. */
function type(field: TextField, chunk: string): TextField {
  return parseKeys(chunk).reduce((f, { input, key }) => {
    const edit = textEditFor(input, key);
    return edit ? editField(f, edit) : f;
  }, field);
}

/** The field drawn with a bar at the cursor, so expectations read like the screen. */
const shown = ({ value, cursor }: TextField) => `${value.slice(0, cursor)}|${value.slice(cursor)}`;

const LEFT = '\u001b[D';
const RIGHT = '\u001b[C';
const HOME = '\u001b[H';
const END = '\u001b[F';
const DELETE = '\u001b[3~';
const BACKSPACE = '\u007f';
const CTRL = (letter: string) => String.fromCharCode(letter.charCodeAt(0) - 96);
const ALT = (letter: string) => `\u001b${letter}`;

describe('a text field', () => {
  it('types at the cursor, and Left, Right, Home and End move it', () => {
    expect(shown(type(fieldAtEnd(''), 'groups'))).toBe('groups|');
    expect(shown(type(fieldAtEnd('groups'), `${LEFT}${LEFT}X`))).toBe('grouX|ps');
    expect(shown(type(fieldAtEnd('groups'), `${HOME}my-`))).toBe('my-|groups');
    expect(shown(type(fieldAtEnd('groups'), `${HOME}${RIGHT}${END}!`))).toBe('groups!|');
    expect(shown(type(fieldAtEnd('ab'), `${RIGHT}${RIGHT}`))).toBe('ab|');
    expect(shown(type(fieldAtEnd('ab'), `${HOME}${LEFT}`))).toBe('|ab');
  });

  it('knows the readline chords: Ctrl-a, Ctrl-e, Ctrl-b, Ctrl-f', () => {
    expect(shown(type(fieldAtEnd('groups'), `${CTRL('a')}${CTRL('f')}`))).toBe('g|roups');
    expect(shown(type(fieldAtEnd('groups'), `${CTRL('a')}${CTRL('e')}${CTRL('b')}`))).toBe('group|s');
  });

  it('deletes before the cursor with Backspace and under it with Delete or Ctrl-d, in the middle too', () => {
    expect(shown(type(fieldAtEnd('groups'), `${LEFT}${LEFT}${BACKSPACE}`))).toBe('gro|ps');
    expect(shown(type(fieldAtEnd('groups'), `${LEFT}${LEFT}${DELETE}`))).toBe('grou|s');
    expect(shown(type(fieldAtEnd('groups'), `${HOME}${CTRL('d')}`))).toBe('|roups');
    expect(shown(type(fieldAtEnd('ab'), `${HOME}${BACKSPACE}${END}${DELETE}`))).toBe('ab|');
  });

  it('Ctrl-w deletes back to the previous space, Ctrl-u everything before the cursor, Ctrl-k everything after', () => {
    expect(shown(type(fieldAtEnd('db yet ldap/corp'), CTRL('w')))).toBe('db yet |');
    expect(shown(type(fieldAtEnd('db yet  '), CTRL('w')))).toBe('db |');
    expect(shown(type(fieldAtEnd('db yet ldap'), `${LEFT}${LEFT}${LEFT}${LEFT}${CTRL('u')}`))).toBe('|ldap');
    expect(shown(type(fieldAtEnd('db yet ldap'), `${LEFT}${LEFT}${LEFT}${LEFT}${CTRL('k')}`))).toBe('db yet |');
  });

  it('moves and deletes by words with Alt-b, Alt-f, Ctrl-Left, Ctrl-Right, Alt-Backspace and Alt-d', () => {
    expect(shown(type(fieldAtEnd('ldap/corp-eu'), ALT('b')))).toBe('ldap/corp-|eu');
    expect(shown(type(fieldAtEnd('ldap/corp-eu'), `${ALT('b')}${ALT('b')}`))).toBe('ldap/|corp-eu');
    expect(shown(type(fieldAtEnd('ldap/corp-eu'), `${HOME}${ALT('f')}`))).toBe('ldap|/corp-eu');
    expect(shown(type(fieldAtEnd('ldap/corp-eu'), '\u001b[1;5D\u001b[1;5D\u001b[1;5C'))).toBe('ldap/corp|-eu');
    expect(shown(type(fieldAtEnd('ldap/corp-eu'), `\u001b${BACKSPACE}`))).toBe('ldap/corp-|');
    expect(shown(type(fieldAtEnd('ldap/corp-eu'), `${HOME}${ALT('d')}`))).toBe('|/corp-eu');
  });

  it('steps over and deletes what a user sees as one character (flags, accents, wide characters)', () => {
    const field = fieldAtEnd('a🇪🇺é営b');
    expect(shown(type(field, `${LEFT}${LEFT}${BACKSPACE}`))).toBe('a🇪🇺|営b');
    expect(shown(type(field, `${HOME}${RIGHT}${DELETE}`))).toBe('a|é営b');
    expect(shown(type(field, `${HOME}${RIGHT}${RIGHT}`))).toBe('a🇪🇺|é営b');
  });

  it('drops control characters from typed text, and keeps a cursor left inside a grapheme on a boundary', () => {
    expect(editField(fieldAtEnd('ab'), { type: 'insert', text: 'c\u001b[2Jd' })).toEqual({ value: 'abc[2Jd', cursor: 7 });
    const inside: TextField = { value: '🇪🇺x', cursor: 2 };
    expect(editField(inside, { type: 'insert', text: 'y' })).toEqual({ value: '🇪🇺yx', cursor: 5 });
    expect(editField({ value: 'ab', cursor: 9 }, { type: 'move', to: 'left' })).toEqual({ value: 'ab', cursor: 1 });
  });

  it('returns the same field when an edit changes nothing (no new render)', () => {
    const field = fieldAtEnd('ab');
    const noChange: TextEdit[] = [
      { type: 'move', to: 'end' },
      { type: 'move', to: 'right' },
      { type: 'delete', what: 'after' },
      { type: 'delete', what: 'toEnd' },
      { type: 'insert', text: '\u0007' },
    ];
    for (const edit of noChange) expect(editField(field, edit)).toBe(field);
  });

  it('leaves Enter, Esc, Tab and the arrows up and down to the screen', () => {
    for (const chunk of ['\r', '\u001b', '\t', '\u001b[A', '\u001b[B', '\u0003']) {
      const [press] = parseKeys(chunk);
      expect(textEditFor(press?.input ?? '', press!.key)).toBeUndefined();
    }
  });
});
