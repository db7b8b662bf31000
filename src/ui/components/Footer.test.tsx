import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { Mode } from '../keymap.js';
import { ThemeProvider } from '../theme-context.js';
import { createTheme } from '../theme.js';
import { Footer } from './Footer.js';

const footer = (width: number, mode: Mode = 'table', paused = false) =>
  render(
    <ThemeProvider theme={createTheme({ color: false, ascii: false })}>
      <Footer width={width} mode={mode} paused={paused} />
    </ThemeProvider>,
  ).lastFrame() ?? '';

describe('Footer', () => {
  it('at 60 columns keeps "? help" and "q quit", dropping other hints whole', () => {
    const line = footer(60);
    expect(line).toContain('? help');
    expect(line).toContain('q quit');
    expect(line.length).toBeLessThanOrEqual(60);
    expect(line).not.toContain('…');
  });

  it('at 100 columns shows the task table keys that fit, in keymap order, with navigation last', () => {
    expect(footer(100)).toBe('j/k move  Enter log  / filter  s sort  e problems  i details  S sync  Esc back  ? help  q quit');
  });

  it.each<[Mode, number]>([
    ['table', 80],
    ['log', 80],
    ['detail', 80],
    ['table', 60],
    ['log', 60],
    ['detail', 60],
  ])('on the %s screen at %i columns says how to go back, get help and quit before any other key', (mode, width) => {
    const line = footer(width, mode);
    for (const hint of ['Esc back', '? help', 'q quit']) expect(line).toContain(hint);
    expect(line.length).toBeLessThanOrEqual(width);
    expect(line).not.toContain('…');
  });

  it('says "p resume" while polling is paused, "p pause" otherwise', () => {
    expect(footer(100, 'detail', true)).toContain('p resume');
    expect(footer(100, 'detail', true)).not.toContain('p pause');
    expect(footer(100, 'overview', true)).toContain('p resume');
    expect(footer(100, 'detail', false)).toContain('p pause');
  });

  it('keeps "p resume" while paused even where "p pause" had no room', () => {
    expect(footer(80, 'log', false)).not.toContain('p pause');
    const line = footer(80, 'log', true);
    for (const hint of ['p resume', 'Esc back', '? help', 'q quit']) expect(line).toContain(hint);
    expect(line).not.toContain('…');
  });

  it('in view-only mode says so, and lists no key but the one that works', () => {
    const line = footer(80, 'view');
    expect(line).toMatch(/^view only: stdin is not a terminal/);
    expect(line).toContain('Ctrl-c quit');
    for (const dead of ['q quit', '? help', 'j/k', 'Esc back', 'p pause']) expect(line).not.toContain(dead);
  });
});
