import { describe, expect, it } from 'vitest';
import { message, pageTask, source, statusA, TRACEBACK } from '../domain/testing/factories.js';
import { assess } from '../domain/verdict.js';
import type { AllChecks } from './check-all.js';
import { failedCheck, type CheckOutcome } from './check.js';
import { paint } from './output.js';
import { statusAllJson, statusAllText } from './status-all-report.js';
import { statusJson, statusText } from './status-report.js';

const checkedAt = new Date('2024-10-01T00:00:00Z');
const version = { version: '2024.8.3', generation: 'A' } as const;

function checked(tasks: ReturnType<typeof pageTask>[], slug = 'corp', name = slug): CheckOutcome {
  const status = statusA(tasks);
  return {
    kind: 'checked',
    check: {
      source: source(slug, { name }),
      version,
      user: { username: 'u', name: 'u', isSuperuser: true, permissions: [] },
      missingPermissions: [],
      status,
      assessment: assess({ slug, status, now: checkedAt }),
      checkedAt,
    },
  };
}

const LDAP_FILTER_ERROR = "LDAPInvalidFilterError: malformed filter '(|(objectClass=user)(objectClass=person)'";

/** Nagios splits every line at '|': only the status line may carry one, right before the perfdata. */
function expectPipesOnlyBeforePerfdata(text: string): void {
  const [first = '', ...rest] = text.split('\n');
  expect(first.split('|'), first).toHaveLength(2);
  for (const line of rest) expect(line, line).not.toContain('|');
}

describe('statusText', () => {
  it('never lets a task id from the server drive the terminal', () => {
    const hostile = { id: '\u001b]0;PWN\u0007rest', pageId: '\u001b]0;PWN\u0007rest', uid: 'corp:users:\u001b]0;PWN\u0007rest' };
    const text = statusText(
      checked([
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
    const text = statusText(checked([pageTask('corp', 'users', [message('a | b', 'error')], { state: 'error' })]), paint(false), 'x');
    const first = text.split('\n')[0] ?? '';
    expect(first.split('|')).toHaveLength(2);
    expect(first).toMatch(/\| pages=1 objects=0 problems=1 errors=1/);
  });

  it("no line of the long output carries a '|' (a source named 'Corp | AD', an LDAP filter in an error)", () => {
    const text = statusText(
      checked(
        [
          pageTask('corp', 'users', [message(`Group does not exist: '(|(cn=a)(cn=b))'`)]),
          pageTask('corp', 'groups', [message(LDAP_FILTER_ERROR, 'error')], { state: 'error' }),
        ],
        'corp',
        'Corp | AD',
      ),
      paint(false),
      'https://auth.example.com',
    );
    expect(text).toContain('Corp / AD');
    expect(text).toContain('(/(objectClass=user)');
    expectPipesOnlyBeforePerfdata(text);
  });
});

describe('statusJson', () => {
  /** Field paths, down into the objects that are always objects (`error` and `first_error` are objects or null). */
  function keys(value: object): string[] {
    return Object.entries(value).flatMap(([k, v]) =>
      ['run', 'totals', 'server', 'source'].includes(k) && v !== null && typeof v === 'object' ? [k, ...Object.keys(v).map((n) => `${k}.${n}`)] : [k],
    );
  }

  it('a check that could not be made has every documented field, null or empty where unknown', () => {
    const ok = statusJson(checked([pageTask('corp', 'users', [message('Synced 3 objects.')])]), 'https://auth.example.com');
    const failed = statusJson(failedCheck({ kind: 'unreachable', message: 'no route' }, 'corp', checkedAt), 'https://auth.example.com');
    expect(keys(failed).sort()).toEqual(keys(ok).sort());
    expect(failed).toMatchObject({
      verdict: 'UNKNOWN',
      exit_code: 3,
      running: false,
      missing_permissions: [],
      run: { start: null, finish: null, duration_seconds: null, last_successful_sync: null, last_sync_status: null, next_run: null },
      totals: { pages: null, objects: null, problems: null, errors: null },
      types: [],
      first_error: null,
      problems: [],
      problems_truncated: false,
      source: { slug: 'corp', name: null, enabled: null },
      error: { kind: 'unreachable', message: 'no route' },
    });
  });
});

describe('every source in one report', () => {
  const all: AllChecks = {
    checkedAt,
    listed: true,
    version,
    outcomes: [
      checked([pageTask('corp-ad', 'users', [message('Synced 40 objects.')])], 'corp-ad', 'Corp | AD'),
      checked([pageTask('branch', 'users', [message(LDAP_FILTER_ERROR, 'error')], { state: 'error' })], 'branch'),
      checked([pageTask('eu', 'users', [message("Group does not exist in our DB yet, run sync_groups first: 'CN=x'")])], 'eu'),
      failedCheck({ kind: 'server', message: 'https://auth.example.com failed with 500 | Internal' }, 'lab', checkedAt, { version }),
      checked([pageTask('corp', 'users', [message('Synced 2 objects.')])], 'corp'),
    ],
    failure: null,
  };

  it('one plugin line with the worst verdict and the counts, one long-output line per source, worst first', () => {
    const text = statusAllText(all, paint(false), 'https://auth.example.com');
    const [first = '', ...long] = text.trimEnd().split('\n');
    expect(first).toMatch(/^CRITICAL: 1 of 5 sources critical, 1 unknown, 1 warning \| /);
    const perSource = long.filter((line) => /^(OK|WARNING|CRITICAL|UNKNOWN): /.test(line));
    expect(perSource.map((line) => line.split(':')[0])).toEqual(['CRITICAL', 'UNKNOWN', 'WARNING', 'OK', 'OK']);
    expect(perSource[0]).toMatch(/^CRITICAL: branch: /);
    expect(perSource).toContain('OK: corp-ad (Corp / AD): 1 page, 40 objects synced');
    expectPipesOnlyBeforePerfdata(text);
  });

  it('perfdata per source, U where a source could not be checked', () => {
    const perfdata = statusAllText(all, paint(false), 'x').split('\n')[0]?.split(' | ')[1] ?? '';
    expect(perfdata).toContain("'corp-ad_pages'=1 'corp-ad_objects'=40 'corp-ad_problems'=0 'corp-ad_errors'=0 'corp-ad_duration'=2.0s");
    expect(perfdata).toContain("'lab_pages'=U 'lab_objects'=U 'lab_problems'=U 'lab_errors'=U");
    expect(perfdata).toContain("'eu_problems'=1");
  });

  it('JSON: aksync.status-all/1 with one aksync.status/1 object per source, in authentik\'s order', () => {
    const json = statusAllJson(all, 'https://auth.example.com') as Record<string, unknown> & { checks: Array<Record<string, unknown>> };
    expect(json).toMatchObject({
      schema: 'aksync.status-all/1',
      verdict: 'CRITICAL',
      exit_code: 2,
      reason: '1 of 5 sources critical, 1 unknown, 1 warning',
      server: { url: 'https://auth.example.com', version: '2024.8.3', generation: 'A' },
      counts: { total: 5, ok: 2, warning: 1, critical: 1, unknown: 1 },
      error: null,
    });
    expect(json.checks.map((c) => [c.schema, (c.source as { slug: string }).slug, c.verdict])).toEqual([
      ['aksync.status/1', 'corp-ad', 'OK'],
      ['aksync.status/1', 'branch', 'CRITICAL'],
      ['aksync.status/1', 'eu', 'WARNING'],
      ['aksync.status/1', 'lab', 'UNKNOWN'],
      ['aksync.status/1', 'corp', 'OK'],
    ]);
  });

  it('all well: OK with the count', () => {
    const healthy = { ...all, outcomes: [all.outcomes[0], all.outcomes[4]].filter((o): o is CheckOutcome => o !== undefined) };
    expect(statusAllText(healthy, paint(false), 'x')).toMatch(/^OK: 2 of 2 sources OK \| /);
  });

  it('what every source needs could not be read: UNKNOWN with the sentence, no per-source noise', () => {
    const failed: AllChecks = { checkedAt, listed: false, version: null, outcomes: [], failure: { kind: 'forbidden', message: 'refused' } };
    expect(statusAllText(failed, paint(false), 'x')).toBe('UNKNOWN: refused\n');
    expect(statusAllJson(failed, null)).toMatchObject({ verdict: 'UNKNOWN', exit_code: 3, checks: [], counts: { total: 0 }, error: { kind: 'forbidden' } });
  });
});
