import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import { closeConnections } from './connections.js';

describe('closeConnections', () => {
  it("closes the kept-alive socket of a finished request, so a one-shot command's process can end at once", async () => {
    let closedByClient = false;
    const server = createServer((request, response) => {
      request.socket.once('close', () => (closedByClient = true));
      response.writeHead(200, { 'content-type': 'application/json', connection: 'keep-alive', 'keep-alive': 'timeout=600' });
      response.end(JSON.stringify({ version_current: '2024.8.3', build_hash: '' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const api = createClient({ url: `http://127.0.0.1:${port}`, token: 'a-test-token-1234' });
      await api.version();
      expect(closedByClient).toBe(false);
      await closeConnections();
      await expect.poll(() => closedByClient, { timeout: 30_000 }).toBe(true);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
