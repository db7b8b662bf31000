import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../api/client.js';
import { ApiError } from '../api/errors.js';
import type { AuthentikApi } from '../api/types.js';
import type { SyncStatus } from '../domain/model.js';
import { createFakeClock } from '../poll/test-support/fake-clock.js';
import { startSimulator } from '../simulator/index.js';
import type { Simulator } from '../simulator/types.js';
import { createStatusFetch } from './hooks/use-monitor-data.js';
import { MonitorApp, type MonitorAppProps } from './monitor-app.js';
import { ThemeProvider } from './theme-context.js';
import { createTheme } from './theme.js';
import { ldapSource, mixedRun, statusA, unreachable } from './testing/fixtures.js';
import { ENTER, press, waitForFrame } from './testing/wait-for-frame.js';

/** An in-memory authentik: each call answers with what the test set, or fails with its error. */
function fakeApi(initial: SyncStatus) {
  const state = { status: initial, failure: null as ApiError | null, statusCalls: 0, sourceCalls: 0, triggers: 0 };
  const answer = async <T,>(value: () => T): Promise<T> => {
    if (state.failure) throw state.failure;
    return value();
  };
  const api: AuthentikApi = {
    baseUrl: 'https://auth.example.com/api/v3',
    version: () => answer(() => ({ version: '2024.8.3', generation: 'A' as const })),
    me: () => answer(() => ({ username: 'monitor', name: 'Monitor', isSuperuser: true, permissions: [] })),
    listSources: () => answer(() => [ldapSource()]),
    getSource: () => answer(() => (state.sourceCalls++, ldapSource())),
    syncStatus: () => answer(() => (state.statusCalls++, state.status)),
    triggerSync: () => answer(() => (state.triggers++, { started: true as const })),
    generation: () => answer(() => 'A' as const),
  };
  return { api, state };
}

function renderApp(props: Omit<MonitorAppProps, 'onQuit' | 'serverLabel'> & { onQuit?: () => void }) {
  return render(
    <ThemeProvider theme={createTheme({ color: false, ascii: false })}>
      <MonitorApp serverLabel="auth.example.com" onQuit={() => {}} {...props} />
    </ThemeProvider>,
  );
}

describe('the live monitor with a fake authentik', () => {
  it('shows the run, keeps it through failures with the retry state, and recovers by itself', async () => {
    const clock = createFakeClock(new Date(2024, 8, 30, 14, 5, 0).getTime());
    const { api, state } = fakeApi(statusA(mixedRun()));
    const app = renderApp({ api, slug: 'corp-ad', intervalSeconds: 5, clock, random: () => 1, columns: 100, rows: 30 });
    await clock.flush();
    let frame = await waitForFrame(app.lastFrame, (f) => f.includes('Tasks 10') && f.includes('live, every 5s'));
    expect(frame).toContain('CRITICAL');
    expect(frame).toContain('authentik 2024.8.3 (generation A)');

    state.failure = unreachable();
    await clock.advance(5_000);
    frame = await waitForFrame(app.lastFrame, (f) => f.includes('retrying in 5s (1 failure)'));
    expect(frame).toContain('auth.example.com is unreachable');
    expect(frame).toContain('Tasks 10');

    await clock.advance(40_000);
    frame = await waitForFrame(app.lastFrame, (f) => /stale \d+s/.test(f));
    expect(frame).toContain('last update 14:05:00');
    expect(frame).toContain('Tasks 10');

    state.failure = null;
    await clock.advance(60_000);
    frame = await waitForFrame(app.lastFrame, (f) => f.includes('live, every 5s'));
    expect(frame).not.toContain('unreachable');
    app.unmount();
  });

  it('re-reads the source about once a minute, not on every poll', async () => {
    const clock = createFakeClock();
    const { api, state } = fakeApi(statusA(mixedRun()));
    const fetch = createStatusFetch(api, 'corp-ad', clock.now);
    const signal = new AbortController().signal;
    for (let i = 0; i < 13; i += 1) {
      await fetch(signal);
      await clock.advance(5_000);
    }
    expect(state.statusCalls).toBe(13);
    expect(state.sourceCalls).toBe(2);
  });

  it('r polls now and p pauses polling until pressed again', async () => {
    const clock = createFakeClock();
    const { api, state } = fakeApi(statusA(mixedRun()));
    const app = renderApp({ api, slug: 'corp-ad', intervalSeconds: 5, clock, columns: 100, rows: 30 });
    await waitForFrame(app.lastFrame, (f) => f.includes('Tasks 10'));
    const before = state.statusCalls;
    await press(app.stdin, 'r');
    await clock.flush();
    expect(state.statusCalls).toBe(before + 1);

    expect(app.lastFrame()?.split('\n').at(-1)).not.toContain('resume');
    await press(app.stdin, 'p');
    await waitForFrame(app.lastFrame, (f) => f.split('\n').some((l) => l.startsWith('paused')));
    expect(app.lastFrame()?.split('\n').at(-1)).toContain('p resume');
    await clock.advance(60_000);
    expect(state.statusCalls).toBe(before + 1);
    await press(app.stdin, 'p');
    await clock.flush();
    await waitForFrame(app.lastFrame, (f) => f.includes('live, every 5s'));
    expect(app.lastFrame()?.split('\n').at(-1)).not.toContain('resume');
    expect(state.statusCalls).toBe(before + 2);
    app.unmount();
  });

  it('S then y starts a sync through the API and polls at once to follow it', async () => {
    const clock = createFakeClock();
    const { api, state } = fakeApi(statusA(mixedRun()));
    const app = renderApp({ api, slug: 'corp-ad', intervalSeconds: 5, clock, columns: 100, rows: 30 });
    await waitForFrame(app.lastFrame, (f) => f.includes('Tasks 10'));
    const before = state.statusCalls;
    await press(app.stdin, 'S', 'y');
    await waitForFrame(app.lastFrame, (f) => f.includes('Sync of Corp AD started'));
    await clock.flush();
    expect(state.triggers).toBe(1);
    expect(state.statusCalls).toBe(before + 1);
    app.unmount();
  });

  it('a refused sync names the permission it needs', async () => {
    const clock = createFakeClock();
    const { api } = fakeApi(statusA(mixedRun()));
    api.triggerSync = async () => {
      throw new ApiError('forbidden', 'authentik refused: You do not have permission to perform this action.', 403, 'authentik_sources_ldap.change_ldapsource');
    };
    const app = renderApp({ api, slug: 'corp-ad', intervalSeconds: 5, clock, columns: 160, rows: 30 });
    await waitForFrame(app.lastFrame, (f) => f.includes('Tasks 10'));
    await press(app.stdin, 'S', 'y');
    await waitForFrame(app.lastFrame, (f) => f.includes('the token needs the permission authentik_sources_ldap.change_ldapsource'));
    app.unmount();
  });
});

describe('a slug with no such source', () => {
  it('is an answer: UNKNOWN with the sentence and the hint to `aksync sources`, live, never CHECKING for ever', async () => {
    const clock = createFakeClock();
    const { api, state } = fakeApi(statusA(mixedRun()));
    const noSource = new ApiError('not_found', "No LDAP source with slug 'corp-ad' on https://auth.example.com. `aksync sources` lists them.", 404);
    let exists = false;
    api.getSource = async () => {
      if (!exists) throw noSource;
      return ldapSource();
    };
    api.syncStatus = async () => {
      if (!exists) throw noSource;
      state.statusCalls += 1;
      return state.status;
    };
    const app = renderApp({ api, slug: 'corp-ad', intervalSeconds: 5, clock, random: () => 1, columns: 140, rows: 30 });
    await clock.flush();
    const frame = await waitForFrame(app.lastFrame, (f) => /UNKNOWN/.test(f));
    const lines = frame.split('\n');
    expect(lines[1]).toBe("UNKNOWN No LDAP source with slug 'corp-ad' on https://auth.example.com. `aksync sources` lists them.");
    expect(lines[2]).toMatch(/^live, every 5s/);
    expect(frame).not.toMatch(/CHECKING|retrying|Waiting for the first answer/);

    // Created meanwhile: the next poll finds it.
    exists = true;
    await clock.advance(5_000);
    await waitForFrame(app.lastFrame, (f) => f.includes('Tasks 10') && f.includes('CRITICAL'));
    app.unmount();
  });

  it('a source deleted while watched turns UNKNOWN at the next poll', async () => {
    const clock = createFakeClock();
    const { api, state } = fakeApi(statusA(mixedRun()));
    const app = renderApp({ api, slug: 'corp-ad', intervalSeconds: 5, clock, random: () => 1, columns: 140, rows: 30 });
    await clock.flush();
    await waitForFrame(app.lastFrame, (f) => f.includes('Tasks 10'));
    const gone = new ApiError('not_found', "No LDAP source with slug 'corp-ad' on https://auth.example.com. `aksync sources` lists them.", 404);
    state.failure = gone;
    await clock.advance(5_000);
    const frame = await waitForFrame(app.lastFrame, (f) => /UNKNOWN/.test(f));
    expect(frame.split('\n')[1]).toMatch(/^UNKNOWN No LDAP source with slug 'corp-ad'/);
    expect(frame).not.toMatch(/Tasks 10/);
    app.unmount();
  });
});

describe('verdicts that age without new data', () => {
  it('turns a generation B source stale on screen when its syncs stop, with the same answer on every poll', async () => {
    const start = new Date('2026-09-21T11:00:00Z').getTime();
    const clock = createFakeClock(start);
    const status: SyncStatus = {
      generation: 'B',
      isRunning: false,
      tasks: [],
      lastSuccessfulSync: new Date(start - 60_000),
      lastSyncStatus: 'info',
      schedule: { id: 's', crontab: '13 */2 * * *', nextRun: null, paused: false, lastTaskStatus: 'info', periodSeconds: 7200 },
      missingDetailPermission: null,
    };
    const { api } = fakeApi(status);
    const app = renderApp({ api, slug: 'corp-ad', intervalSeconds: 60, clock, random: () => 1, columns: 100, rows: 30 });
    await clock.flush();
    await waitForFrame(app.lastFrame, (f) => f.includes('OK') && f.includes('last successful sync'));
    for (let hour = 0; hour < 5; hour++) await clock.advance(3_600_000);
    const frame = await waitForFrame(app.lastFrame, (f) => f.includes('WARNING'));
    expect(frame).toMatch(/stale: the last successful sync was 5h ago/);
    app.unmount();
  });
});

describe('the live monitor against the simulator', () => {
  let simulator: Simulator | null = null;
  afterEach(async () => {
    await simulator?.close();
    simulator = null;
  });

  it("asks for the status at once: alongside the server's version and the token's user, not after them", async () => {
    simulator = await startSimulator({ scenario: 'healthy' });
    // The version never answers: the status must not wait for it to be asked for.
    simulator.setFault({ kind: 'hang', path: '/admin/version/' });
    const api = createClient({ url: simulator.url, token: simulator.token, timeoutMs: 60_000 });
    const app = renderApp({ api, slug: 'corp-ad', intervalSeconds: 600, columns: 120, rows: 40 });
    const sim = simulator;
    const wanted = ['/api/v3/sources/ldap/corp-ad/sync/status/', '/api/v3/admin/version/', '/api/v3/core/users/me/', '/api/v3/sources/ldap/corp-ad/'];
    const asked = () => new Set(sim.requests.map((r) => r.path));
    await waitForFrame(app.lastFrame, () => wanted.every((path) => asked().has(path)), 20_000);
    // Nothing was answered twice meanwhile: each was asked for once, together.
    expect(sim.requests.map((r) => r.path).sort()).toEqual([...wanted].sort());
    app.unmount();
  });

  it('says UNKNOWN for a slug the server does not have, with the hint to `aksync sources`', async () => {
    simulator = await startSimulator({ scenario: 'healthy' });
    const api = createClient({ url: simulator.url, token: simulator.token, timeoutMs: 10_000 });
    const app = renderApp({ api, slug: 'nope', intervalSeconds: 600, columns: 160, rows: 30 });
    const frame = await waitForFrame(app.lastFrame, (f) => /UNKNOWN/.test(f), 20_000);
    expect(frame.split('\n')[1]).toMatch(/^UNKNOWN No LDAP source with slug 'nope' on http:\/\/127\.0\.0\.1:\d+\. `aksync sources` lists them\.$/);
    expect(frame.split('\n')[2]).toMatch(/^live/);
    app.unmount();
  });

  it('shows a real run, survives the proxy failing, and comes back', async () => {
    simulator = await startSimulator({ scenario: 'problems' });
    const api = createClient({ url: simulator.url, token: simulator.token, timeoutMs: 2000 });
    const app = renderApp({ api, slug: 'corp-ad', intervalSeconds: 600, columns: 120, rows: 40 });
    let frame = await waitForFrame(app.lastFrame, (f) => /Tasks \d+/.test(f) && f.includes('live'));
    expect(frame).toMatch(/WARNING|CRITICAL/);
    expect(frame).toContain('authentik 2024.8.3');
    const tasksLine = /Tasks \d+/.exec(frame)?.[0];

    simulator.setFault({ kind: 'status', status: 502 });
    await press(app.stdin, 'r');
    frame = await waitForFrame(app.lastFrame, (f) => f.includes('retrying'));
    expect(frame).toContain(tasksLine);
    expect(frame).not.toContain(simulator.token);

    simulator.setFault(null);
    await press(app.stdin, 'r');
    await waitForFrame(app.lastFrame, (f) => f.includes('live'));

    await press(app.stdin, 'e', ENTER);
    frame = await waitForFrame(app.lastFrame, (f) => / page [0-9a-f]{8} /.test(f));
    expect(frame).toMatch(/\d+ messages?/);
    app.unmount();
  });
});
