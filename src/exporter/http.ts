// The exporter's HTTP side: /metrics (Prometheus text, or OpenMetrics when the scraper asks for it), /healthz, and a
// pointer to both at /. Every answer comes from memory: nothing here talks to authentik.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { wantsOpenMetrics, type ExporterMetrics } from './metrics.js';

export interface ExporterHttpOptions {
  host: string;
  port: number;
  metrics: ExporterMetrics;
  /** /healthz's body: one line per server. The exporter is healthy while it serves; authentik's state is aksync_up. */
  health: () => string;
}

export interface ExporterHttp {
  /** `http://HOST:PORT` as bound (the port chosen when 0 was asked for). */
  readonly url: string;
  readonly port: number;
  /** Stops listening and closes every connection, idle keep-alive ones included. */
  close(): Promise<void>;
}

const PAGE = `<html><head><title>aksync exporter</title></head><body><h1>aksync exporter</h1>
<p><a href="/metrics">Metrics</a> · <a href="/healthz">Health</a></p></body></html>\n`;

export function startExporterHttp(options: ExporterHttpOptions): Promise<ExporterHttp> {
  const server = http.createServer((request, response) => {
    void answer(options, request, response);
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

async function answer(options: ExporterHttpOptions, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  const method = request.method ?? 'GET';
  const send = (status: number, type: string, body: string) => {
    response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
    response.end(method === 'HEAD' ? undefined : body);
  };
  if (method !== 'GET' && method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    return send(405, 'text/plain; charset=utf-8', 'Only GET and HEAD.\n');
  }
  try {
    if (path === '/metrics') {
      const registry = wantsOpenMetrics(request.headers.accept) ? options.metrics.openMetrics : options.metrics.prometheus;
      return send(200, registry.contentType, await registry.metrics());
    }
    if (path === '/healthz') return send(200, 'text/plain; charset=utf-8', options.health());
    if (path === '/') return send(200, 'text/html; charset=utf-8', PAGE);
    return send(404, 'text/plain; charset=utf-8', 'Not found: the metrics are at /metrics.\n');
  } catch (error) {
    const text = error instanceof Error ? error.message.split('\n')[0] : 'unknown error';
    return send(500, 'text/plain; charset=utf-8', `aksync could not render the metrics: ${text}\n`);
  }
}
