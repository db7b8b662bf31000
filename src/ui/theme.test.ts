import { describe, expect, it } from 'vitest';
import { colorAllowed, createTheme, levelColor, localeIsAscii, verdictColor } from './theme.js';

describe('locale', () => {
  it('uses Unicode glyphs only when the locale says UTF-8, LC_ALL first', () => {
    expect(localeIsAscii({ LANG: 'en_US.UTF-8' })).toBe(false);
    expect(localeIsAscii({ LANG: 'de_DE.utf8' })).toBe(false);
    expect(localeIsAscii({ LANG: 'C' })).toBe(true);
    expect(localeIsAscii({})).toBe(true);
    expect(localeIsAscii({ LC_ALL: 'POSIX', LANG: 'en_US.UTF-8' })).toBe(true);
    expect(localeIsAscii({ LC_ALL: '', LC_CTYPE: 'C.UTF-8', LANG: 'C' })).toBe(false);
  });

  it('honours NO_COLOR', () => {
    expect(colorAllowed({ NO_COLOR: '1' })).toBe(false);
    expect(colorAllowed({ NO_COLOR: '' })).toBe(true);
    expect(colorAllowed({})).toBe(true);
  });
});

describe('themes', () => {
  it('the no-colour theme has no colour at all', () => {
    const theme = createTheme({ color: false, ascii: false });
    expect(verdictColor(theme, 'CRITICAL')).toBeUndefined();
    expect(levelColor(theme, 'error')).toBeUndefined();
    expect(Object.values(theme.colors).filter((c) => typeof c === 'string')).toEqual([]);
  });

  it('colours verdicts and levels by meaning', () => {
    const theme = createTheme({ color: true, ascii: false });
    expect(verdictColor(theme, 'CRITICAL')).toBe(theme.colors.critical);
    expect(verdictColor(theme, 'OK')).toBe(theme.colors.ok);
    expect(levelColor(theme, 'exception')).toBe(theme.colors.levels.error);
    expect(levelColor(theme, 'warn')).toBe(theme.colors.levels.warning);
    expect(levelColor(theme, 'something_new')).toBe(theme.colors.levels.info);
  });

  it('the ASCII glyphs are plain ASCII', () => {
    const { glyphs } = createTheme({ color: false, ascii: true });
    for (const glyph of Object.values(glyphs)) expect(glyph).toMatch(/^[\x20-\x7e]+$/);
  });
});
