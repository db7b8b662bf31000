// Builds the pages of one sync run from a directory's size: one page per 50 objects, each ending with `Synced N
// objects.`. authentik runs users and groups pages side by side, then membership pages (one per groups page: they
// page through the same group search, and report groups plus assigned users), then deletion pages (2025.6+).

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

/** The phase a page type runs in: a page starts only once every page of the phases before it is done. */
export function phaseOf(type: string): number {
  if (type === 'membership') return 1;
  if (type.endsWith('_deletions')) return 2;
  return 0;
}

/** Every page of a healthy run, in the order they finish: users and groups pages mixed, then membership. */
export function directoryRun(rng: Prng, slug: string, size: DirectorySize): RunSpec {
  const synced = (count: number): PageMessage[] => [{ kind: 'synced', count }];
  const users = pageCounts(size.users).map((n) => page(rng, 'users', synced(n), rng.int(1400, 3200)));
  const groupCounts = pageCounts(size.groups);
  const groups = groupCounts.map((n) => page(rng, 'groups', synced(n), rng.int(1200, 2600)));
  const membership = groupCounts.map((n) => page(rng, 'membership', synced(n + rng.int(600, 1300)), rng.int(3800, 7200)));
  return { slug, pages: [...interleave(users, groups), ...membership] };
}

/** `many` with `few` spread evenly among them (the first of `few` early on, the last before the end). */
function interleave<T>(many: T[], few: T[]): T[] {
  if (few.length === 0) return [...many];
  const out: T[] = [];
  const every = (many.length + few.length) / few.length;
  let next = 0;
  for (const item of many) {
    while (next < few.length && out.length >= Math.floor(next * every + every / 2)) out.push(few[next++] as T);
    out.push(item);
  }
  while (next < few.length) out.push(few[next++] as T);
  return out;
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
