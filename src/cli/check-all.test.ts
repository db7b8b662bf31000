import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.js';
import { DEFAULT_FLEET_CONCURRENCY } from '../poll/fleet.js';
import { fakeApi, run, source, statusOf, unreachable } from '../ui/overview/testing/fake-api.js';
import { checkAllSources, overallVerdict } from './check-all.js';
import { outcomeVerdict } from './check.js';

const now = () => new Date(2024, 8, 30, 15, 0, 0);

describe('checkAllSources', () => {
  it("checks every source, at most the overview's fleet limit at once, each status once", async () => {
    const slugs = Array.from({ length: 12 }, (_, i) => `src-${i}`);
    const api = fakeApi(slugs.map((slug) => ({ source: source(slug, slug), status: statusOf(run(slug)) })));
    const all = await checkAllSources(api, { now });
    expect(all.outcomes.map((o) => outcomeVerdict(o).level)).toEqual(slugs.map(() => 'OK'));
    expect(api.maxInFlight).toBeLessThanOrEqual(DEFAULT_FLEET_CONCURRENCY);
    expect(api.maxInFlight).toBeGreaterThan(1);
    expect(api.requests.filter((r) => r.startsWith('status ')).sort()).toEqual(slugs.map((s) => `status ${s}`).sort());
    expect(api.requests.filter((r) => r === 'list')).toHaveLength(1);
  });

  it("one source's failure is that source's UNKNOWN; the others keep their verdicts", async () => {
    const api = fakeApi([
      { source: source('corp-ad', 'Corporate AD'), status: statusOf(run('corp-ad', { problems: 1 })) },
      { source: source('lab', 'Lab'), status: new ApiError('server', 'https://auth.example.com failed with 500 Internal Server Error.', 500) },
      { source: source('branch', 'Branch'), status: statusOf(run('branch', { errors: 1 })) },
    ]);
    const all = await checkAllSources(api, { now });
    expect(all.failure).toBeNull();
    expect(all.outcomes.map((o) => [o.kind, outcomeVerdict(o).level])).toEqual([
      ['checked', 'WARNING'],
      ['failed', 'UNKNOWN'],
      ['checked', 'CRITICAL'],
    ]);
    expect(overallVerdict(all)).toEqual({ level: 'CRITICAL', reason: '1 of 3 sources critical, 1 unknown, 1 warning' });
  });

  it('no source the token can see is UNKNOWN, saying why that may be', async () => {
    const all = await checkAllSources(fakeApi([]), { now });
    expect(overallVerdict(all)).toMatchObject({ level: 'UNKNOWN', reason: expect.stringMatching(/sees no LDAP sources.*view_ldapsource/) });
    expect(all.failure?.kind).toBe('not_found');
  });

  it('a list that cannot be read fails the whole check', async () => {
    const api = fakeApi([]);
    api.listSources = async () => {
      throw unreachable();
    };
    const all = await checkAllSources(api, { now });
    expect(all).toMatchObject({ listed: false, outcomes: [], failure: { kind: 'unreachable' } });
    expect(overallVerdict(all).level).toBe('UNKNOWN');
  });
});
