// The exporter: one watch per authentik server (its fleet poller), the metrics over them, the HTTP server. Started
// and stopped as one; the CLI (commands/exporter.ts) turns settings and signals into this.
import type { AuthentikApi } from '../api/types.js';
import type { Clock } from '../poll/clock.js';
import { startExporterHttp } from './http.js';
import type { ListenAddress } from './listen.js';
import { createMetrics, type ExporterMetrics } from './metrics.js';
import { createServerWatch, type ServerWatch } from './server-watch.js';

export interface ExportedServer {
  /** The `server` label. */
  server: string;
  api: AuthentikApi;
  intervalMs: number;
}

export interface ExporterOptions {
  servers: readonly ExportedServer[];
  listen: ListenAddress;
  /** One line per change of state, unsanitised (the caller makes it safe). */
  log: (line: string) => void;
  concurrency?: number;
  clock?: Clock;
}

export interface Exporter {
  /** `http://HOST:PORT`. */
  readonly url: string;
  readonly metrics: ExporterMetrics;
  /** Stops polling (requests in flight are aborted) and closes the HTTP server. */
  close(): Promise<void>;
}

export async function startExporter(options: ExporterOptions): Promise<Exporter> {
  let watches: ServerWatch[] = [];
  const metrics = createMetrics({ samples: () => watches.map((watch) => watch.sample()), process: true });
  watches = options.servers.map((server) =>
    createServerWatch({
      server: server.server,
      api: server.api,
      intervalMs: server.intervalMs,
      log: options.log,
      observePoll: (seconds, error) => metrics.observePoll(server.server, seconds, error),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    }),
  );
  for (const watch of watches) metrics.addServer(watch.server);
  const http = await startExporterHttp({
    ...options.listen,
    metrics,
    health: () => `ok\n${watches.map((watch) => `${watch.server}: authentik ${watch.sample().up ? 'answers' : 'does not answer'}`).join('\n')}\n`,
  });
  for (const watch of watches) watch.start();
  return {
    url: http.url,
    metrics,
    async close() {
      for (const watch of watches) watch.stop();
      await http.close();
    },
  };
}
