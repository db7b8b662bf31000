import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors.js';
import type { PollSnapshot } from '../../poll/poller.js';
import { countRows, filterRows, ldapState, sortRows, sourceRow, sourceRows, createRowCache, rowText, rowWord, type SourcePoll } from './source-rows.js';
import { RUN_START, run, source, statusOf, unreachable } from './testing/fake-api.js';

const UPDATED = RUN_START.getTime() + 3_600_000;

function snapshot(poll: SourcePoll | null, overrides: Partial<PollSnapshot<SourcePoll>> = {}): PollSnapshot<SourcePoll> {
  return {
    data: poll,
    updatedAt: poll ? UPDATED : null,
    unconfirmedSince: null,
    error: null,
    failures: 0,
    phase: poll ? 'live' : 'loading',
    refreshing: false,
    nextPollAt: null,
    ...overrides,
  };
}

function polled(slug: string, options: Parameters<typeof run>[1] = {}): SourcePoll {
  const tasks = run(slug, options);
  return { status: statusOf(tasks), run: { tasks, label: 'current' }, tasksStillArriving: false };
}

describe('a source row', () => {
  it('summarises the run: verdict, start, length, problems and errors', () => {
    const row = sourceRow(source('branch', 'Branch'), snapshot(polled('branch', { pages: 5, problems: 2, errors: 1, startOffsetMin: 5 })), [], UPDATED);
    expect(row.verdict?.level).toBe('CRITICAL');
    expect(row.runStart).toEqual(new Date(RUN_START.getTime() + 5 * 60_000));
    expect(row.runSeconds).toBe(6);
    // The failed page's error message counts among the problems, as in the monitor's run summary.
    expect(row).toMatchObject({ problems: 2, errors: 1, running: false, ldap: 'ok', error: null });
  });

  it('keeps the last verdict and shows the error while the source cannot be read', () => {
    const error = unreachable();
    const row = sourceRow(
      source('corp', 'Corp'),
      snapshot(polled('corp'), { phase: 'stale', error, failures: 4, unconfirmedSince: UPDATED }),
      [],
      UPDATED,
    );
    expect(row.verdict?.level).toBe('OK');
    expect(rowWord(row)).toBe('OK');
    expect(rowText(row)).toBe(error.message);
    expect(row.unconfirmedSince).toBe(UPDATED);
  });

  it('says FAILING with the sentence when no answer ever came, CHECKING before the first one', () => {
    const failing = sourceRow(source('x', 'X'), snapshot(null, { phase: 'retrying', error: unreachable(), failures: 1 }), [], UPDATED);
    expect(rowWord(failing)).toBe('FAILING');
    expect(rowText(failing)).toMatch(/is unreachable: connection refused/);
    expect(rowWord(sourceRow(source('y', 'Y'), undefined, [], UPDATED))).toBe('CHECKING');
  });

  it('reads LDAP connectivity: ok, down with the host’s error, or not checked yet', () => {
    expect(ldapState(source('a', 'A'))).toEqual({ state: 'ok', error: null });
    expect(ldapState(source('b', 'B', { connectivity: [{ host: 'h', status: 'ok' }, { host: '__all__', status: 'timed out' }] }))).toEqual({ state: 'down', error: 'timed out' });
    expect(ldapState(source('c', 'C', { connectivity: null }))).toEqual({ state: 'unchecked', error: null });
  });

  it('is UNKNOWN, not an empty OK, when the token lacks the permission to see tasks', () => {
    const empty: SourcePoll = { status: statusOf([]), run: { tasks: [], label: 'none' }, tasksStillArriving: false };
    const row = sourceRow(source('a', 'A'), snapshot(empty), ['authentik_events.view_systemtask'], UPDATED);
    expect(row.verdict).toEqual({ level: 'UNKNOWN', reason: 'the token cannot see sync tasks: it lacks the permission authentik_events.view_systemtask' });
  });

  it('keeps the row object of a source whose poll and listing did not change', () => {
    const cache = createRowCache();
    const sources = [source('a', 'A'), source('b', 'B')];
    const entries = new Map([
      ['a', snapshot(polled('a'))],
      ['b', snapshot(polled('b'))],
    ]);
    const missing: string[] = [];
    const first = sourceRows(sources, entries, missing, UPDATED, cache);
    const next = new Map(entries).set('b', snapshot(polled('b', { problems: 1 })));
    const second = sourceRows(sources, next, missing, UPDATED, cache);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    // Verdicts age without new data: a later verdict time makes new rows.
    expect(sourceRows(sources, next, missing, UPDATED + 30_000, cache)[0]).not.toBe(first[0]);
  });
});

describe('filtering, sorting and counting rows', () => {
  const rows = [
    sourceRow(source('zeta', 'Zeta'), snapshot(polled('zeta', { startOffsetMin: 1 })), [], UPDATED),
    sourceRow(source('alpha', 'Alpha'), snapshot(polled('alpha', { problems: 2, startOffsetMin: 3 })), [], UPDATED),
    sourceRow(source('mid', 'Mid'), snapshot(polled('mid', { errors: 1, startOffsetMin: 2 })), [], UPDATED),
    sourceRow(source('gone', 'Gone'), snapshot(null, { phase: 'retrying', error: new ApiError('timeout', 'auth.example.com did not answer within 10 s.'), failures: 2 }), [], UPDATED),
    sourceRow(source('new', 'New'), undefined, [], UPDATED),
  ];
  const names = (list: { name: string }[]) => list.map((r) => r.name);

  it('sorts by name, by verdict (worst first), by last run (newest first), by problems', () => {
    expect(names(sortRows(rows, 'name'))).toEqual(['Alpha', 'Gone', 'Mid', 'New', 'Zeta']);
    expect(names(sortRows(rows, 'verdict'))).toEqual(['Mid', 'Gone', 'Alpha', 'Zeta', 'New']);
    expect(names(sortRows(rows, 'lastRun'))).toEqual(['Alpha', 'Mid', 'Zeta', 'Gone', 'New']);
    expect(names(sortRows(rows, 'problems'))).toEqual(['Mid', 'Alpha', 'Gone', 'New', 'Zeta']);
  });

  it('filters on name, slug, verdict word and the row’s sentence, ignoring case', () => {
    expect(names(filterRows(rows, 'ALPHA'))).toEqual(['Alpha']);
    expect(names(filterRows(rows, 'critical'))).toEqual(['Mid']);
    expect(names(filterRows(rows, 'did not answer'))).toEqual(['Gone']);
    expect(names(filterRows(rows, '  '))).toHaveLength(5);
  });

  it('counts verdicts, sources not yet read, failing and running ones', () => {
    expect(countRows(rows)).toEqual({ levels: { CRITICAL: 1, UNKNOWN: 0, WARNING: 1, OK: 1 }, checking: 1, failing: 1, running: 0 });
  });
});
