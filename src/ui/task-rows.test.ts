import { describe, expect, it } from 'vitest';
import { summarise } from '../domain/verdict.js';
import { filterTasks, sortTasks, taskStatus } from './task-rows.js';
import { mixedRun, statusA } from './testing/fixtures.js';

const views = () => summarise('corp-ad', statusA(mixedRun())).tasks;

describe('task rows', () => {
  it('calls a "successful" page with problem messages "problems", and a page with an error "error"', () => {
    const statuses = views().map(taskStatus);
    expect(statuses.filter((s) => s === 'problems')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'error')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'ok')).toHaveLength(8);
  });

  it('filters by type, id and message text, case-insensitively', () => {
    const all = views();
    expect(filterTasks(all, 'MEMBERSHIP', false)).toHaveLength(2);
    expect(filterTasks(all, 'svc-print', false)).toHaveLength(1);
    expect(filterTasks(all, all[4]!.task.id.slice(0, 8), false)).toHaveLength(1);
    expect(filterTasks(all, 'LDAPSocketOpenError', false)[0]?.task.type).toBe('membership');
    expect(filterTasks(all, '', true).map(taskStatus).sort()).toEqual(['error', 'problems']);
  });

  it('sorts by status (worst first), duration (longest first), problems (most first), start', () => {
    const all = views();
    expect(taskStatus(sortTasks(all, 'status')[0]!)).toBe('error');
    expect(sortTasks(all, 'duration')[0]?.task.durationSeconds).toBe(41.5);
    expect(sortTasks(all, 'problems')[0]?.problems).toHaveLength(2);
    const byStart = sortTasks(all, 'start').map((v) => v.task.start?.getTime() ?? 0);
    expect(byStart).toEqual([...byStart].sort((a, b) => a - b));
  });
});
