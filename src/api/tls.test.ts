// TLS over real sockets: a self-signed server is refused with advice, accepted with `insecure`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import { ApiError } from './errors.js';
import { networkError } from './network-errors.js';
import { expectApiError, TOKEN } from './test-support/expect-api-error.js';
import { routes, sendJson, startServer, type TestServer } from './test-support/http-server.js';

let dir: string;
let tls: { key: string; cert: string };
const servers: TestServer[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aksync-tls-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
        '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
      { stdio: 'pipe' },
    );
  } catch (error) {
    throw new Error(`These tests need openssl to make a self-signed certificate (apt-get install openssl): ${String(error)}`);
  }
  tls = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function selfSigned(): Promise<TestServer> {
  const server = await startServer(routes({ 'GET /api/v3/admin/version/': (_req, res) => sendJson(res, 200, { version_current: '2026.8.3' }) }), tls);
  servers.push(server);
  return server;
}

describe('TLS', () => {
  it('a self-signed certificate → tls, naming NODE_EXTRA_CA_CERTS and --insecure', async () => {
    const server = await selfSigned();
    const error = await expectApiError(createClient({ url: server.url, token: TOKEN }).version(), 'tls');
    expect(error.message).toBe(
      `The TLS certificate of ${server.url} is not trusted (self-signed or from a private CA): point NODE_EXTRA_CA_CERTS at your CA's PEM file, or use --insecure to skip verification (not recommended).`,
    );
    expect(server.received).toHaveLength(0);
  });

  it('insecure: true talks to it (and sends the token over TLS)', async () => {
    const server = await selfSigned();
    const api = createClient({ url: server.url, token: TOKEN, insecure: true });
    await expect(api.version()).resolves.toEqual({ version: '2026.8.3', generation: 'B' });
    expect(server.received[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('insecure is per client: a verifying client beside it still refuses', async () => {
    const server = await selfSigned();
    await createClient({ url: server.url, token: TOKEN, insecure: true }).version();
    await expectApiError(createClient({ url: server.url, token: TOKEN }).version(), 'tls');
  });

  it('https:// to a plain HTTP port → tls, suggesting http://', async () => {
    const plain = await startServer((_req, res) => sendJson(res, 200, {}));
    servers.push(plain);
    const url = plain.url.replace('http://', 'https://');
    const error = await expectApiError(createClient({ url, token: TOKEN }).version(), 'tls');
    expect(error.message).toContain('does not seem to speak HTTPS (try http://');
  });
});

describe('certificate problems a test server cannot make without a trusted CA', () => {
  // fetch nests the socket error two levels down: FetchError → TypeError('fetch failed') → Error{code}
  const failure = (code: string) => new Error('fetch failed', { cause: new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code }) }) });
  const url = new URL('https://auth.example.com/api/v3/admin/version/');

  it.each([
    ['CERT_HAS_EXPIRED', 'The TLS certificate of https://auth.example.com has expired'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'The TLS certificate of https://auth.example.com is for another host name'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'NODE_EXTRA_CA_CERTS'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'NODE_EXTRA_CA_CERTS'],
    ['CERT_NOT_YET_VALID', 'check the clocks'],
  ])('%s → tls: %s', (code, words) => {
    const error = networkError(failure(code), url);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.kind).toBe('tls');
    expect(error.message).toContain(words);
  });

  it.each([
    ['EAI_AGAIN', 'unreachable', 'temporary DNS failure'],
    ['EHOSTUNREACH', 'unreachable', 'No network route to auth.example.com'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout', 'the connection timed out'],
    ['SOMETHING_NEW', 'unreachable', 'Could not reach https://auth.example.com (SOMETHING_NEW).'],
  ])('%s → %s', (code, kind, words) => {
    const error = networkError(failure(code), url);
    expect(error.kind).toBe(kind);
    expect(error.message).toContain(words);
  });
});
