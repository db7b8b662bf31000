import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ThemeProvider } from '../theme-context.js';
import { createTheme } from '../theme.js';
import { Footer } from './Footer.js';

const footer = (width: number) =>
  render(
    <ThemeProvider theme={createTheme({ color: false, ascii: false })}>
      <Footer width={width} mode="table" />
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
  it('at 120 columns shows every key of the task table', () => {
    expect(footer(120)).toBe('j/k move  Enter log  / filter  s sort  e problems  S sync  r refresh  p pause  ? help  q quit');
  });
});
