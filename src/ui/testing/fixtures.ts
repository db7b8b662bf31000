// Realistic monitor data for UI tests: authentik's own message strings, a mid-size run, hostile text, a huge log.
import { ApiError } from '../../api/errors.js';
import type { LdapSource, LogMessage, SyncStatus, SyncTask } from '../../domain/model.js';
import type { KindRules } from '../../domain/kind-rules.js';
import { assess } from '../../domain/verdict.js';
import type { PollSnapshot } from '../../poll/poller.js';
import type { ActionOutcome, MonitorControls, MonitorData, PolledStatus } from '../hooks/use-monitor-data.js';
import { statusA } from '../../domain/testing/factories.js';

export { statusA };

/** 30 September 2024, 14:02:00 local time: clock columns read 14:02:xx whatever the test machine's zone. */
export const RUN_START = new Date(2024, 8, 30, 14, 2, 0);

export const TRACEBACK = [
  'Traceback (most recent call last):',
  '  File "/authentik/sources/ldap/sync/base.py", line 124, in sync',
  '    for page in self.get_objects():',
  '  File "/authentik/sources/ldap/models.py", line 224, in connection',
  '    successful = conn.bind()',
  'ldap3.core.exceptions.LDAPSocketOpenError: socket connection error while opening: [Errno 111] Connection refused',
].join('\n');

export function logMessage(event: string, level = 'info', at: Date = RUN_START, extra: Partial<LogMessage> = {}): LogMessage {
  return { timestamp: at, level, logger: 'authentik.sources.ldap.sync.users', event, attributes: {}, ...extra };
}

let counter = 0;

export function page(type: string, messages: LogMessage[], overrides: Partial<SyncTask> = {}): SyncTask {
  counter += 1;
  const n = String(counter).padStart(12, '0');
  const start = overrides.start ?? new Date(RUN_START.getTime() + counter * 1000);
  const pageId = `5f0c${n.slice(4)}-0000-4000-8000-${n}`;
  return {
    id: `${n.slice(-8)}-9a1e-4c1b-8d3e-1f2a3b4c5d6e`,
    uid: `corp-ad:${type}:${pageId}`,
    slug: 'corp-ad',
    type,
    pageId,
    kind: 'page',
    state: 'ok',
    rawStatus: 'successful',
    start,
    finish: new Date(start.getTime() + 2800),
    durationSeconds: 2.8,
    messages,
    previousMessages: [],
    retries: 0,
    ...overrides,
  };
}

/** A finished run: 6 user pages (one with problems), 2 group pages, 2 membership pages (one failed). */
export function mixedRun(): SyncTask[] {
  counter = 0;
  const tasks: SyncTask[] = [];
  for (let i = 0; i < 6; i += 1) {
    const problems = i === 2
      ? [
          logMessage("Uniqueness field not found/not set in attributes: 'CN=svc-backup,OU=Service,DC=corp,DC=example,DC=com'; DN: CN=svc-backup,OU=Service,DC=corp,DC=example,DC=com"),
          logMessage("Uniqueness field not found/not set in attributes: 'CN=svc-print,OU=Service,DC=corp,DC=example,DC=com'; DN: CN=svc-print,OU=Service,DC=corp,DC=example,DC=com"),
        ]
      : [];
    tasks.push(page('users', [...problems, logMessage(`Synced ${50 - problems.length} objects.`)]));
  }
  tasks.push(page('groups', [logMessage('Synced 50 objects.', 'info', RUN_START, { logger: 'authentik.sources.ldap.sync.groups' })]));
  tasks.push(page('groups', [logMessage('Synced 27 objects.', 'info', RUN_START, { logger: 'authentik.sources.ldap.sync.groups' })]));
  tasks.push(page('membership', [logMessage('Synced 50 objects.', 'info', RUN_START, { logger: 'authentik.sources.ldap.sync.membership' })], { durationSeconds: 41.5 }));
  tasks.push(
    page('membership', [logMessage(TRACEBACK, 'error', RUN_START, { logger: 'authentik.sources.ldap.sync.membership', attributes: { task: 'ldap_sync', page: 'membership' } })], {
      state: 'error',
      rawStatus: 'error',
    }),
  );
  return tasks;
}


export function ldapSource(overrides: Partial<LdapSource> = {}): LdapSource {
  return {
    pk: '8a7c1f2e-0000-4000-8000-000000000001',
    name: 'Corp AD',
    slug: 'corp-ad',
    enabled: true,
    syncUsers: true,
    syncGroups: true,
    connectivity: [{ host: 'dc1.corp.example.com', status: 'ok' }],
    ...overrides,
  };
}

const UPDATED_AT = RUN_START.getTime() + 120_000;

export function liveSnapshot(polled: PolledStatus | null, overrides: Partial<PollSnapshot<PolledStatus>> = {}): PollSnapshot<PolledStatus> {
  return {
    data: polled,
    updatedAt: polled ? UPDATED_AT : null,
    unconfirmedSince: null,
    error: null,
    failures: 0,
    phase: polled ? 'live' : 'loading',
    refreshing: false,
    nextPollAt: null,
    ...overrides,
  };
}

export interface DataOptions {
  tasks?: SyncTask[];
  status?: SyncStatus;
  source?: LdapSource | null;
  label?: 'current' | 'previous' | 'none';
  snapshot?: Partial<PollSnapshot<PolledStatus>>;
  tasksStillArriving?: boolean;
  /** The object's kind's rules (LDAP's when absent). */
  rules?: KindRules;
}

/** What useMonitorData would hand the screen for this status. */
export function monitorData(options: DataOptions = {}): MonitorData {
  const status = options.status ?? statusA(options.tasks ?? mixedRun());
  const source = options.source === undefined ? ldapSource() : options.source;
  const polled: PolledStatus = {
    status,
    source,
    run: { tasks: status.tasks, label: options.label ?? (status.tasks.length > 0 ? 'current' : 'none') },
    tasksStillArriving: options.tasksStillArriving ?? false,
    missing: null,
  };
  const assessment = assess({
    slug: 'corp-ad',
    status,
    source,
    now: new Date(UPDATED_AT),
    tasksStillArriving: polled.tasksStillArriving,
    ...(options.rules ? { rules: options.rules } : {}),
  });
  return {
    snapshot: liveSnapshot(polled, options.snapshot),
    version: { version: '2024.8.3', generation: 'A' },
    user: { username: 'akadmin', name: 'authentik Default Admin', isSuperuser: true, permissions: [] },
    source,
    assessment,
    missingPermissions: [],
  };
}

export function unreachable(): ApiError {
  return new ApiError('unreachable', 'auth.example.com is unreachable: connection refused. Is the URL right and the server up?');
}

export interface RecordingControls extends MonitorControls {
  calls: string[];
  syncOutcome: ActionOutcome;
}

export function recordingControls(outcome: ActionOutcome = { tone: 'ok', text: 'Sync of Corp AD started: following the new run.' }): RecordingControls {
  const calls: string[] = [];
  const controls: RecordingControls = {
    calls,
    syncOutcome: outcome,
    refresh: () => void calls.push('refresh'),
    togglePause: () => void calls.push('togglePause'),
    triggerSync: async () => {
      calls.push('triggerSync');
      return controls.syncOutcome;
    },
  };
  return controls;
}

/** A page whose log has `count` messages: mostly info, every 10th a warning, every 100th an error. */
export function hugeLogTask(count: number): SyncTask {
  const messages: LogMessage[] = new Array(count);
  for (let i = 0; i < count; i += 1) {
    const level = i % 100 === 99 ? 'error' : i % 10 === 9 ? 'warning' : 'info';
    messages[i] = logMessage(`message ${i}: Group does not exist in our DB yet, run sync_groups first: 'CN=group-${i},OU=Groups,DC=corp,DC=example,DC=com'`, level, new Date(RUN_START.getTime() + i));
  }
  return page('membership', messages);
}
