// The single owner of exit codes for one-shot commands: parse, dispatch, and turn anything unexpected into one
// sentence (never a stack trace). Commands load lazily so `status` never pays for React and ink.
import { safeLine } from '../domain/sanitize.js';
import { parseCommandLine, type CheckUsage } from './args.js';
import { helpText } from './help.js';
import type { Io } from './output.js';
import { closeConnections } from '../api/connections.js';
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

/** A check's usage error: its UNKNOWN on stdout (plugin line or JSON), exit 3. */
async function reportCheckUsage(check: CheckUsage, message: string, io: Io): Promise<number> {
  const { writeFailure } = await import('./check-output.js');
  const target = check.command === 'sync' || check.slug ? { slug: check.slug } : 'all';
  return writeFailure(io, check, { kind: 'usage', message: safeLine(message) }, target, null);
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const parsed = parseCommandLine(argv);
  try {
    switch (parsed.kind) {
      case 'usage-error':
        if (parsed.check) return await reportCheckUsage(parsed.check, `${parsed.message.replace(/\.$/, '')}. ${parsed.hint}`, io);
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
      case 'history':
        return await (await import('./commands/history.js')).runHistory(positionals, flags, io);
      case 'config':
        return await (await import('./commands/config.js')).runConfig(positionals, flags, io);
      case 'demo':
        return await (await import('./commands/demo.js')).runDemo(flags, io);
      case 'exporter':
        return await (await import('./commands/exporter.js')).runExporter(flags, io);
      case 'monitor':
        return await (await import('./commands/monitor.js')).runMonitorCommand(positionals, flags, io);
      case 'help':
        io.stdout.write(`${helpText(null)}\n`);
        return 0;
    }
  } catch (error) {
    const text = redact(error instanceof Error ? error.message : String(error));
    const sentence = `aksync failed unexpectedly: ${text.split('\n')[0]}`;
    io.stderr.write(`aksync: unexpected error: ${text.split('\n')[0]}\nThis is a bug in aksync; please report it with the command you ran.\n`);
    if (io.env.AKSYNC_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${redact(error.stack)}\n`);
    if (parsed.kind === 'run' && (parsed.command === 'status' || (parsed.command === 'sync' && parsed.flags.wait))) {
      const { writeFailure } = await import('./check-output.js');
      const target = parsed.command === 'sync' || parsed.positionals[0] ? { slug: parsed.positionals[0] ?? null } : 'all';
      return writeFailure(io, parsed.flags, { kind: 'internal', message: safeLine(sentence) }, target, null);
    }
    return EXIT_INTERNAL;
  } finally {
    await closeConnections();
  }
}
