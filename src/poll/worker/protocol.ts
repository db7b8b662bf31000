// What the UI thread and the status worker say to each other, and the bookkeeping that lets a poll of 10,000 tasks
// cross between them as the few tasks that changed. Pure: no thread here, so it is tested as plain functions.
//
// The worker numbers every task object it sends. A task whose object the client handed back unchanged (its bytes
// were the same, see api/status-a-slices.ts) crosses as its number only; the UI thread keeps each number's task
// until an answer for the same source no longer lists it. Both sides update their books in the order the answers
// are posted (a thread's messages arrive in order), so they always agree on which numbers the UI thread holds.
//
// A seed starts the books with tasks the UI thread read itself (its first poll, before the worker was needed): it
// names them by content key (api/status-a-slices.ts), numbered -1, -2, … in order, and the worker's first answer
// names a task it decoded from the same bytes by that number instead of sending it again. Without a seed that first
// answer would carry every task of a 34 MB status across, and the UI thread would hold two copies while it judged
// 10,000 new objects (a stall of half a second between two keys, and a few hundred MB).
import { ApiError, isApiError, type ApiErrorKind } from '../../api/errors.js';
import type { LdapSource, SyncStatus, SyncTask } from '../../domain/model.js';

export type ToWorker =
  | { type: 'status'; id: number; slug: string; source?: LdapSource }
  | { type: 'abort'; id: number }
  | { type: 'seed'; slug: string; keys: (string | null)[] };

/** How a task's content is named across threads: its key when it has one (see the top of this file). */
export type ContentKeyOf = (task: SyncTask) => string | undefined;

/**
 * What the worker knows of the tasks it reads: their content keys, and which are stand-ins (a reader that keeps no
 * tasks hands back an unchanged one as an empty object with its key: it can be named, never sent).
 */
export interface TaskIdentity {
  keyOf: ContentKeyOf;
  isStandIn(task: SyncTask): boolean;
}

const NO_KEYS: TaskIdentity = { keyOf: () => undefined, isStandIn: () => false };

/** The number a seeded task goes by: its position in the seed, counted -1, -2, … (the worker counts up from 1). */
const seededNumber = (index: number) => -(index + 1);

export type StatusFields = Omit<SyncStatus, 'tasks'>;

export interface TaskDelta {
  /** The task at each position of the status's list, by number. */
  order: number[];
  /** Tasks the UI thread does not hold yet, with their numbers. */
  added: [number, SyncTask][];
}

/** A status as it crosses: `same` when it is the very status crossed last for this source (an unchanged answer). */
export type PostedStatus = { same: true } | ({ same: false; status: StatusFields } & TaskDelta);

export type FromWorker =
  | ({ type: 'status'; id: number; slug: string; ok: true } & PostedStatus)
  | { type: 'status'; id: number; slug: string; ok: false; error: PostedError };

export interface PostedError {
  kind: ApiErrorKind;
  message: string;
  status?: number;
  permission?: string;
}

const KINDS: ReadonlySet<ApiErrorKind> = new Set<ApiErrorKind>([
  'unreachable',
  'tls',
  'timeout',
  'unauthenticated',
  'forbidden',
  'not_found',
  'server',
  'bad_response',
  'too_large',
  'aborted',
]);

/** An ApiError as plain data (a thread boundary keeps no class); anything else becomes the internal-fault sentence. */
export function postedError(error: unknown): PostedError {
  if (!isApiError(error)) return { kind: 'bad_response', message: 'aksync could not read the answer: an unexpected internal error occurred.' };
  return {
    kind: error.kind,
    message: error.message,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.permission === undefined ? {} : { permission: error.permission }),
  };
}

/** The ApiError again; a kind outside the closed set is an internal fault, not passed on. */
export function receivedError(posted: PostedError): ApiError {
  if (!KINDS.has(posted.kind) || typeof posted.message !== 'string') {
    return new ApiError('bad_response', 'aksync could not read the answer: an unexpected internal error occurred.');
  }
  return new ApiError(posted.kind, posted.message, posted.status, posted.permission);
}

export interface TaskSender {
  (slug: string, tasks: readonly SyncTask[]): TaskDelta;
  /** The UI thread holds these tasks of `slug` (by content key, in order) until the next answer for it. */
  seed(slug: string, keys: readonly (string | null)[]): void;
}

/**
 * The worker's side: which tasks the UI thread holds, per source: by content key where a task has one (so a task
 * read again from the same bytes is the same task), else by the object itself.
 */
export function createTaskSender(identity: TaskIdentity = NO_KEYS): TaskSender {
  const held = new Map<string, Map<SyncTask | string, number>>();
  const seeds = new Map<string, Map<string, number>>();
  let nextNumber = 1;
  const send = (slug: string, tasks: readonly SyncTask[]): TaskDelta => {
    const before = held.get(slug);
    const seeded = seeds.get(slug);
    const now = new Map<SyncTask | string, number>();
    const order: number[] = new Array(tasks.length);
    const added: [number, SyncTask][] = [];
    tasks.forEach((task, i) => {
      const name = identity.keyOf(task) ?? task;
      let number = now.get(name) ?? before?.get(name) ?? (typeof name === 'string' ? seeded?.get(name) : undefined);
      if (number === undefined) {
        if (identity.isStandIn(task)) throw new Error(`a stand-in of ${slug} that the UI thread does not hold`);
        number = nextNumber++;
        added.push([number, task]);
      }
      now.set(name, number);
      order[i] = number;
    });
    seeds.delete(slug);
    held.set(slug, now);
    return { order, added };
  };
  return Object.assign(send, {
    seed(slug: string, keys: readonly (string | null)[]) {
      const numbers = new Map<string, number>();
      keys.forEach((key, i) => {
        if (key !== null && !numbers.has(key)) numbers.set(key, seededNumber(i));
      });
      seeds.set(slug, numbers);
    },
  });
}

/** The keys a seed names `tasks` by (null: a task without one, which the worker sends again if it lists it). */
export function seedKeys(tasks: readonly SyncTask[], keyOf: ContentKeyOf): (string | null)[] {
  return tasks.map((task) => keyOf(task) ?? null);
}

export interface TaskStore {
  receive(slug: string, delta: TaskDelta): SyncTask[];
  /** The UI thread holds `tasks` (the ones it named in a seed, in the same order). */
  seed(slug: string, tasks: readonly SyncTask[]): void;
  clear(): void;
}

/** The UI thread's side: the tasks it holds, per source; each answer's list rebuilt from its numbers. */
export function createTaskStore(): TaskStore {
  const held = new Map<string, Map<number, SyncTask>>();
  return {
    seed(slug, tasks) {
      held.set(slug, new Map(tasks.map((task, i) => [seededNumber(i), task])));
    },
    receive(slug, delta) {
      const before = held.get(slug);
      const fresh = new Map<number, SyncTask>(delta.added);
      const now = new Map<number, SyncTask>();
      const tasks = delta.order.map((number) => {
        const task = fresh.get(number) ?? before?.get(number);
        if (task === undefined) throw new Error(`task ${number} is unknown`);
        now.set(number, task);
        return task;
      });
      held.set(slug, now);
      return tasks;
    },
    clear() {
      held.clear();
    },
  };
}

export interface StatusSender {
  (slug: string, status: SyncStatus): PostedStatus;
  seed: TaskSender['seed'];
}

/** The worker's side for whole statuses: an unchanged one crosses as `same`, a changed one as its changed tasks. */
export function createStatusSender(identity?: TaskIdentity): StatusSender {
  const sendTasks = createTaskSender(identity);
  const last = new Map<string, SyncStatus>();
  const send = (slug: string, status: SyncStatus): PostedStatus => {
    if (last.get(slug) === status) return { same: true };
    last.set(slug, status);
    const { tasks, ...fields } = status;
    return { same: false, status: fields, ...sendTasks(slug, tasks) };
  };
  return Object.assign(send, { seed: sendTasks.seed });
}

/** The UI thread's side: `same` is the very status object of last time, so nothing downstream compares it again. */
export function createStatusStore(): {
  receive(slug: string, posted: PostedStatus): SyncStatus;
  seed(slug: string, tasks: readonly SyncTask[]): void;
  clear(): void;
} {
  const tasks = createTaskStore();
  const last = new Map<string, SyncStatus>();
  return {
    seed: tasks.seed,
    receive(slug, posted) {
      if (posted.same) {
        const status = last.get(slug);
        if (status === undefined) throw new Error(`no status of ${slug} to repeat`);
        return status;
      }
      const status: SyncStatus = { ...posted.status, tasks: tasks.receive(slug, posted) };
      last.set(slug, status);
      return status;
    },
    clear() {
      tasks.clear();
      last.clear();
    },
  };
}
