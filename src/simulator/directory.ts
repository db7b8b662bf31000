// Builds the pages of one sync run from a directory's size: one page per 50 objects, users, then groups, then
// membership (which reports groups plus assigned users), each page ending with `Synced N objects.`.

import type { PageMessage } from './messages.js';
import type { Prng } from './prng.js';
import type { PageSpec, RunSpec } from './run.js';

export const PAGE_SIZE = 50;

export interface DirectorySize {
  users: number;
  groups: number;
}

/** corp-ad: 85 users pages + 8 groups pages + 8 membership pages = 101. */
export const CORP_AD_SIZE: DirectorySize = { users: 4213, groups: 377 };

function pageCounts(total: number): number[] {
  const counts: number[] = [];
  for (let left = total; left > 0; left -= PAGE_SIZE) counts.push(Math.min(PAGE_SIZE, left));
  return counts;
}

export function page(rng: Prng, type: string, messages: PageMessage[], durationMs: number, failed = false): PageSpec {
  return { type, pageId: rng.uuid(), taskId: rng.uuid(), messages, failed, durationMs };
}

/** Every page of a healthy run, in the order authentik queues them. */
export function directoryRun(rng: Prng, slug: string, size: DirectorySize): RunSpec {
  const synced = (count: number): PageMessage[] => [{ kind: 'synced', count }];
  const users = pageCounts(size.users).map((n) => page(rng, 'users', synced(n), rng.int(1400, 3200)));
  const groupCounts = pageCounts(size.groups);
  const groups = groupCounts.map((n) => page(rng, 'groups', synced(n), rng.int(1200, 2600)));
  const membership = groupCounts.map((n) => page(rng, 'membership', synced(n + rng.int(600, 1300)), rng.int(3800, 7200)));
  return { slug, pages: [...users, ...groups, ...membership] };
}

/** Replace the messages of the `index`-th page of `type` (negative counts from the end). */
export function withMessages(run: RunSpec, type: string, index: number, messages: PageMessage[], failed = false): RunSpec {
  const ofType = run.pages.filter((p) => p.type === type);
  const target = ofType.at(index);
  if (!target) throw new Error(`no ${type} page ${index} in ${run.slug}`);
  return { ...run, pages: run.pages.map((p) => (p === target ? { ...p, messages, failed } : p)) };
}

export function dn(cn: string, ou: string): string {
  return `CN=${cn},OU=${ou},DC=corp,DC=example,DC=com`;
}
