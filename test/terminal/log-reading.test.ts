// Reading a page's log in a real terminal: search matches stand out without colour (NO_COLOR keeps underline and
// reverse video), and `e` keeps only the messages that made the verdict, info-level skipped objects included.
import { describe, it } from 'vitest';
import { KEYS, type SpawnedTerminal } from './harness.js';
import { firstFrame, typeKeys, useMonitor, useSimulator } from './fixtures.js';

/** The cells of the first on-screen occurrence of `text`: whether each is underlined or in reverse video. */
function marks(terminal: SpawnedTerminal, text: string): Array<{ underline: boolean; inverse: boolean }> | null {
  const buffer = terminal.term.buffer.active;
  for (let y = 0; y < terminal.term.rows; y += 1) {
    const line = buffer.getLine(buffer.viewportY + y);
    const x = line?.translateToString(true).indexOf(text) ?? -1;
    if (!line || x < 0) continue;
    return Array.from(text, (_, i) => {
      const cell = line.getCell(x + i);
      return { underline: (cell?.isUnderline() ?? 0) !== 0, inverse: (cell?.isInverse() ?? 0) !== 0 };
    });
  }
  return null;
}

describe.concurrent('the message log', () => {
  it('with NO_COLOR, marks search matches with underline and reverse video, the rest of the line plain', async ({ expect, onTestFinished }) => {
    const sim = await useSimulator(onTestFinished, 'problems');
    const terminal = useMonitor(onTestFinished, sim, { cols: 120, rows: 30, env: { NO_COLOR: '1' } });
    await firstFrame(terminal);
    await typeKeys(terminal, 'e');
    await terminal.waitFor(/problems and errors only/, { description: 'the tasks with problems' });
    await typeKeys(terminal, 'G');
    await typeKeys(terminal, KEYS.enter);
    await terminal.waitFor(/membership page/, { description: 'the membership page log' });
    await typeKeys(terminal, '/');
    await terminal.waitFor(/search: /, { description: 'the search prompt' });
    await typeKeys(terminal, 'legacy fax');
    await terminal.waitFor(/search: legacy fax▏/, { description: 'the search text typed' });
    await typeKeys(terminal, KEYS.enter);
    await terminal.waitFor(/search "legacy fax" 1\/1 found/, { description: 'the search result' });

    expect(terminal.outputText()).not.toMatch(/\x1b\[(3\d|9\d|38;)/);
    const match = marks(terminal, 'Legacy Fax');
    expect(match).not.toBeNull();
    expect(match?.every((cell) => cell.underline)).toBe(true);
    const plain = marks(terminal, 'Print Operators');
    expect(plain?.some((cell) => cell.underline)).toBe(false);
  });

  it('`e` shows only the messages that made the verdict, though authentik logged them at level info', async ({ expect, onTestFinished }) => {
    const sim = await useSimulator(onTestFinished, 'problems');
    const terminal = useMonitor(onTestFinished, sim, { cols: 100, rows: 24 });
    await firstFrame(terminal);
    await typeKeys(terminal, 'e');
    await terminal.waitFor(/problems and errors only/, { description: 'the tasks with problems' });
    await typeKeys(terminal, 'G');
    await typeKeys(terminal, KEYS.enter);
    await terminal.waitFor(/membership page .*3 messages/, { description: 'the membership page log' });
    await typeKeys(terminal, 'e');
    const screen = await terminal.waitFor(/problems only/, { description: 'the problems-only log' });
    expect(screen).toMatch(/2 of 3 messages/);
    expect(screen).toMatch(/Group does not exist in our DB yet/);
    expect(screen).not.toMatch(/Synced 986 objects/);
    expect(screen.split('\n').filter((l) => / info /.test(l))).toHaveLength(2);
  });
});
