import { describe, expect, it } from 'vitest';
import { fixedCells } from './columns.js';
import { fit, safeCell, truncate, widthOf, wrapLine } from './text.js';

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

describe('fixed columns with hostile text', () => {
  it('measure the visible form of control characters, so the next column stays in place', () => {
    const cells = fixedCells([{ key: 'logger', title: 'logger', width: 12 }], { logger: 'auth\u001b[2Jx' }, '…');
    expect(cells[0]?.text).toBe('auth\\x1b[2Jx ');
    expect(widthOf(cells[0]?.text ?? '')).toBe(13);
  });
});
