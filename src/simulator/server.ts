// The node:http server around the router: request log, faults, prompt close.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { FaultInjector, distortedReply, replacementReply, takeOverConnection } from './faults.js';
import { json, type Reply } from './http.js';
import { dispatch } from './router.js';
import { SimulatorState } from './state.js';
import { DEMO_TOKEN, type LoggedRequest, type Simulator, type SimulatorOptions } from './types.js';
import { DEFAULT_VERSION, features } from './version.js';

function send(res: ServerResponse, reply: Reply): void {
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': reply.contentType ?? 'application/json',
    'content-length': Buffer.byteLength(text),
    ...reply.headers,
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const MAX_LOGGED_REQUESTS = 2000;

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const generation = opts.generation ?? 'A';
  const f = features(generation, opts.version ?? DEFAULT_VERSION[generation]);
  const base = opts.now ?? (() => new Date());
  const speed = opts.speed ?? 1;
  const origin = base().getTime();
  let offset = 0;
  // The simulator's clock: the given one (real time by default), sped up, plus what `advance` added.
  const now = () => new Date(origin + (base().getTime() - origin) * speed + offset);
  const token = opts.token ?? DEMO_TOKEN;
  const state = new SimulatorState(f, now, opts.permissions ?? 'superuser', opts.scenario ?? 'healthy', opts.license ?? 'valid');
  const faults = new FaultInjector();
  const requests: LoggedRequest[] = [];
  const sockets = new Set<Socket>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const authorization = req.headers.authorization;
    requests.push(authorization === undefined ? { method, path } : { method, path, authorization });
    // The demo runs for days: keep the log bounded (tests look at far fewer requests than this).
    if (requests.length > MAX_LOGGED_REQUESTS) requests.splice(0, requests.length - MAX_LOGGED_REQUESTS);
    const fault = faults.take(path);
    if (fault && takeOverConnection(fault, req, res)) return;
    const replacement = fault && replacementReply(fault);
    if (replacement) return send(res, replacement);
    const rawBody = await readBody(req);
    const reply = dispatch({ method, url: new URL(path, 'http://127.0.0.1'), authorization, rawBody }, token, {
      state,
      features: f,
      now: now(),
    });
    send(res, fault ? distortedReply(fault, reply) : reply);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, json(500, { detail: `simulator: ${String(error)}` }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('simulator: no TCP address');

  return {
    url: `http://127.0.0.1:${address.port}`,
    token,
    setScenario: (name) => state.setScenario(name),
    setFault: (fault) => faults.set(fault),
    setPermissions: (p) => {
      state.permissions = p;
    },
    setLicense: (status) => {
      state.license = status;
    },
    now,
    advance: (ms) => {
      offset += ms;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
