// Resident memory of the monitor polling fast (--interval 0.25) against the lively scenario for a while.
// Usage: npm run build && node scripts/bench/memory.mjs [--minutes 10]
import { HAS_DATA, option, rssKiB, sleep, spawnInTerminal, startSimulator } from './lib.mjs';

const minutes = Number(option('minutes', '10'));
const sim = await startSimulator('lively');
const t = spawnInTerminal(['corp-ad', '--url', sim.url, '--interval', '0.25'], { cols: 120, rows: 40, env: { AUTHENTIK_TOKEN: sim.token } });
await t.waitFor(HAS_DATA);
const started = performance.now();
const mb = (kib) => `${(kib / 1024).toFixed(1)} MB`;
const samples = [{ at: 0, rss: rssKiB(t.pid) }];
console.log(`start: ${mb(samples[0].rss)}`);
const end = started + minutes * 60_000;
let nextReport = 60_000;
while (performance.now() < end) {
  await sleep(Math.min(5_000, end - performance.now()));
  const at = performance.now() - started;
  samples.push({ at, rss: rssKiB(t.pid) });
  if (at >= nextReport) {
    console.log(`after ${(at / 60_000).toFixed(1)} min: ${mb(samples.at(-1).rss)} (max so far ${mb(Math.max(...samples.map((s) => s.rss)))})`);
    nextReport += 60_000;
  }
}
const requests = sim.requests.length;
console.log(`end (${minutes} min): ${mb(samples.at(-1).rss)}; max ${mb(Math.max(...samples.map((s) => s.rss)))}; ${requests} requests served`);
await t.close();
await sim.close();
