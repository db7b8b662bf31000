import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { latestRun, syncTaskB, taskStateB } from './adapter-b.js';
import { taskSchema } from './schemas-b.js';
import { example } from './test-support/examples.js';
import { newestFirst, pageTask, parentTask, threeRuns } from './test-support/tasks-b.js';

const parse = (tasks: unknown[]) => z.array(taskSchema).parse(tasks);
const ids = (run: ReturnType<typeof latestRun>) => run.tasks.map((t) => t.id);

describe('syncTaskB on the 2026.8.3 example', () => {
  const [page, parent] = parse(example('b-tasks-2026.8.3').results);

  it('maps a page task: uid parts, state from aggregated_status, start from "being processed", finish from mtime', () => {
    const task = syncTaskB(page!, 'corp-ad');
    expect(task).toMatchObject({
      id: '1f6a2c9e-8b3d-4e7a-a5c0-7d2e9b4f1a68',
      uid: 'corp-ad:users:c8e1f5a2-3d6b-4a09-9f7e-4b2d0c6a8e15',
      slug: 'corp-ad',
      type: 'users',
      pageId: 'c8e1f5a2-3d6b-4a09-9f7e-4b2d0c6a8e15',
      kind: 'page',
      state: 'ok',
      rawStatus: 'info',
      start: new Date('2026-09-21T10:13:05.302118Z'),
      finish: new Date('2026-09-21T10:13:07.884512Z'),
      previousMessages: [],
      retries: 0,
    });
    expect(task.durationSeconds).toBeCloseTo(2.582, 3);
    expect(task.messages.map((m) => m.event)).toEqual([
      'Task has been queued',
      'Task is being processed',
      "'m.okafor': Reset user's password",
      "Uniqueness field not found/not set in attributes: 'CN=Facilities Hotline,OU=Contacts,DC=corp,DC=example,DC=com'",
      'Synced 49 objects.',
      'Task finished processing without errors',
    ]);
    expect(task.messages[3]?.attributes).toMatchObject({ dn: 'CN=Facilities Hotline,OU=Contacts,DC=corp,DC=example,DC=com' });
  });

  it('maps a rejected parent: a run task, error, its retries and earlier attempts', () => {
    const task = syncTaskB(parent!, 'corp-ad');
    expect(task).toMatchObject({
      uid: 'corp-ad',
      slug: 'corp-ad',
      type: 'run',
      pageId: '',
      kind: 'run',
      state: 'error',
      rawStatus: 'rejected',
      start: new Date('2026-09-21T06:22:31.027719Z'),
      finish: new Date('2026-09-21T06:22:31.640277Z'),
      retries: 5,
    });
    expect(task.messages.map((m) => m.level)).toEqual(['info', 'info', 'error']);
    expect(task.previousMessages).toHaveLength(4);
  });

  it('sorts logs by timestamp', () => {
    const body = example('b-tasks-2026.8.3').results[0];
    body.logs.reverse();
    const task = syncTaskB(parse([body])[0]!, 'corp-ad');
    expect(task.messages.map((m) => m.timestamp?.toISOString())).toEqual(
      [...task.messages.map((m) => m.timestamp?.toISOString())].sort(),
    );
    expect(task.messages[0]?.event).toBe('Task has been queued');
  });

  it('reads the 2025.8 names messages / previous_messages', () => {
    const body = example('b-tasks-2026.8.3').results[1];
    body.messages = body.logs;
    body.previous_messages = body.previous_logs;
    delete body.logs;
    delete body.previous_logs;
    const task = syncTaskB(parse([body])[0]!, 'corp-ad');
    expect(task.messages).toHaveLength(3);
    expect(task.previousMessages).toHaveLength(4);
  });

  it('a task not finished has no finish time', () => {
    const [running] = parse([pageTask({ id: 'x', queued: '12:00:00', processed: '12:00:05', mtime: '12:00:05', state: 'running', aggregated: 'running' })]);
    expect(syncTaskB(running!, 'corp-ad')).toMatchObject({ state: 'running', finish: null, durationSeconds: null });
  });
});

describe('taskStateB', () => {
  it.each([
    ['done', 'ok'],
    ['info', 'ok'],
    ['warning', 'warning'],
    ['error', 'error'],
    ['rejected', 'error'],
    ['queued', 'queued'],
    ['consumed', 'queued'],
    ['waiting_for_dependencies', 'queued'],
    ['preprocess', 'running'],
    ['running', 'running'],
    ['postprocess', 'running'],
    ['unknown', 'unknown'],
    ['paused_by_operator', 'unknown'],
  ])('%s → %s', (word, state) => {
    expect(taskStateB(word)).toBe(state);
  });

  it('prefers aggregated_status and keeps an unknown word as rawStatus', () => {
    const [task] = parse([{ ...pageTask({ id: 'x', mtime: '12:00:00' }), state: 'done', aggregated_status: 'sleeping' }]);
    expect(syncTaskB(task!, 'corp-ad')).toMatchObject({ state: 'unknown', rawStatus: 'sleeping' });
  });

  it('falls back to state without aggregated_status', () => {
    const [task] = parse([{ ...pageTask({ id: 'x', mtime: '12:00:00' }), state: 'rejected', aggregated_status: null }]);
    expect(syncTaskB(task!, 'corp-ad')).toMatchObject({ state: 'error', rawStatus: 'rejected' });
  });
});

describe('latestRun', () => {
  it('a run in progress: its parent and the pages queued since it started, oldest first', () => {
    const run = latestRun(parse(threeRuns()), 'corp-ad', false);
    expect(ids(run)).toEqual(['r3', 'p3a', 'p3b']);
    expect(run.tasks[0]).toMatchObject({ kind: 'run', state: 'running', finish: null });
    expect(run.settled).toBe(true);
  });

  it('a finished run keeps its pages though they are all older than the parent', () => {
    const finished = threeRuns().filter((t) => !['r3', 'p3a', 'p3b'].includes(t.message_id));
    const run = latestRun(parse(finished), 'corp-ad', false);
    expect(ids(run)).toEqual(['r2', 'p2a', 'p2b', 'p2c']);
    expect(run.settled).toBe(true);
  });

  it('is not settled while the list may still hold pages of the run', () => {
    const all = parse(threeRuns());
    const firstPage = all.slice(0, 2); // p3b, p3a: no parent yet
    expect(latestRun(firstPage, 'corp-ad', false).settled).toBe(false);
    const withParent = all.slice(0, 3); // ... r3, but nothing older than its start yet
    expect(latestRun(withParent, 'corp-ad', false)).toMatchObject({ settled: false });
    expect(latestRun(all.slice(0, 4), 'corp-ad', false).settled).toBe(true); // r2 is older than r3's start
  });

  it('without parent logs, the previous parent bounds the run', () => {
    const tasks = threeRuns().filter((t) => !['r3', 'p3a', 'p3b'].includes(t.message_id));
    const r2 = tasks.find((t) => t.message_id === 'r2')!;
    r2.logs = [];
    const run = latestRun(parse(tasks), 'corp-ad', false);
    expect(ids(run)).toEqual(['r2', 'p2a', 'p2b', 'p2c']);
  });

  it('no parent anywhere: the pages found, settled only when the list ends', () => {
    const pages = newestFirst([pageTask({ id: 'a', queued: '09:00:00', mtime: '09:01:00' }), pageTask({ id: 'b', queued: '09:00:00', mtime: '09:02:00' })]);
    expect(latestRun(parse(pages), 'corp-ad', false).settled).toBe(false);
    expect(latestRun(parse(pages), 'corp-ad', true)).toMatchObject({ settled: true });
    expect(ids(latestRun(parse(pages), 'corp-ad', true))).toEqual(['a', 'b']);
  });

  it("a page whose own queued line predates the parent's (another process's clock) still belongs to the run", () => {
    const tasks = newestFirst([
      parentTask({ id: 'r', queued: '12:00:00.200', processed: '12:00:00.400', mtime: '12:00:05' }),
      pageTask({ id: 'p', queued: '12:00:00.100', processed: '12:00:01', mtime: '12:00:04' }),
      parentTask({ id: 'old', queued: '10:00:00', mtime: '10:05:00' }),
      pageTask({ id: 'old-page', queued: '10:00:01', mtime: '10:04:00' }),
    ]);
    expect(ids(latestRun(parse(tasks), 'corp-ad', false))).toEqual(['r', 'p']);
  });

  it('an empty list is an empty, settled run', () => {
    expect(latestRun([], 'corp-ad', true)).toEqual({ tasks: [], settled: true });
  });

  it('a parent retried after failures keeps the pages of all its attempts', () => {
    const parent = parentTask({ id: 'r', queued: '14:05:00', processed: '14:05:01', mtime: '14:20:00' });
    parent.previous_logs = [
      { timestamp: '2026-09-21T14:00:00Z', log_level: 'info', logger: 'x', event: 'Task has been queued', attributes: {} },
    ] as never;
    const tasks = newestFirst([parent, pageTask({ id: 'early', queued: '14:00:30', mtime: '14:01:00' }), parentTask({ id: 'old', queued: '12:00:00', mtime: '12:30:00' })]);
    expect(ids(latestRun(parse(tasks), 'corp-ad', false))).toEqual(['r', 'early']);
  });
});
