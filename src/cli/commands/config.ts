import { runConfigCommand } from '../../config/commands.js';
import type { Flags } from '../args.js';
import { openStore, warn } from '../context.js';
import { credentialCheck } from '../credentials.js';
import type { Io } from '../output.js';

export async function runConfig(positionals: string[], flags: Flags, io: Io): Promise<number> {
  const store = openStore(io);
  for (const w of store.warnings) warn(io, w);
  const args = [...positionals];
  if (flags.profile !== undefined) args.push('--profile', flags.profile);
  if (flags.url !== undefined) args.push('--url', flags.url);
  return runConfigCommand({
    args,
    store,
    io: { stdout: io.stdout, stderr: io.stderr, stdin: io.stdin } as Parameters<typeof runConfigCommand>[0]['io'],
    env: io.env,
    check: credentialCheck({ timeoutSeconds: flags.timeoutSeconds ?? 10, insecure: flags.insecure ?? false }),
  });
}
