import { describe, expect, it } from 'vitest';
import type { AuthentikApi } from '../../api/types.js';
import { FakeStdin, FakeStdout, asStreams } from '../testing/fake-streams.js';
import { ldapSource, mixedRun, statusA } from '../testing/fixtures.js';
import { waitForFrame } from '../testing/wait-for-frame.js';
import { runApp, type RunAppOptions } from './run-app.js';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, SHOW_CURSOR } from './terminal-session.js';

const api: AuthentikApi = {
  baseUrl: 'https://auth.example.com/api/v3',
  version: async () => ({ version: '2024.8.3', generation: 'A' }),
  me: async () => ({ username: 'monitor', name: 'Monitor', isSuperuser: true, permissions: [] }),
  listSources: async () => [ldapSource()],
  getSource: async () => ldapSource(),
  syncStatus: async () => statusA(mixedRun()),
  triggerSync: async () => ({ started: true }),
  generation: async () => 'A',
};

const options = (overrides: Partial<RunAppOptions> = {}): RunAppOptions => ({
  start: { kind: 'ready', connection: { api, serverLabel: 'auth.example.com' } },
  slug: 'corp-ad',
  intervalSeconds: 60,
  saveDefault: null,
  ascii: false,
  color: false,
  altScreen: true,
  ...overrides,
});

describe('runApp', () => {
  it('draws in the alternate screen and, on q, leaves it, shows the cursor and exits 0', async () => {
    const stdout = new FakeStdout(100, 30);
    const stdin = new FakeStdin(true);
    const done = runApp(options(), asStreams(stdout, stdin));
    await waitForFrame(() => stdout.output, (o) => o.includes('Tasks 10'));
    expect(stdout.output.startsWith(ENTER_ALT_SCREEN)).toBe(true);
    expect(stdin.rawMode).toBe(true);
    stdin.write('q');
    await expect(done).resolves.toBe(0);
    expect(stdout.output.endsWith(LEAVE_ALT_SCREEN + SHOW_CURSOR)).toBe(true);
    // No mouse capture: copy and paste keep working.
    expect(stdout.output).not.toMatch(/\u001b\[\?100[0-6]h/);
  });

  it('Ctrl-C quits the same way', async () => {
    const stdout = new FakeStdout();
    const stdin = new FakeStdin(true);
    const done = runApp(options(), asStreams(stdout, stdin));
    await waitForFrame(() => stdout.output, (o) => o.includes('Tasks 10'));
    stdin.write('\u0003');
    await expect(done).resolves.toBe(0);
    expect(stdout.output.endsWith(LEAVE_ALT_SCREEN + SHOW_CURSOR)).toBe(true);
  });

  it('--no-alt-screen never switches screens but still shows the cursor at the end', async () => {
    const stdout = new FakeStdout();
    const stdin = new FakeStdin(true);
    const done = runApp(options({ altScreen: false }), asStreams(stdout, stdin));
    await waitForFrame(() => stdout.output, (o) => o.includes('Tasks 10'));
    stdin.write('q');
    await done;
    expect(stdout.output).not.toContain(ENTER_ALT_SCREEN);
    expect(stdout.output).not.toContain(LEAVE_ALT_SCREEN);
    expect(stdout.output.endsWith(SHOW_CURSOR)).toBe(true);
  });

  it('with stdin not a terminal, shows the monitor without reading keys and without crashing', async () => {
    const stdout = new FakeStdout();
    const stdin = new FakeStdin(false);
    const stop = new AbortController();
    const done = runApp(options(), asStreams(stdout, stdin, stop.signal));
    await waitForFrame(() => stdout.output, (o) => o.includes('Tasks 10'));
    expect(stdin.rawMode).toBe(false);
    stop.abort();
    await expect(done).resolves.toBe(0);
    expect(stdout.output.endsWith(LEAVE_ALT_SCREEN + SHOW_CURSOR)).toBe(true);
  });

  it('tracks the terminal height itself: a resize redraws within rows - 1', async () => {
    const stdout = new FakeStdout(100, 30);
    const stdin = new FakeStdin(true);
    const done = runApp(options(), asStreams(stdout, stdin));
    await waitForFrame(() => stdout.output, (o) => o.includes('Tasks 10'));
    stdout.output = '';
    stdout.resize(70, 16);
    // The compact run summary appears only when the monitor knows the terminal got shorter.
    await waitForFrame(() => stdout.output, (o) => o.includes('users 6p 298o'));
    stdin.write('q');
    await done;
  });
});
