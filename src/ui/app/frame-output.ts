// The stream ink writes to on the alternate screen. ink 6.8 erases and rewrites every line of its frame on each
// change (about 4 kB at 120×40 for one spinner step); here each frame is compared with what the screen shows and only
// the difference is written (see frame-diff.ts). Everything else ink writes passes through unchanged.
import { frameDiff } from './frame-diff.js';

const CSI = '\u001b[';
/** What ink's log-update writes before a frame: erase the previous frame's lines, bottom up, then column 1. */
const ERASE_PREVIOUS_FRAME = /^(?:\u001b\[2K(?:\u001b\[1A)?)*(?:\u001b\[G)?/;
/** ink's clearTerminal, written before a frame as tall as the terminal (never `ESC[3J` from us: scrollback is theirs). */
const CLEAR_TERMINAL = '\u001b[2J\u001b[3J\u001b[H';
export const ERASE_SCREEN = `${CSI}2J${CSI}H`;
/** Short control writes of ink's that are not frames: synchronized-output brackets, cursor visibility. */
const PASS_THROUGH = new Set(['', `${CSI}?2026h`, `${CSI}?2026l`, `${CSI}?25l`, `${CSI}?25h`]);

type WriteCallback = (error?: Error | null) => void;

export interface FrameOutput {
  /** The stream to hand to ink: the terminal's, with `write` diffing frames. */
  readonly stream: NodeJS.WriteStream;
  /** Erases the screen and forgets what it showed (after a resize, when cells moved under us). */
  forget(): void;
}

export function createFrameOutput(stdout: NodeJS.WriteStream): FrameOutput {
  let shown: string[] = [];

  const toTerminal = (text: string): string => {
    if (PASS_THROUGH.has(text)) return text;
    let body = text;
    let prefix = '';
    if (body.startsWith(CLEAR_TERMINAL)) {
      body = body.slice(CLEAR_TERMINAL.length);
      shown = [];
      prefix = ERASE_SCREEN;
    } else {
      body = body.slice(ERASE_PREVIOUS_FRAME.exec(body)?.[0].length ?? 0);
    }
    const lines = body.split('\n');
    if (body.endsWith('\n')) lines.pop();
    const out = prefix + frameDiff(shown, lines);
    shown = lines;
    return out;
  };

  function write(chunk: string | Uint8Array, encodingOrCallback?: BufferEncoding | WriteCallback, callback?: WriteCallback): boolean {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    const out = toTerminal(text);
    return done ? stdout.write(out, done) : out === '' ? true : stdout.write(out);
  }

  const stream = new Proxy(stdout, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    stream,
    forget() {
      shown = [];
      stdout.write(ERASE_SCREEN);
    },
  };
}
