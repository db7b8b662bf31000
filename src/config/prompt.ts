// Line input for `config login` without a UI framework: a hidden prompt in raw mode for the token, an echoed one
// for the URL, and a whole-stdin read when standard input is a pipe.

export interface InputStream extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
}

export interface OutputStream {
  write(text: string): unknown;
}

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const CTRL_U = '\u0015';
const BACKSPACE = '\u0008';
const DELETE = '\u007f';
// Escape sequences (arrows, bracketed-paste markers) carry no text for a one-line prompt.
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /\u001b(\[[0-9;?]*[ -/]*[@-~]|O.|.)?/g;

export function isInteractive(stdin: InputStream): boolean {
  return stdin.isTTY === true && typeof stdin.setRawMode === 'function';
}

/**
 * Reads one line in raw mode. Enter submits; Backspace (DEL or ^H) removes a character; Ctrl-U clears; Ctrl-C, or
 * Ctrl-D on an empty line, cancels (resolves null). With `echo: false` nothing of what is typed is shown. `initial`
 * (echoed prompts only) is offered as the answer, to keep with Enter or to edit.
 */
export function readLine(
  stdin: InputStream,
  out: OutputStream,
  prompt: string,
  echo: boolean,
  initial = '',
): Promise<string | null> {
  const offered = echo ? initial : '';
  out.write(prompt + offered);
  return new Promise((resolve) => {
    let value = offered;
    const finish = (result: string | null): void => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      out.write('\n');
      resolve(result);
    };
    const onData = (chunk: Buffer | string): void => {
      const text = (typeof chunk === 'string' ? chunk : chunk.toString('utf8')).replace(ESCAPE_SEQUENCE, '');
      for (const ch of text) {
        if (ch === '\r' || ch === '\n') return finish(value);
        if (ch === CTRL_C || (ch === CTRL_D && value === '')) return finish(null);
        if (ch === DELETE || ch === BACKSPACE) {
          const chars = Array.from(value);
          if (chars.length > 0 && echo) out.write('\b \b');
          value = chars.slice(0, -1).join('');
        } else if (ch === CTRL_U) {
          if (echo) out.write('\b \b'.repeat(Array.from(value).length));
          value = '';
        } else if (ch >= ' ') {
          value += ch;
          if (echo) out.write(ch);
        }
      }
    };
    stdin.setRawMode?.(true);
    stdin.on('data', onData);
    stdin.resume();
  });
}

const STDIN_LIMIT = 64 * 1024;

/** All of a piped standard input (at most 64 KiB). */
export function readAll(stdin: InputStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer | string): void => {
      text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      if (text.length > STDIN_LIMIT) done(new Error('Standard input is longer than 64 KiB; expected only a token.'));
    };
    const onEnd = (): void => done(null);
    const onError = (error: Error): void => done(error);
    const done = (error: Error | null): void => {
      stdin.removeListener('data', onData);
      stdin.removeListener('end', onEnd);
      stdin.removeListener('error', onError);
      if (error) reject(error);
      else resolve(text);
    };
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.on('error', onError);
    stdin.resume();
  });
}
