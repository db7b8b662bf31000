// `npm run bench`: every benchmark that has a budget (each row of issue 11's table), one after another (they share two
// cores badly), each printing PASS/FAIL lines; exits non-zero if any budget fails. Timings are ratios against a floor
// measured in the same run (a bare fetch and print; JSON.parse of the same bytes; the old code for CPU per frame);
// bytes and memory are absolute. The load average is printed beside each benchmark: on a busy machine timings are
// upper bounds. Options after `--` go to every benchmark (`npm run bench -- --runs 5`).
//
//   row of the table                                         benchmark
//   bytes per spinner step, bytes per j, output while running frame-bytes.mjs
//   CPU per frame at 120x40 (against fca94e7 in ../base)      frame-cpu.mjs
//   first frame with data, aksync status (against the floor)  startup-ratio.mjs
//   one 34 MB poll (against JSON.parse)                       poll-cost.mjs
//   j in a 100,000-message log while 34 MB polls land         log-keys.mjs
//   RSS: 34 MB polls; 60 s at --interval 0.25                 memory-budget.mjs
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './lib.mjs';

const BENCHMARKS = ['frame-bytes.mjs', 'frame-cpu.mjs', 'startup-ratio.mjs', 'poll-cost.mjs', 'log-keys.mjs', 'memory-budget.mjs'];

const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
const verdicts = [];
console.log(`${new Date().toISOString()}  ${os.cpus().length} CPUs, Node ${process.version}, load average ${load()}`);
for (const name of BENCHMARKS) {
  const file = path.join(REPO_ROOT, 'scripts', 'bench', name);
  if (!existsSync(file)) {
    verdicts.push(`FAIL ${name} is missing`);
    continue;
  }
  console.log(`\n== ${name} (load average ${load()})`);
  const started = performance.now();
  const run = spawnSync(process.execPath, [file, ...process.argv.slice(2)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(run.stdout);
  const tag = `[load ${load()}]`;
  console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s, load average ${load()})`);
  verdicts.push(...run.stdout.split('\n').filter((line) => /^(PASS|FAIL) /.test(line)).map((line) => `${line}  ${tag}`));
  if (run.status !== 0 && !run.stdout.includes('FAIL ')) verdicts.push(`FAIL ${name} exited ${run.status ?? run.signal}  ${tag}`);
}
console.log('\n== budgets');
for (const line of verdicts) console.log(line);
process.exitCode = verdicts.some((line) => line.startsWith('FAIL')) ? 1 : 0;
