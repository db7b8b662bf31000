// What the app asks of authentik over a session, counted where the requests arrive: the simulator. The server's
// version and the token's user do not change while the app runs, so they are read once, and again only after the
// server was out of reach (it may have been upgraded meanwhile).
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../api/client.js';
import { startSimulator } from '../../simulator/index.js';
import type { Simulator } from '../../simulator/types.js';
import { ENTER, press, waitForFrame } from '../testing/wait-for-frame.js';
import { ThemeProvider } from '../theme-context.js';
import { createTheme } from '../theme.js';
import { App } from './App.js';

const DEADLINE_MS = 20_000;
/** Settling after a screen change before the next key, as a person would. */
const SETTLED_MS = 100;

const started: Simulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function simulator(port?: number): Promise<Simulator> {
  const sim = await startSimulator({ scenario: 'healthy', ...(port === undefined ? {} : { port }) });
  started.push(sim);
  return sim;
}

function count(sim: Simulator, path: string): number {
  return sim.requests.filter((r) => r.path.startsWith(`/api/v3${path}`)).length;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLED_MS));

describe('the requests of one session', () => {
  it('reads the version and the user once from the overview through a monitor to a log, and again after an outage', async () => {
    const first = await simulator();
    const api = createClient({ url: first.url, token: first.token, timeoutMs: 10_000 });
    const app = render(
      <ThemeProvider theme={createTheme({ color: false, ascii: false })}>
        <App
          start={{ kind: 'ready', connection: { api, serverLabel: first.url } }}
          slug={null}
          intervalSeconds={0.25}
          saveDefault={null}
          onExit={vi.fn()}
          columns={120}
          rows={30}
        />
      </ThemeProvider>,
    );
    const frame = () => app.lastFrame() ?? '';
    await waitForFrame(frame, (f) => /LDAP sources 5/.test(f) && !/CHECKING/.test(f) && /as akadmin/.test(f), DEADLINE_MS);
    await settle();
    await press(app.stdin, '/', ...'corporate', ENTER);
    await waitForFrame(frame, (f) => /Sync objects 1 of \d+/.test(f) && /▶ Corporate AD/.test(f), DEADLINE_MS);
    await press(app.stdin, ENTER);
    await waitForFrame(frame, (f) => /Tasks [1-9]/.test(f) && /\blive\b/.test(f), DEADLINE_MS);
    await settle();
    await press(app.stdin, ENTER);
    await waitForFrame(frame, (f) => / page [0-9a-f]{8} /.test(f), DEADLINE_MS);
    await settle();
    expect(count(first, '/admin/version/')).toBe(1);
    expect(count(first, '/core/users/me/')).toBe(1);

    // authentik restarts on the same address.
    const port = Number(new URL(first.url).port);
    await first.close();
    await waitForFrame(frame, (f) => /\b(retrying|stale)\b/.test(f), DEADLINE_MS);
    const second = await simulator(port);
    await waitForFrame(frame, (f) => /\blive\b/.test(f) && count(second, '/sources/ldap/') > 3, DEADLINE_MS);
    await settle();
    expect(count(second, '/admin/version/')).toBe(1);
    expect(count(second, '/core/users/me/')).toBe(1);
    app.unmount();
  }, 90_000);
});
