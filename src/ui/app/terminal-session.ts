// The terminal around the app: enter the alternate screen, and leave it with the cursor shown however the process
// ends (q, Ctrl-C, SIGTERM, SIGHUP). The only place that writes escape sequences outside ink's frames.
import type { RenderOptions } from 'ink';
import { onExit } from 'signal-exit';
import { createAttention, type AttentionController } from '../../attention/controller.js';
import type { AttentionSettings } from '../../config/settings.js';
import { createFrameOutput } from './frame-output.js';
import { quietTerminal } from './quiet-terminal.js';

export const ENTER_ALT_SCREEN = '\u001b[?1049h';
export const LEAVE_ALT_SCREEN = '\u001b[?1049l';
export const SHOW_CURSOR = '\u001b[?25h';
/** Autowrap off while the frame is drawn by absolute positions: a line measured one cell too narrow is cut, not wrapped. */
export const AUTOWRAP_OFF = '\u001b[?7l';
export const AUTOWRAP_ON = '\u001b[?7h';

/**
 * ink's options for a full-screen app: we own Ctrl-C and the console; 15 frames a second is plenty for a monitor.
 * Not incrementalRendering: in 6.8 it misplaces lines (ink#910), and even with that fixed, ink's clear() re-syncs its
 * memory of the frame, so lines unchanged across a resize stay erased.
 */
export function fullScreenRenderOptions(): RenderOptions {
  return { exitOnCtrlC: false, patchConsole: false, maxFps: 15 };
}

/** What the session needs of ink's instance. */
export interface RenderedApp {
  clear(): void;
  unmount(): void;
}

export interface TerminalSession {
  /** The stream ink renders to: on the alternate screen it writes only what changed between frames. */
  readonly output: NodeJS.WriteStream;
  /**
   * Hands over ink's instance, so a resize can make it forget the frame the terminal just rearranged, and Ctrl-C on a
   * view-only screen can end it.
   */
  attach(instance: RenderedApp): void;
  /** Restores the terminal (idempotent) and stops watching for signals and resizes. */
  close(): void;
  /** The bell, notifications, title and changed-row marks (null when none was asked for, or no terminal). */
  readonly attention: AttentionController | null;
}

/** What calling for attention needs: which mechanisms are on, and the environment (tmux, the terminal's kind). */
export interface SessionAttention {
  settings: AttentionSettings;
  env: NodeJS.ProcessEnv;
}

/** `viewOnly`: stdin is not a terminal, so the app reads no keys (see quiet-terminal.ts). */
export function openTerminalSession(stdout: NodeJS.WriteStream, altScreen: boolean, viewOnly = false, wanted: SessionAttention | null = null): TerminalSession {
  const terminal = Boolean(stdout.isTTY);
  // Marks need no terminal; the bell, notifications and title write only to one. Written between frames, straight to
  // the terminal: none of them moves the cursor or changes a cell.
  const attention = wanted ? createAttention({ settings: terminal ? wanted.settings : { bell: false, notify: false, title: false }, env: wanted.env, write: (bytes) => stdout.write(bytes) }) : null;
  const alternate = altScreen && terminal;
  let instance: RenderedApp | null = null;
  const quiet = terminal && viewOnly ? quietTerminal((stdout as { fd?: unknown }).fd, () => instance?.unmount()) : null;
  let restored = false;
  const restore = () => {
    if (restored || !terminal) return;
    restored = true;
    quiet?.close();
    // Synchronous: on a signal this runs in signal-exit's handler, after ink has unmounted, just before exit.
    stdout.write((attention?.restore() ?? '') + (alternate ? AUTOWRAP_ON + LEAVE_ALT_SCREEN : '') + SHOW_CURSOR);
  };
  // process.on('exit') does not run on SIGTERM/SIGHUP under ink; signal-exit's last handler does.
  const removeExitHandler = onExit(() => restore(), { alwaysLast: true });
  if (alternate) stdout.write(ENTER_ALT_SCREEN + AUTOWRAP_OFF);
  const frames = alternate ? createFrameOutput(stdout) : null;

  // A resize moves, cuts or (in xterm.js) later restores cells of the old frame, so what ink and the frame output
  // think is on screen is wrong: erase it and let ink draw the next frame whole. Registered before ink's own resize
  // handler, which then renders at the new size.
  const onResize = () => {
    frames?.forget();
    instance?.clear();
  };
  stdout.on('resize', onResize);
  return {
    attention,
    output: frames?.stream ?? stdout,
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
