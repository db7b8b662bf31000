import { describe, expect, it } from 'vitest';
import { createConcurrencyGate } from './gate.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createConcurrencyGate', () => {
  it('runs at most `limit` tasks at once, the waiting ones first come, first served', async () => {
    const gate = createConcurrencyGate(2);
    const started: number[] = [];
    const tasks = [0, 1, 2, 3].map(() => deferred());
    const runs = tasks.map((task, i) =>
      gate.run(new AbortController().signal, () => {
        started.push(i);
        return task.promise;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    tasks[1]!.resolve();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    expect(gate.active()).toBe(2);
    tasks.forEach((task) => task.resolve());
    await Promise.all(runs);
    expect(gate.active()).toBe(0);
  });

  it('drops a waiting caller whose signal aborts, without running its task', async () => {
    const gate = createConcurrencyGate(1);
    const blocker = deferred();
    const first = gate.run(new AbortController().signal, () => blocker.promise);
    const controller = new AbortController();
    let ran = false;
    const second = gate.run(controller.signal, async () => {
      ran = true;
    });
    controller.abort();
    await expect(second).rejects.toMatchObject({ kind: 'aborted' });
    blocker.resolve();
    await first;
    expect(ran).toBe(false);
    expect(gate.active()).toBe(0);
  });
});
