// What every command that talks to authentik needs: settings resolved (flags > env > profile), warnings shown,
// and a client. Settings problems become one sentence on stderr and exit 3 (UNKNOWN), never a stack trace.
import { createClient, type Client } from '../api/client.js';
import { resolveSettings, missingSettingsMessage, SettingsError, type Settings } from '../config/settings.js';
import { ConfigFileError, openConfigStore, type ConfigStore } from '../config/store.js';
import type { Flags } from './args.js';
import type { Io } from './output.js';
import { registerSecret } from './redact.js';

export const EXIT_UNKNOWN = 3;

export function warn(io: Io, text: string): void {
  io.stderr.write(`aksync: warning: ${text}\n`);
}

export function fail(io: Io, text: string): void {
  io.stderr.write(`aksync: ${text}\n`);
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; message: string };

/** Opens the settings file (it is read, and its problems reported, only when a command needs it). */
export function openStore(io: Io): ConfigStore {
  return openConfigStore({ env: io.env });
}

export function loadSettings(flags: Flags, slug: string | undefined, io: Io, store = openStore(io)): Loaded<Settings> {
  try {
    const settings = resolveSettings({
      flags: {
        url: flags.url,
        tokenFile: flags.tokenFile,
        insecure: flags.insecure,
        timeoutSeconds: flags.timeoutSeconds,
        intervalSeconds: flags.intervalSeconds,
        profile: flags.profile,
        source: slug,
        bell: flags.bell,
        notify: flags.notify,
        title: flags.title,
      },
      env: io.env,
      store,
    });
    for (const w of settings.warnings) warn(io, w);
    return { ok: true, value: settings };
  } catch (error) {
    if (error instanceof SettingsError || error instanceof ConfigFileError) return { ok: false, message: error.message };
    throw error;
  }
}

export interface Connection {
  settings: Settings & { url: string; token: string };
  api: Client;
  /** The server's origin, for headers and reports. */
  serverLabel: string;
}

export function connect(settings: Settings, signal?: AbortSignal): Loaded<Connection> {
  const missing = missingSettingsMessage(settings);
  if (missing || settings.url === null || settings.token === null) return { ok: false, message: missing ?? 'No URL or token.' };
  registerSecret(settings.token);
  try {
    const api = createClient({
      url: settings.url,
      token: settings.token,
      timeoutMs: settings.timeoutSeconds * 1000,
      insecure: settings.insecure,
      signal,
    });
    return { ok: true, value: { settings: { ...settings, url: settings.url, token: settings.token }, api, serverLabel: new URL(api.baseUrl).origin } };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Settings and a client, or the sentence (printed to stderr, or handed to `onFailure`) and the exit code to return. */
export function prepare(flags: Flags, slug: string | undefined, io: Io, onFailure = (message: string) => fail(io, message)): Connection | number {
  const loaded = loadSettings(flags, slug, io);
  const connection = loaded.ok ? connect(loaded.value) : loaded;
  if (!connection.ok) {
    onFailure(connection.message);
    return EXIT_UNKNOWN;
  }
  return connection.value;
}
