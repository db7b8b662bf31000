// With stdin not a terminal the app takes no keys, yet the terminal it draws on is still in cooked mode: it echoes
// what is typed into the frame, and keeps the typed line for the shell that runs after aksync. So that terminal
// (opened again for reading, through stdout's descriptor) goes into raw mode for the session: no echo; what arrives
// is read and dropped, and Ctrl-C (the keymap's one view-only binding: raw mode makes it a byte, not SIGINT) quits.
import { closeSync, openSync } from 'node:fs';
import tty from 'node:tty';

const CTRL_C = 0x03;

export interface QuietTerminal {
  /** Gives the terminal its mode back (idempotent, synchronous: it also runs on the way out of a signal). */
  close(): void;
}

/** Null when stdout's terminal cannot be opened for reading (no /dev/fd): it is left as it is. */
export function quietTerminal(stdoutFd: unknown, onInterrupt: () => void): QuietTerminal | null {
  if (typeof stdoutFd !== 'number' || !tty.isatty(stdoutFd)) return null;
  let fd: number;
  try {
    fd = openSync(`/dev/fd/${stdoutFd}`, 'r');
  } catch {
    return null;
  }
  let input: tty.ReadStream;
  try {
    input = new tty.ReadStream(fd);
    input.setRawMode(true);
  } catch {
    closeSync(fd);
    return null;
  }
  input.on('data', (chunk: Buffer) => {
    if (chunk.includes(CTRL_C)) onInterrupt();
  });
  // A hang-up ends the read; the session's own handlers end the app.
  input.on('error', () => {});
  let closed = false;
  return {
    close() {
      if (closed) return;
      closed = true;
      try {
        input.setRawMode(false);
      } finally {
        input.destroy();
      }
    },
  };
}
