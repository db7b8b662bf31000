// The terminal's line discipline after aksync: a shell runs the monitor, then `stty -a`, as a user's next command
// would. Raw mode (no echo, no line editing) must be gone however the monitor ended, or the user types blind.
// Runs on every Node.js CI tests, since raw mode and its reset on exit are Node's.
import { describe, it } from 'vitest';
import { KEYS, spawnTerminal, AKSYNC_BIN, type SpawnedTerminal } from './harness.js';
import { HAS_DATA, monitorArgs, useSimulator, type OnFinished } from './fixtures.js';

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * `sh` starts the monitor in the background on the same terminal (so the test can signal it by its pid, printed
 * first), waits for it, prints the terminal's modes, and stays (a test reading them must not race the exit).
 */
function monitorThenStty(onFinished: OnFinished, args: string[], token: string): SpawnedTerminal {
  const command = [process.execPath, AKSYNC_BIN, ...args].map(quote).join(' ');
  const script = `${command} </dev/tty & echo "monitor pid $!"; wait $!; echo "exit $?"; stty -a; sleep 120`;
  const terminal = spawnTerminal('/bin/sh', ['-c', script], { cols: 100, rows: 30, env: { AUTHENTIK_TOKEN: token } });
  onFinished(() => terminal.dispose());
  return terminal;
}

const WAYS_TO_END: Array<[string, (t: SpawnedTerminal, pid: number) => void]> = [
  ['q', (t) => t.press('q')],
  ['Ctrl-C', (t) => t.press(KEYS.ctrlC)],
  ['SIGTERM', (_t, pid) => process.kill(pid, 'SIGTERM')],
  ['SIGHUP', (_t, pid) => process.kill(pid, 'SIGHUP')],
];

describe(`the terminal after the monitor (Node ${process.versions.node})`, () => {
  it.for(WAYS_TO_END)('is back in line mode with echo after %s', async ([, end], { expect, onTestFinished }) => {
    const sim = await useSimulator(onTestFinished, 'healthy');
    const terminal = monitorThenStty(onTestFinished, monitorArgs(sim), sim.token);
    await terminal.waitFor(HAS_DATA, { description: 'the first frame with data' });
    const pid = Number(/monitor pid (\d+)/.exec(terminal.outputText())?.[1]);
    expect(pid).toBeGreaterThan(0);
    // The first frame can carry data before ink has put the terminal in raw mode (it does so just after drawing):
    // a key that only raw mode delivers at once, p, proves it is on, so Ctrl-C is a key and not the shell's SIGINT.
    terminal.press('p');
    await terminal.waitFor(/\bpaused\b/, { description: 'the monitor paused (raw mode on)' });

    end(terminal, pid);
    const screen = await terminal.waitFor(/\bexit \d+[\s\S]*\bspeed\b[\s\S]*\becho\b/, { description: "stty's report" });
    const modes = new Set(screen.split(/[\s;]+/));
    expect(modes.has('icanon'), 'canonical (line) mode').toBe(true);
    expect(modes.has('echo'), 'echo').toBe(true);
    expect(modes.has('-icanon') || modes.has('-echo')).toBe(false);
  });
});
