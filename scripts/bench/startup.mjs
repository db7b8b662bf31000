// Time from starting `aksync corp-ad` in a 120x40 terminal to its first frame, and to the first frame with data.
// Usage: npm run build && node scripts/bench/startup.mjs [--runs 10]
import { formatMs, HAS_DATA, option, spawnInTerminal, startSimulator, stats } from './lib.mjs';

const runs = Number(option('runs', '10'));
const sim = await startSimulator('healthy');
const firstPaint = [];
const firstData = [];
for (let i = 0; i < runs; i++) {
  const t = spawnInTerminal(['corp-ad', '--url', sim.url], { env: { AUTHENTIK_TOKEN: sim.token } });
  firstPaint.push(await t.waitFor(/^aksync /m));
  firstData.push(await t.waitFor(HAS_DATA));
  await t.close();
}
await sim.close();
console.log(`first frame:           ${formatMs(stats(firstPaint))}`);
console.log(`first frame with data: ${formatMs(stats(firstData))}`);
