import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { NO_KEY, parseKeys, type KeyPress } from './keypress.js';

const k = (input: string, flags: Partial<Key> = {}): KeyPress => ({ input, key: { ...NO_KEY, ...flags } });

describe('parseKeys', () => {
  it('splits a pasted or buffered chunk into its keys, in order', () => {
    expect(parseKeys('/groups\r')).toEqual([k('/'), k('g'), k('r'), k('o'), k('u'), k('p'), k('s'), k('', { return: true })]);
    expect(parseKeys('jG\tx')).toEqual([k('j'), k('G', { shift: true }), k('', { tab: true }), k('x')]);
  });

  it('reads a CRLF as one Enter, and a lone LF as Enter too (ink reports it as neither)', () => {
    expect(parseKeys('a\r\nb\nc')).toEqual([k('a'), k('', { return: true }), k('b'), k('', { return: true }), k('c')]);
  });

  it('tells Backspace (0x7f, 0x08) from the Delete key (ink 6.8 calls both delete)', () => {
    expect(parseKeys('\u007f\b\u001b[3~')).toEqual([k('', { backspace: true }), k('', { backspace: true }), k('', { delete: true })]);
  });

  it('reads Ctrl and a letter, and arrows, Home, End and paging in their xterm, rxvt and SS3 spellings', () => {
    expect(parseKeys('\u0001\u0005\u0017\u0003')).toEqual([
      k('a', { ctrl: true }),
      k('e', { ctrl: true }),
      k('w', { ctrl: true }),
      k('c', { ctrl: true }),
    ]);
    expect(parseKeys('\u001b[D\u001bOC\u001b[H\u001b[F\u001b[1~\u001b[4~\u001bOH\u001b[7~\u001b[5~\u001b[6~')).toEqual([
      k('', { leftArrow: true }),
      k('', { rightArrow: true }),
      k('', { home: true }),
      k('', { end: true }),
      k('', { home: true }),
      k('', { end: true }),
      k('', { home: true }),
      k('', { home: true }),
      k('', { pageUp: true }),
      k('', { pageDown: true }),
    ]);
  });

  it('reads modifiers on arrows (Ctrl-Left) and Alt chords sent as ESC + key', () => {
    expect(parseKeys('\u001b[1;5D\u001b[1;3C\u001bb\u001b\u007f\u001b[Z')).toEqual([
      k('', { leftArrow: true, ctrl: true }),
      k('', { rightArrow: true, meta: true }),
      k('b', { meta: true }),
      k('', { backspace: true, meta: true }),
      k('', { tab: true, shift: true }),
    ]);
  });

  it('reads a lone ESC as Escape (with meta set, as ink does) and text after a sequence as text', () => {
    expect(parseKeys('\u001b')).toEqual([k('', { escape: true, meta: true })]);
    expect(parseKeys('ab\u001b[Acd')).toEqual([k('a'), k('b'), k('', { upArrow: true }), k('c'), k('d')]);
  });

  it('keeps characters outside the BMP whole and turns unknown sequences into no key at all', () => {
    expect(parseKeys('é🇪')).toEqual([k('é'), k('🇪')]);
    expect(parseKeys('\u001b[200~x')).toEqual([k(''), k('x')]);
  });
});
