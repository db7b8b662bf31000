// `npm run bench`: every benchmark that has a budget, one after another (they share two cores badly), each printing
// PASS/FAIL lines; exits non-zero if any budget fails. Timings are ratios against a floor measured in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './lib.mjs';

const BENCHMARKS = [
  'frame-bytes.mjs',
  'startup-ratio.mjs',
  // Added by the poll and memory work, when present.
  'poll-cost.mjs',
  'log-keys.mjs',
  'memory-budget.mjs',
];

const verdicts = [];
for (const name of BENCHMARKS) {
  const file = path.join(REPO_ROOT, 'scripts', 'bench', name);
  if (!existsSync(file)) continue;
  console.log(`\n== ${name}`);
  const run = spawnSync(process.execPath, [file, ...process.argv.slice(2)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(run.stdout);
  verdicts.push(...run.stdout.split('\n').filter((line) => /^(PASS|FAIL) /.test(line)));
  if (run.status !== 0 && !run.stdout.includes('FAIL ')) verdicts.push(`FAIL ${name} exited ${run.status ?? run.signal}`);
}
console.log('\n== budgets');
for (const line of verdicts) console.log(line);
process.exitCode = verdicts.some((line) => line.startsWith('FAIL')) ? 1 : 0;
