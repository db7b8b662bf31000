// Wall time of `aksync status corp-ad` (piped output, as a monitoring agent runs it), and of `aksync --version`
// for the cost of starting node and the CLI alone.
// Usage: npm run build && node scripts/bench/status.mjs [--runs 10]
import { formatMs, option, startSimulator, stats, timePiped } from './lib.mjs';

const runs = Number(option('runs', '10'));
const sim = await startSimulator('healthy');
const env = { AUTHENTIK_TOKEN: sim.token };
const measure = async (args) => {
  const times = [];
  for (let i = 0; i < runs; i++) times.push((await timePiped(args, env)).ms);
  return stats(times);
};
await timePiped(['--version'], env); // warm the file cache
console.log(`aksync --version:        ${formatMs(await measure(['--version']))}`);
console.log(`aksync status corp-ad:   ${formatMs(await measure(['status', 'corp-ad', '--url', sim.url]))}`);
console.log(`aksync status --json:    ${formatMs(await measure(['status', 'corp-ad', '--url', sim.url, '--json']))}`);
await sim.close();
