// What the three outgoing providers (SCIM, Google Workspace, Microsoft Entra) share: authentik runs them with the
// same code, and each kind's file only names its paths, actors and permissions.
// - Generation A: one SystemTask per provider (uid `slugify(name)`, matched exactly), always `successful`; a failed
//   object is a `warning` line `Failed to sync User … due to …`, a failed run an `error` traceback that replaces every
//   other line. The record is split back into its pages here, by the `Syncing page N of users` lines.
// - Generation B: a parent `<kind>_sync` task and `<kind>_sync_objects` page tasks (uid `…:<name>:user|group:<n>`).
// The lock covers the whole run in both generations.
import { z } from 'zod';
import { logMessage } from '../api/adapt-common.js';
import { taskStateA } from '../api/adapter-a.js';
import type { SystemTaskJson } from '../api/schemas-a.js';
import type { LogEventJson } from '../api/schemas-common.js';
import { plural } from '../domain/format.js';
import type { KindRules } from '../domain/kind-rules.js';
import type { LogMessage, SyncObject, SyncTask } from '../domain/model.js';
import type { SyncKind } from '../domain/sync-object-ref.js';
import { levelRules, LOCKED_RUN } from './message-rules.js';
import { objectReader, type KindDescription } from './types.js';

export interface OutgoingNames {
  kind: SyncKind;
  title: string;
  /** The path segment and task-name stem: `scim`, `google_workspace`, `microsoft_entra`. */
  stem: string;
  /** Django app label: `authentik_providers_scim`. */
  appLabel: string;
  /** Model: `scimprovider`. */
  model: string;
  /** Python module of the actors: `authentik.providers.scim.tasks`. */
  actorModule: string;
  enterprise: boolean;
}

const providerSchema = z
  .object({
    pk: z.number(),
    name: z.string(),
    assigned_backchannel_application_slug: z.string().nullish(),
    assigned_application_slug: z.string().nullish(),
    dry_run: z.boolean().nullish(),
  })
  .loose();

function providerObject(kind: SyncKind, json: z.output<typeof providerSchema>): SyncObject {
  const id = String(json.pk);
  return {
    kind,
    id,
    pk: id,
    name: json.name,
    slug: id,
    enabled: json.assigned_backchannel_application_slug != null || json.assigned_application_slug != null,
    syncUsers: true,
    syncGroups: true,
    connectivity: null,
    ...(typeof json.dry_run === 'boolean' ? { dryRun: json.dry_run } : {}),
  };
}

export function outgoingRules(kind: SyncKind, title: string): KindRules {
  return {
    kind,
    messages: levelRules(),
    shape: {
      ...LOCKED_RUN,
      triggerWhileRunning: (generation) =>
        generation === 'B' ? 'a second one is queued and skips itself while this one holds the lock' : 'authentik skips a second one while this one runs',
    },
    periodSecondsA: 4 * 3600,
    pageTypes: { order: ['users', 'groups'], always: ['users', 'groups'] },
    words: {
      object: `${title} provider`,
      disabled: 'the provider is not assigned to an application: authentik does not sync it',
      noRun: (generation) =>
        generation === 'A'
          ? "no sync run recorded (authentik keeps a provider's last run for 6 hours after it ends)"
          : 'no sync run recorded',
      connectivity: null,
      starting: 'a sync run is starting',
      ok: ({ pages, pending }) => {
        const done = pending > 0 ? `${pages - pending} of ${plural(pages, 'page')} done` : plural(pages, 'page');
        return `${done}, no object failed`;
      },
    },
  };
}

const PAGE_MARK = /^Syncing page (\d+) of (users|groups)$/i;
/** A page's own logger: `SCIM Provider@authentik.core.models.User`. */
const PAGE_LOGGER = /@authentik\.core\.models\.(User|Group)$/;

const typeOfModel = (model: string) => (model.toLowerCase() === 'group' ? 'groups' : 'users');

/**
 * A generation A provider record as its run and pages. The record holds the run's own lines (logger `<kind>_sync`)
 * and each page's lines in page order (pages ran in parallel on 2025.6, so their times interleave: the record's
 * order is the one to trust). A page begins at its `Syncing page N of users` line (the run's on 2024.8–2025.4, the
 * page's own on 2025.6); a page logger's line belongs to the page of its type last begun.
 */
export function providerTasksA(task: SystemTaskJson, key: string): SyncTask[] {
  const finish = task.finish_timestamp ?? null;
  // The record, and its uuid, is reused by every run: its end time tells runs apart.
  const runId = `${task.uuid}@${finish?.toISOString() ?? ''}`;
  const state = taskStateA(task.status);
  const own: LogEventJson[] = [];
  const pages = new Map<string, { type: string; n: string; lines: LogEventJson[] }>();
  const current = new Map<string, string>();
  const pageOf = (type: string, n: string) => {
    const k = `${type}:${n}`;
    let page = pages.get(k);
    if (!page) pages.set(k, (page = { type, n, lines: [] }));
    current.set(type, k);
    return page;
  };
  for (const line of task.messages) {
    const mark = PAGE_MARK.exec(line.event.trim());
    if (mark) {
      pageOf((mark[2] ?? 'users').toLowerCase(), mark[1] ?? '1').lines.push(line);
      continue;
    }
    const model = PAGE_LOGGER.exec(line.logger ?? '')?.[1];
    if (model === undefined) {
      own.push(line);
      continue;
    }
    const type = typeOfModel(model);
    const k = current.get(type);
    (k ? (pages.get(k) ?? pageOf(type, '1')) : pageOf(type, '1')).lines.push(line);
  }
  const run: SyncTask = {
    id: runId,
    uid: key,
    slug: key,
    type: 'run',
    pageId: '',
    kind: 'run',
    state,
    rawStatus: task.status,
    start: task.start_timestamp ?? null,
    finish,
    durationSeconds: task.duration ?? null,
    messages: own.map(logMessage),
    previousMessages: [],
    retries: 0,
  };
  const pageTasks = [...pages.values()].map(({ type, n, lines }): SyncTask => {
    const messages = lines.map(logMessage);
    const times = messages.map((m) => m.timestamp?.getTime()).filter((t): t is number => t !== undefined && Number.isFinite(t));
    const start = times.length ? new Date(Math.min(...times)) : null;
    const end = times.length ? new Date(Math.max(...times)) : null;
    return {
      id: `${runId}:${type}:${n}`,
      uid: `${key}:${type}:${n}`,
      slug: key,
      type,
      pageId: n,
      kind: 'page',
      // A record is `successful` however its objects fared; a failed run keeps no page lines at all.
      state: state === 'error' ? 'ok' : state,
      rawStatus: task.status,
      start,
      finish: end,
      durationSeconds: start && end ? (end.getTime() - start.getTime()) / 1000 : null,
      messages: sortByTime(messages),
      previousMessages: [],
      retries: 0,
    };
  });
  return [run, ...pageTasks];
}

function sortByTime(messages: LogMessage[]): LogMessage[] {
  return messages
    .map((m, i) => ({ m, i }))
    .sort((a, b) => (a.m.timestamp?.getTime() ?? Infinity) - (b.m.timestamp?.getTime() ?? Infinity) || a.i - b.i)
    .map(({ m }) => m);
}

export function outgoingKind(names: OutgoingNames): KindDescription {
  const { kind, title, stem, appLabel, model, actorModule } = names;
  return {
    kind,
    title,
    noun: { one: `${title} provider`, many: `${title} providers` },
    since: null,
    enterprise: names.enterprise,
    rules: outgoingRules(kind, title),
    listPath: `/providers/${stem}/`,
    permissions: { view: `${appLabel}.view_${model}`, change: `${appLabel}.change_${model}` },
    object: objectReader(providerSchema, (json) => providerObject(kind, json)),
    generationA: { runs: { from: 'status' }, tasks: providerTasksA },
    generationB: {
      relObj: { appLabel, model },
      actors: {
        sync: `${actorModule}.${stem}_sync`,
        page: `${actorModule}.${stem}_sync_objects`,
        parentSlug: (_tail, key) => key,
        // `<name>:user:<n>` (the name may hold colons: read from the end)
        pageIdentity: (tail, key) => {
          const parts = tail.split(':');
          const n = parts.length >= 3 ? (parts.at(-1) ?? '') : '';
          const type = parts.length >= 3 ? typeOfModel(parts.at(-2) ?? 'user') : 'users';
          return { uid: `${key}:${type}:${n}`, slug: key, type, pageId: n };
        },
      },
    },
  };
}
