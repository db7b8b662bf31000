// Start-up against its floor, side by side in one run so the machine's load cancels out:
// - the monitor's first frame with data / a bare fetch of the same status printed in the same terminal (budget 3x);
// - `aksync status` / the same bare script with piped output (budget 1.5x).
// --bin measures another copy (the old code: --bin ../base/bin/aksync.js) against the same floor.
// Usage: npm run build && node scripts/bench/startup-ratio.mjs [--runs 15] [--bin PATH]
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { benchEnvironment, HAS_DATA, option, REPO_ROOT, spawnInTerminal, startSimulator, stats, verdictLine } from './lib.mjs';

const runs = Number(option('runs', '15'));
const FLOOR = path.join(REPO_ROOT, 'scripts', 'bench', 'floor.mjs');
const sim = await startSimulator('healthy');
const env = { AUTHENTIK_TOKEN: sim.token };

function piped(file, args) {
  const { env: environment, cleanup } = benchEnvironment(env);
  const started = performance.now();
  const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: environment });
  child.stdout.resume();
  child.stderr.resume();
  return new Promise((resolve) => child.on('close', () => (cleanup(), resolve(performance.now() - started))));
}

async function inTerminal(file, args, ready) {
  const t = spawnInTerminal(args, { env, file });
  try {
    return await t.waitFor(ready);
  } finally {
    await t.close();
  }
}

const monitor = [];
const bareFrame = [];
const status = [];
const bareStatus = [];
const bin = path.resolve(option('bin', path.join(REPO_ROOT, 'bin', 'aksync.js')));
for (let i = 0; i < runs; i++) {
  // Alternate the two sides so a burst of load hits both.
  bareFrame.push(await inTerminal(FLOOR, [sim.url, 'corp-ad'], /OK corp-ad: \d+ tasks/));
  monitor.push(await inTerminal(bin, ['corp-ad', '--url', sim.url], HAS_DATA));
  bareStatus.push(await piped(FLOOR, [sim.url, 'corp-ad']));
  status.push(await piped(bin, ['status', 'corp-ad', '--url', sim.url]));
}
await sim.close();

const m = (values) => stats(values).median;
console.log(`${bin}, ${runs} runs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`first frame with data ${m(monitor).toFixed(0)} ms, bare fetch + print ${m(bareFrame).toFixed(0)} ms`);
console.log(`aksync status ${m(status).toFixed(0)} ms, bare script ${m(bareStatus).toFixed(0)} ms`);
const results = [
  verdictLine('first-frame-vs-bare', m(monitor) / m(bareFrame), 3, 'x'),
  verdictLine('status-vs-bare', m(status) / m(bareStatus), 1.5, 'x'),
];
for (const line of results) console.log(line.text);
process.exitCode = results.every((r) => r.pass) ? 0 : 1;
