import { describe, expect, it } from 'vitest';
import { safeLine, safeText } from './sanitize.js';

describe('safeLine', () => {
  it('shows an OSC window-title sequence visibly instead of executing it', () => {
    expect(safeLine('CN=\u001b]0;pwned\u0007x')).toBe('CN=\\x1b]0;pwned\\x07x');
  });
  it('shows clipboard writes, screen clears and C1 CSI visibly', () => {
    expect(safeLine('\u001b]52;c;ZXZpbA==\u0007')).toBe('\\x1b]52;c;ZXZpbA==\\x07');
    expect(safeLine('a\u001b[2J\u001b[3Jb')).toBe('a\\x1b[2J\\x1b[3Jb');
    expect(safeLine('\u009b31m')).toBe('\\x9b31m');
  });
  it('flattens newlines so one cell stays one line', () => {
    expect(safeLine('Traceback\n  File "x"\r\n')).toBe('Traceback\\n  File "x"\\r\\n');
  });
  it('shows bidi overrides that could disguise text', () => {
    expect(safeLine('user\u202egnp.exe')).toBe('user\\u202egnp.exe');
  });
  it('keeps ordinary, wide and emoji text untouched', () => {
    const s = "Uniqueness field not found: 'CN=Jörg Müller,OU=東京' 🎉";
    expect(safeLine(s)).toBe(s);
  });
});

describe('safeText', () => {
  it('keeps a traceback multi-line but neutralises escapes inside it', () => {
    expect(safeText('Traceback\r\n\tFile\u001b[31m')).toBe('Traceback\n  File\\x1b[31m');
  });
});
