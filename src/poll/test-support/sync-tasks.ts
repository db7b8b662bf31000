// Test support: SyncTask and SyncStatus objects shaped like the adapters' output for authentik's real responses.
import type { LogMessage, SyncStatus, SyncTask } from '../../domain/model.js';

let sequence = 0;

function uuid(): string {
  sequence += 1;
  const hex = sequence.toString(16).padStart(12, '0');
  return `5f0c2a8e-3b1d-4c1e-9a57-${hex}`;
}

function info(event: string, at: Date, logger = 'ldap_sync'): LogMessage {
  return { timestamp: at, level: 'info', logger, event, attributes: {} };
}

/** A generation A page task (one LDAP page) that finished `finish` with status successful. */
export function pageTask(slug: string, type: string, finish: Date, overrides: Partial<SyncTask> = {}): SyncTask {
  const pageId = uuid();
  const start = new Date(finish.getTime() - 2_785);
  return {
    id: uuid(),
    uid: `${slug}:${type}:${pageId}`,
    slug,
    type,
    pageId,
    kind: 'page',
    state: 'ok',
    rawStatus: 'successful',
    start,
    finish,
    durationSeconds: 2.785714292526245,
    messages: [info('Synced 50 objects.', finish)],
    previousMessages: [],
    retries: 0,
    ...overrides,
  };
}

/** `count` generation A page tasks finishing one second apart, the last at `lastFinish`. */
export function pageTasks(slug: string, count: number, lastFinish: Date): SyncTask[] {
  return Array.from({ length: count }, (_, i) =>
    pageTask(slug, i < count * 0.8 ? 'users' : 'groups', new Date(lastFinish.getTime() - (count - 1 - i) * 1_000)),
  );
}

/** A generation B parent task, `running` or finished (`done`). */
export function runTask(slug: string, state: 'running' | 'queued' | 'ok' | 'error', at: Date): SyncTask {
  const finished = state === 'ok' || state === 'error';
  return {
    id: uuid(),
    uid: slug,
    slug,
    type: 'run',
    pageId: '',
    kind: 'run',
    state,
    rawStatus: finished ? (state === 'ok' ? 'done' : 'rejected') : state,
    start: at,
    finish: finished ? at : null,
    durationSeconds: null,
    messages: [info('Task is being processed', at, 'authentik.tasks.middleware.TaskLogMiddleware')],
    previousMessages: [],
    retries: 0,
  };
}

export function statusA(isRunning: boolean, tasks: SyncTask[]): SyncStatus {
  return {
    generation: 'A',
    isRunning,
    tasks,
    lastSuccessfulSync: null,
    lastSyncStatus: null,
    schedule: null,
    missingDetailPermission: null,
  };
}

export function statusB(isRunning: boolean, tasks: SyncTask[], lastSuccessfulSync: Date | null = null): SyncStatus {
  return {
    generation: 'B',
    isRunning,
    tasks,
    lastSuccessfulSync,
    lastSyncStatus: isRunning ? 'running' : 'info',
    schedule: null,
    missingDetailPermission: null,
  };
}
