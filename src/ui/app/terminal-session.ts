// The terminal around the app: enter the alternate screen, and leave it with the cursor shown however the process
// ends (q, Ctrl-C, SIGTERM, SIGHUP). The only place that writes escape sequences outside ink's frames.
import type { RenderOptions } from 'ink';
import { onExit } from 'signal-exit';
import { inkIncrementalRenderingFixed } from '../ink-incremental.js';

export const ENTER_ALT_SCREEN = '\u001b[?1049h';
export const LEAVE_ALT_SCREEN = '\u001b[?1049l';
export const SHOW_CURSOR = '\u001b[?25h';

/** ink's options for a full-screen app: we own Ctrl-C and the console; 15 frames a second is plenty for a monitor. */
export function fullScreenRenderOptions(): RenderOptions {
  return { exitOnCtrlC: false, patchConsole: false, maxFps: 15, incrementalRendering: inkIncrementalRenderingFixed() };
}

export interface TerminalSession {
  /** Restores the terminal (idempotent) and stops watching for signals. */
  close(): void;
}

export function openTerminalSession(stdout: NodeJS.WriteStream, altScreen: boolean): TerminalSession {
  const terminal = Boolean(stdout.isTTY);
  const alternate = altScreen && terminal;
  let restored = false;
  const restore = () => {
    if (restored || !terminal) return;
    restored = true;
    // Synchronous: on a signal this runs in signal-exit's handler, after ink has unmounted, just before exit.
    stdout.write((alternate ? LEAVE_ALT_SCREEN : '') + SHOW_CURSOR);
  };
  // process.on('exit') does not run on SIGTERM/SIGHUP under ink; signal-exit's last handler does.
  const removeExitHandler = onExit(() => restore(), { alwaysLast: true });
  if (alternate) stdout.write(ENTER_ALT_SCREEN);
  return {
    close() {
      restore();
      removeExitHandler();
    },
  };
}
