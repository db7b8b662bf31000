// Typing in a real terminal: text and Enter that arrive in one write (a paste, a slow SSH link, a loaded host), and
// the readline keys in the filter and search prompts.
import { describe, expect, it, onTestFinished } from 'vitest';
import { FAST_INTERVAL, useMonitor, useSimulator } from './fixtures.js';
import { spawnAksync, type SpawnedTerminal } from './harness.js';

const ROWS = 30;
const COLS = 120;
/** ink attaches a screen's key handler in an effect, just after its first frame: wait for quiet before a key. */
const SETTLED_MS = 150;

const lines = (screen: string) => screen.split('\n');
const selected = (screen: string) => lines(screen).find((line) => line.startsWith('▶')) ?? '';
/** The prompt's line (the status line while typing), or ''. */
const promptLine = (screen: string) => lines(screen).find((line) => /^(filter|search): /.test(line)) ?? '';

describe('text and Enter in one write', () => {
  it('the overview filter: "/corp\\r" applies the filter, and the next j moves instead of joining the query', async () => {
    const sim = await useSimulator(onTestFinished, 'healthy');
    const t = spawnAksync(['--url', sim.url, '--interval', FAST_INTERVAL], { cols: COLS, rows: ROWS, env: { AUTHENTIK_TOKEN: sim.token } });
    onTestFinished(() => t.dispose());
    // Every sync object, by kind: the five LDAP sources are one group.
    await t.waitFor(/LDAP sources 5[\s\S]*q quit/, { description: 'the overview' });
    await t.waitForQuiet(SETTLED_MS);

    t.press('/corp\r');
    await t.waitFor((s) => /Sync objects 3 of \d+ · sort name · filter "corp"/.test(s) && !/filter: /.test(s), { description: 'the filter applied' });
    t.press('j');
    const screen = await t.waitFor((s) => selected(s).includes('Corp EU'), { description: 'the second row selected' });
    expect(screen).toMatch(/filter "corp"/);
    expect(screen).not.toMatch(/corpj/);
  });

  it('the task filter and the log search: each query is applied with its Enter, and n and j act as keys', async () => {
    const sim = await useSimulator(onTestFinished, 'healthy');
    const t = useMonitor(onTestFinished, sim, { cols: COLS, rows: ROWS });
    await t.waitFor(/Tasks [1-9]/, { description: 'the task table' });
    await t.waitForQuiet(SETTLED_MS);

    t.press('/groups\r');
    let screen = await t.waitFor((s) => /Tasks 8 of \d+ · sort start · filter "groups"/.test(s) && !/filter: /.test(s), { description: 'the task filter applied' });
    const first = selected(screen);
    t.press('j');
    screen = await t.waitFor((s) => selected(s) !== first && / groups /.test(selected(s)), { description: 'the next groups page selected' });
    expect(screen).not.toMatch(/groupsj/);

    // Open that page's log, then search and step in one write.
    t.press('\r/synced\rn');
    screen = await t.waitFor((s) => /groups page .*search "synced" 1\/1 found/.test(s) && !/search: /.test(s), { description: 'the search applied' });
    expect(screen).not.toMatch(/syncedn/);
  });
});

/** The column of the first inverse-video cell on a screen row, or -1. */
function inverseColumn(t: SpawnedTerminal, row: number): number {
  const buffer = t.term.buffer.active;
  const line = buffer.getLine(buffer.viewportY + row);
  for (let x = 0; line && x < t.term.cols; x += 1) if (line.getCell(x)?.isInverse()) return x;
  return -1;
}

describe('editing in the middle of a prompt', () => {
  it('Left moves the cursor (an inverse cell) back into the filter, and the next letter goes there', async () => {
    const sim = await useSimulator(onTestFinished, 'healthy');
    const t = useMonitor(onTestFinished, sim, { cols: COLS, rows: ROWS });
    await t.waitFor(/Tasks [1-9]/, { description: 'the task table' });
    await t.waitForQuiet(SETTLED_MS);

    // A typo, two Lefts and the missing letter, all in one write.
    t.press('/usrs\x1b[D\x1b[De');
    const screen = await t.waitFor((s) => /filter: users/.test(promptLine(s)), { description: 'the corrected filter' });
    await t.settle();
    expect(inverseColumn(t, lines(screen).indexOf(promptLine(screen)))).toBe('filter: use'.length);
    t.press('\u0005\u0017groups\r');
    await t.waitFor((s) => /Tasks 8 of \d+ · sort start · filter "groups"/.test(s) && !/filter: /.test(s), { description: 'Ctrl-e, Ctrl-w, then a new filter' });
  });

  it('without colour the cursor is a bar between the characters', async () => {
    const sim = await useSimulator(onTestFinished, 'healthy');
    const t = useMonitor(onTestFinished, sim, { cols: COLS, rows: ROWS, env: { NO_COLOR: '1' } });
    await t.waitFor(/Tasks [1-9]/, { description: 'the task table' });
    await t.waitForQuiet(SETTLED_MS);
    t.press('/groups\x1b[H\x1b[C\x1b[C');
    await t.waitFor((s) => /filter: gr▏oups/.test(promptLine(s)), { description: 'the bar cursor after "gr"' });
  });
});

