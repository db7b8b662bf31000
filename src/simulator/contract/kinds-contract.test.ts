// The simulator's Kerberos and provider responses, in every scenario and on the versions either side of each change,
// checked against authentik's schema excerpts (schema-2024.8-other-syncs, schema-2024.10-kerberos,
// schema-2026.8.3-other-syncs, and the LDAP excerpts for /events/system_tasks/ and /tasks/).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SCENARIO_NAMES } from '../index.js';
import { call, manualClock, simulatorsForTests, type CallOptions } from '../testing.js';
import type { Simulator } from '../types.js';
import { SchemaChecker, type Leniency, type OpenApiDoc } from './openapi-check.js';
import { schemaDir } from './schema-dir.js';
import { parseYaml } from './yaml-subset.js';

const SCHEMA_DIR = schemaDir();

const PROVIDERS = ['SCIMProvider', 'GoogleWorkspaceProvider', 'MicrosoftEntraProvider'];

/** Where real servers are looser than the schema (OTHER-SYNCS.md). */
const LENIENCY: Leniency = {
  nullable: [
    // null for a provider assigned to no application (the 2024.8 schema does not say so; 2026.8.3 does)
    ...PROVIDERS.flatMap((p) => [`${p}.assigned_backchannel_application_slug`, `${p}.assigned_backchannel_application_name`]),
    // the shared kerberos_sync_single row has uid null
    'SystemTask.uid',
    // a source without an icon
    'KerberosSource.icon',
    'KerberosSource.icon_url',
  ],
  // `principal_exists` is a boolean in what the schema calls a map of strings.
  any: ['KerberosSource.connectivity'],
  optional: ['Schedule.rel_obj_app_label', 'Schedule.rel_obj_model'],
};
/** 2025.8 predates `icon_url` / `icon_themed_urls` (2025.12) and sends `icon: null`. */
const BEFORE_ICON_URL: Leniency = { optional: ['KerberosSource.icon_url', 'KerberosSource.icon_themed_urls'] };

function load(file: string): OpenApiDoc {
  return parseYaml(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as unknown as OpenApiDoc;
}

const DOCS = {
  a: load('schema-2024.8-other-syncs.yaml'),
  kerberosA: load('schema-2024.10-kerberos.yaml'),
  ldapA: load('schema-2024.8-ldap-sync.yaml'),
  b: load('schema-2026.8.3-other-syncs.yaml'),
  ldapB: load('schema-2026.8.3-ldap-sync.yaml'),
};

/** The schema excerpt that documents a path, per generation. */
function checkerFor(generation: 'A' | 'B', template: string, extra: Leniency): SchemaChecker {
  const doc =
    generation === 'A'
      ? template.startsWith('/sources/kerberos/')
        ? DOCS.kerberosA
        : template.startsWith('/events/')
          ? DOCS.ldapA
          : DOCS.a
      : template.startsWith('/tasks/')
        ? DOCS.ldapB
        : DOCS.b;
  return new SchemaChecker(doc, {
    nullable: [...(LENIENCY.nullable ?? []), ...(extra.nullable ?? [])],
    optional: [...(LENIENCY.optional ?? []), ...(extra.optional ?? [])],
    any: LENIENCY.any ?? [],
  });
}

interface Observed {
  template: string;
  method: string;
  url: string;
  status: number;
  body: any;
}

function renameLegacyLogs(body: any): any {
  if (!Array.isArray(body?.results)) return body;
  const results = body.results.map(({ messages, previous_messages, ...task }: any) =>
    messages === undefined || task.message_id === undefined ? { messages, previous_messages, ...task } : { ...task, logs: messages, previous_logs: previous_messages },
  );
  return { ...body, results };
}

const KINDS = [
  { path: 'sources/kerberos', key: 'slug', param: '{slug}', app: 'authentik_sources_kerberos' },
  { path: 'providers/scim', key: 'pk', param: '{id}', app: 'authentik_providers_scim' },
  { path: 'providers/google_workspace', key: 'pk', param: '{id}', app: 'authentik_providers_google_workspace' },
  { path: 'providers/microsoft_entra', key: 'pk', param: '{id}', app: 'authentik_providers_microsoft_entra' },
] as const;

async function exercise(s: Simulator, generation: 'A' | 'B', kerberos: boolean, advance: (ms: number) => void): Promise<Observed[]> {
  const seen: Observed[] = [];
  const get = async (template: string, url: string, init: CallOptions = {}) => {
    const res = await call(s, url, init);
    seen.push({ template, method: init.method ?? 'GET', url, status: res.status, body: res.json });
    return res;
  };
  // Object lists in pages of 2 (pagination is exercised), task lists in pages of 100.
  const allPages = async (template: string, url: string, size = 100) => {
    const results: any[] = [];
    for (let page = 1; page > 0; ) {
      const res = await get(template, `${url}${url.includes('?') ? '&' : '?'}page_size=${size}&page=${page}`);
      results.push(...(res.json?.results ?? []));
      page = res.json?.pagination?.next ?? 0;
    }
    return results;
  };
  const kinds = KINDS.filter((k) => kerberos || k.path !== 'sources/kerberos');
  const objects: { kind: (typeof KINDS)[number]; id: string; pk: string }[] = [];
  for (const kind of kinds) {
    for (const o of await allPages(`/${kind.path}/`, `/${kind.path}/`, 2)) objects.push({ kind, id: String(o[kind.key]), pk: String(o.pk) });
  }
  const schedules: any[] = [];
  for (const { kind, id, pk } of objects) {
    await get(`/${kind.path}/${kind.param}/`, `/${kind.path}/${id}/`);
    if (generation === 'B') {
      for (const schedule of await allPages('/tasks/schedules/', `/tasks/schedules/?rel_obj_content_type__app_label=${kind.app}&rel_obj_id=${pk}`)) {
        schedules.push(schedule);
        await get('/tasks/schedules/{id}/', `/tasks/schedules/${schedule.id}/`);
      }
    }
  }
  const poll = async () => {
    for (const { kind, id } of objects) await get(`/${kind.path}/${kind.param}/sync/status/`, `/${kind.path}/${id}/sync/status/`);
    if (generation === 'A') {
      const rows = await allPages('/events/system_tasks/', '/events/system_tasks/');
      if (rows[0]) await get('/events/system_tasks/{uuid}/', `/events/system_tasks/${rows[0].uuid}/`);
      await allPages('/events/system_tasks/', '/events/system_tasks/?name=kerberos_sync_single');
    } else {
      for (const schedule of schedules) await allPages('/tasks/tasks/', `/tasks/tasks/?rel_obj_content_type__app_label=authentik_tasks_schedules&rel_obj_content_type__model=schedule&rel_obj_id=${schedule.id}&ordering=-mtime`);
    }
  };
  for (let round = 0; round < 2; round++) {
    await poll();
    advance(9_000);
  }
  // Start a sync of everything, and watch them run.
  for (const { kind, id } of objects) await get(`/${kind.path}/${kind.param}/`, `/${kind.path}/${id}/`, { method: 'PATCH', body: {} });
  if (generation === 'B') {
    for (const schedule of schedules) {
      const sent = await call(s, `/tasks/schedules/${schedule.id}/send/`, { method: 'POST' });
      // The schema says 204 without a body; authentik answers 200 `{}`.
      expect([sent.status, sent.json]).toEqual([200, {}]);
    }
  }
  for (let round = 0; round < 8; round++) {
    await poll();
    advance(9_000);
  }
  for (const { kind, id } of objects.filter((o) => o.kind.path.startsWith('providers/'))) {
    const body = { sync_object_model: 'authentik.core.models.User', sync_object_id: '1187' };
    await get(`/${kind.path}/${kind.param}/sync/object/`, `/${kind.path}/${id}/sync/object/`, { method: 'POST', body });
  }
  return seen;
}

const start = simulatorsForTests(afterEach);

const TARGETS = [
  { generation: 'A', version: '2024.8.3' },
  { generation: 'A', version: '2025.6.3' },
  { generation: 'B', version: '2025.8.6' },
  { generation: 'B', version: '2026.2.2' },
  { generation: 'B', version: '2026.8.3' },
] as const;
const DEFAULT_VERSIONS: string[] = ['2024.8.3', '2026.8.3'];

function problems(observed: Observed[], generation: 'A' | 'B', extra: Leniency): string[] {
  return observed.flatMap((o) => {
    const schema = checkerFor(generation, o.template, extra);
    let responseSchema;
    try {
      responseSchema = schema.responseSchema(o.template, o.method, o.status);
    } catch (error) {
      return [`${o.method} ${o.url} ${o.status}: ${String(error)}`];
    }
    return schema.check(renameLegacyLogs(o.body), responseSchema).map((e) => `${o.method} ${o.url} ${o.status}: ${e}`);
  });
}

describe.each(TARGETS)('Kerberos and providers, generation $generation, authentik $version', ({ generation, version }) => {
  const extra = version.startsWith('2025.8') ? BEFORE_ICON_URL : {};
  const kerberos = version !== '2024.8.3';

  // `big` is healthy for these kinds; `week` (a week of runs) has lively's shapes: checked at the default versions.
  const scenarios = SCENARIO_NAMES.filter((name) => name !== 'big' && (name !== 'week' || DEFAULT_VERSIONS.includes(version)));

  it.each(scenarios)('%s: every response matches the schema', async (scenario) => {
    const clock = manualClock();
    const s = await start({ generation, version, scenario, now: clock.now });
    const observed = await exercise(s, generation, kerberos, clock.advance);
    expect(problems(observed, generation, extra).slice(0, 20)).toEqual([]);
    expect(observed.filter((o) => o.status === 200).length).toBeGreaterThan(40);
  });

  it('refusals: 403 without permission, 400 without a licence', async () => {
    const s = await start({ generation, version, permissions: [], license: 'expired' });
    const observed: Observed[] = [];
    const get = async (template: string, url: string, init: CallOptions = {}) => {
      const res = await call(s, url, init);
      observed.push({ template, method: init.method ?? 'GET', url, status: res.status, body: res.json });
    };
    await get('/providers/scim/', '/providers/scim/');
    await get('/providers/scim/{id}/sync/status/', '/providers/scim/3/sync/status/');
    s.setPermissions('superuser');
    await get('/providers/google_workspace/{id}/', '/providers/google_workspace/4/', { method: 'PATCH', body: {} });
    s.setLicense('read_only');
    await get('/providers/scim/{id}/', '/providers/scim/3/', { method: 'PATCH', body: {} });
    expect(observed.map((o) => o.status)).toEqual([403, 403, 400, 400]);
    expect(problems(observed, generation, extra)).toEqual([]);
  });
});
