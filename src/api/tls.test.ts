// TLS over real sockets: a self-signed server is refused with advice, accepted with `insecure`.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient } from './client.js';
import { ApiError } from './errors.js';
import { networkError } from './network-errors.js';
import { selfSignedCertificate, type ServerCertificate } from './test-support/certificates.js';
import { expectApiError, TOKEN } from './test-support/expect-api-error.js';
import { routes, sendJson, startServer, type TestServer } from './test-support/http-server.js';

let tls: ServerCertificate;
const servers: TestServer[] = [];

beforeAll(async () => {
  tls = await selfSignedCertificate();
});
afterEach(async () => {
  vi.unstubAllGlobals();
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

  it("does not use Node's own fetch (Node 26 no longer exposes its Agent): insecure and verifying clients still work", async () => {
    vi.stubGlobal('fetch', () => {
      throw new Error("Node's global fetch was used");
    });
    const server = await selfSigned();
    await expect(createClient({ url: server.url, token: TOKEN, insecure: true }).version()).resolves.toMatchObject({ version: '2026.8.3' });
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
