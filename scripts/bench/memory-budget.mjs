// Resident memory against its budgets: the monitor polling fast (--interval 0.25, the lively scenario) for 60 s
// (≤ 110 MB at 60 s, and flat: at most 10 % above the 30 s reading), and the monitor of the 34 MB source while its
// answer changes every poll (never above 500 MB, sampled every 100 ms).
// Usage: npm run build && node scripts/bench/memory-budget.mjs [--seconds 60]
import { HAS_DATA, option, rssKiB, sleep, spawnInTerminal, startHugeServer, startSimulator, verdictLine } from './lib.mjs';

const seconds = Number(option('seconds', '60'));
const mb = (kib) => kib / 1024;
const verdicts = [];

{
  const sim = await startSimulator('lively');
  const t = spawnInTerminal(['corp-ad', '--url', sim.url, '--interval', '0.25'], { cols: 120, rows: 40, env: { AUTHENTIK_TOKEN: sim.token } });
  await t.waitFor(HAS_DATA, 120_000);
  const started = performance.now();
  let half = NaN;
  while (performance.now() - started < seconds * 1000) {
    await sleep(1000);
    if (Number.isNaN(half) && performance.now() - started >= (seconds * 1000) / 2) half = rssKiB(t.pid);
  }
  const end = rssKiB(t.pid);
  console.log(`--interval 0.25: ${mb(half).toFixed(1)} MB at ${seconds / 2} s, ${mb(end).toFixed(1)} MB at ${seconds} s (${sim.requests.length} requests logged)`);
  verdicts.push(verdictLine(`rss-${seconds}s-interval-0.25`, mb(end), 110, ' MB'));
  verdicts.push(verdictLine('rss-growth-second-half', end / half, 1.1, 'x'));
  await t.close();
  await sim.close();
}

{
  const server = await startHugeServer();
  const t = spawnInTerminal(['corp-ad', '--url', server.url, '--interval', '1'], { cols: 120, rows: 40, env: { AUTHENTIK_TOKEN: server.token } });
  const flipper = setInterval(() => server.mutate(), 1000);
  let peak = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    peak = Math.max(peak, rssKiB(t.pid));
    await sleep(100);
  }
  clearInterval(flipper);
  console.log(`34 MB polls, changing every second, ${seconds} s: peak ${mb(peak).toFixed(0)} MB`);
  verdicts.push(verdictLine('rss-peak-34mb-polls', mb(peak), 500, ' MB'));
  await t.close();
  await server.close();
}

for (const { text } of verdicts) console.log(text);
process.exit(verdicts.every((v) => v.pass) ? 0 : 1);
