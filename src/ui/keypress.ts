// Raw terminal input → key presses, one per key. A paste, a slow SSH link or a loaded host can deliver several keys in
// one chunk ("/groups\r", "jj\r", "ab\x7fc"); each must act as if pressed alone, in order, so that a key is read in
// the mode the key before it left behind. ink 6.8 hands out the chunk's text runs whole, reports 0x7f and the Delete
// key alike (`delete`) and "\n" as neither Enter nor text: this module is the one place that tells keys apart.
import type { Key } from 'ink';

export interface KeyPress {
  /** The typed character, the letter of a Ctrl or Alt chord, or '' for a named key. */
  input: string;
  key: Key;
}

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

type NamedKey = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'delete' | 'tab';

/** Final bytes of CSI (ESC [) and SS3 (ESC O) sequences without a number. */
const LETTER_KEYS: Record<string, NamedKey> = {
  A: 'upArrow',
  B: 'downArrow',
  C: 'rightArrow',
  D: 'leftArrow',
  H: 'home',
  F: 'end',
};

/** ESC [ n ~ sequences (xterm, rxvt, the Linux console). */
const TILDE_KEYS: Record<string, NamedKey> = {
  '1': 'home',
  '3': 'delete',
  '4': 'end',
  '5': 'pageUp',
  '6': 'pageDown',
  '7': 'home',
  '8': 'end',
};

const ESC = '\u001b';
// CSI: ESC [ parameters (0x30-0x3f) intermediates (0x20-0x2f) final (0x40-0x7e); the Linux console's F-keys add a '['.
// eslint-disable-next-line no-control-regex
const CSI = /\u001b\[\[?([\x30-\x3f]*)[\x20-\x2f]*([\x40-\x7e])/y;
// eslint-disable-next-line no-control-regex
const SS3 = /\u001bO([\x40-\x7e])/y;

function press(input: string, flags: Partial<Key> = {}): KeyPress {
  return { input, key: { ...NO_KEY, ...flags } };
}

/** xterm's modifier parameter (ESC [ 1 ; m X): m - 1 is a bit set of shift 1, alt 2, ctrl 4, meta 8. */
function modifiers(parameter: string | undefined): Partial<Key> {
  const bits = Math.max(0, Number(parameter ?? '1') - 1);
  return { shift: (bits & 1) !== 0, meta: (bits & 10) !== 0, ctrl: (bits & 4) !== 0 };
}

function csiKey(parameters: string, final: string): KeyPress {
  const [first, modifier] = parameters.split(';');
  if (final === '~') {
    const name = TILDE_KEYS[first ?? ''];
    return name ? press('', { [name]: true, ...modifiers(modifier) }) : press('');
  }
  if (final === 'Z') return press('', { tab: true, shift: true });
  const name = LETTER_KEYS[final];
  return name ? press('', { [name]: true, ...modifiers(modifier) }) : press('');
}

/** A control character on its own: Enter, Tab, Backspace (0x7f and 0x08), or Ctrl and a letter. */
function controlKey(ch: string): KeyPress {
  if (ch === '\r' || ch === '\n') return press('', { return: true });
  if (ch === '\t') return press('', { tab: true });
  if (ch === '\u007f' || ch === '\b') return press('', { backspace: true });
  if (ch === ESC) return press('', { escape: true, meta: true });
  const code = ch.charCodeAt(0);
  if (code >= 1 && code <= 26) return press(String.fromCharCode(code + 96), { ctrl: true });
  return press('');
}

function isControl(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0);
}

/** The escape sequence at `at` in `text`: the key it stands for and how many characters it took. */
function escapeSequence(text: string, at: number): { press: KeyPress; length: number } {
  CSI.lastIndex = at;
  const csi = CSI.exec(text);
  if (csi) return { press: csiKey(csi[1] ?? '', csi[2] ?? ''), length: csi[0].length };
  SS3.lastIndex = at;
  const ss3 = SS3.exec(text);
  if (ss3) {
    const name = LETTER_KEYS[ss3[1] ?? ''];
    return { press: name ? press('', { [name]: true }) : press(''), length: ss3[0].length };
  }
  const next = text.codePointAt(at + 1);
  if (next === undefined) return { press: controlKey(ESC), length: 1 };
  const ch = String.fromCodePoint(next);
  // ESC before a key is Alt held down with it (Alt-b, Alt-Backspace); a doubled ESC is still Escape.
  if (ch === ESC) return { press: press('', { escape: true, meta: true }), length: 2 };
  if (isControl(ch)) {
    const inner = controlKey(ch);
    return { press: { input: inner.input, key: { ...inner.key, meta: true } }, length: 1 + ch.length };
  }
  return { press: press(ch, { meta: true, shift: /^[A-Z]$/.test(ch) }), length: 1 + ch.length };
}

/** The key presses in a chunk of terminal input, in order. A CRLF is one Enter. */
export function parseKeys(chunk: string): KeyPress[] {
  const presses: KeyPress[] = [];
  let i = 0;
  while (i < chunk.length) {
    if (chunk[i] === ESC) {
      const { press: p, length } = escapeSequence(chunk, i);
      presses.push(p);
      i += length;
      continue;
    }
    const ch = String.fromCodePoint(chunk.codePointAt(i) ?? 0);
    i += ch.length;
    if (ch === '\r' && chunk[i] === '\n') i += 1;
    if (isControl(ch)) presses.push(controlKey(ch));
    else presses.push(press(ch, { shift: /^[A-Z]$/.test(ch) }));
  }
  return presses;
}
