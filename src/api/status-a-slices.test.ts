// A generation A status decoded task by task: the same result as the ordinary decode, and a changed answer costs
// what changed in it.
import { afterEach, describe, expect, it } from 'vitest';
import { syncStatusA } from './adapter-a.js';
import { createClient } from './client.js';
import { syncStatusASchema } from './schemas-a.js';
import { contentKeyOf, createStatusADecoder, isStandIn, scanStatus } from './status-a-slices.js';
import { example } from './test-support/examples.js';
import { expectApiError, TOKEN } from './test-support/expect-api-error.js';
import { routes, startServer, type TestServer } from './test-support/http-server.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const ordinary = (text: string) => syncStatusA(syncStatusASchema.parse(JSON.parse(text)));

describe('a generation A status, task by task', () => {
  it('decodes every example as the whole-body parse does, whatever the spacing', () => {
    for (const name of ['a-completed', 'a-enumerating', 'a-errors', 'a-trickle', 'a-warning-like'] as const) {
      for (const text of [JSON.stringify(example(name)), JSON.stringify(example(name), null, 2), `\ufeff ${JSON.stringify(example(name), null, '\t')}\n`]) {
        expect(createStatusADecoder().decode(bytes(text)), name).toEqual(ordinary(text.replace(/^\ufeff/, '')));
      }
    }
  });

  it('a changed answer parses only the tasks that changed; the others are the objects decoded before', () => {
    const body = example('a-completed');
    const decoder = createStatusADecoder();
    const first = decoder.decode(bytes(JSON.stringify(body)));
    body.tasks[1].status = 'error';
    const second = decoder.decode(bytes(JSON.stringify(body)));
    expect(decoder.lastParsed).toBe(1);
    expect(second?.tasks[0]).toBe(first?.tasks[0]);
    expect(second?.tasks[2]).toBe(first?.tasks[2]);
    expect(second?.tasks[1]).not.toBe(first?.tasks[1]);
    expect(second?.tasks[1]?.state).toBe('error');
  });

  it('a decoder that keeps no tasks hands an unchanged one back as a stand-in with the same content key', () => {
    const body = example('a-completed');
    const decoder = createStatusADecoder({ standIns: true });
    const first = decoder.decode(bytes(JSON.stringify(body)));
    expect(first?.tasks.some(isStandIn)).toBe(false);
    body.tasks[1].status = 'error';
    const second = decoder.decode(bytes(JSON.stringify(body)));
    expect(decoder.lastParsed).toBe(1);
    expect(isStandIn(second!.tasks[0]!)).toBe(true);
    expect(contentKeyOf(second!.tasks[0]!)).toBe(contentKeyOf(first!.tasks[0]!));
    expect(second?.tasks[1]?.state).toBe('error');
    expect(isStandIn(second!.tasks[1]!)).toBe(false);
    // Another decoder that read the same bytes names the same tasks alike (the UI thread's and the worker's).
    const other = createStatusADecoder().decode(bytes(JSON.stringify(body)));
    expect(other?.tasks.map((task) => contentKeyOf(task))).toEqual(second?.tasks.map((task) => contentKeyOf(task)));
  });

  it('tasks assumed read (the UI thread holds them) are not parsed: they come back as stand-ins', () => {
    const text = JSON.stringify(example('a-completed'));
    const held = createStatusADecoder().decode(bytes(text))!;
    const decoder = createStatusADecoder({ standIns: true });
    decoder.assume(held.tasks.slice(1).map((task) => contentKeyOf(task)!));
    const status = decoder.decode(bytes(text))!;
    expect(decoder.lastParsed).toBe(1);
    expect(status.tasks.map(isStandIn)).toEqual(held.tasks.map((_, i) => i > 0));
    expect(status.tasks[0]).toEqual(held.tasks[0]);
  });

  it('gives up on what it does not expect, so the ordinary parse words the error', () => {
    const good = JSON.stringify(example('a-completed'));
    const refused = [
      '',
      '[]',
      '{}',
      '{"is_running": false}',
      '{"is_running": false, "t\\u0061sks": []}',
      '{"is_running": false, "tasks": [1]}',
      '{"is_running": false, "tasks": [{"a": 1}]}',
      '{"is_running": false, "tasks": [], "tasks": []}',
      '{"is_running": false, "tasks": [{"a": [}]}',
      '{"is_running": false, "tasks": [{}}',
      '{"is_running": "no", "tasks": []}',
      `${good} x`,
      good.slice(0, -1),
      good.replace('"status":"successful"', '"status":3'),
    ];
    for (const text of refused) expect(createStatusADecoder().decode(bytes(text)), text.slice(0, 60)).toBeUndefined();
    expect(scanStatus(bytes('{"tasks": [ {"a": "\\"}"} , {} ], "x": [1, {"y": "]"}]}'))?.tasks).toHaveLength(4);
  });
});

describe('the client, reading a generation A status task by task', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  /** A 2024.8 server whose status body is whatever `body()` says at the time. */
  async function serving(body: () => string): Promise<TestServer> {
    const server = await startServer(
      routes({
        'GET /api/v3/admin/version/': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"version_current":"2024.8.3"}'),
        'GET /api/v3/sources/ldap/corp-ad/sync/status/': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body()),
      }),
    );
    servers.push(server);
    return server;
  }

  it('names the wrong field as before, after a good answer was decoded task by task', async () => {
    let body = JSON.stringify(example('a-completed'));
    const server = await serving(() => body);
    const api = createClient({ url: server.url, token: TOKEN });
    const first = await api.syncStatus('corp-ad');
    expect(first.tasks).toHaveLength(3);
    const spoilt = example('a-completed');
    spoilt.tasks[2].messages[0].event = 7;
    body = JSON.stringify(spoilt);
    const error = await expectApiError(api.syncStatus('corp-ad'), 'bad_response');
    expect(error.message).toBe(
      `${server.url} answered /api/v3/sources/ldap/corp-ad/sync/status/ with an unexpected shape: field tasks[2].messages[0].event: expected string, got number (is it authentik 2024.8 or newer?).`,
    );
    body = '{"is_running": false, "tasks": [';
    const notJson = await expectApiError(api.syncStatus('corp-ad'), 'bad_response');
    expect(notJson.message).toContain('sent something that is not JSON');
  });

  it('forgetStatus lets go of a source\'s last status: the next answer, though the same, is decoded anew', async () => {
    const body = JSON.stringify(example('a-completed'));
    const server = await serving(() => body);
    const api = createClient({ url: server.url, token: TOKEN });
    const first = await api.syncStatus('corp-ad');
    expect(await api.syncStatus('corp-ad')).toBe(first);
    api.forgetStatus('corp-ad');
    const again = await api.syncStatus('corp-ad');
    expect(again).not.toBe(first);
    expect(again.tasks[0]).not.toBe(first.tasks[0]);
    expect(again).toEqual(first);
  });
});
