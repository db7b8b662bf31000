import { describe, expect, it } from 'vitest';
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
});
