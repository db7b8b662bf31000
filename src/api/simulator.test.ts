// The client against the project's simulated authentik (src/simulator): both generations end to end, and faults.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator/index.js';
import { manualClock } from '../simulator/testing.js';
import { createClient } from './client.js';
import { expectApiError, TOKEN } from './test-support/expect-api-error.js';

const started: Simulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function simulated(options: SimulatorOptions = {}) {
  const sim = await startSimulator({ now: manualClock().now, token: TOKEN, ...options });
  started.push(sim);
  return { sim, api: createClient({ url: sim.url, token: TOKEN, timeoutMs: 2000 }) };
}

describe('against the simulator', () => {
  it('generation A: a healthy run of 101 pages', async () => {
    const { api } = await simulated({ generation: 'A' });
    expect(await api.version()).toMatchObject({ generation: 'A' });
    const sources = await api.listSources();
    expect(sources.map((s) => s.slug)).toContain('corp-ad');
    const status = await api.syncStatus('corp-ad');
    expect(status.generation).toBe('A');
    expect(status.tasks.filter((t) => t.slug === 'corp-ad')).toHaveLength(101);
    expect(status.tasks.every((t) => t.state === 'ok')).toBe(true);
    await expect(api.triggerSync('corp-ad')).resolves.toEqual({ started: true });
  });

  it('generation B: schedule and the latest run', async () => {
    const { api } = await simulated({ generation: 'B' });
    const source = await api.getSource('corp-ad');
    const status = await api.syncStatus('corp-ad', { source });
    expect(status).toMatchObject({ generation: 'B', missingDetailPermission: null });
    expect(status.schedule).toMatchObject({ crontab: expect.stringMatching(/ \*\/2 \* \* \*$/), periodSeconds: 7200 });
    expect(status.tasks).toHaveLength(1 + 101); // the run and its pages, read across two pages of the task list
    expect(status.tasks[0]).toMatchObject({ kind: 'run', slug: 'corp-ad', state: 'ok' });
    expect(status.tasks.slice(1).every((t) => t.kind === 'page')).toBe(true);
    await expect(api.triggerSync('corp-ad', { source })).resolves.toEqual({ started: true });
  });

  it('generation B without detail permissions reports what is missing', async () => {
    const { api } = await simulated({ generation: 'B', permissions: ['authentik_sources_ldap.view_ldapsource'] });
    const status = await api.syncStatus('corp-ad');
    expect(status.missingDetailPermission).toMatch(/^authentik_tasks/);
  });

  it('a wrong token → unauthenticated', async () => {
    const sim = await startSimulator({ now: manualClock().now });
    started.push(sim);
    await expectApiError(createClient({ url: sim.url, token: TOKEN }).me(), 'unauthenticated');
  });

  it.each([
    [{ kind: 'status', status: 502 }, 'server'],
    [{ kind: 'html-login' }, 'bad_response'],
    [{ kind: 'invalid-json' }, 'bad_response'],
    [{ kind: 'wrong-shape' }, 'bad_response'],
    [{ kind: 'reset' }, 'unreachable'],
    [{ kind: 'hang' }, 'timeout'],
  ] as const)('fault %j → %s', async (fault, kind) => {
    const { sim } = await simulated();
    sim.setFault({ ...fault, path: '/sync/status/' });
    const api = createClient({ url: sim.url, token: TOKEN, timeoutMs: 300 });
    await expectApiError(api.syncStatus('corp-ad'), kind);
  });
});
