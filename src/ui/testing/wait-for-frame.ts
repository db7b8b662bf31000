// Waiting for what a user would see, with a deadline, instead of sleeping.

/** Lets ink process written keys (a bare ESC needs two turns: ink waits a tick to tell it from a sequence). */
export async function tick(times = 1): Promise<void> {
  for (let i = 0; i < times; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Resolves with the first frame the predicate accepts; fails with the last frame seen after `deadlineMs`. */
export async function waitForFrame(
  lastFrame: () => string | undefined,
  predicate: (frame: string) => boolean,
  deadlineMs = 30_000,
): Promise<string> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const frame = lastFrame() ?? '';
    if (predicate(frame)) return frame;
    if (Date.now() > until) throw new Error(`no matching frame within ${deadlineMs} ms; last frame:\n${frame}`);
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Writes keys, one write each (as a terminal sends them), letting ink read each one and React render the result
 * before the next: reading takes a turn (a bare ESC two), rendering another.
 */
export async function press(stdin: { write(data: string): void }, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    stdin.write(key);
    await tick(key === ESC ? 4 : 3);
  }
}

export const ESC = '\u001b';
export const ENTER = '\r';
export const UP = '\u001b[A';
export const DOWN = '\u001b[B';
export const PAGE_UP = '\u001b[5~';
export const PAGE_DOWN = '\u001b[6~';
export const HOME = '\u001b[H';
export const END = '\u001b[F';
export const BACKSPACE = '\u007f';
export const CTRL_C = '\u0003';
export const CTRL_D = '\u0004';
export const CTRL_U = '\u0015';
