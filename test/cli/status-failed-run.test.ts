// A rejected run (2025.8+: the LDAP server was down, authentik retried 5 times) counts as an error in every part of
// `status`: the plugin line, the perfdata, the text and the JSON say the same numbers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { simulatorsForTests } from '../../src/simulator/testing.js';
import { captureIo } from './io.js';

const xdg = mkdtempSync(path.join(tmpdir(), 'aksync-cli-'));
const start = simulatorsForTests(afterEach, { generation: 'B', now: () => new Date() });

describe('aksync status of a rejected run', () => {
  it('counts the failed run as an error everywhere, and names it once', async () => {
    const sim = await start();
    const env = { AUTHENTIK_URL: sim.url, AUTHENTIK_TOKEN: sim.token, XDG_CONFIG_HOME: xdg };

    const text = captureIo(env);
    expect(await main(['status', 'ldap-down'], text)).toBe(2);
    const [pluginLine = ''] = text.out().split('\n');
    expect(pluginLine).toMatch(/^CRITICAL: ldap-down: the sync run failed \(rejected after 5 retries\): socket connection error/);
    expect(pluginLine).toMatch(/\| .*\bproblems'?=1\b.*\berrors'?=1\b/);
    expect(text.out()).toMatch(/^Errors {4}1 task; first: sync run [0-9a-f]{8}: socket connection error/m);
    expect(text.out()).not.toMatch(/run run|run :/);

    const json = captureIo(env);
    await main(['status', 'ldap-down', '--json'], json);
    const report = JSON.parse(json.out());
    expect(report.totals).toEqual({ pages: 0, objects: 0, problems: 1, errors: 1 });
    expect(report.problems).toHaveLength(report.totals.problems);
    expect(report.first_error.text).toMatch(/socket connection error/);
    expect(report.types.at(-1)).toEqual({ type: 'run', pages: 0, objects: 0, problems: 1, errors: 1 });
  });
});
