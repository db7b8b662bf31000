// CPU per frame at 120x40, this build against the old code (fca94e7, before the performance work), side by side in
// one run so the machine's load falls on both alike. Frames are drawn by keys: j and k in the task table of a quiet
// source whose poll interval is long (no poll lands meanwhile, no spinner runs), one press every 100 ms. A frame's
// CPU is the process's user + system time over the presses (/proc, all threads) divided by the frames drawn
// (synchronized-output markers). Budget: at most half of the old code's.
// The old code is a built checkout beside this one:
//   git worktree add --detach ../base fca94e7 && (cd ../base && npm ci && npm run build)
// Usage: npm run build && node scripts/bench/frame-cpu.mjs [--base ../base] [--presses 60] [--rounds 3]
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { countFrames, cpuMs, HAS_DATA, option, REPO_ROOT, sleep, spawnInTerminal, startSimulator, stats, verdictLine } from './lib.mjs';

const base = path.resolve(option('base', path.join(REPO_ROOT, '..', 'base')));
const presses = Number(option('presses', '60'));
const rounds = Number(option('rounds', '3'));
const BUDGET = 0.5;
const oldBin = path.join(base, 'bin', 'aksync.js');
const newBin = path.join(REPO_ROOT, 'bin', 'aksync.js');

if (!existsSync(path.join(base, 'dist'))) {
  console.log(`no built old checkout at ${base}: git worktree add --detach ${base} fca94e7 && (cd ${base} && npm ci && npm run build)`);
  console.log(`FAIL cpu-per-frame-vs-old not measured (budget ≤ ${BUDGET}x)`);
  process.exit(1);
}

async function measure(file) {
  const sim = await startSimulator('healthy');
  const t = spawnInTerminal(['corp-ad', '--url', sim.url, '--interval', '600'], { cols: 120, rows: 40, env: { AUTHENTIK_TOKEN: sim.token }, file });
  try {
    await t.waitFor(HAS_DATA, 120_000);
    await sleep(1_500);
    // Warm-up presses: the first frames of a fresh process compile what the later ones run.
    for (let i = 0; i < 10; i++) {
      t.press(i < 5 ? 'j' : 'k');
      await sleep(100);
    }
    await sleep(500);
    const from = performance.now();
    const cpuFrom = cpuMs(t.pid);
    for (let i = 0; i < presses; i++) {
      // Down 15 rows and back up: every press moves the selection, so every press draws a frame.
      t.press(i % 30 < 15 ? 'j' : 'k');
      await sleep(100);
    }
    await sleep(500);
    const cpu = cpuMs(t.pid) - cpuFrom;
    const frames = countFrames(t.chunks, from, performance.now());
    return { cpu, frames, perFrame: frames > 0 ? cpu / frames : NaN };
  } finally {
    await t.close();
    await sim.close();
  }
}

const before = [];
const after = [];
for (let round = 0; round < rounds; round++) {
  // Alternate which goes first, so a burst of load hits both.
  const order = round % 2 === 0 ? [[before, oldBin], [after, newBin]] : [[after, newBin], [before, oldBin]];
  for (const [into, file] of order) into.push(await measure(file));
}
const show = (name, runs) =>
  console.log(`${name}: ${stats(runs.map((r) => r.perFrame)).median.toFixed(1)} ms CPU per frame, median of ${runs.map((r) => `${r.perFrame.toFixed(1)} (${r.frames} frames)`).join(', ')}`);
show('old code (fca94e7)', before);
show('this build', after);
console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const ratio = stats(after.map((r) => r.perFrame)).median / stats(before.map((r) => r.perFrame)).median;
const verdict = verdictLine('cpu-per-frame-vs-old', ratio, BUDGET, 'x');
console.log(verdict.text);
process.exit(verdict.pass ? 0 : 1);
