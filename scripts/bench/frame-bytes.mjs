// Bytes written to the terminal at 120x40: per spinner step while a run is in progress (lively scenario), per `j` in
// the task table of a quiet source (healthy scenario: no spinner frames mixed in; the list scrolls past its end), and
// per second while a run is in progress with 5 s polls.
// --bin measures another copy (the old code: --bin ../base/bin/aksync.js).
// Usage: npm run build && node scripts/bench/frame-bytes.mjs [--seconds 10] [--bin PATH]
import os from 'node:os';
import path from 'node:path';
import { AKSYNC_BIN, FRAME_BEGIN, FRAME_END, HAS_DATA, option, sleep, spawnInTerminal, startSimulator, stats, verdictLine } from './lib.mjs';

const seconds = Number(option('seconds', '10'));
const file = path.resolve(option('bin', AKSYNC_BIN));

/** Byte sizes of the whole frames (begin marker to end marker) written in [from, to). */
function frameSizes(chunks, from, to) {
  const text = Buffer.concat(chunks.filter((c) => c.at >= from && c.at < to).map((c) => c.bytes)).toString('latin1');
  return text
    .split(FRAME_BEGIN)
    .slice(1)
    .filter((frame) => frame.includes(FRAME_END))
    .map((frame) => FRAME_BEGIN.length + frame.length);
}

async function monitor(scenario, use) {
  const sim = await startSimulator(scenario);
  const t = spawnInTerminal(['corp-ad', '--url', sim.url, '--interval', '5'], { cols: 120, rows: 40, env: { AUTHENTIK_TOKEN: sim.token }, file });
  try {
    await t.waitFor(HAS_DATA);
    return await use(t);
  } finally {
    await t.close();
    await sim.close();
  }
}

const running = await monitor('lively', async (t) => {
  await t.waitFor(/sync running|may still be in progress/, 120_000);
  await sleep(1_000);
  const from = performance.now();
  await sleep(seconds * 1000);
  const to = performance.now();
  return { frames: stats(frameSizes(t.chunks, from, to)), perSecond: t.bytesBetween(from, to) / ((to - from) / 1000) };
});

const keys = await monitor('healthy', async (t) => {
  await sleep(1_000);
  const sizes = [];
  for (let i = 0; i < 60; i++) {
    const at = performance.now();
    t.press('j');
    await sleep(120);
    sizes.push(t.bytesBetween(at, performance.now()));
  }
  return stats(sizes.filter((size) => size > 0));
});

console.log(`${file}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`frame while running: median ${running.frames.median.toFixed(0)} B (${running.frames.min}…${running.frames.max} B, ${running.frames.n} frames)`);
console.log(`output while running: ${running.perSecond.toFixed(0)} B/s`);
console.log(`one j: median ${keys.median.toFixed(0)} B, max ${keys.max} B (${keys.n} presses)`);
const results = [
  verdictLine('bytes-per-spinner-step', running.frames.median, 400, ' B'),
  verdictLine('bytes-per-j', keys.median, 600, ' B'),
  verdictLine('output-while-running', running.perSecond, 1000, ' B/s'),
];
for (const line of results) console.log(line.text);
process.exitCode = results.every((r) => r.pass) ? 0 : 1;
