// A check taken in the middle of a run reports it running, on both API generations: on 2024.8–2025.6 authentik's
// is_running is already false while the pages run, so the run's own pages have to tell.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { call, simulatorsForTests } from '../../src/simulator/testing.js';
import { captureIo } from './io.js';

const xdg = mkdtempSync(path.join(tmpdir(), 'aksync-cli-'));
const STATUS = '/sources/ldap/corp-ad/sync/status/';
// The pages finished a minute before the check: a slow LDAP server, or a check that came between two pages.
const start = simulatorsForTests(afterEach, { scenario: 'running', now: () => new Date(Date.now() - 60_000) });

describe('aksync status in the middle of a run', () => {
  for (const generation of ['A', 'B'] as const) {
    it(`generation ${generation}: says running in the plugin line, the run line and the JSON`, async () => {
      const sim = await start({ generation });
      // The run moves on with each status poll: enumerating, then 20 pages, then 40.
      for (let i = 0; i < 3; i++) await call(sim, STATUS);
      if (generation === 'A') expect((await call(sim, STATUS)).json).toMatchObject({ is_running: false });
      const env = { AUTHENTIK_URL: sim.url, AUTHENTIK_TOKEN: sim.token, XDG_CONFIG_HOME: xdg };

      const text = captureIo(env);
      await main(['status', 'corp-ad'], text);
      const [pluginLine] = text.out().split('\n');
      expect(pluginLine).toMatch(/^OK: corp-ad \(sync in progress\): /);
      expect(text.out()).toMatch(/^Run .*, in progress$/m);
      expect(text.out()).not.toMatch(/finished/);

      const json = captureIo(env);
      await main(['status', 'corp-ad', '--json'], json);
      const report = JSON.parse(json.out());
      expect(report.running).toBe(true);
      if (generation === 'A') expect(report.totals.pages).toBeLessThan(101);
    });
  }
});
