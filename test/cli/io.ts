// An in-memory Io for running the CLI's main() in-process.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Io } from '../../src/cli/output.js';

export interface CapturedIo extends Io {
  out(): string;
  err(): string;
}

/** Where runs seen by in-process commands are recorded when a test names no XDG_STATE_HOME: never the user's own. */
let stateHome: string | null = null;
function testStateHome(): string {
  stateHome ??= mkdtempSync(path.join(tmpdir(), 'aksync-state-'));
  return stateHome;
}

export function captureIo(given: NodeJS.ProcessEnv, options: { tty?: boolean } = {}): CapturedIo {
  const env = given.XDG_STATE_HOME === undefined ? { ...given, XDG_STATE_HOME: testStateHome() } : given;
  let out = '';
  let err = '';
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.isTTY = options.tty ?? false;
  return {
    stdout: { write: (s: string) => ((out += s), true), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => ((err += s), true), isTTY: options.tty ?? false },
    stdin,
    env,
    out: () => out,
    err: () => err,
  };
}
