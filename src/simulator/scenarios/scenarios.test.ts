import { afterEach, describe, expect, it } from 'vitest';
import { call, manualClock, simulatorsForTests } from '../testing.js';
import { BIG_MESSAGES, BIG_TASKS } from './big.js';

const sim = simulatorsForTests(afterEach);

const STATUS = '/sources/ldap/corp-ad/sync/status/';

describe('lively', () => {
  it('starts a run every minute of the clock; pages arrive over ~40 s and stay until the next run', async () => {
    const clock = manualClock('2026-09-21T10:00:30.000Z');
    const s = await sim({ scenario: 'lively', now: clock.now });
    const poll = async () => (await call(s, STATUS)).json;
    const midRun = (await poll()).tasks.length;
    expect(midRun).toBeGreaterThan(50);
    expect(midRun).toBeLessThan(101);
    clock.advance(15_000);
    expect((await poll()).tasks).toHaveLength(101);
    clock.advance(16_000); // 10:01:01, the next run is enumerating and has deleted the last one's tasks
    expect(await poll()).toEqual({ is_running: true, tasks: [] });
    clock.advance(5_000);
    const early = await poll();
    expect(early.is_running).toBe(false);
    expect(early.tasks.length).toBeGreaterThan(0);
    expect(early.tasks.length).toBeLessThan(10);
  });

  it('is deterministic for the same clock, and varies between runs', async () => {
    const bodies = async () => {
      const clock = manualClock('2026-09-21T10:00:50.000Z');
      const s = await sim({ scenario: 'lively', now: clock.now });
      const events: string[] = [];
      for (let i = 0; i < 10; i++) {
        const tasks = (await call(s, STATUS)).json.tasks;
        events.push(tasks.flatMap((t: any) => t.messages.map((m: any) => m.event)).filter((e: string) => !e.startsWith('Synced')).join('|'));
        clock.advance(60_000);
      }
      return events;
    };
    const first = await bodies();
    expect(await bodies()).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(2);
  });

  it('reports every-minute schedule and a rolling task list in generation B', async () => {
    const clock = manualClock('2026-09-21T10:00:10.000Z');
    const s = await sim({ scenario: 'lively', generation: 'B', now: clock.now });
    expect((await call(s, STATUS)).json.is_running).toBe(true);
    clock.advance(40_000);
    expect((await call(s, STATUS)).json).toMatchObject({ is_running: false });
    const schedules = (await call(s, '/tasks/schedules/?actor_name=authentik.sources.ldap.tasks.ldap_sync')).json.results;
    expect(schedules.find((r: any) => r.uid.endsWith(':corp-ad'))).toMatchObject({ crontab: '* * * * *', next_run: expect.stringMatching(/^2026-09-21T10:01:00\.\d{6}Z$/) });
  });
});

describe('hostile', () => {
  it('sends escape sequences, bidi overrides and wide text untouched', async () => {
    const s = await sim({ scenario: 'hostile' });
    const text = (await call(s, STATUS)).text;
    const body = JSON.parse(text);
    const all = JSON.stringify(body.tasks.map((t: any) => [t.uid, t.description, t.messages]));
    for (const needle of ['\x1b]0;pwned\x07', '\x1b]52;c;', '\x1b[2J', '\x9b', '\u202e', '山田太郎', '👩‍💻']) {
      expect(all).toContain(JSON.stringify(needle).slice(1, -1));
    }
  });
});

describe('big', () => {
  it(`returns ${BIG_TASKS} tasks, one with ${BIG_MESSAGES} messages`, async () => {
    const s = await sim({ scenario: 'big' });
    const tasks = (await call(s, STATUS)).json.tasks;
    expect(tasks).toHaveLength(BIG_TASKS);
    expect(Math.max(...tasks.map((t: any) => t.messages.length))).toBe(BIG_MESSAGES);
  });
});
