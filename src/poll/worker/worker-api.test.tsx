// The sync status read on a worker thread: the screen answers keys while the thread is busy with a poll, a thread
// that dies or a bad body becomes an error on screen (never a stack trace), and the thread ends with the app.
// Uses the built worker (dist/poll/status-worker.js): `npm test` builds before it runs.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { Worker } from 'node:worker_threads';
import { createClient } from '../../api/client.js';
import { expectApiError } from '../../api/test-support/expect-api-error.js';
import { routes, startServer, type TestServer } from '../../api/test-support/http-server.js';
import { example } from '../../api/test-support/examples.js';
import { startSimulator } from '../../simulator/index.js';
import type { Simulator } from '../../simulator/types.js';
import { MonitorApp } from '../../ui/monitor-app.js';
import { ThemeProvider } from '../../ui/theme-context.js';
import { createTheme } from '../../ui/theme.js';
import { press, waitForFrame } from '../../ui/testing/wait-for-frame.js';
import { withStatusWorker, type StatusWorkerApi } from './worker-api.js';

const WORKER = new URL('../../../dist/poll/status-worker.js', import.meta.url);

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulated(): Promise<Simulator> {
  const sim = await startSimulator({ generation: 'A', scenario: 'problems' });
  cleanups.push(() => sim.close());
  return sim;
}

function offThread(url: string, token: string, options: Parameters<typeof withStatusWorker>[2] = {}): StatusWorkerApi {
  const client = { url, token };
  // Every status on the worker, however small, unless the test says otherwise.
  const made = withStatusWorker(createClient(client), client, { workerUrl: WORKER, largeFrom: 0, ...options });
  cleanups.push(() => made.close());
  return made;
}

function renderMonitor(made: StatusWorkerApi) {
  const app = render(
    <ThemeProvider theme={createTheme({ color: false, ascii: false })}>
      <MonitorApp api={made.api} slug="corp-ad" serverLabel="simulated" intervalSeconds={3600} onQuit={() => {}} columns={100} rows={30} />
    </ThemeProvider>,
  );
  cleanups.push(() => app.unmount());
  return app;
}

/** Waits (without a timing limit of its own) until `check` holds. */
async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the sync status on a worker thread', () => {
  it('keys are handled while the thread is stuck in a poll, and the poll lands when it is done', async () => {
    const sim = await simulated();
    const hold = new Int32Array(new SharedArrayBuffer(8));
    const made = offThread(sim.url, sim.token, { hold });
    const app = renderMonitor(made);
    await waitForFrame(app.lastFrame, (f) => /WARNING/.test(f) && f.includes('live'), 60_000);

    // The next poll stops the thread dead, as a 34 MB parse would: the screen must still answer.
    Atomics.store(hold, 0, 1);
    await press(app.stdin, 'r');
    await until(() => Atomics.load(hold, 1) === 1, 'the worker stopped in the poll');
    await press(app.stdin, '?');
    await waitForFrame(app.lastFrame, (f) => f.includes('Keys on this screen'), 60_000);
    await press(app.stdin, '?');
    await waitForFrame(app.lastFrame, (f) => !f.includes('Keys on this screen'), 60_000);
    expect(Atomics.load(hold, 1), 'the thread was still stuck while the keys were handled').toBe(1);

    Atomics.store(hold, 0, 0);
    Atomics.notify(hold, 0);
    await waitForFrame(app.lastFrame, (f) => /WARNING/.test(f) && f.includes('live'), 60_000);
  });

  it('a thread that dies in a poll is an error on screen, not a stack trace, and the next poll starts a new one', async () => {
    const sim = await simulated();
    const hold = new Int32Array(new SharedArrayBuffer(8));
    const threads: Worker[] = [];
    const made = offThread(sim.url, sim.token, { hold, onSpawn: (thread) => threads.push(thread) });
    const app = renderMonitor(made);
    await waitForFrame(app.lastFrame, (f) => /WARNING/.test(f) && f.includes('live'), 60_000);

    Atomics.store(hold, 0, 1);
    await press(app.stdin, 'r');
    await until(() => Atomics.load(hold, 1) === 1, 'the worker stopped in the poll');
    Atomics.store(hold, 0, 0);
    await threads[0]?.terminate();
    const failed = await waitForFrame(app.lastFrame, (f) => f.includes('reader thread stopped'), 60_000);
    expect(failed).toMatch(/retrying/);
    expect(failed).not.toMatch(/\bat \S+ \(|Error:/);
    // The data stays on screen meanwhile.
    expect(failed).toContain('WARNING');

    await press(app.stdin, 'r');
    await waitForFrame(app.lastFrame, (f) => f.includes('live') && !f.includes('reader thread stopped'), 60_000);
    expect(threads).toHaveLength(2);
  });

  it('a bad body is the bad_response sentence naming the field, as on the UI thread', async () => {
    const body = example('a-completed');
    body.tasks[1].status = 3;
    const server: TestServer = await startServer(
      routes({
        'GET /api/v3/admin/version/': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"version_current":"2024.8.3"}'),
        'GET /api/v3/sources/ldap/corp-ad/sync/status/': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
      }),
    );
    cleanups.push(() => server.close());
    const made = offThread(server.url, 'ak-token');
    const error = await expectApiError(made.api.syncStatus('corp-ad'), 'bad_response');
    expect(error.message).toBe(
      `${server.url} answered /api/v3/sources/ldap/corp-ad/sync/status/ with an unexpected shape: field tasks[1].status: expected string, got number (is it authentik 2024.8 or newer?).`,
    );
  });

  it('an aborted poll rejects at once, even with the thread stuck; close() ends the thread', async () => {
    const sim = await simulated();
    const hold = new Int32Array(new SharedArrayBuffer(8));
    const threads: Worker[] = [];
    const made = offThread(sim.url, sim.token, { hold, onSpawn: (thread) => threads.push(thread) });
    Atomics.store(hold, 0, 1);
    const controller = new AbortController();
    const pending = made.api.syncStatus('corp-ad', { signal: controller.signal });
    await until(() => Atomics.load(hold, 1) === 1, 'the worker stopped in the poll');
    controller.abort();
    await expectApiError(pending, 'aborted');
    const exited = new Promise((resolve) => threads[0]?.once('exit', resolve));
    await made.close();
    await exited;
    await expectApiError(made.api.syncStatus('corp-ad'), 'aborted');
  });

  it('a small source is read on the UI thread after its first poll, and the thread is let go', async () => {
    const sim = await simulated();
    const threads: Worker[] = [];
    const made = offThread(sim.url, sim.token, { largeFrom: 5_000, onSpawn: (thread) => threads.push(thread) });
    const exited = new Promise((resolve) => threads[0]?.once('exit', resolve));
    const first = await made.api.syncStatus('corp-ad');
    await exited;
    const second = await made.api.syncStatus('corp-ad');
    expect(second.tasks.map((task) => task.id)).toEqual(first.tasks.map((task) => task.id));
    expect(threads).toHaveLength(1);
  });

  it('an unchanged answer crosses between the threads as one word: a second poll hands the screen the same status', async () => {
    const sim = await simulated();
    const made = offThread(sim.url, sim.token);
    const first = await made.api.syncStatus('corp-ad');
    expect(first.tasks.length).toBeGreaterThan(0);
    expect(await made.api.syncStatus('corp-ad')).toBe(first);
  });

  it('a large status the UI thread read first is not sent back: the thread names those tasks, and the screen keeps its objects', async () => {
    const sim = await simulated();
    const client = { url: sim.url, token: sim.token };
    const seen = await createClient(client).syncStatus('corp-ad');
    const threads: Worker[] = [];
    const made = offThread(sim.url, sim.token, { seed: { slug: 'corp-ad', status: seen }, onSpawn: (thread) => threads.push(thread) });
    const answered = await made.api.syncStatus('corp-ad');
    expect(threads).toHaveLength(1);
    expect(answered.tasks.length).toBe(seen.tasks.length);
    answered.tasks.forEach((task, i) => expect(task, `task ${i} crossed again`).toBe(seen.tasks[i]));
  });

  it('a small status the UI thread read first starts no thread: its source stays on the UI thread', async () => {
    const sim = await simulated();
    const seen = await createClient({ url: sim.url, token: sim.token }).syncStatus('corp-ad');
    const threads: Worker[] = [];
    const made = offThread(sim.url, sim.token, { largeFrom: 5_000, seed: { slug: 'corp-ad', status: seen }, onSpawn: (thread) => threads.push(thread) });
    const answered = await made.api.syncStatus('corp-ad');
    expect(answered.tasks.map((task) => task.id)).toEqual(seen.tasks.map((task) => task.id));
    expect(threads).toHaveLength(0);
  });
});
