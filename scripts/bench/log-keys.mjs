// `j` in a 100,000-message log while 34 MB polls land: the time from a key press to the first byte of the frame that
// answers it, p90 over many presses, spread so they fall before, during and after polls. Two rounds: polls whose
// answer is unchanged (a finished run: most polls) and polls whose answer changes every time.
// Usage: npm run build && node scripts/bench/log-keys.mjs [--presses 40] [--interval 1]
import { option, percentile, sleep, spawnInTerminal, startHugeServer, verdictLine } from './lib.mjs';

const presses = Number(option('presses', '40'));
const interval = option('interval', '1');
const BUDGET_MS = 200;
const server = await startHugeServer();

async function round(changing) {
  const t = spawnInTerminal(['corp-ad', '--url', server.url, '--interval', interval], { cols: 120, rows: 40, env: { AUTHENTIK_TOKEN: server.token } });
  let flipper;
  try {
    await t.waitFor(/\bWARNING\b|\bOK\b|\bCRITICAL\b/, 300_000);
    t.press('e');
    await t.waitFor(/problems and errors only/, 120_000);
    t.press('\r');
    await t.waitFor(/Imported Contact/, 120_000);
    if (changing) flipper = setInterval(() => server.mutate(), Number(interval) * 1000);
    const latencies = [];
    for (let i = 0; i < presses; i++) {
      await sleep(150 + Math.random() * 400);
      const before = t.chunks.length;
      const pressedAt = performance.now();
      t.press(i % 10 === 9 ? 'g' : 'j');
      const deadline = pressedAt + 30_000;
      while (t.chunks.length === before && performance.now() < deadline) await sleep(2);
      latencies.push((t.chunks[before]?.at ?? deadline) - pressedAt);
    }
    const requests = server.requests?.() ?? '';
    return { p90: percentile(latencies, 90), median: percentile(latencies, 50), max: Math.max(...latencies), requests };
  } finally {
    clearInterval(flipper);
    await t.close();
  }
}

const verdicts = [];
for (const [name, changing] of [['log-keys-p90', false], ['log-keys-p90-changing-polls', true]]) {
  const result = await round(changing);
  console.log(`${name}: median ${result.median.toFixed(0)} ms, p90 ${result.p90.toFixed(0)} ms, max ${result.max.toFixed(0)} ms (${presses} presses, --interval ${interval})`);
  verdicts.push(verdictLine(name, result.p90, BUDGET_MS, ' ms'));
}
for (const { text } of verdicts) console.log(text);
await server.close();
process.exit(verdicts.every((v) => v.pass) ? 0 : 1);
