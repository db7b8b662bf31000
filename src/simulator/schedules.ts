// Generation B's schedules: each LDAP source has an ldap_sync schedule (every 2 h at a random minute; every
// minute in the lively demo) and an hourly connectivity check; global schedules are bound to no object.

import { ACTOR_SYNC, parentStatus } from './render-b.js';
import type { SimulatorState } from './state.js';
import { SOURCES, type SourceFixture } from './sources.js';
import { allKindSchedules } from './kinds/routes.js';
import { MINUTE, floorMinute, addMs, isoMicro, nextRunEveryHours } from './time.js';

export interface ScheduleRow {
  id: string;
  /** the LDAP source whose ldap_sync schedule this is (triggers a run when sent) */
  syncSlug: string | null;
  /** `scim/3`, `kerberos/corp-krb`: the other kinds' sync schedules (trigger a run when sent) */
  kindKey?: string | null;
  body: Record<string, unknown>;
}

const ACTOR_CONNECTIVITY = 'authentik.sources.ldap.tasks.ldap_connectivity_check';

function lastSyncTaskStatus(state: SimulatorState, slug: string): string | null {
  const run = state.latestRun(slug);
  return run ? parentStatus(state.features, run, run.view(state.now())) : null;
}

function sourceSchedules(state: SimulatorState, source: SourceFixture): ScheduleRow[] {
  const now = state.now();
  const lively = source.slug === 'corp-ad' && state.scenarioName === 'lively';
  const bound = (id: string, actor: string, crontab: string, nextRun: Date, lastStatus: string | null) => ({
    id,
    identifier: source.pk,
    uid: `${actor}:${source.slug}`,
    actor_name: actor,
    rel_obj_app_label: 'authentik_sources_ldap',
    rel_obj_model: 'ldapsource',
    rel_obj_id: source.pk,
    crontab,
    paused: false,
    next_run: isoMicro(nextRun),
    description: null,
    last_task_status: lastStatus,
  });
  const checkStatus = source.connectivity === null ? null : state.features.doneBug ? 'done' : source.connectivity.__all__?.status === 'ok' ? 'info' : 'error';
  return [
    {
      id: source.scheduleId,
      syncSlug: source.slug,
      body: bound(
        source.scheduleId,
        ACTOR_SYNC,
        lively ? '* * * * *' : `${source.crontabMinute} */2 * * *`,
        lively ? addMs(floorMinute(now), MINUTE) : nextRunEveryHours(now, source.crontabMinute, 2),
        lastSyncTaskStatus(state, source.slug),
      ),
    },
    {
      id: source.connectivityScheduleId,
      syncSlug: null,
      body: bound(source.connectivityScheduleId, ACTOR_CONNECTIVITY, `${source.crontabMinute} * * * *`, nextRunEveryHours(now, source.crontabMinute, 1), checkStatus),
    },
  ];
}

/** Global schedules lack rel_obj_app_label / rel_obj_model altogether (the schema says they are required). */
function globalSchedule(state: SimulatorState, id: string, actor: string, minute: number, description: string): ScheduleRow {
  return {
    id,
    syncSlug: null,
    body: {
      id,
      identifier: actor.split('.').at(-1),
      uid: actor,
      actor_name: actor,
      rel_obj_id: null,
      crontab: `${minute} * * * *`,
      paused: false,
      next_run: isoMicro(nextRunEveryHours(state.now(), minute, 1)),
      description,
      last_task_status: state.features.doneBug ? 'done' : 'info',
    },
  };
}

export function allSchedules(state: SimulatorState): ScheduleRow[] {
  return [
    ...SOURCES.flatMap((source) => sourceSchedules(state, source)),
    ...allKindSchedules({ state, features: state.features, now: state.now() }).map((row) => ({ ...row, syncSlug: null })),
    globalSchedule(state, '3c8e2a71-5d90-4f6b-a1e4-7b2d9c0f8e35', 'authentik.blueprints.v1.tasks.blueprints_discovery', 38, 'Find blueprints and check if they need to be created in the database'),
    globalSchedule(state, 'e9a4c1d7-2f65-4b08-93de-5a1c7f0b4d26', 'authentik.outposts.tasks.outpost_controller_all', 3, 'Update all outposts'),
  ];
}
