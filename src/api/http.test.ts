// The transport over real sockets: headers, and every way a request can fail, as the user will read it.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from './client.js';
import { closedPort, page, routes, sendJson, sendText, startServer, type Handler, type TestServer } from './test-support/http-server.js';
import { expectApiError, TOKEN } from './test-support/expect-api-error.js';
import type { ClientOptions } from './types.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Handler): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

function client(server: TestServer | string, options: Partial<ClientOptions> = {}) {
  return createClient({ url: typeof server === 'string' ? server : server.url, token: TOKEN, ...options });
}

const VERSION = { version_current: '2024.8.3', version_latest: '2024.8.3', build_hash: '', outdated: false };
const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n';

describe('requests', () => {
  it.each(['', '/', '/api/v3', '/api/v3/'])('sends the token, Accept and User-Agent to <url>%s/api/v3/...', async (suffix) => {
    const server = await serve(routes({ 'GET /api/v3/admin/version/': (_req, res) => sendJson(res, 200, VERSION) }));
    await expect(client(server.url + suffix).version()).resolves.toEqual({ version: '2024.8.3', generation: 'A' });
    const [request] = server.received;
    expect(request?.path).toBe('/api/v3/admin/version/');
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers.accept).toBe('application/json');
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(request?.headers['user-agent']).toBe(`aksync/${version} (+node ${process.versions.node})`);
  });

  it('uses the User-Agent it is given', async () => {
    const server = await serve(routes({ 'GET /api/v3/admin/version/': (_req, res) => sendJson(res, 200, VERSION) }));
    await client(server, { userAgent: 'aksync-test/1' }).version();
    expect(server.received[0]?.headers['user-agent']).toBe('aksync-test/1');
  });

  it("one client's requests reuse kept-alive connections", async () => {
    const ports: (number | undefined)[] = [];
    const server = await serve((_req, res) => {
      ports.push(res.socket?.remotePort);
      sendJson(res, 404, { detail: 'Not found.' });
    });
    const api = client(server);
    // Not the version: the client keeps it once read.
    for (let i = 0; i < 4; i++) await expectApiError(api.getSource('corp-ad'), 'not_found');
    expect(ports).toHaveLength(4);
    expect(new Set(ports).size).toBeLessThan(4);
  });

  it('does not retry a failed request', async () => {
    const server = await serve((_req, res) => sendText(res, 503, 'text/plain', 'busy'));
    await expectApiError(client(server).version(), 'server');
    expect(server.received).toHaveLength(1);
  });
});

describe('no answer', () => {
  it('a closed port → unreachable, refused', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const error = await expectApiError(client(url).version(), 'unreachable');
    expect(error.message).toBe(
      `${url} refused the connection: check the URL and port, and that authentik (or the proxy in front of it) is running.`,
    );
  });

  it('an unknown host → unreachable, cannot resolve', async () => {
    const error = await expectApiError(client('https://no-such-host.invalid').version(), 'unreachable');
    expect(error.message).toBe('Cannot resolve host no-such-host.invalid: check the URL.');
  });

  it('a reset connection → unreachable, closed', async () => {
    const server = await serve((_req, res) => res.socket?.resetAndDestroy());
    const error = await expectApiError(client(server).version(), 'unreachable');
    expect(error.message).toContain(`The connection to ${server.url} was closed before an answer arrived`);
  });

  it('a server that never answers → timeout, naming the limit and the flag', async () => {
    const server = await serve(() => undefined);
    const error = await expectApiError(client(server, { timeoutMs: 150 }).version(), 'timeout');
    expect(error.message).toBe(`No answer from ${server.url} within 150 ms (--timeout to change).`);
  });

  it('a body that stops halfway → timeout', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"version_current": ');
    });
    await expectApiError(client(server, { timeoutMs: 150 }).version(), 'timeout');
  });

  it('the default timeout is 10 s', async () => {
    const server = await serve(() => undefined);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const pending = client(server).version();
      pending.catch(() => undefined);
      await waitFor(() => server.received.length === 1);
      await vi.advanceTimersByTimeAsync(9_999);
      let settled = false;
      void pending.finally(() => (settled = true)).catch(() => undefined);
      await new Promise((resolve) => setImmediate(resolve));
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const error = await expectApiError(pending, 'timeout');
      expect(error.message).toBe(`No answer from ${server.url} within 10 s (--timeout to change).`);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('abort', () => {
  it("the caller's signal → aborted, not timeout", async () => {
    const server = await serve(() => undefined);
    const stop = new AbortController();
    const pending = client(server, { timeoutMs: 5000 }).version({ signal: stop.signal });
    await waitFor(() => server.received.length === 1);
    stop.abort();
    const error = await expectApiError(pending, 'aborted');
    expect(error.message).toBe(`The request to ${server.url} was cancelled.`);
  });

  it("the client's signal aborts every request in flight", async () => {
    const server = await serve(() => undefined);
    const quit = new AbortController();
    const api = client(server, { timeoutMs: 5000, signal: quit.signal });
    const pending = [api.version(), api.me()];
    await waitFor(() => server.received.length === 2);
    quit.abort();
    for (const p of pending) await expectApiError(p, 'aborted');
  });

  it('an already aborted signal sends nothing', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, VERSION));
    await expectApiError(client(server).version({ signal: AbortSignal.abort() }), 'aborted');
    expect(server.received).toHaveLength(0);
  });

  it('leaves no listener behind on a long-lived client signal', async () => {
    const server = await serve(routes({ 'GET /api/v3/admin/version/': (_req, res) => sendJson(res, 200, VERSION) }));
    const quit = new AbortController();
    let listeners = 0;
    const add = quit.signal.addEventListener.bind(quit.signal);
    const remove = quit.signal.removeEventListener.bind(quit.signal);
    quit.signal.addEventListener = ((...args: Parameters<typeof add>) => (listeners++, add(...args))) as typeof add;
    quit.signal.removeEventListener = ((...args: Parameters<typeof remove>) => (listeners--, remove(...args))) as typeof remove;
    const api = client(server, { signal: quit.signal });
    for (let i = 0; i < 5; i++) await api.version();
    await expectApiError(api.getSource('missing'), 'not_found');
    expect(listeners).toBe(0);
  });
});

describe('server errors', () => {
  it('a 502 HTML page from a proxy → one line from its title', async () => {
    const server = await serve((_req, res) => sendText(res, 502, 'text/html', NGINX_502));
    const error = await expectApiError(client(server).version(), 'server');
    expect(error.message).toBe(`502 Bad Gateway from ${server.url} (an HTML page, probably from a proxy in front of authentik).`);
    expect(error.status).toBe(502);
  });

  it('an HTML page without the status in its title gets the status', async () => {
    const server = await serve((_req, res) => sendText(res, 503, 'text/html', '<!DOCTYPE html><body><h1>Maintenance &amp; upgrades</h1></body>'));
    const error = await expectApiError(client(server).version(), 'server');
    expect(error.message).toBe(`503 Maintenance & upgrades from ${server.url} (an HTML page, probably from a proxy in front of authentik).`);
  });

  it("a JSON 500 → authentik's detail, sanitised", async () => {
    const server = await serve((_req, res) => sendJson(res, 500, { detail: 'database is\nlocked \u001b]0;pwned\u0007' }));
    const error = await expectApiError(client(server).version(), 'server');
    expect(error.message).toBe(`${server.url} failed with 500 Internal Server Error: database is locked \\x1b]0;pwned\\x07.`);
  });

  it("a 500 whose detail is a whole sentence ends with one full stop (authentik's 'A server error occurred.')", async () => {
    const server = await serve((_req, res) => sendJson(res, 500, { detail: 'A server error occurred.' }));
    const error = await expectApiError(client(server).version(), 'server');
    expect(error.message).toBe(`${server.url} failed with 500 Internal Server Error: A server error occurred.`);
    const rejected = await serve((_req, res) => sendJson(res, 400, { detail: 'Not allowed!' }));
    expect((await expectApiError(client(rejected).version(), 'bad_response')).message).toMatch(/: Not allowed!$/);
  });

  it('long server text is cut to about 200 characters', async () => {
    const server = await serve((_req, res) => sendJson(res, 500, { detail: 'x'.repeat(5000) }));
    const error = await expectApiError(client(server).version(), 'server');
    expect(error.message.length).toBeLessThan(300);
    expect(error.message).toContain('x'.repeat(150));
  });

  it('a server that echoes the token back never gets it into a message', async () => {
    const server = await serve((req, res) => sendJson(res, 500, { detail: `bad header: ${String(req.headers.authorization)}` }));
    const error = await expectApiError(client(server).version(), 'server');
    expect(error.message).toContain('bad header: Bearer [token]');
  });

  it('a one-letter token never eats letters of the server\'s text (only what can be an echo is redacted)', async () => {
    const server = await serve((_req, res) => sendText(res, 502, 'text/html', NGINX_502));
    const error = await expectApiError(client(server, { token: 't' }).version(), 'server');
    expect(error.message).toMatch(/^502 Bad Gateway from /);
    const echo = await serve((req, res) => sendJson(res, 500, { detail: `bad header: ${String(req.headers.authorization)}` }));
    expect((await expectApiError(client(echo, { token: 't' }).version(), 'server')).message).toContain('bad header: Bearer [token].');
  });

  it('no part of the token survives when a non-JSON answer starts with it (redacted before it is cut short)', async () => {
    // The token straddles the 40th character, where the quote is cut.
    const lead = 'x'.repeat(40 - Math.floor(TOKEN.length / 2));
    const server = await serve((req, res) => sendText(res, 200, 'text/plain', `${lead}${String(req.headers.authorization).slice(7)} and more`));
    const error = await expectApiError(client(server).version(), 'bad_response');
    expect(error.message).toContain(`"${lead}[token]`);
    expect(error.message).not.toContain(TOKEN.slice(0, 6));
  });

  it('429 → server, busy', async () => {
    const server = await serve((_req, res) => sendJson(res, 429, { detail: 'Request was throttled.' }));
    const error = await expectApiError(client(server).version(), 'server');
    expect(error.message).toBe(`${server.url} is busy (429 Too Many Requests): try again later.`);
  });
});

describe('answers that are not what was asked for', () => {
  it('an HTML login page at 200 → bad_response, behind a login proxy', async () => {
    const server = await serve((_req, res) =>
      sendText(res, 200, 'text/html; charset=utf-8', '<!doctype html><html><head><title>Sign in – Authelia</title></head><body>…</body></html>'),
    );
    const error = await expectApiError(client(server).version(), 'bad_response');
    expect(error.message).toBe(
      `${server.url} sent an HTML page ("Sign in – Authelia") instead of JSON for /api/v3/admin/version/: is the URL behind a login proxy?`,
    );
  });

  it('a redirect (login proxy, moved server) → bad_response naming where, without its query', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(302, { location: 'https://sso.example.com/login?rd=https%3A%2F%2Fauth&state=s3cr3t' });
      res.end();
    });
    const error = await expectApiError(client(server).version(), 'bad_response');
    expect(error.message).toContain(`${server.url} redirected /api/v3/admin/version/ to https://sso.example.com/login:`);
    expect(error.message).not.toContain('s3cr3t');
    expect(server.received).toHaveLength(1);
  });

  it('invalid JSON → bad_response', async () => {
    const server = await serve((_req, res) => sendText(res, 200, 'application/json', '{not json'));
    const error = await expectApiError(client(server).version(), 'bad_response');
    expect(error.message).toBe(`${server.url} sent something that is not JSON for /api/v3/admin/version/ (it starts with "{not json").`);
  });

  it('an empty 200 where data was expected → bad_response', async () => {
    const server = await serve((_req, res) => sendText(res, 200, 'application/json', ''));
    const error = await expectApiError(client(server).version(), 'bad_response');
    expect(error.message).toContain('the body: missing (expected object)');
  });

  it('a wrong shape → bad_response naming the field', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { version_current: 2024.8 }));
    const error = await expectApiError(client(server).version(), 'bad_response');
    expect(error.message).toBe(
      `${server.url} answered /api/v3/admin/version/ with an unexpected shape: field version_current: expected string, got number (is it authentik 2024.8 or newer?).`,
    );
  });

  it('a wrong shape deep in a list names the element', async () => {
    const source = { pk: 'p', name: 'n', slug: 's', enabled: true, sync_users: true, sync_groups: true, connectivity: null };
    const server = await serve((_req, res) => sendJson(res, 200, page([source, { ...source, slug: undefined }])));
    const error = await expectApiError(client(server).listSources(), 'bad_response');
    expect(error.message).toContain('field results[1].slug: missing (expected string)');
  });

  it('a version string that is no authentik version → bad_response', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { version_current: 'nginx' }));
    const error = await expectApiError(client(server).version(), 'bad_response');
    expect(error.message).toContain("field version_current: 'nginx' is not an authentik version");
  });
});

describe('size limit', () => {
  it('an announced Content-Length over the limit → too_large', async () => {
    const big = JSON.stringify({ ...VERSION, padding: 'y'.repeat(5000) });
    const server = await serve((_req, res) => sendText(res, 200, 'application/json', big));
    const error = await expectApiError(client(server, { maxBytes: 1000 }).version(), 'too_large');
    expect(error.message).toBe(`The answer from ${server.url} to /api/v3/admin/version/ is larger than 1000 bytes: not read.`);
  });

  it('a streamed body (no Content-Length) over the limit → too_large', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < 50; i++) res.write(`{"chunk": "${'z'.repeat(100)}"}`);
      res.end();
    });
    await expectApiError(client(server, { maxBytes: 1000 }).version(), 'too_large');
  });

  it('a compressed answer is limited by its size once unpacked, not by the bytes on the wire', async () => {
    const packed = gzipSync(JSON.stringify({ ...VERSION, padding: 'y'.repeat(100_000) }));
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': packed.byteLength });
      res.end(packed);
    });
    expect(packed.byteLength).toBeLessThan(1000);
    await expectApiError(client(server, { maxBytes: 1000 }).version(), 'too_large');
  });

  it('the default limit (64 MiB) lets a big answer through', async () => {
    const padding = 'p'.repeat(3 * 1024 * 1024);
    const server = await serve((_req, res) => sendJson(res, 200, { ...VERSION, padding }));
    await expect(client(server).version()).resolves.toMatchObject({ version: '2024.8.3' });
  });
});

describe('403 and 401', () => {
  it('no credentials reached authentik → unauthenticated, a proxy may drop the header', async () => {
    const server = await serve((_req, res) => sendJson(res, 403, { detail: 'Authentication credentials were not provided.' }));
    const error = await expectApiError(client(server).me(), 'unauthenticated');
    expect(error.message).toBe(`${server.url} received no token: a proxy in front of authentik may be dropping the Authorization header.`);
  });

  it('Token invalid/expired → unauthenticated, create a new token', async () => {
    const server = await serve((_req, res) => sendJson(res, 403, { detail: 'Token invalid/expired' }));
    const error = await expectApiError(client(server).me(), 'unauthenticated');
    expect(error.message).toBe(
      `The token was rejected by ${server.url} (invalid or expired): create a new API token in authentik (Directory → Tokens and App passwords) and try again.`,
    );
    expect(error.status).toBe(403);
  });

  it('401 → unauthenticated', async () => {
    const server = await serve((_req, res) => sendJson(res, 401, { detail: 'Unauthorized' }));
    await expectApiError(client(server).me(), 'unauthenticated');
  });

  it('missing permission → forbidden, naming the permission the call needs', async () => {
    const server = await serve(
      routes({
        'GET /api/v3/admin/version/': (_req, res) => sendJson(res, 200, VERSION),
        'PATCH /api/v3/sources/ldap/corp/': (_req, res) => sendJson(res, 403, { detail: 'You do not have permission to perform this action.' }),
      }),
    );
    const error = await expectApiError(client(server).triggerSync('corp'), 'forbidden');
    expect(error.permission).toBe('authentik_sources_ldap.change_ldapsource');
    expect(error.message).toBe(
      `${server.url} refused this: the token's user lacks the permission authentik_sources_ldap.change_ldapsource (You do not have permission to perform this action.).`,
    );
  });

  it('a 403 HTML page (WAF, proxy) → forbidden, summarised', async () => {
    const server = await serve((_req, res) => sendText(res, 403, 'text/html', '<html><head><title>403 Forbidden</title></head></html>'));
    const error = await expectApiError(client(server).me(), 'forbidden');
    expect(error.message).toBe(`403 Forbidden from ${server.url} (an HTML page, probably from a proxy in front of authentik).`);
  });
});

describe('404', () => {
  it.each([{ detail: 'Not found.' }, { detail: 'No LDAPSource matches the given query.' }])(
    'an unknown slug (%j) → not_found naming the slug and the way to list sources',
    async (body) => {
      const server = await serve((_req, res) => sendJson(res, 404, body));
      const error = await expectApiError(client(server).getSource('corp-eu'), 'not_found');
      expect(error.message).toBe(`No LDAP source with slug 'corp-eu' on ${server.url}. \`aksync sources\` lists them.`);
    },
  );

  it('a 404 at the API root → probably not an authentik server', async () => {
    const server = await serve((_req, res) => sendText(res, 404, 'text/html', '<h1>Not Found</h1>'));
    const error = await expectApiError(client(server).version(), 'not_found');
    expect(error.message).toBe(
      `${server.url} has no authentik API at /api/v3/admin/version/ (404): the URL is probably not an authentik server.`,
    );
  });

  it('a slug with control characters is shown safely and sent encoded', async () => {
    const server = await serve((_req, res) => sendJson(res, 404, { detail: 'Not found.' }));
    const error = await expectApiError(client(server).getSource('a/b\u001b[2J'), 'not_found');
    expect(error.message).toContain("slug 'a/b\\x1b[2J'");
    expect(server.received[0]?.path).toBe('/api/v3/sources/ldap/a%2Fb%1B%5B2J/');
  });
});

describe('other 4xx', () => {
  it("a 400 → bad_response with DRF's field messages", async () => {
    const server = await serve((_req, res) => sendJson(res, 400, { non_field_errors: ['Sync is disabled.'], name: ['This field is required.'] }));
    const error = await expectApiError(client(server).version(), 'bad_response');
    expect(error.message).toBe(
      `${server.url} rejected the request to /api/v3/admin/version/ (400 Bad Request): Sync is disabled.; name: This field is required.`,
    );
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
