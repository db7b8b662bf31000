import fs from 'node:fs';
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import type { CheckCredentials, CredentialCheck } from '../../config/check.js';
import { openConfigStore } from '../../config/store.js';
import { modeOf, tempConfigHome } from '../../config/test-helpers.js';
import type { CurrentUser } from '../../domain/model.js';
import { widthOf } from '../text.js';
import { ThemeProvider } from '../theme-context.js';
import { createTheme } from '../theme.js';
import { SetupForm, type SavedCredentials } from './SetupForm.js';

const TOKEN = 'ak-token-0123456789abcdefghijklmnopqrstuvwxyz';
const USER: CurrentUser = { username: 'monitor', name: 'Sync Monitor', isSuperuser: false, permissions: [] };
const ENTER = '\r';
const TAB = '\t';
const SHIFT_TAB = '\u001b[Z';
const ESC = '\u001b';
const DEL = '\u007f';
const LEFT = '\u001b[D';
const HOME = '\u001b[H';

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function type(stdin: { write(data: string): void }, ...chunks: string[]) {
  for (const chunk of chunks) {
    stdin.write(chunk);
    await tick();
    if (chunk === ESC) await tick(); // a bare ESC is flushed one tick later
  }
}

/** The frame's words with its line breaks and padding collapsed, so wrapped sentences can be matched. */
const flat = (frame: string) => frame.replace(/\s+/g, ' ');

/** Waits, a tick at a time and at most 200 ticks, until the frame says what is expected (wrapping ignored). */
async function frameContaining(lastFrame: () => string | undefined, text: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const frame = lastFrame() ?? '';
    if (flat(frame).includes(text)) return flat(frame);
    await tick();
  }
  throw new Error(`The frame never showed ${JSON.stringify(text)}; last frame:\n${lastFrame()}`);
}

function setup(check: CheckCredentials, initialUrl?: string) {
  const home = tempConfigHome();
  const store = openConfigStore({ env: { XDG_CONFIG_HOME: home } });
  const onSaved = vi.fn<(saved: SavedCredentials) => void>();
  const onCancel = vi.fn<() => void>();
  // No colour, as the test process has none: the cursor is the bar glyph, not inverse video.
  const app = render(
    <ThemeProvider theme={createTheme({ color: false, ascii: false })}>
      <SetupForm store={store} profile="default" check={check} onSaved={onSaved} onCancel={onCancel} initialUrl={initialUrl} />
    </ThemeProvider>,
  );
  const allFrames = () => app.frames.join('\n');
  return { ...app, store, onSaved, onCancel, allFrames };
}

function deferred() {
  let resolve!: (value: CredentialCheck) => void;
  const promise = new Promise<CredentialCheck>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('SetupForm', () => {
  it('says where it saves and that the file will be 0600', async () => {
    const app = setup(vi.fn());
    const frame = await frameContaining(app.lastFrame, 'Saves to');
    expect(frame).toContain(`Saves to ${app.store.path}`);
    expect(frame).toContain("profile 'default', file mode 0600 (only you can read it)");
    app.unmount();
  });

  it('fits 60×15 with a long URL, a long token and a long error', async () => {
    const message = 'The server answered with something this form did not expect. '.repeat(4);
    const app = setup(async () => ({ ok: false, message }));
    await type(app.stdin, `http://ak.example.com/${'sub/'.repeat(30)}`, TAB, TOKEN.repeat(3), ENTER);
    await frameContaining(app.lastFrame, 'The server answered');
    const lines = (app.lastFrame() ?? '').split('\n');
    expect(lines.length).toBeLessThanOrEqual(15);
    for (const line of lines) expect(widthOf(line)).toBeLessThanOrEqual(60);
    expect(lines.some((line) => line.trimEnd().endsWith('sub/sub/'))).toBe(true); // the URL's end stays in view
    app.unmount();
  });

  it('checks the URL and a pasted token, saves them 0600 and reports who it is', async () => {
    const check = vi.fn<CheckCredentials>(async () => ({ ok: true, user: USER, missingPermissions: [] }));
    const app = setup(check);
    await type(app.stdin, 'https://ak.example.comm', DEL, TAB, TOKEN, ENTER);
    const frame = await frameContaining(app.lastFrame, 'Authenticated as monitor (Sync Monitor).');
    expect(frame).toContain('This account can see sync tasks.');
    expect(check).toHaveBeenCalledWith('https://ak.example.com', TOKEN);
    expect(app.onSaved).toHaveBeenCalledWith({
      profile: 'default',
      url: 'https://ak.example.com',
      token: TOKEN,
      user: USER,
      missingPermissions: [],
    });
    expect(app.store.read().profiles.default).toEqual({ url: 'https://ak.example.com', token: TOKEN });
    expect(modeOf(app.store.path)).toBe(0o600);
    expect(app.allFrames()).not.toContain(TOKEN.slice(0, 8));
    app.unmount();
  });

  it('shows the server’s sentence for a wrong token, saves nothing, and lets the user retry', async () => {
    const check = vi
      .fn<CheckCredentials>()
      .mockResolvedValueOnce({ ok: false, message: 'authentik did not accept the token (HTTP 403).' })
      .mockResolvedValueOnce({ ok: true, user: USER, missingPermissions: ['authentik_events.view_systemtask'] });
    const app = setup(check, 'https://ak.example.com');
    await type(app.stdin, 'wrong-token', ENTER);
    await frameContaining(app.lastFrame, 'authentik did not accept the token (HTTP 403).');
    expect(fs.existsSync(app.store.path)).toBe(false);
    expect(app.onSaved).not.toHaveBeenCalled();

    await type(app.stdin, '\u0015', TOKEN, ENTER); // Ctrl-U clears the field
    await frameContaining(app.lastFrame, 'lacks authentik_events.view_systemtask');
    expect(check).toHaveBeenLastCalledWith('https://ak.example.com', TOKEN);
    expect(app.onSaved).toHaveBeenCalledTimes(1);
    app.unmount();
  });

  it('shows why the server is unreachable, even when the check throws and quotes the token', async () => {
    const check: CheckCredentials = async (_url, token) => {
      throw new Error(`connect ECONNREFUSED 127.0.0.1:9 (token ${token})`);
    };
    const app = setup(check, 'https://ak.example.com');
    await type(app.stdin, TOKEN, ENTER);
    const frame = await frameContaining(app.lastFrame, 'ECONNREFUSED');
    expect(frame).toContain('The token could not be checked: connect ECONNREFUSED 127.0.0.1:9');
    expect(app.allFrames()).not.toContain(TOKEN);
    expect(fs.existsSync(app.store.path)).toBe(false);
    app.unmount();
  });

  it('rejects a URL that is not http(s) before asking the server', async () => {
    const check = vi.fn<CheckCredentials>();
    const app = setup(check);
    await type(app.stdin, 'ak.example.com', TAB, TOKEN, ENTER);
    await frameContaining(app.lastFrame, 'The URL must be an http:// or https:// URL');
    expect(check).not.toHaveBeenCalled();
    app.unmount();
  });

  it('warns about plain http to another host', async () => {
    const app = setup(vi.fn());
    await type(app.stdin, 'http://ak.example.com');
    await frameContaining(app.lastFrame, 'plain http: the token would travel in clear text');
    app.unmount();
  });

  it('moves between the fields with Tab, Shift-Tab and the arrows', async () => {
    const app = setup(vi.fn());
    await type(app.stdin, 'https://a.example.com', TAB, 'tok', SHIFT_TAB, '/x', '\u001b[B', 'en');
    await frameContaining(app.lastFrame, '5 characters');
    expect(app.lastFrame()).toContain('https://a.example.com/x');
    await type(app.stdin, '\u001b[A', DEL, DEL);
    await frameContaining(app.lastFrame, 'https://a.example.com▏');
    app.unmount();
  });

  it('edits a field in the middle: a typo in the URL fixed with Left, the token edited with Home and Ctrl-k', async () => {
    const check = vi.fn<CheckCredentials>(async () => ({ ok: true, user: USER, missingPermissions: [] }));
    const app = setup(check);
    await type(app.stdin, 'https://ak.exmple.com', ...Array<string>(8).fill(LEFT));
    await frameContaining(app.lastFrame, 'https://ak.ex▏mple.com');
    await type(app.stdin, 'a', '\u0005', TAB, `x${TOKEN}`, HOME, '\u001b[3~', '\u0005', 'junk', LEFT, LEFT, LEFT, LEFT, '\u000b');
    await frameContaining(app.lastFrame, `${TOKEN.length} characters`);
    await type(app.stdin, ENTER);
    await frameContaining(app.lastFrame, 'Authenticated as monitor');
    expect(check).toHaveBeenCalledWith('https://ak.example.com', TOKEN);
    app.unmount();
  });

  it('cancels with Esc without writing anything', async () => {
    const app = setup(vi.fn());
    await type(app.stdin, 'https://ak.example.com', TAB, TOKEN, ESC);
    expect(app.onCancel).toHaveBeenCalledTimes(1);
    expect(fs.existsSync(app.store.path)).toBe(false);
    app.unmount();
  });

  it('does not save when cancelled while the check is still running', async () => {
    const pending = deferred();
    const app = setup(() => pending.promise, 'https://ak.example.com');
    await type(app.stdin, TOKEN, ENTER);
    await frameContaining(app.lastFrame, 'Checking the token');
    await type(app.stdin, ESC);
    expect(app.onCancel).toHaveBeenCalledTimes(1);
    pending.resolve({ ok: true, user: USER, missingPermissions: [] });
    await tick();
    await tick();
    expect(app.onSaved).not.toHaveBeenCalled();
    expect(fs.existsSync(app.store.path)).toBe(false);
    app.unmount();
  });
});
