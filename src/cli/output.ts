// Plain (non-screen) output: colour only on a terminal that wants it; never an escape sequence into a pipe.
import type { VerdictLevel } from '../domain/verdict.js';

export interface Writer {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Io {
  stdout: Writer;
  stderr: Writer;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  env: NodeJS.ProcessEnv;
}

export function colourWanted(stream: Writer, env: NodeJS.ProcessEnv, noColorFlag: boolean): boolean {
  if (noColorFlag || (env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  magenta(s: string): string;
  verdict(level: VerdictLevel, s?: string): string;
}

const wrap = (on: boolean, open: number, close: number) => (s: string) => (on ? `\u001b[${open}m${s}\u001b[${close}m` : s);

export function paint(colour: boolean): Paint {
  const p = {
    bold: wrap(colour, 1, 22),
    dim: wrap(colour, 2, 22),
    red: wrap(colour, 31, 39),
    yellow: wrap(colour, 33, 39),
    green: wrap(colour, 32, 39),
    magenta: wrap(colour, 35, 39),
  };
  const byLevel: Record<VerdictLevel, (s: string) => string> = { OK: p.green, WARNING: p.yellow, CRITICAL: p.red, UNKNOWN: p.magenta };
  return { ...p, verdict: (level, s = level) => p.bold(byLevel[level](s)) };
}

/** Exact JSON, with the characters a terminal could act on (C1 controls, DEL, bidi overrides) escaped too. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
