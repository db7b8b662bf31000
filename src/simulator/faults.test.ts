import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HUGE_BODY_BYTES } from './faults.js';
import { startSimulator } from './index.js';
import { call, manualClock, simulatorsForTests } from './testing.js';
import type { Simulator } from './types.js';

const sim = simulatorsForTests(afterEach, { scenario: 'running' });

const STATUS = '/sources/ldap/corp-ad/sync/status/';

/** Resolves when the server has received the request (it shows up in the log). */
async function received(s: Simulator, count: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (s.requests.length < count) {
    if (Date.now() > deadline) throw new Error('request never arrived');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('faults', () => {
  it('answers 500 as authentik (JSON) and 502–504 as the proxy (HTML)', async () => {
    const s = await sim();
    s.setFault({ kind: 'status', status: 500 });
    const five = await call(s, STATUS);
    expect([five.status, five.json]).toEqual([500, { detail: 'A server error occurred.' }]);
    for (const status of [502, 503, 504] as const) {
      s.setFault({ kind: 'status', status });
      const res = await call(s, STATUS);
      expect(res.status).toBe(status);
      expect(res.contentType).toContain('text/html');
      expect(res.text).toContain(`<title>${status} `);
    }
  });

  it('serves an SSO login page with status 200', async () => {
    const s = await sim();
    s.setFault({ kind: 'html-login' });
    const res = await call(s, '/admin/version/');
    expect(res.status).toBe(200);
    expect(res.json).toBeUndefined();
    expect(res.text).toContain('<ak-flow-executor');
  });

  it('spoils the JSON: invalid, or valid with the wrong shape', async () => {
    const s = await sim();
    s.setFault({ kind: 'invalid-json' });
    expect((await call(s, STATUS)).text).toBe('{not json');
    s.setFault({ kind: 'wrong-shape' });
    const res = await call(s, '/sources/ldap/corp-eu/sync/status/');
    expect(typeof res.json.tasks).toBe('string');
    expect(typeof res.json.is_running).toBe('string');
  });

  it('limits a fault to matching paths and, with once, to one request', async () => {
    const s = await sim();
    s.setFault({ kind: 'status', status: 502, path: '/sync/status/', once: true });
    expect((await call(s, '/admin/version/')).status).toBe(200);
    expect((await call(s, STATUS)).status).toBe(502);
    expect((await call(s, STATUS)).status).toBe(200);
  });

  it('does not let a proxy error move a running sync forward', async () => {
    const s = await sim();
    s.setFault({ kind: 'status', status: 503 });
    await call(s, STATUS);
    s.setFault(null);
    expect((await call(s, STATUS)).json).toEqual({ is_running: true, tasks: [] });
  });

  it('resets the connection', async () => {
    const s = await sim();
    s.setFault({ kind: 'reset' });
    await expect(call(s, STATUS)).rejects.toThrow();
  });

  it('streams a body larger than 50 MB, lazily, until the client gives up', async () => {
    const s = await sim();
    s.setFault({ kind: 'huge' });
    const res = await fetch(`${s.url}/api/v3${STATUS}`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(Number(res.headers.get('content-length'))).toBe(HUGE_BODY_BYTES);
    expect(HUGE_BODY_BYTES).toBeGreaterThan(50 * 1024 * 1024);
    const reader = res.body!.getReader();
    let bytes = 0;
    while (bytes < 1024 * 1024) bytes += (await reader.read()).value?.length ?? 0;
    await reader.cancel();
    expect(bytes).toBeGreaterThanOrEqual(1024 * 1024);
  });

  it('closes promptly with a hung request and a keep-alive connection open', async () => {
    const s = await startSimulator({ now: manualClock().now });
    s.setFault({ kind: 'hang', path: 'hang-here' });
    const keepAlive = await fetch(`${s.url}/api/v3/admin/version/`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(keepAlive.status).toBe(200);
    await keepAlive.text();
    const hung = new Promise<string>((resolve) => {
      const req = request(`${s.url}/api/v3/admin/version/?hang-here`, { headers: { authorization: `Bearer ${s.token}` } });
      req.on('error', (e) => resolve(e.message));
      req.on('response', () => resolve('answered'));
      req.end();
    });
    await received(s, 2);
    await s.close(); // resolves although a request hangs for ever
    expect(await hung).toBe('socket hang up');
  });
});
