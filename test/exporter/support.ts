// Helpers for the exporter's tests: waiting for what a scrape says, and reading series out of the text format.
import { main } from '../../src/cli/main.js';
import { captureIo, type CapturedIo } from '../cli/io.js';

/** Resolves with the first non-null result of `probe`, asked every 100 ms; rejects with `description` after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | null> | T | null, description: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      const value = await probe();
      if (value !== null) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function scrape(url: string, accept?: string): Promise<{ status: number; type: string; text: string }> {
  const response = await fetch(`${url}/metrics`, accept ? { headers: { accept } } : {});
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** The value of one series, by its exact labels in the order the exporter writes them; null when absent. */
export function value(text: string, name: string, labels: Record<string, string>): number | null {
  const wanted = `${name}{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(',')}} `;
  const line = text.split('\n').find((l) => l.startsWith(wanted));
  return line === undefined ? null : Number(line.slice(wanted.length).split(' ')[0]);
}

/** The verdict whose series is 1 for one object, or null. */
export function verdictOf(text: string, server: string, object: string, kind = 'ldap'): string | null {
  for (const verdict of ['ok', 'warning', 'critical', 'unknown']) {
    if (value(text, 'aksync_sync_verdict', { server, kind, object, verdict }) === 1) return verdict;
  }
  return null;
}

export interface RunningExporter {
  url: string;
  io: CapturedIo;
  stop(): Promise<number>;
}

/** `aksync exporter ARGS` in this process, on a free loopback port unless --listen is given; stop() ends it as SIGTERM would. */
export async function startExporterCli(args: string[], env: NodeJS.ProcessEnv): Promise<RunningExporter> {
  const io = captureIo(env);
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let listening!: (url: string) => void;
  const url = new Promise<string>((resolve) => (listening = resolve));
  const argv = ['exporter', ...(args.includes('--listen') ? [] : ['--listen', '127.0.0.1:0']), ...args];
  const { runExporter } = await import('../../src/cli/commands/exporter.js');
  const { parseCommandLine } = await import('../../src/cli/args.js');
  const parsed = parseCommandLine(argv);
  if (parsed.kind !== 'run') throw new Error(`bad test command line: ${JSON.stringify(parsed)}`);
  const done = runExporter(parsed.flags, io, { stopped, onListening: listening });
  const started = await Promise.race([url, done.then((code) => { throw new Error(`exporter exited ${code}: ${io.err()}`); })]);
  return {
    url: started,
    io,
    async stop() {
      stop();
      return await done;
    },
  };
}

export { main };
