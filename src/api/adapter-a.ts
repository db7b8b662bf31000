// Generation A status → domain. Tasks are passed on unfiltered: the verdict drops other slugs' tasks (prefix quirk).
import type { SyncStatus, SyncTask, TaskState } from '../domain/model.js';
import { pageUidParts, sortedMessages } from './adapt-common.js';
import type { SyncStatusAJson, SystemTaskJson } from './schemas-a.js';

const STATES: Record<string, TaskState> = {
  successful: 'ok',
  warning: 'warning',
  error: 'error',
  unknown: 'unknown',
};

export function taskStateA(status: string): TaskState {
  return STATES[status.toLowerCase()] ?? 'unknown';
}

export function syncTaskA(task: SystemTaskJson): SyncTask {
  const uid = task.uid ?? uidFromFullName(task.full_name ?? '', task.name);
  const start = task.start_timestamp ?? null;
  const finish = task.finish_timestamp ?? null;
  return {
    id: task.uuid,
    uid,
    ...pageUidParts(uid),
    kind: 'page',
    state: taskStateA(task.status),
    rawStatus: task.status,
    start,
    finish,
    durationSeconds: task.duration ?? null,
    messages: sortedMessages(task.messages),
    previousMessages: [],
    retries: 0,
  };
}

/** `ldap_sync:corp:users:<uuid>` → `corp:users:<uuid>` */
function uidFromFullName(fullName: string, name: string): string {
  return fullName.startsWith(`${name}:`) ? fullName.slice(name.length + 1) : fullName;
}

/** `tasksOf`: how one SystemTask becomes tasks (a kind's; LDAP's one page task by default). */
export function syncStatusA(status: SyncStatusAJson, tasksOf: (task: SystemTaskJson) => SyncTask[] = (task) => [syncTaskA(task)]): SyncStatus {
  return {
    generation: 'A',
    isRunning: status.is_running,
    tasks: status.tasks.flatMap(tasksOf),
    lastSuccessfulSync: null,
    lastSyncStatus: null,
    schedule: null,
    missingDetailPermission: null,
  };
}
