import { describe, expect, it } from 'vitest';
import { structurallyEqual } from './equal.js';

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
