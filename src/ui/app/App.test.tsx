// The first run inside the App: the setup form when no URL or token is known, then straight on to the overview
// (or the monitor of a given source); Esc cancels, writes nothing and ends with a sentence.
import fs from 'node:fs';
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import type { CheckCredentials } from '../../config/check.js';
import { openConfigStore } from '../../config/store.js';
import { tempConfigHome } from '../../config/test-helpers.js';
import { fakeApi, run, source, statusOf, SUPERUSER, type FakeApi } from '../overview/testing/fake-api.js';
import { ENTER, ESC, press, waitForFrame } from '../testing/wait-for-frame.js';
import { ThemeProvider } from '../theme-context.js';
import { createTheme } from '../theme.js';
import { App, EXIT_UNKNOWN, SETUP_CANCELLED, type AppExit } from './App.js';
import { saveDefaultSource } from './save-default.js';

const TOKEN = 'ak-first-run-token-0123456789abcdefghijklmnop';
const URL = 'https://auth.example.com';

function server(): FakeApi {
  return fakeApi([
    { source: source('corp-ad', 'Corporate AD'), status: statusOf(run('corp-ad')) },
    { source: source('corp-eu', 'Corp EU'), status: statusOf(run('corp-eu', { problems: 1 })) },
  ]);
}

const goodCheck: CheckCredentials = async () => ({ ok: true, user: SUPERUSER, missingPermissions: [] });

function firstRun(options: { check?: CheckCredentials; slug?: string | null; initialUrl?: string; rows?: number } = {}) {
  const home = tempConfigHome();
  const store = openConfigStore({ env: { XDG_CONFIG_HOME: home } });
  const api = server();
  const connect = vi.fn((url: string, _token: string) => ({ ok: true as const, value: { api, serverLabel: new globalThis.URL(url).origin } }));
  const exits: AppExit[] = [];
  const app = render(
    <ThemeProvider theme={createTheme({ color: false, ascii: false })}>
      <App
        start={{
          kind: 'setup',
          store,
          profile: 'default',
          check: options.check ?? goodCheck,
          connect,
          ...(options.initialUrl ? { initialUrl: options.initialUrl } : {}),
        }}
        slug={options.slug ?? null}
        intervalSeconds={60}
        saveDefault={saveDefaultSource(store, 'default')}
        onExit={(exit) => exits.push(exit)}
        columns={100}
        rows={options.rows ?? 24}
      />
    </ThemeProvider>,
  );
  return { ...app, store, api, connect, exits, frame: () => app.lastFrame() ?? '' };
}

describe('the first run', () => {
  it('on a terminal too short for the form, says so in one line instead of drawing it', () => {
    const app = firstRun({ rows: 12 });
    expect(app.frame()).toBe('terminal too small (need 60×15, have 100×12)');
    app.unmount();
  });

  it('asks for the URL and token, checks and saves them, and continues to the overview', async () => {
    const app = firstRun();
    expect(app.frame()).toMatch(/aksync: connect to authentik/);
    await press(app.stdin, URL, '\t', TOKEN, ENTER);

    const overview = await waitForFrame(app.frame, (f) => /LDAP sources 2/.test(f) && /Corp EU .*WARNING/.test(f));
    expect(overview).toMatch(/aksync · https:\/\/auth\.example\.com/);
    expect(overview).not.toContain(TOKEN);
    expect(app.connect).toHaveBeenCalledWith(URL, TOKEN);
    const saved = app.store.read().profiles.default;
    expect(saved).toEqual({ url: URL, token: TOKEN });
    expect(fs.statSync(app.store.path).mode & 0o777).toBe(0o600);
    expect(app.exits).toEqual([]);
    app.unmount();
  });

  it('continues into the monitor when a source was named', async () => {
    const app = firstRun({ slug: 'corp-eu', initialUrl: URL });
    await press(app.stdin, TOKEN, ENTER);
    await waitForFrame(app.frame, (f) => /Corp EU \(corp-eu\)/.test(f) && /Tasks 3/.test(f));
    await press(app.stdin, ESC);
    await waitForFrame(app.frame, (f) => /LDAP sources 2/.test(f));
    app.unmount();
  });

  it('keeps the form, with the server’s sentence, when the token is wrong; nothing is written', async () => {
    const check: CheckCredentials = async () => ({ ok: false, message: 'authentik refused the token: Token invalid/expired.' });
    const app = firstRun({ check });
    await press(app.stdin, URL, '\t', TOKEN, ENTER);
    await waitForFrame(app.frame, (f) => /Token invalid\/expired/.test(f));
    expect(app.frame()).toMatch(/aksync: connect to authentik/);
    expect(fs.existsSync(app.store.path)).toBe(false);
    expect(app.connect).not.toHaveBeenCalled();
    app.unmount();
  });

  it('cancels with Esc: nothing is written, and the app ends with a sentence and exit 3', async () => {
    const app = firstRun();
    await press(app.stdin, URL, '\t', 'half-typed', ESC);
    expect(app.exits).toEqual([{ code: EXIT_UNKNOWN, message: SETUP_CANCELLED }]);
    expect(fs.existsSync(app.store.path)).toBe(false);
    expect(fs.existsSync(app.store.path.replace(/config\.json$/, ''))).toBe(false);
    expect(app.connect).not.toHaveBeenCalled();
  });
});
