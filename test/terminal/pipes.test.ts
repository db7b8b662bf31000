// Without a terminal on stdout (`aksync corp-ad | cat`, cron, a monitoring agent) the monitor prints what `status`
// prints and exits with the verdict; without a terminal on stdin it draws but takes no keys.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { describe, it } from 'vitest';
import type { ScenarioName } from '../../src/simulator/types.js';
import { AKSYNC_BIN, cleanEnvironment, KEYS, makeConfigHome, spawnTerminal, SEQ } from './harness.js';
import { firstFrame, monitorArgs, SLUG, until, useSimulator } from './fixtures.js';

interface Piped {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs aksync with stdout and stderr piped (as `| cat` would) and no stdin. */
function runPiped(args: string[], token: string): Promise<Piped> {
  const configHome = makeConfigHome();
  const child = spawn(process.execPath, [AKSYNC_BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: cleanEnvironment(configHome, { AUTHENTIK_TOKEN: token }),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(configHome, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    });
  });
}

/** The report without the clock readings that differ between two runs a moment apart. */
const withoutTimes = (text: string) => text.replace(/\d/g, '#');

describe.concurrent('aksync corp-ad | cat', () => {
  it.for<[ScenarioName, number]>([
    ['healthy', 0],
    ['problems', 1],
    ['errors', 2],
  ])('prints the status report as plain text, scenario %s, and exits %i', async ([scenario, verdictCode], { expect, onTestFinished }) => {
    const sim = await useSimulator(onTestFinished, scenario);
    const [monitor, status] = await Promise.all([
      runPiped(monitorArgs(sim), sim.token),
      runPiped(['status', SLUG, '--url', sim.url], sim.token),
    ]);
    expect(monitor.stderr).toBe('');
    expect(monitor.code).toBe(verdictCode);
    expect(monitor.stdout).toMatch(/corp-ad/);
    expect(monitor.stdout).not.toContain('\x1b');
    expect(monitor.stdout).not.toContain('\x9b');
    expect(withoutTimes(monitor.stdout)).toBe(withoutTimes(status.stdout));
    expect(status.code).toBe(verdictCode);
  });

  it('draws the monitor view-only when stdin is not a terminal, keeps polling, and restores the terminal on SIGTERM', async ({
    expect,
    onTestFinished,
  }) => {
    const sim = await useSimulator(onTestFinished, 'healthy');
    const command = `exec '${process.execPath}' '${AKSYNC_BIN}' ${monitorArgs(sim).join(' ')} < /dev/null`;
    const terminal = spawnTerminal('sh', ['-c', command], { cols: 100, rows: 30, env: { AUTHENTIK_TOKEN: sim.token } });
    onTestFinished(() => terminal.dispose());
    await firstFrame(terminal);
    expect(terminal.isAlternateScreen()).toBe(true);
    const polled = sim.requests.length;
    await until(() => sim.requests.length >= polled + 4, 'four more polls');
    terminal.kill('SIGTERM');
    await terminal.exit;
    expect(terminal.isAlternateScreen()).toBe(false);
    const output = terminal.outputText();
    expect(output.lastIndexOf(SEQ.showCursor)).toBeGreaterThan(output.lastIndexOf(SEQ.hideCursor));
    expect(terminal.screenText()).not.toMatch(/Raw mode|Error|at .*\.js:\d+/);
  });

  it('with stdin not a terminal says view only, draws nothing typed, quits on Ctrl-C and leaves the terminal echoing', async ({
    expect,
    onTestFinished,
  }) => {
    const sim = await useSimulator(onTestFinished, 'healthy');
    // The terminal still echoes in cooked mode unless aksync stops it; `stty` afterwards shows the mode it left.
    const command = `'${process.execPath}' '${AKSYNC_BIN}' ${monitorArgs(sim).join(' ')} < /dev/null; echo "aksync exited $?"; stty -a < /dev/tty`;
    const terminal = spawnTerminal('sh', ['-c', command], { cols: 80, rows: 24, env: { AUTHENTIK_TOKEN: sim.token } });
    onTestFinished(() => terminal.dispose());
    const screen = await firstFrame(terminal);
    const footer = screen.split('\n').filter((line) => line !== '').at(-1) ?? '';
    expect(footer).toMatch(/^view only: stdin is not a terminal {2}Ctrl-c quit$/);

    terminal.press('zqxj');
    terminal.press('\r');
    terminal.press(KEYS.ctrlC);
    await terminal.exit;
    const output = terminal.outputText();
    const session = output.slice(0, output.lastIndexOf(SEQ.altScreenOff));
    expect(session).not.toContain('zqxj');
    expect(session).not.toContain('^C');
    const modes = output.slice(output.lastIndexOf(SEQ.altScreenOff));
    expect(modes).toContain('aksync exited 0');
    expect(modes).toMatch(/(?<![-\w])echo(?!\w)/);
    expect(modes).toMatch(/(?<![-\w])icanon(?!\w)/);
    expect(modes).toMatch(/(?<![-\w])isig(?!\w)/);
  });
});
