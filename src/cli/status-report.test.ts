import { describe, expect, it } from 'vitest';
import { message, pageTask, source, statusA, TRACEBACK } from '../domain/testing/factories.js';
import { assess } from '../domain/verdict.js';
import type { SourceCheck } from './check.js';
import { paint } from './output.js';
import { statusText } from './status-report.js';

function check(tasks: ReturnType<typeof pageTask>[]): SourceCheck {
  const status = statusA(tasks);
  const checkedAt = new Date('2024-10-01T00:00:00Z');
  return {
    source: source('corp'),
    version: { version: '2024.8.3', generation: 'A' },
    user: { username: 'u', name: 'u', isSuperuser: true, permissions: [] },
    missingPermissions: [],
    status,
    assessment: assess({ slug: 'corp', status, now: checkedAt }),
    checkedAt,
  };
}

describe('statusText', () => {
  it('never lets a task id from the server drive the terminal', () => {
    const hostile = { pageId: '\u001b]0;PWN\u0007rest', uid: 'corp:users:\u001b]0;PWN\u0007rest' };
    const text = statusText(
      check([
        pageTask('corp', 'users', [message("Group does not exist in our DB yet, run sync_groups first: 'CN=x'")], hostile),
        pageTask('corp', 'groups', [message(TRACEBACK, 'error')], { ...hostile, state: 'error' }),
      ]),
      paint(false),
      'https://auth.example.com',
    );
    expect(text).not.toMatch(/[\u0007\u001b]/);
    expect(text).toContain('\\x1b]0;PWN');
  });

  it("keeps the first line's '|' for performance data only", () => {
    const text = statusText(check([pageTask('corp', 'users', [message('a | b', 'error')], { state: 'error' })]), paint(false), 'x');
    const first = text.split('\n')[0] ?? '';
    expect(first.split('|')).toHaveLength(2);
    expect(first).toMatch(/\| pages=1 objects=0 problems=1 errors=1/);
  });
});
