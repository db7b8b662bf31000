// A real terminal for tests: the command runs in a pseudo-terminal (node-pty) and everything it writes goes through
// xterm.js's parser, so a test sees the screen a user would see (alternate buffer, scrollback, titles, cursor), plus
// the raw bytes to look for particular escape sequences.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import xterm from '@xterm/headless';
import * as pty from 'node-pty';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const AKSYNC_BIN = path.join(REPO_ROOT, 'bin', 'aksync.js');

export interface Exit {
  exitCode: number;
  /** The signal number that ended the process, when one did. */
  signal?: number;
}

export type ScreenMatch = RegExp | ((screen: string) => boolean);

export interface WaitOptions {
  timeoutMs?: number;
  /** Says what was awaited in the failure message; defaults to the pattern. */
  description?: string;
}

export interface TerminalOptions {
  cols?: number;
  rows?: number;
  /** Added to (or, with `undefined`, removed from) the clean environment. */
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export interface SpawnedTerminal {
  readonly term: xterm.Terminal;
  readonly pid: number;
  /** The temporary XDG_CONFIG_HOME given to the child; removed by `dispose`. */
  readonly configHome: string;
  /** Resolves when the child exits; never rejects. */
  readonly exit: Promise<Exit>;
  /** Window titles the terminal was asked to show, in order. */
  readonly titles: string[];
  /** The visible lines (trailing blanks trimmed), top to bottom. */
  screen(): string[];
  /** The visible lines joined with newlines. */
  screenText(): string;
  /** Every byte the child wrote so far. */
  output(): Buffer;
  /** The output decoded as UTF-8, for searching escape sequences. */
  outputText(): string;
  outputBytes(): number;
  isAlternateScreen(): boolean;
  /** Visible rows that are the continuation of the row above: something was wider than the terminal. */
  wrappedRows(): number[];
  /** Waits until the terminal has parsed everything written so far. */
  settle(): Promise<void>;
  waitFor(match: ScreenMatch, options?: WaitOptions): Promise<string>;
  /** Resolves once the child has written nothing for `quietMs` (and xterm has parsed it all). */
  waitForQuiet(quietMs: number, options?: WaitOptions): Promise<string>;
  press(keys: string): void;
  resize(cols: number, rows: number): void;
  kill(signal?: NodeJS.Signals): void;
  /** Kills the child if still running, waits for it, disposes the terminal and removes the temp dir. */
  dispose(): Promise<void>;
}

/**
 * How long a wait may take before it fails. Generous on purpose: CI runs on two busy cores, where a first frame has
 * been seen to take over 12 s; a test that passes resolves as soon as the screen matches. Speed is measured by
 * `npm run bench`, never here.
 */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** The parent's environment without anything that would change how aksync draws or whom it talks to. */
export function cleanEnvironment(configHome: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(AUTHENTIK_|AKSYNC_|VITEST|npm_)/.test(name)) delete env[name];
  }
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  delete env.NODE_ENV;
  delete env.DEV;
  delete env.LC_ALL;
  delete env.LC_CTYPE;
  Object.assign(env, { CI: 'false', TERM: 'xterm-256color', LANG: 'C.UTF-8', XDG_CONFIG_HOME: configHome, XDG_STATE_HOME: configHome }, extra);
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) result[name] = value;
  return result;
}

export function makeConfigHome(): string {
  return mkdtempSync(path.join(tmpdir(), 'aksync-term-'));
}

export function spawnTerminal(file: string, args: string[], options: TerminalOptions = {}): SpawnedTerminal {
  const cols = options.cols ?? 120;
  const rows = options.rows ?? 40;
  const configHome = makeConfigHome();
  // The title stack on, as xterm, VTE, kitty and iTerm2 have it: aksync pushes the title it replaces and pops it on exit.
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000, windowOptions: { pushTitle: true, popTitle: true } });
  const titles: string[] = [];
  term.onTitleChange((title) => titles.push(title));

  const child = pty.spawn(file, args, {
    name: 'xterm-256color',
    cols,
    rows,
    cwd: options.cwd ?? REPO_ROOT,
    env: cleanEnvironment(configHome, options.env),
    // Buffers, not strings: byte counts must be exact and a UTF-8 sequence may be split across reads.
    encoding: null,
  });
  // A real terminal answers queries (device attributes, cursor position) on the input side.
  term.onData((reply) => child.write(reply));

  const chunks: Buffer[] = [];
  const watchers = new Set<() => void>();
  let exited: Exit | undefined;

  // ink brackets each frame with synchronized-output markers (DEC 2026), and a terminal that honours them shows
  // only whole frames. A frame arrives in several reads, so the screen is judged only between frames.
  let frameOpen = false;
  let tail = '';
  child.onData((data: string | Buffer) => {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    chunks.push(bytes);
    const text = tail + bytes.toString('latin1');
    const begin = text.lastIndexOf(SEQ.beginFrame);
    const end = text.lastIndexOf(SEQ.endFrame);
    const open = begin > end ? true : end >= 0 ? false : frameOpen;
    tail = text.slice(-SEQ.beginFrame.length);
    term.write(bytes, () => {
      frameOpen = open;
      if (!frameOpen) for (const check of [...watchers]) check();
    });
  });

  const exit = new Promise<Exit>((resolve) => {
    child.onExit(({ exitCode, signal }) => {
      exited = signal ? { exitCode, signal } : { exitCode };
      // Let xterm parse the last bytes before anyone looks at the screen.
      term.write(new Uint8Array(0), () => {
        resolve(exited as Exit);
        for (const check of [...watchers]) check();
      });
    });
  });

  const screen = (): string[] => {
    const buffer = term.buffer.active;
    const lines: string[] = [];
    // xterm.js keeps the cells beyond the right edge after a shrink (and shows them again after a grow): read only
    // the columns the terminal has now.
    for (let y = 0; y < term.rows; y++) {
      lines.push((buffer.getLine(buffer.viewportY + y)?.translateToString(true, 0, term.cols) ?? '').trimEnd());
    }
    return lines;
  };
  const screenText = () => screen().join('\n');
  const settle = () => new Promise<void>((resolve) => term.write(new Uint8Array(0), resolve));

  const waitFor = async (match: ScreenMatch, waitOptions: WaitOptions = {}): Promise<string> => {
    const timeoutMs = waitOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const description = waitOptions.description ?? String(match);
    const test = (text: string) => (typeof match === 'function' ? match(text) : match.test(text));
    await settle();
    return new Promise<string>((resolve, reject) => {
      const finish = (error?: Error) => {
        clearTimeout(timer);
        watchers.delete(check);
        if (error) reject(error);
        else resolve(screenText());
      };
      const failure = (why: string) =>
        new Error(`${why} waiting for ${description}\n--- screen (${term.cols}x${term.rows}, ${term.buffer.active.type}) ---\n${screenText()}\n---`);
      const check = () => {
        if (!frameOpen && test(screenText())) finish();
        else if (exited) finish(failure(`process exited (code ${exited.exitCode}, signal ${exited.signal ?? 'none'})`));
      };
      const timer = setTimeout(() => finish(failure(`timed out after ${timeoutMs} ms`)), timeoutMs);
      watchers.add(check);
      check();
    });
  };

  const waitForQuiet = async (quietMs: number, waitOptions: WaitOptions = {}): Promise<string> => {
    const deadline = Date.now() + (waitOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    for (;;) {
      const before = chunks.length;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      if (chunks.length === before || exited) break;
      if (Date.now() > deadline) {
        throw new Error(`output never paused for ${quietMs} ms waiting for ${waitOptions.description ?? 'a quiet screen'}\n--- screen ---\n${screenText()}\n---`);
      }
    }
    await settle();
    return screenText();
  };

  return {
    term,
    pid: child.pid,
    waitForQuiet,
    configHome,
    exit,
    titles,
    screen,
    screenText,
    output: () => Buffer.concat(chunks),
    outputText: () => Buffer.concat(chunks).toString('utf8'),
    outputBytes: () => chunks.reduce((sum, c) => sum + c.length, 0),
    isAlternateScreen: () => term.buffer.active.type === 'alternate',
    wrappedRows: () => {
      const buffer = term.buffer.active;
      const rows: number[] = [];
      for (let y = 0; y < term.rows; y++) if (buffer.getLine(buffer.viewportY + y)?.isWrapped) rows.push(y);
      return rows;
    },
    settle,
    waitFor,
    press: (keys) => child.write(keys),
    resize: (newCols, newRows) => {
      term.resize(newCols, newRows);
      child.resize(newCols, newRows);
    },
    kill: (signal = 'SIGTERM') => {
      if (!exited) child.kill(signal);
    },
    dispose: async () => {
      if (!exited) {
        child.kill('SIGKILL');
        await exit;
      }
      term.dispose();
      rmSync(configHome, { recursive: true, force: true });
    },
  };
}

/** `node bin/aksync.js ARGS` in a terminal. */
export function spawnAksync(args: string[], options: TerminalOptions = {}): SpawnedTerminal {
  return spawnTerminal(process.execPath, [AKSYNC_BIN, ...args], options);
}

export const KEYS = {
  enter: '\r',
  escape: '\x1b',
  ctrlC: '\x03',
  down: '\x1b[B',
  up: '\x1b[A',
} as const;

/** Escape sequences the tests look for in the raw output. */
export const SEQ = {
  altScreenOn: '\x1b[?1049h',
  altScreenOff: '\x1b[?1049l',
  showCursor: '\x1b[?25h',
  hideCursor: '\x1b[?25l',
  beginFrame: '\x1b[?2026h',
  endFrame: '\x1b[?2026l',
  clearScreen: '\x1b[2J',
  clearScrollback: '\x1b[3J',
} as const;

export function countOccurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}
