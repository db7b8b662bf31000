// The single owner of exit codes for one-shot commands: parse, dispatch, and turn anything unexpected into one
// sentence (never a stack trace). Commands load lazily so `status` never pays for React and ink.
import { parseCommandLine } from './args.js';
import { helpText } from './help.js';
import type { Io } from './output.js';
import { redact } from './redact.js';
import { AKSYNC_VERSION } from '../version.js';

export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 70;

export function packageVersion(): string {
  return AKSYNC_VERSION;
}

export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const parsed = parseCommandLine(argv);
  try {
    switch (parsed.kind) {
      case 'usage-error':
        io.stderr.write(`aksync: ${parsed.message}\n${parsed.hint}\n`);
        return EXIT_USAGE;
      case 'version':
        io.stdout.write(`aksync ${packageVersion()}\n`);
        return 0;
      case 'help':
        io.stdout.write(`${helpText(parsed.command)}\n`);
        return 0;
      case 'run':
        break;
    }
    const { command, positionals, flags } = parsed;
    switch (command) {
      case 'status':
        return await (await import('./commands/status.js')).runStatus(positionals, flags, io);
      case 'sources':
        return await (await import('./commands/sources.js')).runSources(flags, io);
      case 'sync':
        return await (await import('./commands/sync.js')).runSync(positionals, flags, io);
      case 'config':
        return await (await import('./commands/config.js')).runConfig(positionals, flags, io);
      case 'demo':
        return await (await import('./commands/demo.js')).runDemo(flags, io);
      case 'monitor':
        return await (await import('./commands/monitor.js')).runMonitorCommand(positionals, flags, io);
      case 'help':
        io.stdout.write(`${helpText(null)}\n`);
        return 0;
    }
  } catch (error) {
    const text = redact(error instanceof Error ? error.message : String(error));
    io.stderr.write(`aksync: unexpected error: ${text.split('\n')[0]}\nThis is a bug in aksync; please report it with the command you ran.\n`);
    if (io.env.AKSYNC_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${redact(error.stack)}\n`);
    return parsed.kind === 'run' && parsed.command === 'status' ? 3 : EXIT_INTERNAL;
  }
}
