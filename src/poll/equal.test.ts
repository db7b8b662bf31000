import { describe, expect, it } from 'vitest';
import { equalToDepth, structurallyEqual } from './equal.js';

describe('structurallyEqual', () => {
  it('compares plain data deeply, Dates by time', () => {
    const status = () => ({ isRunning: false, tasks: [{ id: 'a', finish: new Date(1_000), messages: [] }] });
    expect(structurallyEqual(status(), status())).toBe(true);
    expect(structurallyEqual(status(), { ...status(), isRunning: true })).toBe(false);
    expect(structurallyEqual({ at: new Date(1_000) }, { at: new Date(1_001) })).toBe(false);
    expect(structurallyEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(structurallyEqual({ a: undefined }, { b: undefined })).toBe(false);
    expect(structurallyEqual({ a: 1 }, [1])).toBe(false);
  });

  it('treats other class instances as equal only when identical', () => {
    const map = new Map([['a', 1]]);
    expect(structurallyEqual(map, map)).toBe(true);
    expect(structurallyEqual(map, new Map([['a', 1]]))).toBe(false);
  });
});

describe('equalToDepth', () => {
  it('compares the top levels structurally and what lies below by identity', () => {
    const task = { id: 'a', messages: [{ event: 'Synced 50 objects.' }] };
    const poll = (tasks: unknown[]) => ({ status: { isRunning: false, tasks }, at: new Date(1_000) });
    // The same task objects in new arrays and wrappers: equal, without looking into the tasks.
    expect(equalToDepth(poll([task]), poll([task]), 3)).toBe(true);
    // An equal task that is a different object counts as changed below the depth...
    expect(equalToDepth(poll([task]), poll([{ ...task }]), 3)).toBe(false);
    // ...and as equal when compared deeply.
    expect(equalToDepth(poll([task]), poll([{ ...task }]), Number.POSITIVE_INFINITY)).toBe(true);
    expect(equalToDepth(poll([task]), { ...poll([task]), at: new Date(1_001) }, 3)).toBe(false);
  });
});
