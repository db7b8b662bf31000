// The simulator's real responses, for both generations and every scenario, checked against authentik's own
// schema excerpts, so the simulator cannot drift from the shapes real servers send.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SchemaChecker, type Leniency, type OpenApiDoc } from './contract/openapi-check.js';
import { schemaDir } from './contract/schema-dir.js';
import { parseYaml } from './contract/yaml-subset.js';
import { SCENARIO_NAMES } from './index.js';
import { call, manualClock, simulatorsForTests } from './testing.js';
import type { Simulator } from './types.js';

const SCHEMA_DIR = schemaDir();
const SCHEMA_FILE = { A: 'schema-2024.8-ldap-sync.yaml', B: 'schema-2026.8.3-ldap-sync.yaml' } as const;

/** The documented places where real servers are looser than the schema. */
const LENIENCY: Leniency = {
  // A source without an icon sends `icon: null` (2024.8) / `icon_url: null` (2025.12+).
  nullable: ['LDAPSource.icon', 'LDAPSource.icon_url'],
  // Global schedules, bound to no object, lack these.
  optional: ['Schedule.rel_obj_app_label', 'Schedule.rel_obj_model'],
};

/** 2025.8 predates the 2026.8.3 schema's `icon_url` / `icon_themed_urls` (2025.12): it sends `icon: null`. */
const BEFORE_ICON_URL: Leniency = { optional: ['LDAPSource.icon_url', 'LDAPSource.icon_themed_urls'] };

function checker(generation: 'A' | 'B', extra: Leniency = {}): SchemaChecker {
  const doc = parseYaml(readFileSync(join(SCHEMA_DIR, SCHEMA_FILE[generation]), 'utf8')) as unknown as OpenApiDoc;
  return new SchemaChecker(doc, {
    nullable: [...(LENIENCY.nullable ?? []), ...(extra.nullable ?? [])],
    optional: [...(LENIENCY.optional ?? []), ...(extra.optional ?? [])],
  });
}

interface Observed {
  template: string;
  method: string;
  url: string;
  status: number;
  body: any;
}

/** 2025.8 names task logs `messages` / `previous_messages`; only the 2026.8.3 schema is at hand, which says `logs`. */
function renameLegacyLogs(body: any): any {
  if (!Array.isArray(body?.results)) return body;
  const results = body.results.map(({ messages, previous_messages, ...task }: any) =>
    messages === undefined ? task : { ...task, logs: messages, previous_logs: previous_messages },
  );
  return { ...body, results };
}

async function allPages(s: Simulator, template: string, url: string, seen: Observed[]): Promise<any[]> {
  const results: any[] = [];
  for (let page = 1; page > 0; ) {
    const res = await call(s, `${url}${url.includes('?') ? '&' : '?'}page_size=100&page=${page}`);
    seen.push({ template, method: 'GET', url, status: res.status, body: res.json });
    results.push(...(res.json?.results ?? []));
    page = res.json?.pagination?.next ?? 0;
  }
  return results;
}

/** Everything aksync asks of authentik, in every state a scenario passes through. */
async function exercise(s: Simulator, generation: 'A' | 'B', advance: (ms: number) => void, polls: number): Promise<Observed[]> {
  const seen: Observed[] = [];
  const get = async (template: string, url: string, init: Parameters<typeof call>[2] = {}) => {
    const res = await call(s, url, init);
    seen.push({ template, method: init.method ?? 'GET', url, status: res.status, body: res.json });
    return res;
  };
  await get('/admin/version/', '/admin/version/');
  await get('/core/users/me/', '/core/users/me/');
  await get('/sources/ldap/', '/sources/ldap/', { authorization: 'Bearer wrong' });
  const sources = [];
  for (let page = 1; page > 0; ) {
    const res = await get('/sources/ldap/', `/sources/ldap/?page_size=2&page=${page}`);
    sources.push(...res.json.results);
    page = res.json.pagination.next;
  }
  for (const source of sources) {
    await get('/sources/ldap/{slug}/', `/sources/ldap/${source.slug}/`);
    if (generation === 'B') {
      const schedules = await allPages(s, '/tasks/schedules/', `/tasks/schedules/?rel_obj_id=${source.pk}`, seen);
      for (const schedule of schedules) {
        await get('/tasks/schedules/{id}/', `/tasks/schedules/${schedule.id}/`);
        await allPages(s, '/tasks/tasks/', `/tasks/tasks/?rel_obj_id=${schedule.id}&ordering=-mtime`, seen);
      }
    }
  }
  if (generation === 'B') await allPages(s, '/tasks/schedules/', '/tasks/schedules/', seen);
  const trigger = async () => {
    if (generation === 'A') return get('/sources/ldap/{slug}/', '/sources/ldap/corp-ad/', { method: 'PATCH', body: {} });
    const schedule = seen.find((o) => o.template === '/tasks/schedules/{id}/' && o.body.uid.endsWith('ldap_sync:corp-ad'));
    const sent = await call(s, `/tasks/schedules/${schedule?.body.id}/send/`, { method: 'POST' });
    // The schema says 204 without a body; authentik answers 200 `{}`.
    expect([sent.status, sent.json]).toEqual([200, {}]);
    return sent;
  };
  for (let round = 0; round < 2; round++) {
    for (let poll = 0; poll < polls; poll++) {
      for (const source of sources) await get('/sources/ldap/{slug}/sync/status/', `/sources/ldap/${source.slug}/sync/status/`);
      if (generation === 'B' && poll % 3 === 1) {
        const corp = sources.find((x) => x.slug === 'corp-ad');
        const [schedule] = await allPages(s, '/tasks/schedules/', `/tasks/schedules/?rel_obj_id=${corp.pk}&actor_name=authentik.sources.ldap.tasks.ldap_sync`, seen);
        await allPages(s, '/tasks/tasks/', `/tasks/tasks/?rel_obj_id=${schedule.id}&ordering=-mtime`, seen);
      }
      advance(9_000);
    }
    if (round === 0) await trigger();
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

describe.each(TARGETS)('generation $generation, authentik $version', ({ generation, version }) => {
  // `big` has healthy's shapes at 30 times the volume: checked once per generation, at its default version. `week`
  // has lively's shapes over a week of runs (8,500 LDAP tasks in B): checked once, in generation A.
  const scenarios = SCENARIO_NAMES.filter(
    (name) => (name !== 'big' || DEFAULT_VERSIONS.includes(version)) && (name !== 'week' || version === DEFAULT_VERSIONS[0]),
  );
  const legacy = version.startsWith('2025.8');
  const schema = checker(generation, legacy ? BEFORE_ICON_URL : {});

  it.each(scenarios)('%s: every response matches the schema', async (scenario) => {
    const clock = manualClock();
    const s = await start({ generation, version, scenario, now: clock.now });
    // Runs that move (running, lively, and the triggered run) get polled through; the 31 MB big one just once.
    const polls = scenario === 'big' || scenario === 'week' ? 1 : 8;
    const observed = await exercise(s, generation, clock.advance, polls);
    const problems = observed.flatMap((o) => {
      const body = legacy ? renameLegacyLogs(o.body) : o.body;
      return schema.check(body, schema.responseSchema(o.template, o.method, o.status)).map((e) => `${o.method} ${o.url} ${o.status}: ${e}`);
    });
    expect(problems.slice(0, 20)).toEqual([]);
    expect(observed.filter((o) => o.status === 200).length).toBeGreaterThan(20);
  });
});

describe('the checker', () => {
  it('catches what the wrong-shape fault sends and what a drifted simulator would', async () => {
    const schema = checker('A');
    const status = schema.responseSchema('/sources/ldap/{slug}/sync/status/', 'GET', 200);
    expect(schema.check({ is_running: 'false', tasks: 'none' }, status)).toEqual([
      '$.is_running: expected a boolean',
      '$.tasks: expected an array',
    ]);
    const task = { uuid: 'x', name: 'ldap_sync', full_name: 'f', description: 'd', start_timestamp: '2024-09-30T14:02:31.118402Z', finish_timestamp: 'yesterday', duration: 1, status: 'done', messages: [] };
    expect(schema.check({ is_running: false, tasks: [task] }, status)).toEqual([
      '$.tasks[0].uuid: not a uuid: x',
      '$.tasks[0].finish_timestamp: not a date-time: yesterday',
      '$.tasks[0].status: "done" is not one of unknown, successful, warning, error',
    ]);
    const source = schema.responseSchema('/sources/ldap/{slug}/', 'GET', 200);
    expect(schema.check({ icon: null }, source)).not.toContain('$.icon: null is not allowed');
    expect(schema.check({ connectivity: { host: { status: 1 } } }, source)).toContain('$.connectivity.host.status: expected a string, got 1');
  });
});
