// The harness itself, with plain shell commands: if these fail, the aksync terminal tests mean nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { SEQ, spawnTerminal, type SpawnedTerminal } from './harness.js';

let terminal: SpawnedTerminal | undefined;
afterEach(async () => {
  await terminal?.dispose();
  terminal = undefined;
});

describe('terminal harness', () => {
  it('shows what the child prints and reports its exit code', async () => {
    terminal = spawnTerminal('sh', ['-c', 'printf "first\\nsecond"; exit 3'], { cols: 40, rows: 5 });
    await terminal.waitFor(/second/);
    expect(await terminal.exit).toEqual({ exitCode: 3 });
    expect(terminal.screen().slice(0, 2)).toEqual(['first', 'second']);
  });

  it('follows the alternate screen and records raw bytes', async () => {
    terminal = spawnTerminal('sh', ['-c', `printf '\\033[?1049hinside'; read line; printf '\\033[?1049l'`], { cols: 40, rows: 5 });
    await terminal.waitFor(/inside/);
    expect(terminal.isAlternateScreen()).toBe(true);
    terminal.press('\r');
    await terminal.exit;
    expect(terminal.isAlternateScreen()).toBe(false);
    expect(terminal.outputText()).toContain(SEQ.altScreenOff);
  });

  it('resizes the pseudo-terminal the child sees and the screen the test reads', async () => {
    terminal = spawnTerminal('sh', ['-c', 'read line; stty size'], { cols: 80, rows: 24 });
    terminal.resize(61, 17);
    terminal.press('\r');
    await terminal.waitFor(/^17 61$/m);
    expect(terminal.term.cols).toBe(61);
  });

  it('puts the screen in the failure message when a wait times out', async () => {
    terminal = spawnTerminal('sh', ['-c', 'printf visible; sleep 5'], { cols: 40, rows: 5 });
    await expect(terminal.waitFor(/never/, { timeoutMs: 200 })).rejects.toThrow(/timed out after 200 ms[\s\S]*visible/);
  });

  it('records window titles set by the child', async () => {
    terminal = spawnTerminal('sh', ['-c', `printf '\\033]0;a title\\007done'`], { cols: 40, rows: 5 });
    await terminal.waitFor(/done/);
    expect(terminal.titles).toEqual(['a title']);
  });
});
