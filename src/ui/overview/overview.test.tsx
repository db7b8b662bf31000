// The overview as a user drives it, inside the App (so Enter really opens a source's monitor and Esc comes back),
// against an in-memory authentik.
import fs from 'node:fs';
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/errors.js';
import { openConfigStore } from '../../config/store.js';
import { createFakeClock } from '../../poll/test-support/fake-clock.js';
import { tempConfigHome } from '../../config/test-helpers.js';
import { App, type AppProps } from '../app/App.js';
import { saveDefaultSource } from '../app/save-default.js';
import { BACKSPACE, DOWN, ENTER, ESC, press, waitForFrame } from '../testing/wait-for-frame.js';

const LEFT = '\u001b[D';
import { ThemeProvider } from '../theme-context.js';
import { createTheme } from '../theme.js';
import { widthOf } from '../text.js';
import { NO_TASK_VIEW, RUN_START, fakeApi, run, source, statusOf, unreachable, type FakeApi, type FakeSource } from './testing/fake-api.js';

const COLUMNS = 100;

/** Five sources: healthy, with problems, failing pages, an unreadable status, and an LDAP server that is down. */
function fleet(): FakeSource[] {
  return [
    { source: source('corp-ad', 'Corporate AD'), status: statusOf(run('corp-ad', { pages: 4, startOffsetMin: 30 })) },
    { source: source('corp-eu', 'Corp EU'), status: statusOf(run('corp-eu', { pages: 3, problems: 2, startOffsetMin: 10 })) },
    { source: source('branch', 'Branch office'), status: statusOf(run('branch', { pages: 5, errors: 2, startOffsetMin: 20 })) },
    { source: source('proxied', 'Behind the proxy'), status: unreachable() },
    {
      source: source('ldap-down', 'Lab LDAP', { connectivity: [{ host: 'ldap.lab.example.org', status: 'socket connection error while opening: [Errno 111] Connection refused' }] }),
      status: statusOf([]),
    },
  ];
}

function renderApp(api: FakeApi, props: Partial<AppProps> = {}) {
  const onExit = vi.fn();
  const app = render(
    <ThemeProvider theme={createTheme({ color: false, ascii: false })}>
      <App
        start={{ kind: 'ready', connection: { api, serverLabel: 'https://auth.example.com' } }}
        slug={null}
        intervalSeconds={60}
        saveDefault={null}
        onExit={onExit}
        columns={COLUMNS}
        rows={24}
        {...props}
      />
    </ThemeProvider>,
  );
  return { ...app, onExit, frame: () => app.lastFrame() ?? '' };
}

const allRead = (frame: string) => !/CHECKING/.test(frame) && /Lab LDAP/.test(frame) && /as akadmin/.test(frame);

/** The source names in the table, top to bottom. */
function tableNames(frame: string): string[] {
  const names = ['Corporate AD', 'Corp EU', 'Branch office', 'Behind the proxy', 'Lab LDAP'];
  return frame
    .split('\n')
    .filter((line) => /^[▶ ] /.test(line))
    .map((line) => names.find((n) => line.slice(0, 22).includes(n)))
    .filter((n): n is string => n !== undefined);
}

/** A source's row and the lines its sentence wrapped onto, joined with single spaces. */
function entry(frame: string, name: string): string {
  const lines = frame.split('\n');
  const at = lines.findIndex((l) => /^[▶ ] /.test(l) && l.includes(name));
  if (at < 0) return '';
  const more = [];
  for (let i = at + 1; i < lines.length && /^ {10,}\S/.test(lines[i] ?? ''); i += 1) more.push((lines[i] ?? '').trim());
  return [lines[at], ...more].join(' ');
}

function selectedLine(frame: string): string {
  return frame.split('\n').find((line) => line.startsWith('▶')) ?? '';
}

describe('the overview', () => {
  it('shows every source with its verdict, and a failing source says why in its own row only', async () => {
    const api = fakeApi(fleet());
    const app = renderApp(api);
    const frame = await waitForFrame(app.frame, allRead);
    const line = (name: string) => entry(frame, name);

    expect(frame).toMatch(/5 sources · 2 CRITICAL · 1 WARNING · 1 OK/);
    expect(line('Corporate AD')).toMatch(/corp-ad\s+OK\s+09-30 14:32\s+0\s+0 4 pages, 200 objects synced/);
    expect(line('Corp EU')).toMatch(/WARNING\s+09-30 14:12\s+2\s+0 2 problem messages in 2 pages/);
    // Rows the five sources leave empty let their sentences wrap: the end of the error shows.
    expect(line('Branch office')).toMatch(/CRITICAL\s+09-30 14:22\s+2\s+2 2 of 5 pages failed: ldap3\.core\.exceptions\.LDAPSocket ?OpenError: socket connection er…$/);
    expect(line('Behind the proxy')).toMatch(/FAILING +ldap-proxy\.example\.com is unreachable: connection refused\. Is the URL right and the server up\?$/);
    expect(line('Lab LDAP')).toMatch(/CRITICAL\s+-\s+0\s+0 LDAP server ldap\.lab\.example/);
    // The selected source's whole sentence, above the footer.
    expect(frame).toMatch(/^Behind the proxy: ldap-proxy\.example\.com is unreachable: connection refused\. Is the URL/m);
    expect(frame).toMatch(/1 of 5 sources failing/);
    for (const l of frame.split('\n')) expect(widthOf(l)).toBeLessThanOrEqual(COLUMNS);
    expect(frame.split('\n').length).toBeLessThanOrEqual(23);
    app.unmount();
  });

  it('names the missing permission in the header when the token cannot see sync tasks', async () => {
    const api = fakeApi([{ source: source('corp-ad', 'Corporate AD'), status: statusOf([]) }], NO_TASK_VIEW);
    const app = renderApp(api);
    const frame = await waitForFrame(app.frame, (f) => /as monitor/.test(f) && /UNKNOWN/.test(f));
    expect(frame.split('\n')[1]).toMatch(/The token cannot see sync tasks: it lacks the permission authentik_events\.view_systemtask/);
    expect(frame).toMatch(/Corporate AD .*UNKNOWN .*the token cannot se/);
    app.unmount();
  });

  it('sorts by name, verdict, last run and problems with s', async () => {
    const app = renderApp(fakeApi(fleet()));
    await waitForFrame(app.frame, allRead);
    expect(tableNames(app.frame())).toEqual(['Behind the proxy', 'Branch office', 'Corp EU', 'Corporate AD', 'Lab LDAP']);

    await press(app.stdin, 's');
    expect(app.frame()).toMatch(/sort verdict \(worst first\)/);
    expect(tableNames(app.frame())).toEqual(['Branch office', 'Lab LDAP', 'Behind the proxy', 'Corp EU', 'Corporate AD']);

    await press(app.stdin, 's');
    expect(app.frame()).toMatch(/sort last run \(newest first\)/);
    expect(tableNames(app.frame()).slice(0, 3)).toEqual(['Corporate AD', 'Branch office', 'Corp EU']);

    await press(app.stdin, 's');
    expect(app.frame()).toMatch(/sort problems \(most first\)/);
    expect(tableNames(app.frame()).slice(0, 2)).toEqual(['Branch office', 'Corp EU']);
    app.unmount();
  });

  it('filters live with / and clears with Esc', async () => {
    const app = renderApp(fakeApi(fleet()));
    await waitForFrame(app.frame, allRead);
    await press(app.stdin, '/', 'c', 'o', 'r', 'p');
    expect(app.frame()).toMatch(/filter: corp▏/);
    expect(app.frame()).toMatch(/LDAP sources 2 of 5 · sort name · filter "corp"/);
    expect(tableNames(app.frame())).toEqual(['Corp EU', 'Corporate AD']);

    await press(app.stdin, ENTER);
    expect(tableNames(app.frame())).toEqual(['Corp EU', 'Corporate AD']);
    // Error text is searchable too.
    await press(app.stdin, ESC, '/', ...'refused', ENTER);
    expect(tableNames(app.frame())).toEqual(['Behind the proxy', 'Branch office', 'Lab LDAP']);

    await press(app.stdin, ESC);
    expect(app.frame()).toMatch(/LDAP sources 5 · sort name\s*$/m);
    app.unmount();
  });

  it('a filter typed and submitted in one chunk ("/corp\\r" pasted) is applied: the next j moves, it does not join the query', async () => {
    const app = renderApp(fakeApi(fleet()));
    await waitForFrame(app.frame, allRead);
    app.stdin.write('/corp\r');
    await waitForFrame(app.frame, (f) => /filter "corp"/.test(f) && !/filter: /.test(f));
    expect(selectedLine(app.frame())).toContain('Corp EU');
    app.stdin.write('j');
    const frame = await waitForFrame(app.frame, (f) => selectedLine(f).includes('Corporate AD'));
    expect(frame).toMatch(/LDAP sources 2 of 5 · sort name · filter "corp"/);
    expect(frame).not.toMatch(/filter: /);
    app.unmount();
  });

  it('edits the filter in the middle: Left and Backspace fix a typo before the end', async () => {
    const app = renderApp(fakeApi(fleet()));
    await waitForFrame(app.frame, allRead);
    await press(app.stdin, '/', ...'cxorp', LEFT, LEFT, LEFT, BACKSPACE);
    expect(app.frame()).toMatch(/filter: c▏orp/);
    expect(tableNames(app.frame())).toEqual(['Corp EU', 'Corporate AD']);
    await press(app.stdin, '\u001b[F', ' ', 'e', 'u', '\u0001', '\u0004', ENTER);
    // End, " eu", Ctrl-a, Ctrl-d: the "c" is gone from the front.
    expect(app.frame()).toMatch(/LDAP sources 1 of 5 · sort name · filter "orp eu"/);
    expect(tableNames(app.frame())).toEqual(['Corp EU']);
    app.unmount();
  });

  it('opens the selected source in its monitor with Enter and comes back with Esc, selection kept', async () => {
    const api = fakeApi(fleet());
    const app = renderApp(api);
    await waitForFrame(app.frame, allRead);
    await press(app.stdin, 's', DOWN, DOWN, DOWN);
    expect(selectedLine(app.frame())).toMatch(/Corp EU/);

    await press(app.stdin, ENTER);
    const monitor = await waitForFrame(app.frame, (f) => /Corp EU \(corp-eu\)/.test(f) && /Tasks 3/.test(f));
    expect(monitor).not.toMatch(/LDAP sources/);

    await press(app.stdin, ESC);
    const back = await waitForFrame(app.frame, (f) => /LDAP sources 5/.test(f));
    expect(back).toMatch(/sort verdict/);
    expect(selectedLine(back)).toMatch(/Corp EU/);
    app.unmount();
  });

  it('starts in a given source monitor; Esc there reaches the overview with that source selected', async () => {
    const app = renderApp(fakeApi(fleet()), { slug: 'branch' });
    await waitForFrame(app.frame, (f) => /Branch office \(branch\)/.test(f) && /CRITICAL/.test(f));
    expect(app.frame()).not.toMatch(/LDAP sources/);
    await press(app.stdin, ESC);
    const overview = await waitForFrame(app.frame, allRead);
    expect(selectedLine(overview)).toMatch(/Branch office/);
    app.unmount();
  });

  it('saves the selected source as the default with d, and writes nothing before', async () => {
    const home = tempConfigHome();
    const store = openConfigStore({ env: { XDG_CONFIG_HOME: home } });
    const app = renderApp(fakeApi(fleet()), { saveDefault: saveDefaultSource(store, 'default') });
    await waitForFrame(app.frame, allRead);
    await press(app.stdin, DOWN, 'r', '/', 'e', 'u', ENTER, ESC, 'p', 'p', '?', ESC);
    expect(fs.existsSync(store.path)).toBe(false);

    await press(app.stdin, 'g', DOWN);
    expect(selectedLine(app.frame())).toMatch(/Branch office/);
    await press(app.stdin, 'd');
    await waitForFrame(app.frame, (f) => /Saved branch as the default source of profile 'default'/.test(f));
    expect(store.read().profiles.default?.source).toBe('branch');
    app.unmount();
  });

  it('says so, and writes nothing, when there is nowhere to save (the demo)', async () => {
    const app = renderApp(fakeApi(fleet()));
    await waitForFrame(app.frame, allRead);
    await press(app.stdin, 'd');
    await waitForFrame(app.frame, (f) => /Nothing saved: there is no settings file here/.test(f));
    app.unmount();
  });

  it('Enter right after a move opens the row just selected, even before the frame shows it', async () => {
    const app = renderApp(fakeApi(fleet()));
    await waitForFrame(app.frame, allRead);
    expect(selectedLine(app.frame())).toMatch(/Behind the proxy/);
    // Two input events with no render between them: Enter must see the move.
    app.stdin.write('j');
    app.stdin.write('\r');
    await waitForFrame(app.frame, (f) => /Tasks \d+/.test(f));
    expect(app.frame().split('\n')[0]).toMatch(/^aksync · (Branch office \(branch\)|branch) · /);
    app.unmount();
  });

  it('pauses and resumes polling with p, quits with q', async () => {
    const app = renderApp(fakeApi(fleet()));
    await waitForFrame(app.frame, allRead);
    await press(app.stdin, 'p');
    expect(app.frame().split('\n')[2]).toMatch(/^paused/);
    await press(app.stdin, 'p');
    expect(app.frame().split('\n')[2]).toMatch(/1 of 5 sources failing/);
    await press(app.stdin, 'q');
    expect(app.onExit).toHaveBeenCalledWith({ code: 0 });
  });

  it('shows the keys of the overview with ?', async () => {
    const app = renderApp(fakeApi(fleet()));
    await waitForFrame(app.frame, allRead);
    expect(app.frame()).toMatch(/Enter open {2}\/ filter {2}s sort {2}d default {2}i details {2}r refresh {2}p pause/);
    await press(app.stdin, '?');
    expect(app.frame()).toMatch(/d {15}save the selected source as this profile's default/);
    await press(app.stdin, ESC);
    expect(app.frame()).toMatch(/LDAP sources 5/);
    app.unmount();
  });

  it('stays usable with 50 sources: only the rows that fit are drawn, within the height, 4 requests at most', async () => {
    const many: FakeSource[] = Array.from({ length: 50 }, (_, i) => {
      const n = String(i + 1).padStart(2, '0');
      return { source: source(`site-${n}`, `Site ${n}`), status: statusOf(run(`site-${n}`, { pages: 2, startOffsetMin: i })) };
    });
    const api = fakeApi(many);
    const rows = 20;
    const app = renderApp(api, { rows });
    const frame = await waitForFrame(app.frame, (f) => /50 sources · 50 OK/.test(f), 20_000);
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(rows - 1);
    const drawn = lines.filter((l) => /^[▶ ] Site \d\d/.test(l));
    // rows − 1 for the frame, minus header (3), table title and column header (2), status line and footer (2).
    expect(drawn).toHaveLength(rows - 1 - 7);
    expect(frame).not.toMatch(/Site 50/);
    expect(frame).toMatch(/^Site 01: 2 pages, 100 objects synced$/m);
    expect(api.maxInFlight).toBeLessThanOrEqual(4);
    expect(api.requests.filter((r) => r.startsWith('status')).length).toBe(50);

    await press(app.stdin, 'G');
    expect(selectedLine(app.frame())).toMatch(/Site 50/);
    expect(app.frame()).not.toMatch(/Site 01/);
    app.unmount();
  });

  it('shows the sentence when the source list cannot be read, and recovers with r', async () => {
    const api = fakeApi(fleet());
    const listSources = api.listSources;
    api.listSources = () => Promise.reject(unreachable());
    const app = renderApp(api);
    const failed = await waitForFrame(app.frame, (f) => /The list of LDAP sources could not be read: ldap-proxy/.test(f));
    expect(failed.split('\n')[1]).toBe('the list of LDAP sources could not be read');
    // The countdown from the 60 s interval reads `1m 0s` in its first second, `59s` after.
    expect(failed.split('\n')[2]).toMatch(/^retrying in (1m 0s|\d+s) \(1 failure\) · ldap-proxy\.example\.com is unreachable/);
    api.listSources = listSources;
    await press(app.stdin, 'r');
    await waitForFrame(app.frame, allRead);
    app.unmount();
  });

  it('wraps a long list error over the empty table instead of cutting it', async () => {
    const api = fakeApi(fleet());
    const sentence =
      'auth.example.com answered /api/v3/sources/ldap/ with something that is not the list of LDAP sources (invalid JSON: Unexpected token < at position 0): a proxy or a login page may be in between';
    api.listSources = () => Promise.reject(new ApiError('bad_response', sentence));
    const app = renderApp(api, { columns: 80 });
    const frame = await waitForFrame(app.frame, (f) => /could not be read/.test(f));
    const body = frame.split('\n').slice(5, -2).map((l) => l.trim()).filter((l) => l !== '').join(' ');
    expect(body).toBe(`The list of LDAP sources could not be read: ${sentence}`);
    for (const l of frame.split('\n')) expect(widthOf(l)).toBeLessThanOrEqual(80);
    expect(frame.split('\n').length).toBeLessThanOrEqual(23);
    app.unmount();
  });

  it("i opens the selected source's whole text (verdict, error, LDAP server), within the frame; Esc closes it", async () => {
    const app = renderApp(fakeApi(fleet()), { columns: 60, rows: 15 });
    await waitForFrame(app.frame, (f) => /Lab LDAP/.test(f) && !/CHECKING/.test(f));
    await press(app.stdin, 'G', 'i');
    let frame = await waitForFrame(app.frame, (f) => /Esc closes/.test(f));
    expect(frame.split('\n').length).toBeLessThanOrEqual(14);
    for (const l of frame.split('\n')) expect(widthOf(l)).toBeLessThanOrEqual(60);
    expect(frame).toMatch(/^Lab LDAP \(ldap-down\)/m);
    expect(frame).toContain('Verdict: CRITICAL');
    expect(frame).toMatch(/Esc back/);
    const pane = frame.split('\n').slice(4, -2).join(' ');
    expect(pane).toContain('LDAP server ldap.lab.example.org unreachable: socket connection error while opening: [Errno 111] Connection refused');

    await press(app.stdin, ESC, 'g', 'i');
    frame = await waitForFrame(app.frame, (f) => /^Behind the proxy \(proxied\)/m.test(f));
    const text = frame.split('\n').join(' ');
    expect(text).toContain('Verdict: FAILING');
    expect(text).toMatch(/ldap-proxy\.example\.com is unreachable: connection refused\. Is the URL right and the server up\?/);
    await press(app.stdin, ESC);
    await waitForFrame(app.frame, (f) => /LDAP sources 5/.test(f));
    app.unmount();
  });

  it('draws nothing new while the polls bring the same data', async () => {
    const api = fakeApi(fleet().filter((s) => !(s.status instanceof Error)));
    const app = renderApp(api, { intervalSeconds: 0.02 });
    await waitForFrame(app.frame, (f) => /4 sources · 2 CRITICAL · 1 WARNING · 1 OK/.test(f) && /as akadmin/.test(f));
    const polls = () => api.requests.filter((r) => r.startsWith('status')).length;
    const framesBefore = app.frames.length;
    const pollsBefore = polls();
    await waitForFrame(() => String(polls()), () => polls() >= pollsBefore + 20);
    expect(app.frames.length).toBe(framesBefore);
    app.unmount();
  });

  it('shows a new source once the list is read again', async () => {
    const api = fakeApi(fleet());
    const app = renderApp(api);
    await waitForFrame(app.frame, allRead);
    api.sources.push({ source: source('new-site', 'New site'), status: statusOf(run('new-site')) });
    await press(app.stdin, 'r');
    const frame = await waitForFrame(app.frame, (f) => /6 sources/.test(f) && /New site .*OK/.test(f));
    expect(frame).toMatch(/LDAP sources 6/);
    app.unmount();
  });

  it('fits the smallest terminal, 60×15: every line cut to 60 columns, the frame at most 14 rows', async () => {
    const app = renderApp(fakeApi(fleet()), { columns: 60, rows: 15 });
    const frame = await waitForFrame(app.frame, (f) => /Lab LDAP/.test(f) && !/CHECKING/.test(f));
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(14);
    for (const line of lines) expect(widthOf(line)).toBeLessThanOrEqual(60);
    // Two rows the five sources leave free: the first source's sentence wraps onto them, the others are cut.
    expect(entry(frame, 'Behind the proxy')).toMatch(/FAILING +ldap-proxy\.example\.com is unreachable: connection refused\. Is the URL right a…$/);
    expect(entry(frame, 'Lab LDAP')).toMatch(/…$/);
    app.unmount();
  });

  it('gives names the room a wide terminal has: at 220 columns a long name and slug show whole', async () => {
    const wide = [
      { source: source('corp-active-directory-emea', 'Corp Active Directory EMEA'), status: statusOf(run('corp-active-directory-emea', { pages: 2 })) },
      ...fleet(),
    ];
    const app = renderApp(fakeApi(wide), { columns: 220, rows: 30 });
    const frame = await waitForFrame(app.frame, (f) => /Lab LDAP/.test(f) && !/CHECKING/.test(f) && /Corp Active/.test(f));
    const line = frame.split('\n').find((l) => l.includes('Corp Active')) ?? '';
    expect(line).toMatch(/Corp Active Directory EMEA +corp-active-directory-emea +yes +OK/);
    for (const l of frame.split('\n')) expect(widthOf(l)).toBeLessThanOrEqual(220);
    app.unmount();
  });

  it('says the terminal is too small below 60 columns, and nothing else', async () => {
    const app = renderApp(fakeApi(fleet()), { columns: 59 });
    expect(app.frame()).toBe('terminal too small (need 60×15, have 59×24)');
    app.unmount();
  });
});

/** Two healthy sources. */
function healthy(): FakeSource[] {
  return [
    { source: source('corp-ad', 'Corporate AD'), status: statusOf(run('corp-ad', { pages: 4, startOffsetMin: 30 })) },
    { source: source('corp-eu', 'Corp EU'), status: statusOf(run('corp-eu', { pages: 3, startOffsetMin: 10 })) },
  ];
}

const badGateway = () =>
  new ApiError('server', '502 Bad Gateway from https://auth.example.com (an HTML page, probably from a proxy in front of authentik).', 502);

/** The header's connection line. */
const how = (frame: string) => frame.split('\n')[2] ?? '';

/** The overview on a clock the test moves, every 5 s, retries waiting their full step. */
function failingApp(api: FakeApi) {
  const clock = createFakeClock(RUN_START.getTime() + 3_600_000);
  const app = renderApp(api, { intervalSeconds: 5, clock, random: () => 1, columns: 160 });
  return { ...app, clock, until: (match: (how: string, frame: string) => boolean) => waitForFrame(app.frame, (f) => match(how(f), f), 10_000) };
}

describe('the overview when authentik fails', () => {
  it('says retrying with a countdown and the failure count, then stale, with the sentence, and keeps the last list', async () => {
    const api = fakeApi(healthy());
    const app = failingApp(api);
    await app.until((_, f) => /2 sources · 2 OK/.test(f) && /as akadmin/.test(f));

    api.down = unreachable();
    await app.clock.advance(5_000);
    // Both sources' polls fail on the same tick but settle one after the other: wait for the second.
    let frame = await app.until((h) => /retrying/.test(h) && /2 of 2 sources failing/.test(h));
    expect(how(frame)).toMatch(/^retrying in 5s \(1 failure\) · 2 of 2 sources failing · last update 15:02:00 · ldap-proxy\.example\.com is unreachable/);
    expect(frame).toMatch(/Corporate AD .* OK /);
    expect(frame).not.toMatch(/\blive\b/);

    await app.clock.advance(5_000);
    await app.until((h) => /^retrying in 10s \(2 failures\)/.test(h));
    await app.clock.advance(30_000);
    frame = await app.until((h) => /^stale/.test(h));
    expect(how(frame)).toMatch(/^stale 40s · 2 of 2 sources failing · last update 15:02:00 · ldap-proxy\.example\.com is unreachable/);
    expect(frame).toMatch(/Corporate AD .* OK /);
    app.unmount();
  });

  it('says retrying, not live, when the list cannot be read from the start, and recovers by itself', async () => {
    const api = fakeApi(healthy());
    api.down = new ApiError('unauthenticated', 'The token was rejected by https://auth.example.com (invalid or expired).', 401);
    const app = failingApp(api);
    let frame = await app.until((h) => /retrying/.test(h));
    expect(frame.split('\n')[1]).toBe('the list of LDAP sources could not be read');
    expect(how(frame)).toBe('retrying in 5s (1 failure) · The token was rejected by https://auth.example.com (invalid or expired).');
    expect(frame).not.toMatch(/reading the list/);

    await app.clock.advance(5_000);
    await app.until((h) => /^retrying in 10s \(2 failures\)/.test(h));
    api.down = null;
    await app.clock.advance(10_000);
    frame = await app.until((h, f) => /^live, every 5s/.test(h) && /2 sources · 2 OK/.test(f));
    expect(frame).not.toMatch(/rejected/);
    app.unmount();
  });

  it('shows the last poll’s reason: none once the fault clears, and a new fault’s own', async () => {
    const api = fakeApi(healthy());
    const app = failingApp(api);
    await app.until((_, f) => /2 sources · 2 OK/.test(f));

    // A fault on the source list alone, then cleared.
    api.listError = badGateway();
    await press(app.stdin, 'r');
    let frame = await app.until((h) => /retrying/.test(h));
    expect(how(frame)).toMatch(/^retrying in 5s \(1 failure\) · last update \d\d:\d\d:\d\d · source list: 502 Bad Gateway/);
    api.listError = null;
    await app.clock.advance(5_000);
    frame = await app.until((h) => /^live/.test(h));
    expect(frame).not.toMatch(/502/);

    // The list fails again for a while; before its next retry the server goes away: the new reason shows.
    api.listError = badGateway();
    await press(app.stdin, 'r');
    await app.clock.advance(5_000);
    await app.until((h) => /^retrying in 10s \(2 failures\) .*source list: 502/.test(h));
    api.listError = null;
    api.down = unreachable();
    await app.clock.advance(5_000);
    frame = await app.until((h) => /unreachable/.test(h));
    expect(how(frame)).toMatch(/^retrying in \d+s \(3 failures\) · 2 of 2 sources failing · .*ldap-proxy\.example\.com is unreachable/);
    expect(frame).not.toMatch(/502/);

    // The server is back: at the first answer every failed poll retries at once, and nothing old stays.
    api.down = null;
    for (let s = 0; s < 20 && !/^live/.test(how(app.frame())); s++) await app.clock.advance(1_000);
    frame = await app.until((h, f) => /^live/.test(h) && !/unreachable/.test(f));
    expect(frame).toMatch(/2 sources · 2 OK/);
    app.unmount();
  });
});
