// The API with its sync status read on a worker thread: everything else goes to the UI thread's own client. The
// poller's contract holds (a rejection is an ApiError of the closed set, the signal aborts), and so does quitting:
// the worker never keeps the process alive, and close() ends it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../../api/errors.js';
import type { AuthentikApi } from '../../api/types.js';
import type { SyncStatus } from '../../domain/model.js';
import { contentKeyOf } from '../../api/status-a-slices.js';
import { holdYoungGeneration } from '../../runtime/young-generation.js';
import { createStatusStore, receivedError, seedKeys, type FromWorker, type ToWorker } from './protocol.js';
import type { ClientOptions } from '../../api/types.js';
import type { StatusWorkerData } from './status-worker.js';

/**
 * Tasks + log lines from which a source's status is read on the worker. A thread costs about 20 MB: a source of a
 * few hundred tasks is read on the UI thread (a few milliseconds), one of 10,000 tasks and 100,000 lines is not.
 */
export const LARGE_STATUS = 5_000;

/** Where the build puts the worker, seen from the chunk this module is bundled into (dist/chunks or dist/cli). */
export const BUILT_WORKER = new URL('../poll/status-worker.js', import.meta.url);

export const WORKER_STOPPED =
  'aksync could not read the answer: its reader thread stopped unexpectedly (it is started again for the next poll).';

export interface StatusWorkerApi {
  api: AuthentikApi;
  /** Ends the worker; requests in flight reject as aborted. Idempotent. */
  close(): Promise<void>;
}

export interface StatusWorkerOptions {
  /** The worker's script (default: the built one beside this bundle). */
  workerUrl?: URL;
  /** Told when a worker thread starts (tests). */
  onSpawn?: (worker: Worker) => void;
  /** For tests: see StatusWorkerData.hold. */
  hold?: Int32Array;
  /** A status this large (tasks + log lines) is read on the worker; one under half of it on the UI thread. */
  largeFrom?: number;
  /**
   * A status the UI thread has read itself (the monitor's first poll). A small one keeps its source on the UI thread
   * and no thread is started; a large one's tasks are named to the worker, so its first answer sends only what changed.
   */
  seed?: { slug: string; status: SyncStatus };
}

interface Pending {
  resolve(status: SyncStatus): void;
  reject(error: ApiError): void;
}

/**
 * `api` with syncStatus read by a worker thread built from `client` (the settings `api` was made from). Without a
 * built worker script (running from the sources), `api` itself is returned.
 */
export function withStatusWorker(api: AuthentikApi, client: Omit<ClientOptions, 'signal'>, withSeed: StatusWorkerOptions = {}): StatusWorkerApi {
  // The seed is used once, below: the closures keep `options` for the worker's life, and must not keep it.
  const { seed, ...options } = withSeed;
  const script = options.workerUrl ?? BUILT_WORKER;
  if (!existsSync(fileURLToPath(script))) return { api, close: async () => undefined };
  const origin = new URL(api.baseUrl).origin;
  const cancelled = () => new ApiError('aborted', `The request to ${origin} was cancelled.`);
  const store = createStatusStore();
  const pending = new Map<number, Pending>();
  let worker: Worker | null = null;
  let closed = false;
  let nextId = 1;
  const largeFrom = options.largeFrom ?? LARGE_STATUS;
  // Sources whose last status was small, read on the UI thread; any other (a first poll too) goes to the worker.
  const small = new Set<string>();
  const onWorker = new Set<string>();

  /** Where the next poll of `slug` is read, after a status of this size. */
  function weigh(slug: string, status: SyncStatus): void {
    let size = status.tasks.length;
    for (const task of status.tasks) size += task.messages.length + task.previousMessages.length;
    if (size >= largeFrom) {
      small.delete(slug);
      onWorker.add(slug);
    } else if (size < largeFrom / 2 || !onWorker.has(slug)) {
      small.add(slug);
      onWorker.delete(slug);
      retireIfIdle();
    }
  }

  /** No source needs the thread: its memory goes back. */
  function retireIfIdle(): void {
    const thread = worker;
    if (thread === null || onWorker.size > 0 || pending.size > 0) return;
    worker = null;
    store.clear();
    void thread.terminate();
  }

  function fail(all: ApiError): void {
    const waiting = [...pending.values()];
    pending.clear();
    for (const request of waiting) request.reject(all);
  }

  function stopped(thread: Worker): void {
    if (worker !== thread) return;
    worker = null;
    store.clear();
    fail(closed ? cancelled() : new ApiError('bad_response', WORKER_STOPPED));
  }

  function spawn(): Worker {
    const workerData: StatusWorkerData = { client, ...(options.hold ? { hold: options.hold } : {}) };
    const thread = new Worker(script, { workerData, stdout: true, stderr: true });
    // Node 20 sets V8's flags back to their defaults when it starts a worker.
    holdYoungGeneration();
    // What the thread prints is not for the screen; an uncaught error arrives as 'error' below.
    thread.stdout.resume();
    thread.stderr.resume();
    thread.unref();
    thread.on('message', (reply: FromWorker) => receive(thread, reply));
    thread.on('error', () => {
      void thread.terminate();
      stopped(thread);
    });
    thread.on('exit', () => stopped(thread));
    options.onSpawn?.(thread);
    return thread;
  }

  function receive(thread: Worker, reply: FromWorker): void {
    if (worker !== thread) return;
    const request = pending.get(reply.id);
    pending.delete(reply.id);
    if (!reply.ok) {
      request?.reject(receivedError(reply.error));
      return;
    }
    let status: SyncStatus;
    try {
      // Even an answer nobody waits for any more: the worker counted these tasks as held.
      status = store.receive(reply.slug, reply);
    } catch {
      request?.reject(new ApiError('bad_response', WORKER_STOPPED));
      void thread.terminate();
      stopped(thread);
      return;
    }
    request?.resolve(status);
  }

  if (seed === undefined) {
    // Started now, so its start-up overlaps the UI thread's own.
    worker = spawn();
  } else {
    weigh(seed.slug, seed.status);
    if (onWorker.has(seed.slug)) {
      worker = spawn();
      store.seed(seed.slug, seed.status.tasks);
      worker.postMessage({ type: 'seed', slug: seed.slug, keys: seedKeys(seed.status.tasks, contentKeyOf) } satisfies ToWorker);
    }
  }

  async function syncStatus(slug: string, opts?: Parameters<AuthentikApi['syncStatus']>[1]): Promise<SyncStatus> {
    if (closed) throw cancelled();
    const status = small.has(slug) ? await api.syncStatus(slug, opts) : await workerStatus(slug, opts);
    weigh(slug, status);
    return status;
  }

  function workerStatus(slug: string, opts?: Parameters<AuthentikApi['syncStatus']>[1]): Promise<SyncStatus> {
    const signal = opts?.signal;
    if (closed || signal?.aborted) return Promise.reject(cancelled());
    const thread = (worker ??= spawn());
    const id = nextId++;
    return new Promise<SyncStatus>((resolve, reject) => {
      const onAbort = () => {
        if (!pending.has(id)) return;
        pending.delete(id);
        thread.postMessage({ type: 'abort', id } satisfies ToWorker);
        reject(cancelled());
      };
      const done = () => signal?.removeEventListener('abort', onAbort);
      pending.set(id, {
        resolve: (status) => (done(), resolve(status)),
        reject: (error) => (done(), reject(error)),
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      // A source still being read cannot cross: the status goes now, and generation B's worker reads the source itself.
      const source = opts?.source instanceof Promise ? undefined : opts?.source;
      thread.postMessage({ type: 'status', id, slug, ...(source ? { source } : {}) } satisfies ToWorker);
    });
  }

  return {
    api: { ...api, syncStatus },
    async close() {
      if (closed) return;
      closed = true;
      const thread = worker;
      if (thread === null) return;
      await thread.terminate();
      stopped(thread);
    },
  };
}

/** For a command that may connect more than once (the first-run form): every worker it made, closed at once. */
export function statusesOffThread(options: StatusWorkerOptions = {}): {
  api(
    connection: { api: AuthentikApi; settings: { url: string; token: string; timeoutSeconds: number; insecure: boolean } },
    seed?: StatusWorkerOptions['seed'],
  ): AuthentikApi;
  close(): Promise<void>;
} {
  const made: StatusWorkerApi[] = [];
  return {
    api({ api, settings }, seed) {
      const client = { url: settings.url, token: settings.token, timeoutMs: settings.timeoutSeconds * 1000, insecure: settings.insecure };
      const worker = withStatusWorker(api, client, { ...options, ...(seed ? { seed } : {}) });
      made.push(worker);
      return worker.api;
    },
    async close() {
      await Promise.all(made.splice(0).map((worker) => worker.close()));
    },
  };
}
