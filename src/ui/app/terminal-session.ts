// PRIVATE COPY of the terminal hygiene inside runMonitor (src/ui/run-monitor.tsx), which does not export it as a
// function: enter the alternate screen, and leave it with the cursor shown however the process ends (q, Ctrl-C,
// SIGTERM, SIGHUP). Replace with run-monitor's helper once it exports one; the sequences are already shared.
import { onExit } from 'signal-exit';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, SHOW_CURSOR } from '../run-monitor.js';

/** ink's render options for a full-screen app (as runMonitor uses them). */
export const FULL_SCREEN_RENDER_OPTIONS = { exitOnCtrlC: false, patchConsole: false, maxFps: 15 } as const;

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
