// Backfill against the simulated authentik 2026.8 with a week of runs behind it: the history starts full, one page of
// the schedule's tasks per poll at most.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../api/client.js';
import { startSimulator, type Simulator } from '../simulator/index.js';
import { backfillFor } from './backfill.js';
import { createMemoryHistoryStore } from './memory-store.js';
import { createRunRecorder } from './recorder.js';

const REF = { kind: 'ldap', id: 'corp-ad' } as const;

describe('backfill on 2025.8+', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ generation: 'B', scenario: 'week' });
  });
  afterAll(async () => {
    await sim.close();
  });

  const taskListRequests = () => sim.requests.filter((r) => r.path.startsWith('/api/v3/tasks/tasks/')).length;

  it('reads the runs the server keeps, one list request per poll at most, until the list ends', async () => {
    const api = createClient({ url: sim.url, token: sim.token });
    const source = await api.getSource('corp-ad');
    const status = await api.syncStatus('corp-ad', { source });
    expect(status.generation).toBe('B');
    const store = createMemoryHistoryStore();
    const recorder = createRunRecorder({ store, server: sim.url });
    const backfill = backfillFor(api, recorder);
    if (!backfill) throw new Error('the client reads no schedule tasks');

    let polls = 0;
    const before = taskListRequests();
    while (!backfill.isDone(REF) && polls < 500) {
      // A poll of the object: the backfill may add one request, and never a second while one is in flight.
      backfill.after(REF, status);
      backfill.after(REF, status);
      polls += 1;
      expect(taskListRequests() - before).toBeLessThanOrEqual(polls);
      await backfill.settled();
    }
    const requests = taskListRequests() - before;
    expect(backfill.isDone(REF)).toBe(true);
    expect(requests).toBeLessThanOrEqual(polls);
    // A week of runs every two hours: 84, give or take the ones at the edges.
    const runs = recorder.history(REF);
    expect(runs.length).toBeGreaterThanOrEqual(80);
    expect(runs.length).toBeLessThanOrEqual(86);
    expect(new Set(runs.map((r) => r.run_id)).size).toBe(runs.length);
    expect(runs.every((r) => r.origin === 'backfill' && r.pages > 0)).toBe(true);
    expect(runs.some((r) => r.verdict === 'CRITICAL')).toBe(true);
    expect(runs.some((r) => r.verdict === 'WARNING')).toBe(true);
    // Runs do not overlap: each page went to its own run.
    const spans = runs.map((r) => [Date.parse(r.start as string), Date.parse(r.finish as string)] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThan(spans[i - 1]![1]);

    // The next aksync on this history does not read it again.
    const again = backfillFor(api, createRunRecorder({ store, server: sim.url }));
    const now = taskListRequests();
    again?.after(REF, status);
    await again?.settled();
    expect(taskListRequests()).toBe(now);
  });

  it('reads nothing on 2024.8–2025.6, where authentik keeps only the last run', async () => {
    const a = await startSimulator({ generation: 'A', scenario: 'week' });
    try {
      const api = createClient({ url: a.url, token: a.token });
      const status = await api.syncStatus('corp-ad');
      const backfill = backfillFor(api, createRunRecorder({ store: createMemoryHistoryStore(), server: a.url }));
      backfill?.after(REF, status);
      await backfill?.settled();
      expect(a.requests.filter((r) => r.path.startsWith('/api/v3/tasks/'))).toEqual([]);
    } finally {
      await a.close();
    }
  });
});
