import type { CurrentUser, Generation, LdapSource, ServerVersion, SyncObject, SyncStatus, SyncTask } from '../domain/model.js';
import type { SyncKind, SyncObjectRef } from '../domain/sync-object-ref.js';

export interface ClientOptions {
  /** What the user typed: with or without trailing slash or `/api/v3`. */
  url: string;
  token: string;
  /** Per-request timeout in milliseconds (default 10 000). */
  timeoutMs?: number;
  /** Disable TLS verification. */
  insecure?: boolean;
  /** Aborts every request in flight (quit). */
  signal?: AbortSignal;
  /** Override for tests; defaults to the package name and version. */
  userAgent?: string;
  /** Largest response body read, in bytes (default 64 MiB); a larger one fails with `too_large`. */
  maxBytes?: number;
  /**
   * A generation A LDAP status's unchanged tasks come back as stand-ins that carry only their content key
   * (api/status-a-slices.ts): for the status worker, which sends tasks on and keeps none.
   */
  taskStandIns?: boolean;
}

export interface RequestOptions {
  /** Aborts just this call (the poller's stop). */
  signal?: AbortSignal;
}

export type TriggerResult = { started: true };

/**
 * Everything aksync asks of authentik. Every method resolves to domain types or rejects with an ApiError;
 * nothing else escapes. No method retries.
 */
export interface AuthentikApi {
  /** `<origin>/api/v3`, normalised. */
  readonly baseUrl: string;
  /**
   * The server's version and the token's user: read once and kept (concurrent callers share the request), read
   * again only after a request got no answer (the server may come back upgraded).
   */
  version(opts?: RequestOptions): Promise<ServerVersion>;
  me(opts?: RequestOptions): Promise<CurrentUser>;
  /** All pages of `/sources/ldap/`. */
  listSources(opts?: RequestOptions): Promise<LdapSource[]>;
  getSource(slug: string, opts?: RequestOptions): Promise<LdapSource>;
  /**
   * The sync status of one source, in the server's generation (detected from /admin/version/ once and cached,
   * falling back to the response's shape), asked for alongside the status rather than before it. Generation B also
   * reads the schedule and the recent tasks; it needs the source's pk, so pass the source when you have it, or its
   * read in flight.
   */
  syncStatus(slug: string, opts?: RequestOptions & { source?: LdapSource | Promise<LdapSource> }): Promise<SyncStatus>;
  /** Start a sync now (A: PATCH source {}, B: POST schedule send). */
  triggerSync(slug: string, opts?: RequestOptions & { source?: LdapSource }): Promise<TriggerResult>;
  /** The generation, once known. */
  generation(opts?: RequestOptions): Promise<Generation>;
}

/** What a status read or a trigger may be given: the object as listed, or its read in flight (generation B needs a source's pk). */
export type ObjectOptions = RequestOptions & { object?: SyncObject | LdapSource | Promise<SyncObject | LdapSource> };

/**
 * The API for sync objects of every kind (src/kinds/): the same reads as AuthentikApi's LDAP ones, for a kind or a
 * `KIND/ID` reference. A kind the server does not have (Kerberos before 2024.10) or the token may not list answers
 * an ApiError (`not_found`, `forbidden`) like any other read.
 */
export interface SyncApi extends AuthentikApi {
  /** All pages of the kind's list. */
  listObjects(kind: SyncKind, opts?: RequestOptions): Promise<SyncObject[]>;
  getObject(ref: SyncObjectRef, opts?: RequestOptions): Promise<SyncObject>;
  /** As syncStatus, for any kind: the status and, per generation, the run's record or schedule and tasks. */
  objectStatus(ref: SyncObjectRef, opts?: ObjectOptions): Promise<SyncStatus>;
  /** Start a sync now (A: PATCH the object `{}`, B: send its sync schedule, else PATCH). */
  triggerObject(ref: SyncObjectRef, opts?: ObjectOptions): Promise<TriggerResult>;
  /**
   * 2025.8+: one page (100) of the object's sync schedule's tasks, newest first: its run and page tasks, adapted. The
   * run history reads older runs this way, one page per poll interval (src/history/backfill.ts).
   */
  scheduleTaskPage(ref: SyncObjectRef, scheduleId: string, page: number, opts?: RequestOptions): Promise<TaskPage>;
}

/** A page of a schedule's tasks; `next` is the next page's number, null at the end of the list. */
export interface TaskPage {
  tasks: SyncTask[];
  next: number | null;
}
