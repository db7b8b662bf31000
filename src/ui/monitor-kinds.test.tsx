// The monitor shows each kind's run in its own terms: a provider's pages per object type pushed out, with the
// objects that failed named; Kerberos's one task.
import { describe, expect, it } from 'vitest';
import { MIN_COLUMNS, MIN_ROWS } from './layout.js';
import { widthOf } from './text.js';
import { RUN_START, logMessage, monitorData, page } from './testing/fixtures.js';
import { renderScreen } from './testing/render-screen.js';
import { waitForFrame } from './testing/wait-for-frame.js';
import { KINDS } from '../kinds/registry.js';

const at = (s: number) => new Date(RUN_START.getTime() + s * 1000);
const scimLine = (event: string, level = 'info', attributes: Record<string, unknown> = {}) =>
  logMessage(event, level, RUN_START, { logger: 'SCIM Provider@authentik.core.models.User', attributes });

/** Slack SCIM: three user pages (two users fail on the second, one with a hostile name) and one group page. */
function providerRun() {
  return [
    page('users', [], { start: at(1) }),
    page(
      'users',
      [
        scimLine('Failed to sync User m.okafor due to transient error: <Response [400]>', 'warning', { obj: { model_name: 'user', name: 'Mary Okafor' } }),
        scimLine('Failed to sync User evil\u001b]0;pwned\u0007 due to error: Invalid email domain', 'warning'),
      ],
      { start: at(2) },
    ),
    page('users', [], { start: at(3) }),
    page('groups', [], { start: at(4) }),
  ];
}

const lines = (frame: string) => frame.split('\n');

describe('the monitor of an outgoing provider', () => {
  it('shows pages per object type pushed to the provider, and names each object that failed', async () => {
    const screen = renderScreen({ kind: 'scim', slug: '3', data: monitorData({ tasks: providerRun() }) });
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 4'));
    expect(frame).toMatch(/Run 14:02:01 → \S+ · 5\.\ds · 4 pages · 2 objects failed · 0 errors/);
    expect(frame).toMatch(/authentik → SCIM +pages +failed +errors/);
    expect(frame).toMatch(/\nusers +3 +2 +0/);
    expect(frame).toMatch(/\ngroups +1 +0 +0/);
    expect(frame).toContain('! user m.okafor: transient error: <Response [400]>');
    // The server's text cannot drive the terminal: the escape is shown, not sent.
    expect(frame).toContain('! user evil\\x1b]0;pwned\\x07: error: Invalid email domain');
    expect(frame).not.toContain('\u001b]0;');
    // LDAP's words are not used for a provider's run.
    expect(frame).not.toMatch(/objects +problems/);
    expect(frame).not.toMatch(/membership +0/);
  });

  it('says how many more failed when they outnumber the lines, and fits the smallest terminal', async () => {
    const many = Array.from({ length: 9 }, (_, i) => scimLine(`Failed to sync User user${i} due to transient error: <Response [400]>`, 'warning'));
    const tasks = [page('users', many), page('groups', [])];
    const big = renderScreen({ kind: 'scim', slug: '3', columns: 100, rows: 40, data: monitorData({ tasks }) });
    const frame = await waitForFrame(big.lastFrame, (f) => f.includes('Tasks 2'));
    expect(frame).toContain('! user user3: transient error');
    expect(frame).not.toContain('user user4:');
    expect(frame).toContain('! and 5 more failed objects: i on a page lists them all');

    const small = renderScreen({ kind: 'scim', slug: '3', columns: MIN_COLUMNS, rows: MIN_ROWS, data: monitorData({ tasks }) });
    const tiny = await waitForFrame(small.lastFrame, (f) => f.includes('Tasks 2'));
    expect(tiny).toMatch(/authentik → SCIM: users 1p 9 failed · groups 1p 0 failed/);
    expect(lines(tiny).length).toBeLessThanOrEqual(MIN_ROWS - 1);
    for (const l of lines(tiny)) expect(widthOf(l)).toBeLessThanOrEqual(MIN_COLUMNS);
  });
});

describe("judged by the provider's own rules", () => {
  it("counts only failed objects, not the run's progress lines, and ends the run window", async () => {
    const tasks = [
      page('users', [scimLine('Syncing page 1 of Users')], { start: at(1) }),
      page('users', [scimLine('Syncing page 2 of Users'), scimLine('Failed to sync User m.okafor due to transient error: <Response [400]>', 'warning')], { start: at(2) }),
      page('groups', [scimLine('Syncing page 1 of Groups')], { start: at(4) }),
    ];
    const screen = renderScreen({ kind: 'scim', slug: '7', data: monitorData({ tasks, rules: KINDS.scim.rules }) });
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 3'));
    expect(frame).toMatch(/Run 14:02:01 → 14:02:06 · 5\.\ds · 3 pages · 1 object failed · 0 errors/);
    expect(frame).not.toMatch(/other problem/);
    expect(frame).toContain('! user m.okafor: transient error: <Response [400]>');
  });
});

describe('the monitor of a Kerberos source', () => {
  it('shows its one task, not pages by type', async () => {
    const task = page('run', [logMessage('Task has been queued'), logMessage('Task is being processed'), logMessage('Task finished processing without errors')], {
      kind: 'run',
      start: at(0),
      finish: at(8),
      durationSeconds: 7.8,
    });
    const screen = renderScreen({ kind: 'kerberos', slug: 'corp-krb', data: monitorData({ tasks: [task] }) });
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 1'));
    expect(frame).toMatch(/Run 14:02:00 → 14:02:08 · 8s · one task · 0 problems · 0 errors/);
    expect(frame).toContain('realm principals → authentik users, in one task');
    expect(frame).not.toMatch(/membership/);
  });
});
