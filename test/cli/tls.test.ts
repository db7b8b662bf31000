// The binary against authentik behind HTTPS with a private CA, as a user with a self-hosted server meets it:
// refused with advice, trusted through NODE_EXTRA_CA_CERTS, or accepted with --insecure. Runs on every Node CI tests.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateCa } from '../../src/api/test-support/certificates.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';

const BIN = path.resolve(import.meta.dirname, '../../bin/aksync.js');
const dir = mkdtempSync(path.join(tmpdir(), 'aksync-tls-bin-'));
const caFile = path.join(dir, 'ca.pem');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH, XDG_CONFIG_HOME: dir, XDG_STATE_HOME: dir, AUTHENTIK_TOKEN: sim.token, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** HTTPS in front of the simulator, as a reverse proxy terminating TLS would be. */
function terminateTls(certificate: { key: string; cert: string }, upstreamPort: number): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = tls.createServer(certificate, (client) => {
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined).on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  server.on('tlsClientError', () => undefined);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        url: `https://localhost:${port}`,
        close: () =>
          new Promise((closed) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => closed());
          }),
      });
    }),
  );
}

let sim: Simulator;
let https: { url: string; close(): Promise<void> };

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'problems' });
  const certificates = await privateCa();
  writeFileSync(caFile, certificates.caCert);
  https = await terminateTls(certificates, Number(new URL(sim.url).port));
});
afterAll(async () => {
  await https.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`aksync over HTTPS with a private CA (Node ${process.versions.node})`, () => {
  it('an untrusted certificate: exit 3 and the advice, naming NODE_EXTRA_CA_CERTS and --insecure', async () => {
    const r = await run(['status', 'corp-ad', '--url', https.url], {});
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toContain(`The TLS certificate of ${https.url} is not trusted`);
    expect(r.stdout + r.stderr).toContain('NODE_EXTRA_CA_CERTS');
  });

  it('NODE_EXTRA_CA_CERTS trusts the CA: the check runs', async () => {
    const r = await run(['status', 'corp-ad', '--url', https.url], { NODE_EXTRA_CA_CERTS: caFile });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^WARNING: corp-ad: /);
    expect(r.code).toBe(1);
  });

  it('--insecure skips verification, says so, and the check runs', async () => {
    const r = await run(['status', 'corp-ad', '--url', https.url, '--insecure'], {});
    expect(r.stdout).toMatch(/^WARNING: corp-ad: /);
    expect(r.stderr).toMatch(/insecure|verification/i);
    expect(r.code).toBe(1);
  });

  it('AUTHENTIK_INSECURE=true does the same', async () => {
    const r = await run(['status', 'corp-ad', '--url', https.url], { AUTHENTIK_INSECURE: 'true' });
    expect(r.stdout).toMatch(/^WARNING: corp-ad: /);
    expect(r.code).toBe(1);
  });
});
