import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { NO_KEY } from './keypress.js';
import { KEYMAP, actionFor, bindingsFor, footerHints, type Mode } from './keymap.js';

const key = (overrides: Partial<Key>): Key => ({ ...NO_KEY, ...overrides });
const MODES: Mode[] = ['table', 'log', 'detail', 'help', 'edit', 'confirm', 'overview', 'view', 'pane'];

describe('the keymap', () => {
  it('Backspace goes back like Esc from the task table, the log and a message (0x7f arrives as delete in ink 6.8)', () => {
    for (const mode of ['table', 'log', 'detail'] as const) {
      expect(actionFor(mode, '', { ...NO_KEY, backspace: true })).toBe('back');
      expect(actionFor(mode, '', { ...NO_KEY, delete: true })).toBe('back');
    }
  });

  it('maps the documented keys of the task table', () => {
    expect(actionFor('table', 's', NO_KEY)).toBe('sort');
    expect(actionFor('table', '/', NO_KEY)).toBe('filter');
    expect(actionFor('table', 'e', NO_KEY)).toBe('problemsOnly');
    expect(actionFor('table', '', key({ return: true }))).toBe('open');
    expect(actionFor('table', 'j', NO_KEY)).toBe('down');
    expect(actionFor('table', '', key({ downArrow: true }))).toBe('down');
    expect(actionFor('table', 'G', key({ shift: true }))).toBe('bottom');
    expect(actionFor('table', '', key({ home: true }))).toBe('top');
    expect(actionFor('table', 'd', key({ ctrl: true }))).toBe('halfPageDown');
    expect(actionFor('table', 'S', key({ shift: true }))).toBe('sync');
  });

  it('maps the message log keys, with Esc and both backspace codes going back', () => {
    expect(actionFor('log', 'w', NO_KEY)).toBe('wrap');
    expect(actionFor('log', 'n', NO_KEY)).toBe('nextMatch');
    expect(actionFor('log', 'N', key({ shift: true }))).toBe('previousMatch');
    expect(actionFor('log', 'l', NO_KEY)).toBe('level');
    expect(actionFor('log', '', key({ escape: true, meta: true }))).toBe('back');
    expect(actionFor('log', '', key({ delete: true }))).toBe('back');
    expect(actionFor('log', '', key({ backspace: true }))).toBe('back');
    expect(actionFor('log', '', key({ pageDown: true }))).toBe('pageDown');
  });

  it('lets Ctrl-C quit from every mode, even while typing or confirming', () => {
    for (const mode of MODES) expect(actionFor(mode, 'c', key({ ctrl: true }))).toBe('quit');
  });

  it('treats q as text while typing and as "no" while confirming', () => {
    expect(actionFor('edit', 'q', NO_KEY)).toBeUndefined();
    expect(actionFor('confirm', 'q', NO_KEY)).toBe('cancel');
    expect(actionFor('confirm', 'y', NO_KEY)).toBe('confirm');
    expect(actionFor('confirm', 'Y', key({ shift: true }))).toBe('cancel');
  });

  it('while typing, the readline keys edit the text (and the help lists them); Up, Down and Tab do nothing', () => {
    expect(actionFor('edit', '', key({ leftArrow: true }))).toBe('editText');
    expect(actionFor('edit', 'a', key({ ctrl: true }))).toBe('editText');
    expect(actionFor('edit', 'w', key({ ctrl: true }))).toBe('editText');
    expect(actionFor('edit', '', key({ delete: true }))).toBe('editText');
    expect(actionFor('edit', 'b', key({ meta: true }))).toBe('editText');
    expect(actionFor('edit', '', key({ upArrow: true }))).toBeUndefined();
    expect(actionFor('edit', '', key({ tab: true }))).toBeUndefined();
    expect(bindingsFor('edit').map((b) => b.keys)).toEqual(expect.arrayContaining(['Left Right', 'Home End', 'Ctrl-w', 'Ctrl-u Ctrl-k']));
  });

  it('does not let a meta-modified letter act (the tail of a split escape sequence)', () => {
    expect(actionFor('table', 'q', key({ meta: true }))).toBeUndefined();
  });

  it('shows in the footer only keys that do something on that screen', () => {
    for (const mode of MODES) {
      const bound = new Set(bindingsFor(mode).map((b) => b.footerKeys ?? b.keys));
      for (const hint of footerHints(mode)) expect(bound.has(hint.keys)).toBe(true);
    }
    expect(footerHints('table').map((h) => h.hint)).toEqual(
      expect.arrayContaining(['filter', 'sort', 'problems', 'sync', 'refresh', 'pause', 'help', 'quit']),
    );
    expect(footerHints('log').map((h) => h.hint)).toEqual(expect.arrayContaining(['wrap', 'search', 'next', 'level', 'back']));
  });

  it('marks back, help and quit as navigation on every screen that has them', () => {
    const navigation = (mode: Mode) => footerHints(mode).filter((h) => h.navigation).map((h) => `${h.keys} ${h.hint}`);
    for (const mode of ['table', 'log', 'detail', 'pane'] as const) expect(navigation(mode)).toEqual(['Esc back', '? help', 'q quit']);
    expect(navigation('overview')).toEqual(['? help', 'q quit']);
    expect(navigation('help')).toEqual(['Esc ? close', 'q quit']);
    expect(navigation('view')).toEqual(['Ctrl-c quit']);
  });

  it('i opens the details of the selected task or source, and Esc, Backspace or i close them', () => {
    expect(actionFor('table', 'i', NO_KEY)).toBe('details');
    expect(actionFor('overview', 'i', NO_KEY)).toBe('details');
    for (const k of [key({ escape: true }), key({ backspace: true }), key({ delete: true })]) expect(actionFor('pane', '', k)).toBe('back');
    expect(actionFor('pane', 'i', NO_KEY)).toBe('back');
    expect(actionFor('pane', 'j', NO_KEY)).toBe('down');
    expect(actionFor('pane', 'S', key({ shift: true }))).toBeUndefined();
    expect(footerHints('table').map((h) => `${h.keys} ${h.hint}`)).toContain('i details');
  });

  it('names what p will do: pause while polling, resume while paused', () => {
    const p = (paused: boolean) => footerHints('table', { paused }).find((h) => h.keys === 'p')?.hint;
    expect(p(false)).toBe('pause');
    expect(p(true)).toBe('resume');
  });

  it('takes no key in view-only mode but Ctrl-C', () => {
    expect(bindingsFor('view').map((b) => b.action)).toEqual(['quit']);
    expect(actionFor('view', 'q', NO_KEY)).toBeUndefined();
    expect(actionFor('view', 'c', key({ ctrl: true }))).toBe('quit');
  });

  it('describes every binding for the help', () => {
    for (const binding of KEYMAP) {
      expect(binding.description.length).toBeGreaterThan(3);
      expect(binding.keys).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});
