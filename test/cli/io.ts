// An in-memory Io for running the CLI's main() in-process.
import { PassThrough } from 'node:stream';
import type { Io } from '../../src/cli/output.js';

export interface CapturedIo extends Io {
  out(): string;
  err(): string;
}

export function captureIo(env: NodeJS.ProcessEnv, options: { tty?: boolean } = {}): CapturedIo {
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
