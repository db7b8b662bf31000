// Terminal-like streams for running the whole monitor in-process: a stdout that records every byte written,
// a stdin that is (or is not) a terminal.
import { EventEmitter } from 'node:events';

export class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  columns: number;
  rows: number;
  output = '';
  constructor(columns = 100, rows = 30) {
    super();
    this.columns = columns;
    this.rows = rows;
  }
  write = (data: string | Uint8Array): boolean => {
    this.output += typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
    return true;
  };
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

export class FakeStdin extends EventEmitter {
  private data: string | null = null;
  rawMode = false;
  constructor(readonly isTTY: boolean) {
    super();
  }
  write(data: string): void {
    this.data = data;
    this.emit('readable');
  }
  read = (): string | null => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setRawMode(on: boolean): void {
    this.rawMode = on;
  }
  setEncoding(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/** The streams as runApp's types want them. */
export function asStreams(stdout: FakeStdout, stdin: FakeStdin, stop?: AbortSignal) {
  return {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    ...(stop ? { stop } : {}),
  };
}
