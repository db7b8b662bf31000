// The cost of one poll of a 34 MB status (10,000 page tasks, one with 100,000 messages) against a bare JSON.parse of
// the same bytes, in one process, interleaved so the machine's load falls on both alike. A poll is what the monitor
// does per answer: read and validate the status, adapt it, feed the run memory, compare it with the previous poll,
// and judge it when it changed. Two kinds: an unchanged answer (a finished run, most polls) and a changed one.
// The monitor's own modules are bundled from src/ by esbuild into a temporary file (--esbuild PATH to use another
// copy of esbuild, for a checkout without it).
// Usage: node scripts/bench/poll-cost.mjs [--rounds 5]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { option, REPO_ROOT, startHugeServer, stats, verdictLine } from './lib.mjs';

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
const { createClient, monitor, equality, assess } = await import(pathToFileURL(path.join(work, 'poll.mjs')).href);
// The comparison the monitor's poller makes (older code compared polls deeply).
const samePoll = monitor.samePolledStatus ?? equality.structurallyEqual;

const server = await startHugeServer();
const api = createClient({ url: server.url, token: server.token, timeoutMs: 600_000 });
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
const timed = async (run) => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};
const parse = () => JSON.parse(server.body().toString('utf8'));

console.log(`status body: ${(server.body().length / 1e6).toFixed(1)} MB`);
await poll(); // the first poll also reads the server's version and the source
const parses = [];
const unchanged = [];
const changed = [];
for (let round = 0; round < rounds; round++) {
  parses.push(await timed(async () => parse()));
  unchanged.push(await timed(poll));
  server.mutate();
  changed.push(await timed(poll));
}
const floor = stats(parses).median;
const show = (name, values) => console.log(`${name}: ${stats(values).median.toFixed(0)} ms median (${values.map((v) => v.toFixed(0)).join(', ')})`);
show('JSON.parse', parses);
show('unchanged poll', unchanged);
show('changed poll', changed);
const verdicts = [
  verdictLine('poll-vs-parse', stats(unchanged).median / floor, 2, 'x'),
  verdictLine('changed-poll-vs-parse', stats(changed).median / floor, 2, 'x'),
];
for (const { text } of verdicts) console.log(text);
await server.close();
rmSync(work, { recursive: true, force: true });
process.exit(verdicts.every((v) => v.pass) ? 0 : 1);
