// `j` in a 100,000-message log while 34 MB polls land: the time from a key press to the first byte of the frame that
// answers it, p90 over many presses, spread so they fall before, during and after polls. Two rounds: polls whose
// answer is unchanged (a finished run: most polls) and polls whose answer changes every time. In each round, also
// Enter and Esc between the task table and that log (the field report's stall): the time from the key to the screen
// showing the other view, worst case.
// Usage: npm run build && node scripts/bench/log-keys.mjs [--presses 40] [--interval 1] [--cycles 8]
import { option, percentile, sleep, spawnInTerminal, startHugeServer, verdictLine } from './lib.mjs';

const presses = Number(option('presses', '40'));
const interval = option('interval', '1');
const cycles = Number(option('cycles', '8'));
const BUDGET_MS = 200;
const OPEN_LEAVE_BUDGET_MS = 300;
/** The log's title line says its level; the table (with e on) says what it filters. */
const LOG_SHOWN = /level all/;
const TABLE_SHOWN = /^(?![\s\S]*level all)[\s\S]*problems and errors only/;
const server = await startHugeServer();

async function round(changing) {
  const t = spawnInTerminal(['corp-ad', '--url', server.url, '--interval', interval], { cols: 120, rows: 40, env: { AUTHENTIK_TOKEN: server.token } });
  let flipper;
  try {
    await t.waitFor(/\bWARNING\b|\bOK\b|\bCRITICAL\b/, 300_000);
    t.press('e');
    await t.waitFor(/problems and errors only/, 120_000);
    t.press('\r');
    await t.waitFor(LOG_SHOWN, 120_000);
    if (changing) flipper = setInterval(() => server.mutate(), Number(interval) * 1000);
    const openLeave = [];
    for (let i = 0; i < cycles; i++) {
      for (const [key, shown] of [['\x1b', TABLE_SHOWN], ['\r', LOG_SHOWN]]) {
        await sleep(150 + Math.random() * 400);
        const pressedAt = performance.now();
        t.press(key);
        await t.waitFor(shown, 120_000);
        openLeave.push(performance.now() - pressedAt);
      }
    }
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
    return { p90: percentile(latencies, 90), median: percentile(latencies, 50), max: Math.max(...latencies), requests, openLeave };
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
  if (result.openLeave.length > 0) {
    const worst = Math.max(...result.openLeave);
    console.log(`${name.replace('log-keys-p90', 'log-open-leave')}: median ${percentile(result.openLeave, 50).toFixed(0)} ms, worst ${worst.toFixed(0)} ms (${result.openLeave.length} Enter/Esc)`);
    verdicts.push(verdictLine(name.replace('log-keys-p90', 'log-open-leave-worst'), worst, OPEN_LEAVE_BUDGET_MS, ' ms'));
  }
}
for (const { text } of verdicts) console.log(text);
await server.close();
process.exit(verdicts.every((v) => v.pass) ? 0 : 1);
