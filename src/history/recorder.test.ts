import { describe, expect, it } from 'vitest';
import { message, pageTask, source, statusA } from '../domain/testing/factories.js';
import { rememberRun, type RunMemory } from '../poll/run-memory.js';
import { createMemoryHistoryStore } from './memory-store.js';
import { createRunRecorder, recordRemembered } from './recorder.js';
import type { HistoryStore } from './store.js';

const SERVER = 'https://auth.example.com';
const REF = { kind: 'ldap', id: 'corp-ad' } as const;
const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 11, 1, 2, minute, second));

/** A whole generation A run starting at `minute`: one page of each type, membership done, so it is complete. */
function wholeRun(minute: number, problem = false) {
  return [
    pageTask('corp-ad', 'users', [message('Synced 50 objects.')], { start: at(minute), finish: at(minute, 20) }),
    pageTask('corp-ad', 'groups', [message('Synced 8 objects.')], { start: at(minute, 1), finish: at(minute, 25) }),
    pageTask('corp-ad', 'membership', [...(problem ? [message("Group does not exist in our DB yet, run sync_groups first: 'cn=x'")] : []), message('Synced 9 objects.')], { start: at(minute, 30), finish: at(minute, 50) }),
  ];
}

function poll(memory: RunMemory | null, tasks: ReturnType<typeof wholeRun>, minute: number): RunMemory {
  return rememberRun(memory, statusA(tasks), at(minute).getTime(), 'corp-ad', source('corp-ad'));
}

describe('the run recorder fed by a poll', () => {
  it('records a run once when it ends, however many polls see it', () => {
    const store = createMemoryHistoryStore([], () => at(59).getTime());
    const recorder = createRunRecorder({ store, server: `${SERVER}/api/v3/`, now: () => at(59).getTime() });
    let memory: RunMemory | null = null;
    // The run's first pages: not complete yet (membership to come), nothing recorded.
    memory = poll(memory, wholeRun(0).slice(0, 2), 0);
    recordRemembered(recorder, REF, 'A', memory);
    expect(store.records).toHaveLength(0);
    const run = wholeRun(0);
    for (const minute of [1, 2, 3]) {
      memory = poll(memory, run, minute);
      recordRemembered(recorder, REF, 'A', memory);
    }
    expect(store.records).toHaveLength(1);
    expect(store.records[0]).toMatchObject({ server: SERVER, kind: 'ldap', id: 'corp-ad', pages: 3, objects: 67, verdict: 'OK' });

    // The next run replaces it (authentik deletes the old tasks): recorded in turn, the old one not again.
    const next = wholeRun(10, true);
    for (const minute of [11, 12]) {
      memory = poll(memory, next, minute);
      recordRemembered(recorder, REF, 'A', memory);
    }
    expect(store.records.map((r) => r.verdict)).toEqual(['OK', 'WARNING']);
    expect(recorder.history(REF).map((r) => r.verdict)).toEqual(['WARNING', 'OK']);
  });

  it('a second process sees the same run, or what is left of it as its pages expire: no second record', () => {
    const store = createMemoryHistoryStore([], () => at(59).getTime());
    const run = wholeRun(0);
    createRunRecorder({ store, server: SERVER }).observe(REF, 'A', run);
    const other = createRunRecorder({ store, server: SERVER });
    expect(other.observe(REF, 'A', run)).toBeNull();
    expect(other.observe(REF, 'A', run.slice(1))).toBeNull();
    expect(store.records).toHaveLength(1);
    // More of a run than was recorded (it was judged complete too early): the fuller record replaces it.
    const fuller = [...run, pageTask('corp-ad', 'membership', [message('Synced 1 objects.')], { start: at(0, 51), finish: at(0, 55) })];
    expect(other.observe(REF, 'A', fuller)?.pages).toBe(4);
    expect(other.history(REF)).toHaveLength(1);
  });

  it('says why when runs cannot be kept, and tells who listens', () => {
    const broken: HistoryStore = {
      ...createMemoryHistoryStore(),
      append: () => ({ ok: false, warning: "Run history is not saved: '/x' is a symbolic link." }),
    };
    const recorder = createRunRecorder({ store: broken, server: SERVER });
    let told = 0;
    recorder.subscribe(() => (told += 1));
    expect(recorder.observe(REF, 'A', wholeRun(0))).toBeNull();
    expect(recorder.problem()).toBe("Run history is not saved: '/x' is a symbolic link.");
    expect(told).toBe(1);
  });
});
