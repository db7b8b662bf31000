// The diff must leave a real terminal emulator showing exactly the next frame, whatever the two frames are, and
// cost about what changed.
import xterm from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { frameDiff } from './frame-diff.js';

const COLS = 40;
const ROWS = 12;

function terminal() {
  const term = new xterm.Terminal({ cols: COLS, rows: ROWS, allowProposedApi: true });
  const write = (data: string) => new Promise<void>((resolve) => term.write(data, resolve));
  const screen = () => {
    const buffer = term.buffer.active;
    return Array.from({ length: ROWS }, (_, y) => buffer.getLine(y)?.translateToString(true) ?? '');
  };
  // As aksync's terminal session does: alternate screen, autowrap off.
  return { write, screen, ready: write('\u001b[?1049h\u001b[?7l') };
}

const expected = (frame: readonly string[]) =>
  Array.from({ length: ROWS }, (_, y) => (frame[y] ?? '').replace(/\u001b\[[0-9;]*m/g, '').trimEnd());

async function showsAfterDiff(previous: string[], next: string[]): Promise<string[]> {
  const { write, screen, ready } = terminal();
  await ready;
  await write(frameDiff([], previous));
  expect(screen(), 'the first frame is drawn whole').toEqual(expected(previous));
  await write(frameDiff(previous, next));
  return screen();
}

const rows = (count: number, label = 'row') => Array.from({ length: count }, (_, i) => `${label} ${i}`);

describe('frameDiff', () => {
  it('writes nothing when the frame is unchanged', () => {
    expect(frameDiff(rows(5), rows(5))).toBe('');
  });

  it('rewrites only the changed line, and the screen shows the new frame', async () => {
    const before = rows(10);
    const after = before.map((line, i) => (i === 4 ? 'row 4 ⠋ running' : line));
    expect(await showsAfterDiff(before, after)).toEqual(expected(after));
    const bytes = frameDiff(before, after);
    expect(bytes).not.toContain('row 3');
    expect(bytes.length).toBeLessThan(40);
  });

  it('erases lines the shorter frame no longer has, and draws lines a taller one adds', async () => {
    expect(await showsAfterDiff(rows(10), rows(6))).toEqual(expected(rows(6)));
    expect(await showsAfterDiff(rows(4), rows(9))).toEqual(expected(rows(9)));
  });

  it('scrolls a list that moved by one row instead of rewriting it', async () => {
    const list = rows(30, 'task');
    const frame = (top: number) => ['header', ...list.slice(top, top + 8), 'footer'];
    const before = frame(3);
    const after = frame(4);
    expect(await showsAfterDiff(before, after)).toEqual(expected(after));
    const bytes = frameDiff(before, after);
    expect(bytes).toMatch(/\u001b\[2;9r\u001b\[1S\u001b\[r/);
    expect(bytes).not.toContain('task 5');
    expect(await showsAfterDiff(after, before), 'and back down').toEqual(expected(before));
  });

  it('keeps styled lines styled, and a scroll brings in blank rows without a leftover background', async () => {
    const red = (text: string) => `\u001b[41m${text}\u001b[49m`;
    const before = ['top', ...rows(8).map(red), 'bottom'];
    const after = ['top', ...rows(8).slice(2).map(red), '', '', 'bottom'];
    expect(await showsAfterDiff(before, after)).toEqual(expected(after));
  });

  it('leaves the screen equal to the next frame for any pair of frames', async () => {
    // A small deterministic generator: lists that scroll, lines that change, frames that grow and shrink.
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pool = rows(40, 'item');
    const make = () => {
      const top = random(30);
      const length = 1 + random(ROWS - 1);
      return Array.from({ length }, (_, i) => (random(5) === 0 ? `changed ${random(100)}` : (pool[top + i] ?? '')));
    };
    for (let round = 0; round < 60; round++) {
      const before = make();
      const after = make();
      expect(await showsAfterDiff(before, after), `${JSON.stringify(before)} → ${JSON.stringify(after)}`).toEqual(
        expected(after),
      );
    }
  });
});
