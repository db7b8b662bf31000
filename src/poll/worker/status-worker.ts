// The status worker: a thread of its own that reads, parses, validates and adapts sync statuses, so the UI thread
// never stops for a 34 MB answer (a key pressed meanwhile is handled at once). It holds its own API client, built
// from the same settings as the UI thread's, and answers each request with the status and the tasks that changed
// (see protocol.ts). Built as its own entry (scripts/build.mjs → dist/poll/status-worker.js).
import { parentPort, workerData } from 'node:worker_threads';
import { createClient } from '../../api/client.js';
import { contentKeyOf, isStandIn } from '../../api/status-a-slices.js';
import type { ClientOptions } from '../../api/types.js';
import type { LdapSource } from '../../domain/model.js';
import { createStatusSender, postedError, type FromWorker, type ToWorker } from './protocol.js';

export interface StatusWorkerData {
  client: Omit<ClientOptions, 'signal'>;
  /**
   * For tests: while its first slot is 1, the thread stops dead (Atomics.wait) before each read, as if a parse took
   * that long; its second slot counts the reads that stopped.
   */
  hold?: Int32Array;
}

const port = parentPort;
if (port === null) throw new Error('status-worker.js runs as a worker thread only');

const { client, hold } = workerData as StatusWorkerData;
// It keeps no tasks: each crosses once, then goes by its content key (protocol.ts).
const api = createClient({ ...client, taskStandIns: true });
const send = createStatusSender({ keyOf: contentKeyOf, isStandIn });
const inFlight = new Map<number, AbortController>();

port.on('message', (message: ToWorker) => {
  if (message.type === 'abort') {
    inFlight.get(message.id)?.abort();
    return;
  }
  if (message.type === 'seed') {
    send.seed(message.slug, message.keys);
    // What the UI thread holds is not parsed again here, nor kept.
    api.assumeTasks(message.slug, message.keys.filter((key) => key !== null));
    return;
  }
  const { id, slug } = message;
  if (hold !== undefined && Atomics.load(hold, 0) === 1) {
    Atomics.add(hold, 1, 1);
    while (Atomics.load(hold, 0) === 1) Atomics.wait(hold, 0, 1);
  }
  const controller = new AbortController();
  inFlight.set(id, controller);
  void answer(id, slug, controller.signal, message.source).then((reply) => {
    inFlight.delete(id);
    port.postMessage(reply);
  });
});

async function answer(id: number, slug: string, signal: AbortSignal, source: LdapSource | undefined): Promise<FromWorker> {
  let status;
  try {
    status = await api.syncStatus(slug, { signal, ...(source ? { source } : {}) });
  } catch (error) {
    return { type: 'status', id, slug, ok: false, error: postedError(error) };
  }
  // Books that disagree with the UI thread's (a fault of ours) end the thread: the UI thread starts a fresh one.
  return { type: 'status', id, slug, ok: true, ...send(slug, status) };
}
