// Tiny real HTTP(S) servers for the client's tests: a handler per request, every request recorded.
import http, { type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  /** path without the query */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: Received, res: ServerResponse) => void;

export interface TestServer {
  /** `http://127.0.0.1:<port>` (or https://localhost:<port>) */
  url: string;
  received: Received[];
  close(): Promise<void>;
}

export async function startServer(handler: Handler, tls?: { key: string; cert: string }): Promise<TestServer> {
  const received: Received[] = [];
  const listener: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://test');
      const entry: Received = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(entry);
      handler(entry, res);
    });
  };
  const server = tls === undefined ? http.createServer(listener) : https.createServer(tls, listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: tls === undefined ? `http://127.0.0.1:${port}` : `https://localhost:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Routes by `METHOD /path/` (query ignored); anything else is authentik's 404. */
export function routes(table: Record<string, Handler>): Handler {
  return (req, res) => {
    const route = table[`${req.method} ${req.path}`];
    if (route === undefined) return sendJson(res, 404, { detail: 'Not found.' });
    route(req, res);
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A paginated authentik list body. */
export function page<T>(results: T[], next = 0, current = 1): unknown {
  return {
    pagination: { next, previous: current - 1, count: results.length, current, total_pages: next === 0 ? current : next, start_index: 1, end_index: results.length },
    results,
    autocomplete: {},
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
