// What the UI thread and the status worker say to each other, and the bookkeeping that lets a poll of 10,000 tasks
// cross between them as the few tasks that changed. Pure: no thread here, so it is tested as plain functions.
//
// The worker numbers every task object it sends. A task whose object the client handed back unchanged (its bytes
// were the same, see api/status-a-slices.ts) crosses as its number only; the UI thread keeps each number's task
// until an answer for the same source no longer lists it. Both sides update their books in the order the answers
// are posted (a thread's messages arrive in order), so they always agree on which numbers the UI thread holds.
import { ApiError, isApiError, type ApiErrorKind } from '../../api/errors.js';
import type { LdapSource, SyncStatus, SyncTask } from '../../domain/model.js';

export type ToWorker =
  | { type: 'status'; id: number; slug: string; source?: LdapSource }
  | { type: 'abort'; id: number };

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

/** The worker's side: which task objects the UI thread holds, per source. */
export function createTaskSender(): (slug: string, tasks: readonly SyncTask[]) => TaskDelta {
  const held = new Map<string, Map<SyncTask, number>>();
  let nextNumber = 1;
  return (slug, tasks) => {
    const before = held.get(slug);
    const now = new Map<SyncTask, number>();
    const order: number[] = new Array(tasks.length);
    const added: [number, SyncTask][] = [];
    tasks.forEach((task, i) => {
      let number = now.get(task) ?? before?.get(task);
      if (number === undefined) {
        number = nextNumber++;
        added.push([number, task]);
      }
      now.set(task, number);
      order[i] = number;
    });
    held.set(slug, now);
    return { order, added };
  };
}

/** The UI thread's side: the tasks it holds, per source; each answer's list rebuilt from its numbers. */
export function createTaskStore(): { receive(slug: string, delta: TaskDelta): SyncTask[]; clear(): void } {
  const held = new Map<string, Map<number, SyncTask>>();
  return {
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

/** The worker's side for whole statuses: an unchanged one crosses as `same`, a changed one as its changed tasks. */
export function createStatusSender(): (slug: string, status: SyncStatus) => PostedStatus {
  const sendTasks = createTaskSender();
  const last = new Map<string, SyncStatus>();
  return (slug, status) => {
    if (last.get(slug) === status) return { same: true };
    last.set(slug, status);
    const { tasks, ...fields } = status;
    return { same: false, status: fields, ...sendTasks(slug, tasks) };
  };
}

/** The UI thread's side: `same` is the very status object of last time, so nothing downstream compares it again. */
export function createStatusStore(): { receive(slug: string, posted: PostedStatus): SyncStatus; clear(): void } {
  const tasks = createTaskStore();
  const last = new Map<string, SyncStatus>();
  return {
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
