// One poll of a source's monitor: the status is asked for first, the source alongside it, and what each answer
// means (a missing source, a status path the server lacks) is judged as before.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.js';
import type { AuthentikApi } from '../api/types.js';
import type { LdapSource, SyncStatus } from '../domain/model.js';
import { source as ldapSource, statusA } from '../domain/testing/factories.js';
import { createStatusFetch } from './status-fetch.js';
import { pageTasks } from './test-support/sync-tasks.js';

const SLUG = 'corp-ad';
const NO_SUCH = "No LDAP source with slug 'corp-ad' on https://auth.example.com. `aksync sources` lists them.";

interface Pending<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function pending<T>(): Pending<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** An authentik whose answers the test gives by hand; every call is logged in order, with what it was given. */
function handApi() {
  const calls: string[] = [];
  const sources: Pending<LdapSource>[] = [];
  const statuses: Pending<SyncStatus>[] = [];
  const givenSources: unknown[] = [];
  const api: AuthentikApi = {
    baseUrl: 'https://auth.example.com/api/v3',
    version: async () => ({ version: '2024.8.3', generation: 'A' }),
    me: async () => ({ username: 'monitor', name: 'Monitor', isSuperuser: true, permissions: [] }),
    listSources: async () => [],
    getSource: () => {
      calls.push('source');
      const answer = pending<LdapSource>();
      sources.push(answer);
      return answer.promise;
    },
    syncStatus: (_slug, opts) => {
      calls.push('status');
      givenSources.push(opts?.source);
      const answer = pending<SyncStatus>();
      statuses.push(answer);
      return answer.promise;
    },
    triggerSync: async () => ({ started: true }),
    generation: async () => 'A',
  };
  return { api, calls, sources, statuses, givenSources };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('a poll of the monitor', () => {
  it('asks for the status first and the source alongside it, without waiting for the source', async () => {
    const { api, calls, sources, statuses } = handApi();
    const poll = createStatusFetch(api, SLUG, () => 0)(new AbortController().signal);
    await turn();
    expect(calls).toEqual(['status', 'source']);
    const status = statusA(pageTasks(SLUG, 3, new Date('2024-09-30T14:02:31Z')));
    statuses[0]!.resolve(status);
    sources[0]!.resolve(ldapSource(SLUG));
    const polled = await poll;
    expect(polled.missing).toBeNull();
    expect(polled.source?.slug).toBe(SLUG);
    expect(polled.run.tasks).toHaveLength(3);
  });

  it('gives generation B the source being read (for its pk), and the one it knows once read', async () => {
    const { api, sources, statuses, givenSources } = handApi();
    const fetch = createStatusFetch(api, SLUG, () => 0);
    const first = fetch(new AbortController().signal);
    await turn();
    const source = ldapSource(SLUG);
    sources[0]!.resolve(source);
    await expect(givenSources[0]).resolves.toBe(source);
    statuses[0]!.resolve(statusA([]));
    await first;
    const second = fetch(new AbortController().signal);
    await turn();
    expect(givenSources[1]).toBe(source);
    statuses[1]!.resolve(statusA([]));
    await second;
  });

  it('a slug with no such source is an answer (UNKNOWN), however the two 404s arrive', async () => {
    const { api, sources, statuses } = handApi();
    const poll = createStatusFetch(api, SLUG, () => 0)(new AbortController().signal);
    await turn();
    statuses[0]!.reject(new ApiError('not_found', NO_SUCH, 404));
    await turn();
    sources[0]!.reject(new ApiError('not_found', NO_SUCH, 404));
    await expect(poll).resolves.toMatchObject({ missing: NO_SUCH, source: null });
  });

  it('a status 404 with the source there is an error: a path of the status the server lacks', async () => {
    const { api, sources, statuses } = handApi();
    const poll = createStatusFetch(api, SLUG, () => 0)(new AbortController().signal);
    await turn();
    sources[0]!.resolve(ldapSource(SLUG));
    statuses[0]!.reject(new ApiError('not_found', NO_SUCH, 404));
    await expect(poll).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('a token allowed the status but not the source still gets the status', async () => {
    const { api, sources, statuses } = handApi();
    const poll = createStatusFetch(api, SLUG, () => 0)(new AbortController().signal);
    await turn();
    sources[0]!.reject(new ApiError('forbidden', 'Not allowed to see the source.', 403));
    statuses[0]!.resolve(statusA([]));
    await expect(poll).resolves.toMatchObject({ missing: null, source: null });
  });
});
