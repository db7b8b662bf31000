import { describe, expect, it } from 'vitest';
import type { Mode } from '../keymap.js';
import { helpRows } from './HelpOverlay.js';

describe('helpRows', () => {
  it.each(['table', 'log', 'overview'] as const)('on the %s screen, also lists the keys for typing after /', (mode) => {
    const descriptions = helpRows(mode).map((b) => b.description);
    expect(descriptions).toContain('keep what you typed');
    expect(descriptions).toContain('quit');
  });
  it('the detail view has no typing keys', () => {
    expect(helpRows('detail').map((b) => b.description)).not.toContain('keep what you typed');
  });
  it.each<Mode>(['table', 'log', 'detail', 'overview'])('on the %s screen lists each key once (Ctrl-c too)', (mode) => {
    const keys = helpRows(mode).map((b) => `${b.keys} ${b.action}`);
    expect(keys.filter((k) => k.startsWith('Ctrl-c'))).toHaveLength(1);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
