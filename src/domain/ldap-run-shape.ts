// What aksync knows about the shape of an authentik LDAP sync run, to tell a run in progress from a finished one.
// authentik's ldap_sync enumerates the directory, then runs its pages in phases: users and groups pages side by side,
// then membership pages (once every users and groups page is done), then deletion pages (2025.6+, only when the
// source deletes objects missing from the directory, and only for objects to delete). Membership pages page through
// the same group search as groups pages, so a run has as many membership pages as groups pages.
// On 2025.8+ the parent task holds the lock until every page is done, so `is_running` covers the whole run.
import { plural } from './format.js';
import type { LdapSource } from './model.js';
import type { PageCounts, RunShape, ShapeJudgement } from './run-state.js';

const DELETION_TYPES = ['user_deletions', 'group_deletions'];

function judge(pages: PageCounts, previous: PageCounts | null, source: LdapSource | null): ShapeJudgement {
  const count = (type: string, counts: PageCounts | null = pages) => counts?.get(type) ?? 0;
  const groups = count('groups');
  const membership = count('membership');
  if (groups > 0 && membership < groups) {
    return { pages: 'to-come', evidence: membership === 0 ? 'membership pages have not started' : `membership ${membership} of ${plural(groups, 'page')}` };
  }
  if (membership === 0 && count('membership', previous) > 0 && (count('users') > 0 || groups > 0)) {
    return { pages: 'to-come', evidence: 'membership pages have not started' };
  }
  if (groups > 0) {
    // Deletion pages may follow membership; how many depends on what is to be deleted.
    const deletions = DELETION_TYPES.reduce((n, type) => n + count(type), 0);
    if (deletions > 0 || source?.deleteNotFoundObjects === true) return { pages: 'unknown' };
    return { pages: 'all-done', evidence: `membership ${membership} of ${plural(groups, 'page')}` };
  }
  return { pages: 'unknown' };
}

/** A: the new run deletes the source's tasks when it starts. B: the trigger queues another run of the schedule. */
const TRIGGER_WHILE_RUNNING = {
  A: 'a second one deletes its tasks',
  B: 'a second one is queued behind it',
  unknown: 'a second one deletes its tasks (authentik 2024.8 to 2025.6) or is queued behind it (2025.8+)',
};

export const LDAP_RUN_SHAPE: RunShape = {
  lockCoversRun: (generation) => generation === 'B',
  pagesToCome: judge,
  triggerWhileRunning: (generation) => TRIGGER_WHILE_RUNNING[generation ?? 'unknown'],
};
