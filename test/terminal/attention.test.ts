// Calling for attention, byte for byte in a real terminal: the bell once per worsening, the notification, the window
// title with the worst verdict and the old title back however aksync ends (q, Ctrl-C, SIGTERM, SIGHUP).
import { describe, it } from 'vitest';
import { AKSYNC_BIN, DEFAULT_TIMEOUT_MS, spawnAksync, spawnTerminal, type SpawnedTerminal } from './harness.js';
import { FAST_INTERVAL, firstFrame, monitorArgs, useMonitor, useSimulator } from './fixtures.js';
import type { Simulator } from '../../src/simulator/types.js';

const BEL = '\u0007';

/** Waits until `predicate` holds for everything the child wrote (the screen alone cannot show a bell). */
async function waitForOutput(terminal: SpawnedTerminal, predicate: (output: string) => boolean, description: string): Promise<string> {
  const deadline = Date.now() + DEFAULT_TIMEOUT_MS;
  for (;;) {
    const output = terminal.outputText();
    if (predicate(output)) return output;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the simulator has answered `count` more status polls than now. */
async function morePolls(sim: Simulator, count: number): Promise<void> {
  const polls = () => sim.requests.filter((r) => r.path.includes('/sync/status/')).length;
  const target = Math.min(polls() + count, 1900);
  const deadline = Date.now() + DEFAULT_TIMEOUT_MS;
  while (polls() < target) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} more polls`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const bells = (output: string) => output.split(BEL).length - 1;

/** Whether the word `word` on the screen row that shows `name` is drawn in inverse video. */
function inverseOn(terminal: SpawnedTerminal, name: string, word: string): boolean | null {
  const buffer = terminal.term.buffer.active;
  for (let y = 0; y < terminal.term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    const text = line?.translateToString(true) ?? '';
    if (!line || !text.includes(name)) continue;
    const x = text.indexOf(word, text.indexOf(name) + name.length);
    if (x < 0) return null;
    return Boolean(line.getCell(x)?.isInverse());
  }
  return null;
}

describe.concurrent('calling for attention', () => {
  it('--bell rings once when the verdict gets worse, once more when it gets worse again, never for staying or getting better', async ({ expect, onTestFinished }) => {
    const sim = await useSimulator(onTestFinished, 'healthy');
    const terminal = useMonitor(onTestFinished, sim, { args: ['--bell'] });
    await firstFrame(terminal, /\bOK\b[\s\S]*\blive\b/);
    await morePolls(sim, 3);
    expect(bells(terminal.outputText())).toBe(0);

    sim.setScenario('problems');
    await terminal.waitFor(/\bWARNING\b/, { description: 'the verdict WARNING' });
    await waitForOutput(terminal, (output) => bells(output) === 1, 'one bell');
    await morePolls(sim, 4);
    expect(bells(terminal.outputText())).toBe(1);

    sim.setScenario('errors');
    await terminal.waitFor(/\bCRITICAL\b/, { description: 'the verdict CRITICAL' });
    await waitForOutput(terminal, (output) => bells(output) === 2, 'a second bell');

    sim.setScenario('healthy');
    await terminal.waitFor(/\bOK\b[\s\S]*\blive\b/, { description: 'the verdict back to OK' });
    await morePolls(sim, 4);
    expect(bells(terminal.outputText())).toBe(2);
  });

  it('--notify sends OSC 9 with the object and its new verdict; OSC 777 where known to work; through tmux’s passthrough inside tmux', async ({ expect, onTestFinished }) => {
    const sim = await useSimulator(onTestFinished, 'healthy');
    const plain = useMonitor(onTestFinished, sim, { args: ['--notify'] });
    const ghostty = useMonitor(onTestFinished, sim, { args: ['--notify'], env: { TERM_PROGRAM: 'ghostty' } });
    const tmux = useMonitor(onTestFinished, sim, { args: ['--notify'], env: { TMUX: '/tmp/tmux-1000/default,4242,0' } });
    for (const t of [plain, ghostty, tmux]) await firstFrame(t, /\bOK\b[\s\S]*\blive\b/);
    sim.setScenario('errors');
    const notice = 'aksync: corp-ad is CRITICAL (was OK)';
    const osc9 = `\u001b]9;${notice}\u0007`;
    await waitForOutput(plain, (o) => o.includes(osc9), 'OSC 9');
    await waitForOutput(ghostty, (o) => o.includes('\u001b]777;notify;aksync;corp-ad is CRITICAL (was OK)\u0007'), 'OSC 777');
    await waitForOutput(tmux, (o) => o.includes(`\u001bPtmux;\u001b\u001b]9;${notice}\u0007\u001b\\`), 'OSC 9 in tmux passthrough');
    expect(plain.outputText().split(osc9)).toHaveLength(2);
    expect(plain.outputText()).not.toContain(']777;');
    // Nothing asked for, nothing sent.
    expect(plain.outputText()).not.toContain(']2;aksync');
  });

  it('the overview marks the row whose verdict changed, in inverse video (with or without colour), and no other', async ({ expect, onTestFinished }) => {
    const sim = await useSimulator(onTestFinished, 'healthy');
    const terminal = spawnAksync(['--url', sim.url, '--interval', FAST_INTERVAL], { env: { AUTHENTIK_TOKEN: sim.token, NO_COLOR: '1' } });
    onTestFinished(() => terminal.dispose());
    await terminal.waitFor(() => inverseOn(terminal, 'corp-ad', 'OK') === false && inverseOn(terminal, 'ldap-down', 'CRITICAL') === false, {
      description: 'the overview with its verdicts, none marked',
    });
    sim.setScenario('errors');
    await terminal.waitFor(() => inverseOn(terminal, 'corp-ad', 'CRITICAL') === true, { description: "corp-ad's CRITICAL in inverse video" });
    // A source whose verdict did not change is not marked.
    expect(inverseOn(terminal, 'ldap-down', 'CRITICAL')).toBe(false);
  });

  for (const ending of ['q', 'Ctrl-C', 'SIGTERM', 'SIGHUP'] as const) {
    it(`--title shows the worst verdict and gives the old title back on ${ending}`, async ({ expect, onTestFinished }) => {
      const sim = await useSimulator(onTestFinished, 'healthy');
      // A shell that titled its window, then runs aksync.
      const command = `printf '\\033]2;my shell\\007'; exec "$0" "$@"`;
      const terminal = spawnTerminal('/bin/sh', ['-c', command, process.execPath, AKSYNC_BIN, ...monitorArgs(sim, '--title')], {
        env: { AUTHENTIK_TOKEN: sim.token },
      });
      onTestFinished(() => terminal.dispose());
      await firstFrame(terminal, /\bOK\b[\s\S]*\blive\b/);
      await waitForOutput(terminal, () => terminal.titles.includes('aksync: OK'), "the title 'aksync: OK'");
      sim.setScenario('errors');
      await waitForOutput(terminal, () => terminal.titles.at(-1) === 'aksync: CRITICAL corp-ad', "the title 'aksync: CRITICAL corp-ad'");
      expect(terminal.titles[0]).toBe('my shell');

      if (ending === 'q') terminal.press('q');
      else if (ending === 'Ctrl-C') terminal.press('\u0003');
      else terminal.kill(ending);
      await terminal.exit;
      await terminal.settle();
      expect(terminal.titles.at(-1)).toBe('my shell');
    });
  }
});
