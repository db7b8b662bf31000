// The generation-neutral domain model. Every API adapter produces these types; everything above the API layer
// (verdict, poller, commands, screens) consumes only these. Strings here are raw server text: sanitise at output.
import type { SyncKind, SyncObjectRef } from './sync-object-ref.js';

export type Generation = 'A' | 'B';

/** Known page types; any other value from a newer server is kept as-is. */
export const PAGE_TYPES = ['users', 'groups', 'membership', 'user_deletions', 'group_deletions'] as const;
export type KnownPageType = (typeof PAGE_TYPES)[number];

export interface LogMessage {
  timestamp: Date | null;
  /** Server's log_level, lower-cased; may be a value this version does not know. */
  level: string;
  logger: string;
  event: string;
  attributes: Record<string, unknown>;
}

/**
 * A task's state, normalised across generations. `rawStatus` keeps the server's own word.
 * - ok: finished without an error status (messages may still hold problems)
 * - warning / error: the server said so
 * - running / queued: not finished (generation B only)
 * - unknown: the server said `unknown`, or a value this version does not know
 */
export type TaskState = 'ok' | 'warning' | 'error' | 'running' | 'queued' | 'unknown';

export interface SyncTask {
  /** uuid (A) or message_id (B) */
  id: string;
  /** `<slug>:<type>:<page uuid>` for page tasks; `<slug>` for a generation B run (parent) task */
  uid: string;
  /** first `:` segment of uid */
  slug: string;
  /** page type (users, groups, ...) or 'run' for a generation B parent task */
  type: string;
  /** page uuid, or '' for a parent task */
  pageId: string;
  kind: 'page' | 'run';
  state: TaskState;
  rawStatus: string;
  start: Date | null;
  finish: Date | null;
  durationSeconds: number | null;
  messages: LogMessage[];
  /** generation B: logs of earlier attempts (retries); empty for A */
  previousMessages: LogMessage[];
  retries: number;
}

/** How a task is named in one line: `users page 0b6f3f5e`, or `sync run f38a767d` for a generation B run task. */
export function taskLabel(task: SyncTask): string {
  const id = task.id.slice(0, 8);
  return task.kind === 'run' ? `sync run ${id}` : `${task.type} page ${id}`;
}

export interface Schedule {
  id: string;
  crontab: string;
  nextRun: Date | null;
  paused: boolean;
  lastTaskStatus: string | null;
  /** Seconds between two scheduled runs, derived from the crontab when it can be (null otherwise). */
  periodSeconds: number | null;
}

export interface SyncStatus {
  generation: Generation;
  /** The server's lock flag. A: only while enumerating. B: the whole run. */
  isRunning: boolean;
  /**
   * A: every task the server returned, unfiltered (the prefix quirk is handled by the verdict).
   * B: the tasks of the most recent run only (its parent `run` task and its page tasks).
   */
  tasks: SyncTask[];
  /** generation B only */
  lastSuccessfulSync: Date | null;
  /** generation B only: the raw aggregated status word */
  lastSyncStatus: string | null;
  /** generation B only, when the schedule could be read */
  schedule: Schedule | null;
  /** generation B: detail (schedule/tasks) could not be read for lack of this permission */
  missingDetailPermission: string | null;
  /** generation B: the run has more tasks than aksync reads per poll; counts cover the newest of them */
  detailTruncated?: boolean;
  /**
   * The run's record is shared with other objects, so it may be another's run (authentik 2024.10–2025.6 keeps one
   * record for every Kerberos source): how many enabled objects share it.
   */
  sharedRecordWith?: number;
}

export interface ConnectivityEntry {
  host: string;
  /** `ok`, or the error text */
  status: string;
  vendor?: string;
  version?: string;
}

export interface LdapSource {
  pk: string;
  name: string;
  slug: string;
  enabled: boolean;
  syncUsers: boolean;
  syncGroups: boolean;
  /** 2025.6+: the source deletes users and groups missing from the directory (a run then ends with deletion pages). */
  deleteNotFoundObjects?: boolean;
  /** null when the server has not checked yet; `__all__` is kept as host `__all__` */
  connectivity: ConnectivityEntry[] | null;
}

/**
 * A sync object of any kind: an LDAP or Kerberos source, or a SCIM, Google Workspace or Microsoft Entra provider.
 * It carries an LDAP source's fields, so code written for LDAP sources reads any kind:
 * - `slug` is the object's id: a source's slug, or a provider's pk in decimal (`3`);
 * - `pk` is authentik's primary key (a source's uuid, a provider's number);
 * - `enabled`: a provider has no such flag; it syncs only while assigned to an application, so that is its `enabled`;
 * - `syncUsers` / `syncGroups`: what it syncs (providers: both; Kerberos: users only);
 * - `connectivity`: the source's cached connection check (Kerberos: one `__all__` entry), null for providers.
 */
export interface SyncObject extends LdapSource {
  kind: SyncKind;
  /** Same as `slug`: the id of `KIND/ID`. */
  id: string;
  /** Outgoing providers, 2025.4+: every write is dropped and logged instead. */
  dryRun?: boolean;
}

export function refOf(object: Pick<SyncObject, 'kind' | 'id'>): SyncObjectRef {
  return { kind: object.kind, id: object.id };
}

export interface ServerVersion {
  version: string;
  generation: Generation;
}

export interface CurrentUser {
  username: string;
  name: string;
  isSuperuser: boolean;
  /** `app.codename` strings */
  permissions: string[];
}

/** The permission a generation needs to see per-run detail. */
export const TASK_VIEW_PERMISSIONS: Record<Generation, string[]> = {
  A: ['authentik_events.view_systemtask'],
  B: ['authentik_tasks_schedules.view_schedule', 'authentik_tasks.view_task'],
};

/** The permissions this user lacks to see sync detail on a server of this generation (empty: can see). */
export function missingTaskPermissions(user: CurrentUser, generation: Generation): string[] {
  if (user.isSuperuser) return [];
  return TASK_VIEW_PERMISSIONS[generation].filter((p) => !user.permissions.includes(p));
}
