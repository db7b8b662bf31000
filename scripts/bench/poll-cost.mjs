// The cost of one poll of a 34 MB status (10,000 page tasks, one with 100,000 messages) against a bare JSON.parse of
// the same bytes, in one process, interleaved so the machine's load falls on both alike. A poll is what the monitor
// does per answer: read and validate the status, adapt it, feed the run memory, compare it with the previous poll,
// and judge it when it changed. Two kinds: an unchanged answer (a finished run, most polls) and a changed one.
// The monitor's own modules are bundled from src/ by esbuild into a temporary file (--esbuild PATH to use another
// copy of esbuild, for a checkout without it). When the source has a status worker (src/poll/worker/, built into
// dist/ by `npm run build`), the poll goes through it as in the monitor, and the UI thread's own share of each poll
// (event-loop busy time while it is in flight) is printed too: that is what a key pressed meanwhile waits for.
// Usage: npm run build && node scripts/bench/poll-cost.mjs [--rounds 5]
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { option, REPO_ROOT, stats, verdictLine } from './lib.mjs';

const rounds = Number(option('rounds', '5'));
const esbuild = await import(option('esbuild', 'esbuild'));
const work = mkdtempSync(path.join(tmpdir(), 'aksync-poll-cost-'));
const source = (file) => JSON.stringify(path.join(REPO_ROOT, 'src', file));
writeFileSync(
  path.join(work, 'entry.ts'),
  [
    `export { createClient } from ${source('api/client.ts')};`,
    `export * as monitor from ${source('ui/hooks/use-monitor-data.ts')};`,
    `export * as equality from ${source('poll/equal.ts')};`,
    `export { assess } from ${source('domain/verdict.ts')};`,
    ...(existsSync(path.join(REPO_ROOT, 'src', 'poll', 'worker', 'worker-api.ts')) ? [`export * as worker from ${source('poll/worker/worker-api.ts')};`] : []),
  ].join('\n'),
);
await esbuild.build({
  entryPoints: [path.join(work, 'entry.ts')],
  outfile: path.join(work, 'poll.mjs'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  external: ['react-devtools-core'],
  nodePaths: [path.join(REPO_ROOT, 'node_modules')],
  logLevel: 'warning',
});
const { createClient, monitor, equality, assess, worker } = await import(pathToFileURL(path.join(work, 'poll.mjs')).href);
// The comparison the monitor's poller makes (older code compared polls deeply).
const samePoll = monitor.samePolledStatus ?? equality.structurallyEqual;

const server = await serverOnItsOwnThread();
const clientOptions = { url: server.url, token: server.token, timeoutMs: 600_000 };
const builtWorker = new URL('dist/poll/status-worker.js', pathToFileURL(REPO_ROOT));
const offThread = worker && existsSync(builtWorker) ? worker.withStatusWorker(createClient(clientOptions), clientOptions, { workerUrl: builtWorker }) : null;
const api = offThread?.api ?? createClient(clientOptions);
console.log(offThread ? 'status read on the worker thread, as in the monitor' : 'status read on the UI thread (no worker in this checkout)');
const statusFetch = monitor.createStatusFetch(api, 'corp-ad', () => Date.now());
let previous = null;
async function poll() {
  const polled = await statusFetch(new AbortController().signal);
  if (previous !== null && samePoll(previous, polled)) return;
  previous = polled;
  assess({
    slug: 'corp-ad',
    status: { ...polled.status, tasks: polled.run.tasks },
    source: polled.source,
    missingPermissions: [],
    now: new Date(),
    tasksStillArriving: polled.tasksStillArriving,
    previousRun: polled.run.reference ?? null,
  });
}
// The floor's parse leaves 34 MB of objects behind: collected before each timing, or the UI thread's share of the
// next poll would include collecting the benchmark's own garbage.
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc');
const timed = async (run, busy) => {
  collect();
  const started = performance.now();
  const elu = performance.eventLoopUtilization();
  await run();
  if (busy) busy.push(performance.eventLoopUtilization(elu).active);
  return performance.now() - started;
};
const unchangedBusy = [];
const changedBusy = [];
// Both bodies the server flips between, fetched once: the floor parses the one being served.
const bodies = await Promise.all([0, 1].map(async () => {
  const bytes = Buffer.from(await (await fetch(`${server.url}${server.statusPath}`, { headers: { Authorization: `Bearer ${server.token}` } })).arrayBuffer());
  await server.mutate();
  return bytes;
}));
let served = 0;
const parse = () => JSON.parse(bodies[served % 2].toString('utf8'));

console.log(`status body: ${(bodies[0].length / 1e6).toFixed(1)} MB`);
await poll(); // the first poll also reads the server's version and the source
const parses = [];
const unchanged = [];
const changed = [];
for (let round = 0; round < rounds; round++) {
  parses.push(await timed(async () => parse()));
  unchanged.push(await timed(poll, unchangedBusy));
  await server.mutate();
  served += 1;
  changed.push(await timed(poll, changedBusy));
}
const floor = stats(parses).median;
const show = (name, values) => console.log(`${name}: ${stats(values).median.toFixed(0)} ms median (${values.map((v) => v.toFixed(0)).join(', ')})`);
show('JSON.parse', parses);
show('unchanged poll', unchanged);
show('changed poll', changed);
show('UI thread busy during an unchanged poll', unchangedBusy);
show('UI thread busy during a changed poll', changedBusy);
const verdicts = [
  verdictLine('poll-vs-parse', stats(unchanged).median / floor, 2, 'x'),
  verdictLine('changed-poll-vs-parse', stats(changed).median / floor, 2, 'x'),
];
for (const { text } of verdicts) console.log(text);
await offThread?.close();
await server.close();
rmSync(work, { recursive: true, force: true });

/**
 * The huge server on a thread of its own, so that sending 34 MB is not counted as the UI thread's work. mutate()
 * and close() are asked over the thread's port.
 */
async function serverOnItsOwnThread() {
  const { Worker } = await import('node:worker_threads');
  const code = `import { parentPort } from 'node:worker_threads';
     const { startHugeServer } = await import(${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'bench', 'lib.mjs')).href)});
     const server = await startHugeServer();
     parentPort.on('message', async (what) => {
       if (what === 'mutate') server.mutate();
       if (what === 'close') await server.close();
       parentPort.postMessage({ done: what });
     });
     parentPort.postMessage({ url: server.url, token: server.token, statusPath: server.statusPath });`;
  const thread = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
  const replies = [];
  const waiting = [];
  thread.on('message', (message) => (waiting.length > 0 ? waiting.shift()(message) : replies.push(message)));
  const next = () => (replies.length > 0 ? Promise.resolve(replies.shift()) : new Promise((resolve) => waiting.push(resolve)));
  const ask = async (what) => {
    thread.postMessage(what);
    await next();
  };
  const { url, token, statusPath } = await next();
  return {
    url,
    token,
    statusPath,
    mutate: () => ask('mutate'),
    close: async () => {
      await ask('close');
      await thread.terminate();
    },
  };
}
process.exit(verdicts.every((v) => v.pass) ? 0 : 1);
