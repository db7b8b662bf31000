// Output bytes per second, frames drawn and CPU used by the monitor left alone at 120x40 with the default poll
// interval, against a static healthy source and against the demo's lively scenario (a run every minute).
// The CPU difference per extra frame estimates the cost of one frame (reconcile, layout, write).
// Usage: npm run build && node scripts/bench/idle-output.mjs [--seconds 30] [--interval 5]
import { countFrames, cpuMs, HAS_DATA, option, sleep, spawnInTerminal, startSimulator } from './lib.mjs';

const seconds = Number(option('seconds', '30'));
const interval = option('interval', undefined);

async function measure(scenario) {
  const sim = await startSimulator(scenario);
  const args = ['corp-ad', '--url', sim.url, ...(interval ? ['--interval', interval] : [])];
  const t = spawnInTerminal(args, { cols: 120, rows: 40, env: { AUTHENTIK_TOKEN: sim.token } });
  await t.waitFor(HAS_DATA);
  await sleep(2_000); // past the first frames
  const from = performance.now();
  const cpuFrom = cpuMs(t.pid);
  await sleep(seconds * 1000);
  const to = performance.now();
  const cpu = cpuMs(t.pid) - cpuFrom;
  const bytes = t.bytesBetween(from, to);
  const frames = countFrames(t.chunks, from, to);
  await t.close();
  await sim.close();
  const span = (to - from) / 1000;
  return { scenario, bytesPerSecond: bytes / span, frames, framesPerSecond: frames / span, cpuMsPerSecond: cpu / span, cpu, bytes };
}

const results = [];
for (const scenario of ['healthy', 'lively']) results.push(await measure(scenario));
for (const r of results) {
  console.log(
    `${r.scenario.padEnd(8)} ${r.bytesPerSecond.toFixed(0).padStart(6)} B/s  (${r.bytes} B in ${seconds} s)  ` +
      `${r.frames} frames (${r.framesPerSecond.toFixed(2)}/s)  CPU ${r.cpuMsPerSecond.toFixed(1)} ms/s`,
  );
}
const [quiet, busy] = results;
if (busy.frames > quiet.frames) {
  console.log(`≈ CPU per frame: ${((busy.cpu - quiet.cpu) / (busy.frames - quiet.frames)).toFixed(1)} ms (extra CPU / extra frames)`);
}
