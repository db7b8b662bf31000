import { describe, expect, it } from 'vitest';
import { widthOf } from '../text.js';
import { createTheme } from '../theme.js';
import { fieldSegments, fieldWindow } from './field-view.js';

const ELLIPSIS = { ellipsis: '…' };
const joined = (w: { before: string; cursor: string; after: string }) => `${w.before}[${w.cursor}]${w.after}`;

describe('fieldWindow', () => {
  it('marks the character under the cursor, or a space after the end', () => {
    expect(joined(fieldWindow({ value: 'groups', cursor: 3 }, 20, ELLIPSIS))).toBe('gro[u]ps');
    expect(joined(fieldWindow({ value: 'groups', cursor: 6 }, 20, ELLIPSIS))).toBe('groups[ ]');
    expect(joined(fieldWindow({ value: '', cursor: 0 }, 20, ELLIPSIS))).toBe('[ ]');
  });

  it('puts a bar between the characters when there is no inverse video', () => {
    expect(joined(fieldWindow({ value: 'groups', cursor: 3 }, 20, { ...ELLIPSIS, bar: '|' }))).toBe('gro[|]ups');
    expect(joined(fieldWindow({ value: 'groups', cursor: 6 }, 20, { ...ELLIPSIS, bar: '|' }))).toBe('groups[|]');
  });

  it('keeps the cursor in view in a narrow field: the text before it first, an ellipsis where it was cut', () => {
    const value = 'abcdefghijklmnopqrstuvwxyz';
    expect(joined(fieldWindow({ value, cursor: 26 }, 10, ELLIPSIS))).toBe('…stuvwxyz[ ]');
    expect(joined(fieldWindow({ value, cursor: 0 }, 10, ELLIPSIS))).toBe('[a]bcdefghi…');
    expect(joined(fieldWindow({ value, cursor: 13 }, 10, ELLIPSIS))).toBe('…ghijklm[n]…');
    for (const cursor of [0, 5, 13, 25, 26]) {
      const w = fieldWindow({ value, cursor }, 10, ELLIPSIS);
      expect(widthOf(w.before + w.cursor + w.after)).toBeLessThanOrEqual(10);
    }
  });

  it('counts wide characters as two columns and masks a token character by character', () => {
    const w = fieldWindow({ value: '営業部門', cursor: 4 }, 6, ELLIPSIS);
    expect(joined(w)).toBe('…部門[ ]');
    expect(joined(fieldWindow({ value: 'secret', cursor: 2 }, 20, { ...ELLIPSIS, mask: '*' }))).toBe('**[*]***');
  });
});

describe('fieldSegments', () => {
  it('draws the cursor cell in inverse video with colour, and as a bar glyph without (NO_COLOR drops inverse)', () => {
    const field = { value: 'groups', cursor: 3 };
    expect(fieldSegments(field, 20, createTheme({ color: true, ascii: false }))).toEqual([
      { text: 'gro' },
      { text: 'u', inverse: true },
      { text: 'ps' },
    ]);
    expect(fieldSegments(field, 20, createTheme({ color: false, ascii: false }))).toEqual([{ text: 'gro▏ups' }]);
    expect(fieldSegments(field, 20, createTheme({ color: false, ascii: true }))).toEqual([{ text: 'gro|ups' }]);
  });

  it('draws no cursor in a field without focus', () => {
    expect(fieldSegments({ value: 'groups', cursor: 3 }, 20, createTheme({ color: true, ascii: false }), { focused: false })).toEqual([{ text: 'groups' }]);
  });
});
