// The terminal around the app: enter the alternate screen, and leave it with the cursor shown however the process
// ends (q, Ctrl-C, SIGTERM, SIGHUP). The only place that writes escape sequences outside ink's frames.
import type { RenderOptions } from 'ink';
import { onExit } from 'signal-exit';

export const ENTER_ALT_SCREEN = '\u001b[?1049h';
export const LEAVE_ALT_SCREEN = '\u001b[?1049l';
export const SHOW_CURSOR = '\u001b[?25h';
/** Erase the visible screen and home the cursor (never `ESC[3J`: the user's scrollback is theirs). */
export const ERASE_SCREEN = '\u001b[2J\u001b[H';

/**
 * ink's options for a full-screen app: we own Ctrl-C and the console; 15 frames a second is plenty for a monitor.
 * Not incrementalRendering: in 6.8 it misplaces lines (ink#910), and even with that fixed, ink's clear() re-syncs its
 * memory of the frame, so lines unchanged across a resize stay erased.
 */
export function fullScreenRenderOptions(): RenderOptions {
  return { exitOnCtrlC: false, patchConsole: false, maxFps: 15 };
}

export interface TerminalSession {
  /** Hands over ink's instance, so a resize can make it forget the frame the terminal just rearranged. */
  attach(instance: { clear(): void }): void;
  /** Restores the terminal (idempotent) and stops watching for signals and resizes. */
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

  // A resize moves, cuts or (in xterm.js) later restores cells of the old frame, so ink's idea of what is on screen
  // is wrong: erase it and let ink draw the next frame whole. Registered before ink's own resize handler, which
  // then renders at the new size.
  let instance: { clear(): void } | null = null;
  const onResize = () => {
    instance?.clear();
    if (alternate) stdout.write(ERASE_SCREEN);
  };
  stdout.on('resize', onResize);
  return {
    attach(rendered) {
      instance = rendered;
    },
    close() {
      stdout.off('resize', onResize);
      restore();
      removeExitHandler();
    },
  };
}
