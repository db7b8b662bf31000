import { runConfigCommand } from '../../config/commands.js';
import { resolveSettings } from '../../config/settings.js';
import type { ConfigStore } from '../../config/store.js';
import type { Flags } from '../args.js';
import { openStore, warn } from '../context.js';
import { credentialCheck } from '../credentials.js';
import type { Io } from '../output.js';

/** How `login` reaches the server: TLS and timeout as every other command would (flags > environment > profile). */
function checkOptions(flags: Flags, io: Io, store: ConfigStore): { timeoutSeconds: number; insecure: boolean } {
  try {
    const settings = resolveSettings({ flags: { insecure: flags.insecure, timeoutSeconds: flags.timeoutSeconds, profile: flags.profile }, env: io.env, store });
    if (settings.insecure) warn(io, 'TLS verification is off for this check (--insecure or AUTHENTIK_INSECURE).');
    return { timeoutSeconds: settings.timeoutSeconds, insecure: settings.insecure };
  } catch {
    // A broken file or an unknown profile: `config` itself says so; check with the flags alone.
    return { timeoutSeconds: flags.timeoutSeconds ?? 10, insecure: flags.insecure ?? false };
  }
}

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
    check: (url, token) => credentialCheck(checkOptions(flags, io, store))(url, token),
  });
}
