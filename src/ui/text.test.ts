import { describe, expect, it } from 'vitest';
import { fixedCells } from './columns.js';
import { safeLine } from '../domain/sanitize.js';
import { fit, safeCell, truncate, widthOf, wrapLine, wrapRanges } from './text.js';

describe('cells measured in terminal columns', () => {
  it('cuts long text with an ellipsis to exactly the width', () => {
    expect(truncate('Synced 50 objects.', 10)).toBe('Synced 50…');
    expect(widthOf(truncate('Synced 50 objects.', 10))).toBe(10);
    expect(truncate('short', 10)).toBe('short');
  });

  it('counts wide CJK characters and emoji as two columns and never splits them', () => {
    const name = '営業部グループ👥';
    expect(widthOf(name)).toBe(16);
    const cut = truncate(name, 8);
    expect(widthOf(cut)).toBeLessThanOrEqual(8);
    expect(cut).toBe('営業部…');
    expect(widthOf(fit(name, 9))).toBe(9);
    expect(widthOf(fit('👩‍👩‍👧 family', 6))).toBe(6);
  });

  it('pads to the right or the left', () => {
    expect(fit('42', 5, 'right')).toBe('   42');
    expect(fit('ok', 4)).toBe('ok  ');
  });

  it('shows control characters visibly instead of sending them to the terminal', () => {
    const cell = safeCell('evil\u001b]0;pwned\u0007name', 40);
    expect(cell).not.toContain('\u001b');
    expect(cell).toContain('\\x1b');
  });

  it('wraps on grapheme boundaries with every piece within the width', () => {
    const pieces = wrapLine('ab営業cd部グ', 4);
    expect(pieces.every((p) => widthOf(p) <= 4)).toBe(true);
    expect(pieces.join('')).toBe('ab営業cd部グ');
  });
});

describe('word wrap', () => {
  it('breaks at spaces, never inside a word that fits on a line', () => {
    const line = 'Group does not exist in our DB yet, Contacts will be linked on the next run';
    const pieces = wrapLine(line, 20);
    expect(pieces).toEqual(['Group does not exist', 'in our DB yet,', 'Contacts will be', 'linked on the next', 'run']);
    expect(pieces.join(' ')).toBe(line);
  });

  it('breaks a word longer than the line on grapheme boundaries, and keeps a line\'s indentation', () => {
    expect(wrapLine('see CN=averyveryverylongname,OU=x end', 10)).toEqual(['see', 'CN=averyve', 'ryverylong', 'name,OU=x', 'end']);
    expect(wrapLine('    for page in self.get_objects():', 16)).toEqual(['    for page in', 'self.get_objects', '():']);
  });

  it('measures wide characters as two columns and keeps them whole', () => {
    const line = '営業部 山田太郎 東京本社 👩‍💻 開発';
    const pieces = wrapLine(line, 9);
    expect(pieces).toEqual(['営業部', '山田太郎', '東京本社', '👩‍💻 開発']);
    expect(pieces.every((p) => widthOf(p) <= 9)).toBe(true);
  });

  it('wraps sanitised control text by its visible width', () => {
    const shown = safeLine('name\u001b]0;pwned\u0007 was skipped');
    const pieces = wrapLine(shown, 12);
    expect(pieces.every((p) => widthOf(p) <= 12)).toBe(true);
    expect(pieces.join('')).not.toMatch(/[\u0000-\u001f]/);
    expect(pieces).toEqual(['name\\x1b]0;p', 'wned\\x07 was', 'skipped']);
  });

  it('gives the character ranges of each line, for text made of styled segments', () => {
    expect(wrapRanges('aaa bbb ccc', 7)).toEqual([[0, 7], [8, 11]]);
    expect(wrapRanges('', 7)).toEqual([[0, 0]]);
  });
});

describe('fixed columns with hostile text', () => {
  it('measure the visible form of control characters, so the next column stays in place', () => {
    const cells = fixedCells([{ key: 'logger', title: 'logger', width: 12 }], { logger: 'auth\u001b[2Jx' }, '…');
    expect(cells[0]?.text).toBe('auth\\x1b[2Jx ');
    expect(widthOf(cells[0]?.text ?? '')).toBe(13);
  });
});
