// A second aksync process, as far as the history store is concerned: appends `count` runs, each ending on its own
// hour (`offset` apart from the other writer's), with small limits so compactions run while the other one writes.
// Bundled by store.test.ts with esbuild and run with node.
import { openHistoryStore } from '../store.js';
import { runRecord } from './records.js';

const [dir, name, countText, offsetText, limitsText, baseText] = process.argv.slice(2);
const store = openHistoryStore({ dir: dir as string, limits: JSON.parse(limitsText as string) });
const base = Number(baseText);
for (let i = 0; i < Number(countText); i++) {
  const finish = base + (2 * i + Number(offsetText)) * 3600_000;
  const result = store.append(runRecord(finish, { run_id: `${name}-${i}` }));
  if (!result.ok) {
    process.stderr.write(`${result.warning}\n`);
    process.exit(1);
  }
}
