// Builders for realistic domain objects in tests (message strings are authentik's own).
import type { LdapSource, LogMessage, SyncStatus, SyncTask } from '../model.js';

let counter = 0;

export function message(event: string, level = 'info', at = '2024-09-30T14:02:33.903522Z'): LogMessage {
  return { timestamp: new Date(at), level, logger: 'ldap_sync', event, attributes: {} };
}

export function pageTask(
  slug: string,
  type: string,
  messages: LogMessage[],
  overrides: Partial<SyncTask> = {},
): SyncTask {
  counter += 1;
  const pageId = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  const start = overrides.start ?? new Date(Date.UTC(2024, 8, 30, 14, 2, counter % 60));
  return {
    id: `task-${counter}`,
    uid: `${slug}:${type}:${pageId}`,
    slug,
    type,
    pageId,
    kind: 'page',
    state: 'ok',
    rawStatus: 'successful',
    start,
    finish: new Date(start.getTime() + 2000),
    durationSeconds: 2,
    messages,
    previousMessages: [],
    retries: 0,
    ...overrides,
  };
}

export function statusA(tasks: SyncTask[], isRunning = false): SyncStatus {
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

export function source(slug: string, overrides: Partial<LdapSource> = {}): LdapSource {
  return {
    pk: `pk-${slug}`,
    name: slug,
    slug,
    enabled: true,
    syncUsers: true,
    syncGroups: true,
    connectivity: [{ host: 'dc1.corp.example.com', status: 'ok', vendor: 'Microsoft', version: '10.0' }],
    ...overrides,
  };
}

export const TRACEBACK =
  'Traceback (most recent call last):\n  File "/authentik/sources/ldap/tasks.py", line 116, in ldap_sync\n    sync_inst: BaseLDAPSynchronizer = sync(source)\n  File "/authentik/sources/ldap/models.py", line 224, in connection\n    successful = conn.bind()\nldap3.core.exceptions.LDAPSocketOpenError: socket connection error while opening: [Errno 111] Connection refused';
