// Failures of the kind a real deployment produces: authentik's own 500, a proxy's HTML error and login pages,
// broken or mis-shaped JSON, a request that never answers, a reset connection, a body too large to hold.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Reply } from './http.js';
import type { Fault } from './types.js';

export class FaultInjector {
  private fault: Fault | null = null;

  set(fault: Fault | null): void {
    this.fault = fault;
  }

  /** The fault that applies to this request (a `once` fault is used up). */
  take(path: string): Fault | null {
    const fault = this.fault;
    if (!fault || (fault.path !== undefined && !path.includes(fault.path))) return null;
    if (fault.once) this.fault = null;
    return fault;
  }
}

const PROXY_REASONS: Record<number, string> = { 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };

function nginxErrorPage(status: number): string {
  const title = `${status} ${PROXY_REASONS[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/1.25.4</center>\r\n</body>\r\n</html>\r\n`;
}

/** What a forward-auth proxy serves to a request without a session: authentik's own flow page, status 200. */
export const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta name="viewport" content="width=device-width, initial-scale=1.0, maximum-scale=1.0, user-scalable=no">
    <title>Welcome to authentik!</title>
    <link rel="icon" href="/static/dist/assets/icons/icon.png">
    <link rel="stylesheet" type="text/css" href="/static/dist/authentik.css">
    <script src="/static/dist/flow/FlowInterface.js" type="module"></script>
  </head>
  <body>
    <ak-flow-executor flowSlug="default-authentication-flow">
      <ak-loading></ak-loading>
    </ak-flow-executor>
  </body>
</html>
`;

/** Replace every top-level value with one of the wrong type (arrays and objects become strings, and so on). */
function wrongShape(value: unknown): unknown {
  if (Array.isArray(value)) return 'none';
  if (value === null || typeof value !== 'object') return { unexpected: value };
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, typeof v === 'string' ? 0 : v === null ? [] : typeof v === 'object' ? 'none' : String(v)]),
  );
}

/** Faults answered in authentik's (or its proxy's) place: the request never reaches a route. */
export function replacementReply(fault: Fault): Reply | null {
  if (fault.kind === 'html-login') return { status: 200, body: LOGIN_PAGE, contentType: 'text/html; charset=utf-8' };
  if (fault.kind !== 'status') return null;
  if (fault.status === 500) return { status: 500, body: { detail: 'A server error occurred.' } };
  return { status: fault.status, body: nginxErrorPage(fault.status), contentType: 'text/html', headers: { server: 'nginx/1.25.4' } };
}

/** Faults that spoil what the route answered. */
export function distortedReply(fault: Fault, reply: Reply): Reply {
  if (fault.kind === 'invalid-json') return { status: reply.status, body: '{not json', contentType: 'application/json' };
  if (fault.kind === 'wrong-shape' && typeof reply.body !== 'string') return { ...reply, body: wrongShape(reply.body) };
  return reply;
}

export const HUGE_BODY_BYTES = 64 * 1024 * 1024;

/** Valid JSON of HUGE_BODY_BYTES, written lazily chunk by chunk, respecting backpressure, until the client leaves. */
function streamHuge(res: ServerResponse): void {
  const head = '{"is_running":false,"tasks":["';
  const tail = '"]}';
  const chunk = 'x'.repeat(64 * 1024);
  let left = HUGE_BODY_BYTES - head.length - tail.length;
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(HUGE_BODY_BYTES) });
  res.write(head);
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      const piece = left >= chunk.length ? chunk : chunk.slice(0, left);
      left -= piece.length;
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end(tail);
  };
  pump();
}

/** Faults that take over the connection; true when the request is handled (or deliberately left hanging). */
export function takeOverConnection(fault: Fault, req: IncomingMessage, res: ServerResponse): boolean {
  switch (fault.kind) {
    case 'hang':
      return true;
    case 'reset':
      req.socket.destroy();
      return true;
    case 'huge':
      streamHuge(res);
      return true;
    default:
      return false;
  }
}
