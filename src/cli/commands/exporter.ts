// `aksync exporter`: Prometheus metrics of every sync object of one or more servers (one per --profile), served
// over HTTP until SIGTERM, SIGINT or SIGHUP. Settings come as for every command (flags > environment > profile).
import { safeLine } from '../../domain/sanitize.js';
import { startExporter, type ExportedServer } from '../../exporter/exporter.js';
import { holdYoungGeneration } from '../../runtime/young-generation.js';
import { DEFAULT_LISTEN, exposureWarning, parseListen } from '../../exporter/listen.js';
import type { Flags } from '../args.js';
import { connect, EXIT_UNKNOWN, fail, loadSettings, warn } from '../context.js';
import { EXIT_USAGE } from '../main.js';
import type { Io } from '../output.js';
import { redact } from '../redact.js';

/** The exporter could not listen (address in use, not allowed). */
export const EXIT_LISTEN = 1;

export interface ExporterRunOptions {
  /** Resolves when the exporter should stop (default: SIGTERM, SIGINT or SIGHUP). */
  stopped?: Promise<void>;
  /** Told the URL once the exporter listens (tests ask for port 0). */
  onListening?: (url: string) => void;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const done = () => {
      for (const signal of signals) process.off(signal, done);
      resolve();
    };
    for (const signal of signals) process.once(signal, done);
  });
}

/** The `server` label of a server the settings point at without a named profile: its host (and port). */
function hostLabel(baseUrl: string): string {
  return new URL(baseUrl).host;
}

export async function runExporter(flags: Flags, io: Io, options: ExporterRunOptions = {}): Promise<number> {
  const listen = parseListen(flags.listen ?? DEFAULT_LISTEN);
  if (!listen.ok) {
    io.stderr.write(`aksync: ${safeLine(listen.reason)}\nRun 'aksync exporter --help' for usage.\n`);
    return EXIT_USAGE;
  }
  // Signals are caught from the start: a SIGTERM while the servers are being set up still ends cleanly.
  const stopped = options.stopped ?? untilSignal();

  const named = flags.profiles.length > 0;
  const servers: ExportedServer[] = [];
  const seen = new Map<string, string>();
  for (const profile of named ? flags.profiles : [undefined]) {
    const prefix = profile === undefined ? '' : `profile '${profile}': `;
    const loaded = loadSettings({ ...flags, profile }, undefined, io);
    const connection = loaded.ok ? connect(loaded.value) : loaded;
    if (!connection.ok) {
      fail(io, `${prefix}${connection.message}`);
      return EXIT_UNKNOWN;
    }
    const { api, settings } = connection.value;
    const server = profile ?? hostLabel(api.baseUrl);
    const same = seen.get(`${api.baseUrl}\n${settings.token}`);
    if (same !== undefined) {
      fail(io, `profiles '${same}' and '${server}' watch the same server (${safeLine(api.baseUrl)}) with the same token: give each server once. (AUTHENTIK_URL or --url, when set, points every profile at one server.)`);
      return EXIT_USAGE;
    }
    seen.set(`${api.baseUrl}\n${settings.token}`, server);
    servers.push({ server, api, intervalMs: (flags.intervalSeconds ?? settings.intervalSeconds) * 1000 });
  }

  const warning = exposureWarning(listen.address);
  if (warning) warn(io, warning);
  const log = (line: string) => io.stderr.write(`aksync exporter: ${safeLine(redact(line))}\n`);
  let exporter;
  try {
    exporter = await startExporter({ servers, listen: listen.address, log });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? 'the address is in use' : code === 'EACCES' ? 'permission denied' : code === 'EADDRNOTAVAIL' ? 'no such address on this machine' : (code ?? 'unknown error');
    fail(io, `cannot listen on ${safeLine(flags.listen ?? DEFAULT_LISTEN)}: ${why}.`);
    return EXIT_LISTEN;
  }
  log(`serving ${exporter.url}/metrics for ${servers.map((s) => `${s.server} (${new URL(s.api.baseUrl).origin})`).join(', ')}`);
  options.onListening?.(exporter.url);
  // It runs for weeks: from here on the young generation keeps its size.
  holdYoungGeneration();
  await stopped;
  await exporter.close();
  log('stopped');
  return 0;
}
