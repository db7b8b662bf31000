// Kerberos source (2024.10+): `/sources/kerberos/<slug>/`. One task per run, no pages, no per-principal lines
// (failures to create a user are only Events). Generation A's status always answers `tasks: []` (it looks for a
// name the task never has), so the run is read from `/events/system_tasks/?name=kerberos_sync_single`: one record
// that every Kerberos source shares, holding whichever ran last. Generation B: one `kerberos_sync` task per run.
import { sortedMessages } from '../api/adapt-common.js';
import { taskStateA } from '../api/adapter-a.js';
import { z } from 'zod';
import { plural } from '../domain/format.js';
import type { KindRules } from '../domain/kind-rules.js';
import type { ConnectivityEntry, SyncObject, SyncTask } from '../domain/model.js';
import type { SystemTaskJson } from '../api/schemas-a.js';
import { levelRules, LOCKED_RUN } from './message-rules.js';
import { objectReader, type KindDescription } from './types.js';

const kerberosSourceSchema = z
  .object({
    pk: z.string(),
    name: z.string(),
    slug: z.string(),
    enabled: z.boolean(),
    sync_users: z.boolean().nullish(),
    /** `{"status": "ok" | "no connection" | "<kadmin error>", "principal_exists": bool}`, flat (not per host) */
    connectivity: z.record(z.string(), z.unknown()).nullish(),
  })
  .loose();

function connectivity(json: Record<string, unknown> | null | undefined): ConnectivityEntry[] | null {
  if (json == null || typeof json.status !== 'string') return null;
  return [{ host: '__all__', status: json.status }];
}

export const KERBEROS_RULES: KindRules = {
  kind: 'kerberos',
  // `Source is disabled or user syncing is disabled for this Source` is logged at info: nothing was synced.
  messages: levelRules([/^Source is disabled or user syncing is disabled/]),
  shape: {
    ...LOCKED_RUN,
    triggerWhileRunning: () => 'a second one finds the source locked and skips itself',
  },
  periodSecondsA: 2 * 3600,
  pageTypes: { order: [], always: [] },
  words: {
    object: 'Kerberos source',
    disabled: 'the source is disabled: authentik does not sync it',
    noRun: (generation) =>
      generation === 'A'
        ? 'no sync run recorded (authentik keeps the last Kerberos run for 6 hours, one record for every Kerberos source)'
        : 'no sync run recorded',
    connectivity: 'Kerberos server',
    starting: 'a sync run is starting',
    ok: ({ tasks }) => (tasks > 1 ? `${plural(tasks, 'task')}, no problem` : 'the last sync run finished without problems'),
  },
};

/** The shared record as this source's run: ids carry the end time, since the record (and its uuid) is reused. */
function runTask(task: SystemTaskJson, key: string): SyncTask {
  const finish = task.finish_timestamp ?? null;
  return {
    id: `${task.uuid}@${finish?.toISOString() ?? ''}`,
    uid: key,
    slug: key,
    type: 'run',
    pageId: '',
    kind: 'run',
    state: taskStateA(task.status),
    rawStatus: task.status,
    start: task.start_timestamp ?? null,
    finish,
    durationSeconds: task.duration ?? null,
    messages: sortedMessages(task.messages),
    previousMessages: [],
    retries: 0,
  };
}

export const KERBEROS_KIND: KindDescription = {
  kind: 'kerberos',
  title: 'Kerberos',
  noun: { one: 'Kerberos source', many: 'Kerberos sources' },
  since: { year: 2024, month: 10 },
  enterprise: false,
  rules: KERBEROS_RULES,
  listPath: '/sources/kerberos/',
  permissions: { view: 'authentik_sources_kerberos.view_kerberossource', change: 'authentik_sources_kerberos.change_kerberossource' },
  object: objectReader(kerberosSourceSchema, (json): SyncObject => ({
    kind: 'kerberos',
    id: json.slug,
    pk: json.pk,
    name: json.name,
    slug: json.slug,
    enabled: json.enabled,
    syncUsers: json.sync_users ?? true,
    syncGroups: false,
    connectivity: connectivity(json.connectivity),
  })),
  generationA: {
    runs: { from: 'system-tasks', taskName: 'kerberos_sync_single' },
    tasks: (task, key) => [runTask(task, key)],
  },
  generationB: {
    relObj: { appLabel: 'authentik_sources_kerberos', model: 'kerberossource' },
    actors: {
      sync: 'authentik.sources.kerberos.tasks.kerberos_sync',
      page: null,
      parentSlug: (_tail, key) => key,
      pageIdentity: (tail, key) => ({ uid: tail, slug: key, type: 'run', pageId: '' }),
    },
  },
};
