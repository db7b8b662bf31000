// The monitor says a run is in progress from its first frame to the frame with its last page, and not a poll
// longer, on both API generations. On 2024.8–2025.6 authentik's is_running is false while the pages run.
import { describe, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import { call } from '../../src/simulator/testing.js';
import { firstFrame, monitorArgs, type OnFinished } from './fixtures.js';
import { spawnAksync } from './harness.js';

const STATUS = '/sources/ldap/corp-ad/sync/status/';
const RUN_LINE_ENDED = /^Run \d\d:\d\d:\d\d → \d\d:\d\d:\d\d/m;

/** The `running` scenario moved on to 40 of its 101 pages (each status poll reveals 20), the pages a minute old. */
async function midRun(onFinished: OnFinished, generation: 'A' | 'B') {
  const sim = await startSimulator({ generation, scenario: 'running', now: () => new Date(Date.now() - 60_000) });
  onFinished(() => sim.close());
  for (let i = 0; i < 3; i++) await call(sim, STATUS);
  return sim;
}

describe.concurrent('a run in progress', () => {
  for (const generation of ['A', 'B'] as const) {
    it(`generation ${generation}: the first frame says the run is running, the frame with its last page says it ended`, async ({ expect, onTestFinished }) => {
      const sim = await midRun(onTestFinished, generation);
      const terminal = spawnAksync(monitorArgs(sim, '--interval', '1'), { cols: 120, rows: 36, env: { AUTHENTIK_TOKEN: sim.token } });
      onTestFinished(() => terminal.dispose());

      const first = await firstFrame(terminal);
      expect(first).toMatch(/sync running/);
      expect(first).toMatch(/^Run \d\d:\d\d:\d\d → now/m);
      expect(first).not.toMatch(RUN_LINE_ENDED);

      const last = await terminal.waitFor(/^OK\b.*\b101 pages, \d+ objects synced/m, { description: 'the verdict with all 101 pages done' });
      expect(last).toMatch(RUN_LINE_ENDED);
      expect(last).not.toMatch(/sync running|may still be in progress/);
    });
  }
});
