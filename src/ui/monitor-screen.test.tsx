import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.js';
import type { SyncTask } from '../domain/model.js';
import { MIN_COLUMNS, MIN_ROWS } from './layout.js';
import { widthOf } from './text.js';
import {
  RUN_START,
  TRACEBACK,
  ldapSource,
  logMessage,
  mixedRun,
  monitorData,
  page,
  recordingControls,
  statusA,
  unreachable,
} from './testing/fixtures.js';
import { MonitorScreen } from './monitor-screen.js';
import { NoticesProvider } from './notices-context.js';
import { renderScreen, screenProps } from './testing/render-screen.js';
import { ThemeProvider } from './theme-context.js';
import { createTheme } from './theme.js';
import { BACKSPACE, CTRL_C, DOWN, ENTER, ESC, HOME, press, tick, waitForFrame } from './testing/wait-for-frame.js';

const LEFT = '\u001b[D';
const DELETE_KEY = '\u001b[3~';
const CTRL = (letter: string) => String.fromCharCode(letter.charCodeAt(0) - 96);

const lines = (frame: string) => frame.split('\n');
const selectedRow = (frame: string) => lines(frame).find((l) => l.startsWith('▶')) ?? '';

describe('task table', () => {
  it('shows the tasks count, the sort, and marks the selected row with a glyph', async () => {
    const screen = renderScreen();
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 10'));
    expect(frame).toContain('sort start');
    expect(selectedRow(frame)).toContain('users');
    await press(screen.stdin, 'j', 'j');
    expect(selectedRow(screen.lastFrame() ?? '')).toContain('! problems users');
    expect(selectedRow(screen.lastFrame() ?? '')).toContain('Uniqueness field not found');
  });

  it('`s` cycles the sort: status puts the failed page first', async () => {
    const screen = renderScreen();
    await press(screen.stdin, 's');
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('sort status'));
    const rows = lines(frame).filter((l) => /^[▶ ] [✓!✗]/.test(l));
    expect(rows[0]).toContain('✗ error');
    expect(rows[1]).toContain('! problems');
    await press(screen.stdin, 's', 's');
    expect(screen.lastFrame()).toContain('sort problems (most first)');
    await press(screen.stdin, 's');
    expect(screen.lastFrame()).toContain('sort start');
  });

  it('`e` shows only problems and errors, and says so', async () => {
    const screen = renderScreen();
    await press(screen.stdin, 'e');
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('problems and errors only'));
    expect(frame).toContain('Tasks 2 of 10');
    expect(frame).not.toMatch(/✓ ok/);
  });

  it('`/` filters live by type, id or message text; Enter keeps it, Esc clears it', async () => {
    const screen = renderScreen();
    await press(screen.stdin, '/', 'm', 'e', 'm');
    let frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 2 of 10'));
    expect(frame).toContain('filter: mem▏');
    await press(screen.stdin, BACKSPACE, BACKSPACE, BACKSPACE, 's', 'v', 'c', '-', 'p', 'r', 'i', 'n', 't', ENTER);
    frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 1 of 10') && !f.includes('filter: '));
    expect(frame).toContain('filter "svc-print"');
    // Typed keys are text, not commands: the filter took the `s` and `p` without sorting or pausing.
    expect(frame).toContain('sort start');
    expect((screen.props.controls as ReturnType<typeof recordingControls>).calls).toEqual([]);
    await press(screen.stdin, ESC);
    frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 10 '));
    expect(frame).not.toContain('filter "');
  });

  it('text typed right after `/`, before the prompt is drawn (slow SSH, paste), goes into the filter', async () => {
    let quit = false;
    const screen = renderScreen({ onQuit: () => (quit = true) });
    await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 10'));
    // Separate input events with no render between them: the mode must change at the key, not at the next frame.
    screen.stdin.write('/');
    screen.stdin.write('mem');
    screen.stdin.write('q');
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('filter: memq'));
    expect(frame).not.toContain('sort status');
    expect(quit).toBe(false);
  });

  it('keys arriving in one chunk ("jj\\r" over a slow link) move twice, then open the log', async () => {
    const screen = renderScreen();
    await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 10'));
    screen.stdin.write('jj\r');
    const frame = await waitForFrame(screen.lastFrame, (f) => / page \w+ \(/.test(f));
    expect(frame).toMatch(/users page \w+ \(problems\)/);
  });

  it('a pasted filter ending in Enter is applied', async () => {
    const screen = renderScreen();
    await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 10'));
    screen.stdin.write('/');
    screen.stdin.write('svc-print\r');
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('filter "svc-print"') && !f.includes('filter: '));
    expect(frame).toContain('Tasks 1 of 10');
    expect(frame).not.toContain('filter: ');
  });

  it('one chunk that opens the filter, types and submits ("/users\\r" pasted) closes the prompt: the next j moves', async () => {
    const screen = renderScreen();
    await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 10'));
    screen.stdin.write('/users\r');
    let frame = await waitForFrame(screen.lastFrame, (f) => f.includes('filter "users"') && !f.includes('filter: '));
    const first = selectedRow(frame);
    screen.stdin.write('j');
    frame = await waitForFrame(screen.lastFrame, (f) => selectedRow(f) !== first);
    expect(frame).toContain('filter "users"');
    expect(frame).not.toContain('filter: ');
    // And all of it in one chunk, the j too.
    const again = renderScreen();
    await waitForFrame(again.lastFrame, (f) => f.includes('Tasks 10'));
    again.stdin.write('/users\rj');
    frame = await waitForFrame(again.lastFrame, (f) => f.includes('filter "users"') && !f.includes('filter: ') && selectedRow(f) === selectedRow(frame));
    expect(frame).not.toContain('usersj');
  });

  it('edits the filter in the middle with the readline keys, and shows where the cursor is', async () => {
    const screen = renderScreen();
    await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 10'));
    // "usrs": Left twice, then the missing "e".
    await press(screen.stdin, '/', 'u', 's', 'r', 's', LEFT, LEFT);
    let frame = await waitForFrame(screen.lastFrame, (f) => f.includes('filter: us▏rs'));
    await press(screen.stdin, 'e');
    frame = await waitForFrame(screen.lastFrame, (f) => f.includes('filter: use▏rs'));
    expect(frame).toContain('filter "users"');
    // Home, Delete and End; Ctrl-a, Ctrl-e; Ctrl-w takes the word before the cursor, Ctrl-u all before it.
    await press(screen.stdin, HOME, 'x', DELETE_KEY);
    await waitForFrame(screen.lastFrame, (f) => f.includes('filter: x▏sers'));
    await press(screen.stdin, CTRL('a'), DELETE_KEY, CTRL('e'), ' ', 'o', 'k', CTRL('w'));
    await waitForFrame(screen.lastFrame, (f) => f.includes('filter: sers ▏'));
    await press(screen.stdin, CTRL('a'), 'u', CTRL('e'), BACKSPACE, LEFT, CTRL('k'), ENTER);
    frame = await waitForFrame(screen.lastFrame, (f) => f.includes('filter "user"') && !f.includes('filter: '));
    expect(frame).toMatch(/Tasks \d+ of 10/);
    await press(screen.stdin, '/', LEFT, LEFT, CTRL('u'));
    await waitForFrame(screen.lastFrame, (f) => f.includes('filter: ▏er'));
  });

  it('says when the filter matches nothing', async () => {
    const screen = renderScreen();
    await press(screen.stdin, '/', 'z', 'z', 'z', ENTER);
    await waitForFrame(screen.lastFrame, (f) => f.includes('No task matches the filter (Esc clears it).'));
  });

  it('keeps columns aligned with wide characters and emoji in the data', async () => {
    const tasks = [
      page('users', [logMessage("Uniqueness field not found/not set in attributes: 'CN=営業部 山田太郎,OU=東京,DC=corp'")]),
      page('groups', [logMessage('Group 👩‍💻 Entwickler does not have a uniqueness attribute')]),
      page('membership', [logMessage('Synced 12 objects.')]),
    ];
    const screen = renderScreen({ data: monitorData({ tasks }), columns: 80 });
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 3'));
    const rows = lines(frame).filter((l) => /^[▶ ] [✓!✗]/.test(l));
    expect(rows).toHaveLength(3);
    const probsEnd = (row: string) => widthOf(row.slice(0, row.search(/ \d+ \S/) + 1)) + widthOf(row.match(/ \d+ /)![0]);
    expect(new Set(rows.map(probsEnd)).size).toBe(1);
    for (const row of rows) expect(widthOf(row)).toBeLessThanOrEqual(80);
  });
});

describe('message log', () => {
  async function openFailedPage() {
    const screen = renderScreen();
    await press(screen.stdin, 'G', ENTER);
    await waitForFrame(screen.lastFrame, (f) => f.includes('membership page') && f.includes('(error)'));
    return screen;
  }

  it('Enter opens the selected task: time, level, logger, and a traceback folded to the line that explains it', async () => {
    const screen = await openFailedPage();
    const frame = screen.lastFrame() ?? '';
    expect(frame).toMatch(/▶ +14:02:00 error +authentik\.sourc… \[6 lines\] ldap3\.core\.exceptions\.LDAPSocketOpenError/);
    expect(frame).toContain('[6 lines] ldap3.core.exceptions.LDAPSocketOpenError');
    expect(frame).toContain('truncated');
  });

  it('on a wide terminal the logger column widens to show whole logger names', async () => {
    const screen = renderScreen({ columns: 220 });
    await press(screen.stdin, 'G', ENTER);
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('membership page'));
    expect(frame).toMatch(/▶ +14:02:00 error +authentik\.sources\.ldap\.sync\.membership +\[6 lines\] ldap3/);
  });

  it('`w` wraps long events so the whole traceback shows', async () => {
    const screen = await openFailedPage();
    await press(screen.stdin, 'w');
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('wrapped'));
    expect(frame).toContain('Traceback (most recent call last):');
    expect(frame).toContain('successful = conn.bind()');
  });

  it('Enter on a message shows the whole event and its attributes as JSON; Esc and Backspace go back', async () => {
    const screen = await openFailedPage();
    await press(screen.stdin, ENTER);
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('attributes'));
    expect(frame).toContain('Message 1 of 1');
    expect(frame).toContain('"task": "ldap_sync"');
    expect(frame).toContain('File "/authentik/sources/ldap/models.py", line 224, in connection');
    await press(screen.stdin, ESC);
    await waitForFrame(screen.lastFrame, (f) => f.includes('membership page') && f.includes('truncated'));
    await press(screen.stdin, BACKSPACE);
    await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 10'));
  });

  it('back from the log keeps the selection and the scroll of the table', async () => {
    const screen = renderScreen({ columns: 80, rows: 15 });
    await press(screen.stdin, 'j', 'j', 'j', 'j', 'j', 'j', 'j');
    const before = await waitForFrame(screen.lastFrame, (f) => selectedRow(f).includes('groups'));
    expect(before).not.toContain('00000001'); // scrolled: the first rows are off screen
    await press(screen.stdin, ENTER);
    await waitForFrame(screen.lastFrame, (f) => f.includes('groups page'));
    await press(screen.stdin, ESC);
    const after = await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 10'));
    expect(after).toBe(before);
  });

  it('`/` searches, n and N step through matches, `l` cycles the minimum level', async () => {
    const messages = [
      logMessage('Task is being processed', 'debug'),
      logMessage("Group not in our DB yet: 'CN=admins'", 'warning'),
      logMessage('Synced 49 objects.'),
      logMessage("Group not in our DB yet: 'CN=printers'", 'warning'),
    ];
    const screen = renderScreen({ data: monitorData({ tasks: [page('membership', messages)] }) });
    await press(screen.stdin, ENTER, '/', 'd', 'b', ' ', 'y', 'e', 't', ENTER);
    let frame = await waitForFrame(screen.lastFrame, (f) => f.includes('search "db yet" 1/2 found'));
    expect(selectedRow(frame)).toContain('CN=admins');
    await press(screen.stdin, 'n');
    frame = await waitForFrame(screen.lastFrame, (f) => f.includes('2/2 found'));
    expect(selectedRow(frame)).toContain('CN=printers');
    await press(screen.stdin, 'n');
    await waitForFrame(screen.lastFrame, (f) => f.includes('1/2 found'));
    await press(screen.stdin, 'N');
    await waitForFrame(screen.lastFrame, (f) => f.includes('2/2 found'));

    await press(screen.stdin, 'l');
    frame = await waitForFrame(screen.lastFrame, (f) => f.includes('level info+'));
    expect(frame).toContain('3 of 4 messages');
    expect(frame).not.toContain('Task is being processed');
    await press(screen.stdin, 'l');
    frame = await waitForFrame(screen.lastFrame, (f) => f.includes('level warning+'));
    expect(frame).toContain('2 of 4 messages');
    await press(screen.stdin, 'l', 'l');
    await waitForFrame(screen.lastFrame, (f) => f.includes('level all'));
  });

  it('a search typed and submitted in one chunk is applied: the next n steps to the next match', async () => {
    const messages = [
      logMessage("Group not in our DB yet: 'CN=admins'", 'warning'),
      logMessage('Synced 49 objects.'),
      logMessage("Group not in our DB yet: 'CN=printers'", 'warning'),
    ];
    const screen = renderScreen({ data: monitorData({ tasks: [page('membership', messages)] }) });
    await press(screen.stdin, ENTER);
    await waitForFrame(screen.lastFrame, (f) => f.includes('membership page'));
    screen.stdin.write('/db yet\r');
    let frame = await waitForFrame(screen.lastFrame, (f) => f.includes('search "db yet" 1/2 found') && !f.includes('search: '));
    expect(selectedRow(frame)).toContain('CN=admins');
    screen.stdin.write('n');
    frame = await waitForFrame(screen.lastFrame, (f) => f.includes('search "db yet" 2/2 found'));
    expect(selectedRow(frame)).toContain('CN=printers');
  });

  it('`e` shows only the messages that made the verdict, info-level skipped objects included, and says so', async () => {
    const messages = [
      logMessage('Task is being processed', 'debug'),
      logMessage("Uniqueness field not found/not set in attributes: 'CN=Facilities Hotline,OU=Contacts'"),
      logMessage('Synced 12 objects.'),
      logMessage("Group does not exist in our DB yet, run sync_groups first: 'CN=Print Operators'"),
    ];
    const screen = renderScreen({ data: monitorData({ tasks: [page('users', messages)] }) });
    await press(screen.stdin, ENTER);
    await waitForFrame(screen.lastFrame, (f) => f.includes('4 messages'));
    await press(screen.stdin, 'e');
    let frame = await waitForFrame(screen.lastFrame, (f) => f.includes('problems only'));
    expect(frame).toContain('2 of 4 messages');
    expect(frame).toContain('Uniqueness field not found');
    expect(frame).toContain('Group does not exist in our DB yet');
    expect(frame).not.toContain('Synced 12 objects.');
    expect(frame).not.toContain('Task is being processed');
    expect(frame).toMatch(/e problems/);
    await press(screen.stdin, 'e');
    frame = await waitForFrame(screen.lastFrame, (f) => !f.includes('problems only'));
    expect(frame).toContain('Synced 12 objects.');
  });

  it('edits the search in the middle: a word deleted with Ctrl-w, a word typed at the start', async () => {
    const messages = [logMessage("Group not in our DB yet: 'CN=admins'", 'warning'), logMessage('Synced 49 objects.')];
    const screen = renderScreen({ data: monitorData({ tasks: [page('membership', messages)] }) });
    await press(screen.stdin, ENTER, '/', ...'yet admins', CTRL('w'), BACKSPACE, HOME, ...'db ', ENTER);
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('search "db yet" 1/1 found') && !f.includes('search: '));
    expect(selectedRow(frame)).toContain('CN=admins');
  });

  it('moves with j/k, arrows, PgUp/PgDn, Ctrl-d/Ctrl-u, g/G and Home/End', async () => {
    const messages = Array.from({ length: 200 }, (_, i) => logMessage(`line ${i}`, 'info', new Date(RUN_START.getTime() + i * 1000)));
    const screen = renderScreen({ data: monitorData({ tasks: [page('users', messages)] }), rows: 24 });
    await press(screen.stdin, ENTER);
    await waitForFrame(screen.lastFrame, (f) => f.includes('200 messages'));
    const at = async (n: number) => waitForFrame(screen.lastFrame, (f) => new RegExp(`line ${n}$`).test(selectedRow(f)));
    await press(screen.stdin, 'j', DOWN);
    await at(2);
    await press(screen.stdin, 'k');
    await at(1);
    await press(screen.stdin, 'G');
    await at(199);
    await press(screen.stdin, 'g');
    await at(0);
    await press(screen.stdin, '\u001b[F'); // End
    await at(199);
    await press(screen.stdin, '\u001b[H'); // Home
    await at(0);
    await press(screen.stdin, '\u001b[6~'); // PgDn
    const page1 = Number(/line (\d+)$/.exec(selectedRow(screen.lastFrame() ?? ''))?.[1]);
    expect(page1).toBeGreaterThan(5);
    await press(screen.stdin, '\u001b[5~'); // PgUp
    await at(0);
    await press(screen.stdin, '\u0004'); // Ctrl-d
    await at(page1 >> 1);
    await press(screen.stdin, '\u0015'); // Ctrl-u
    await at(0);
  });

  it('keeps showing a task the server has meanwhile deleted, and says so', async () => {
    const screen = renderScreen();
    await press(screen.stdin, 'G', ENTER);
    await waitForFrame(screen.lastFrame, (f) => f.includes('(error)'));
    screen.update({ data: monitorData({ tasks: [page('users', [logMessage('Synced 3 objects.')])] }) });
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('no longer on the server'));
    expect(frame).toContain('LDAPSocketOpenError');
  });
});

describe('global keys', () => {
  it('`?` shows the keys of the current screen from the keymap; Esc closes it', async () => {
    const screen = renderScreen();
    await press(screen.stdin, '?');
    let frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Keys on this screen'));
    expect(frame).toContain('sort by start, status, duration, problems');
    expect(frame).toContain('while typing: keep what you typed');
    await press(screen.stdin, ESC);
    await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 10'));
    await press(screen.stdin, ENTER, '?');
    frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Keys on this screen'));
    expect(frame).toContain('wrap or truncate long messages and tracebacks');
  });

  it('`r` refreshes and `p` pauses through the controls; the header says paused', async () => {
    const controls = recordingControls();
    const screen = renderScreen({ controls });
    await press(screen.stdin, 'r', 'p');
    expect(controls.calls).toEqual(['refresh', 'togglePause']);
    screen.update({ data: monitorData({ snapshot: { phase: 'paused', unconfirmedSince: RUN_START.getTime() + 120_000 } }) });
    const frame = await waitForFrame(screen.lastFrame, (f) => lines(f).some((l) => l.startsWith('paused')));
    expect(frame).toContain('last update 14:04:00');
  });

  it('q and Ctrl-C quit', async () => {
    let quits = 0;
    const screen = renderScreen({ onQuit: () => (quits += 1) });
    await press(screen.stdin, 'q');
    expect(quits).toBe(1);
    await press(screen.stdin, '/', CTRL_C);
    expect(quits).toBe(2);
  });

  it('Esc on the table goes back when the monitor has somewhere to go back to', async () => {
    let backs = 0;
    const screen = renderScreen({ onBack: () => (backs += 1) });
    await press(screen.stdin, '/', 'x', ENTER, ESC);
    expect(backs).toBe(0); // the first Esc clears the filter
    await press(screen.stdin, ESC);
    expect(backs).toBe(1);
  });

  it('`S` asks before starting a sync, `y` starts it and shows the result', async () => {
    const controls = recordingControls();
    const screen = renderScreen({ controls });
    await press(screen.stdin, 'S');
    await waitForFrame(screen.lastFrame, (f) => f.includes('Start a sync of Corp AD now? y/N'));
    await press(screen.stdin, 'y');
    await waitForFrame(screen.lastFrame, (f) => f.includes('Sync of Corp AD started: following the new run.'));
    expect(controls.calls).toEqual(['triggerSync']);
  });

  it('`S` while a sync runs says what a second start does, and Enter (the default) starts nothing', async () => {
    const controls = recordingControls();
    const running = statusA(mixedRun(), true);
    const screen = renderScreen({ controls, columns: 80, data: monitorData({ status: running }) });
    await waitForFrame(screen.lastFrame, (f) => f.includes('sync running'));
    await press(screen.stdin, 'S');
    const asking = await waitForFrame(screen.lastFrame, (f) => f.includes('y/N'));
    expect(lines(asking)).toContain('A sync is running; a second one deletes its tasks. Start anyway? y/N');
    await press(screen.stdin, ENTER);
    await waitForFrame(screen.lastFrame, (f) => f.includes('No sync started.'));
    expect(controls.calls).toEqual([]);
  });

  it('--ascii: the warning while a sync runs is ASCII too', async () => {
    const screen = renderScreen({ ascii: true, columns: 200, data: monitorData({ status: statusA(mixedRun(), true) }) });
    await press(screen.stdin, 'S');
    const asking = await waitForFrame(screen.lastFrame, (f) => f.includes('y/N'));
    for (const line of lines(asking)) expect(line).toMatch(/^[\x20-\x7e]*$/);
  });

  it('any other answer than y starts nothing; a refusal names the permission', async () => {
    const controls = recordingControls({
      tone: 'error',
      text: 'Not allowed to start a sync of Corp AD: the token needs the permission authentik_sources_ldap.change_ldapsource.',
    });
    const screen = renderScreen({ controls, columns: 140 });
    await press(screen.stdin, 'S', 'n');
    await waitForFrame(screen.lastFrame, (f) => f.includes('No sync started.'));
    expect(controls.calls).toEqual([]);
    await press(screen.stdin, 'S', 'y');
    await waitForFrame(screen.lastFrame, (f) => f.includes('needs the permission authentik_sources_ldap.change_ldapsource'));
  });

  it('without a terminal on stdin, it only shows (keys are not read)', async () => {
    let quits = 0;
    const screen = renderScreen({ interactive: false, onQuit: () => (quits += 1) });
    await press(screen.stdin, 'q', 's');
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 10'));
    expect(frame).toContain('sort start');
    expect(quits).toBe(0);
  });
});

describe('connection states', () => {
  it('before the first answer it says it is connecting', async () => {
    const data = monitorData();
    const screen = renderScreen({ data: { ...data, assessment: null, snapshot: { ...data.snapshot, data: null, phase: 'loading', updatedAt: null } } });
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('connecting'));
    expect(frame).toContain('CHECKING');
    expect(frame).toContain('Waiting for the first answer from authentik.');
  });

  it('a failing poll keeps the last data on screen, with the retry countdown and the error sentence', async () => {
    const lastGood = RUN_START.getTime() + 120_000;
    const now = lastGood + 12_000;
    const screen = renderScreen({
      now: () => now,
      data: monitorData({ snapshot: { phase: 'retrying', failures: 3, error: unreachable(), nextPollAt: now + 8_000, unconfirmedSince: lastGood } }),
    });
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('retrying in 8s (3 failures)'));
    expect(frame).toContain('auth.example.com is unreachable');
    expect(frame).toContain('Tasks 10');
    expect(frame).toContain('CRITICAL');
  });

  it('stale data says how old it is', async () => {
    const lastGood = RUN_START.getTime() + 120_000;
    const denied = new ApiError('unauthenticated', 'authentik rejected the token (Token invalid/expired): create a new one.');
    const screen = renderScreen({
      now: () => lastGood + 130_000,
      data: monitorData({ snapshot: { phase: 'stale', failures: 9, error: denied, unconfirmedSince: lastGood } }),
    });
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('stale 2m 10s'));
    expect(frame).toContain('Token invalid/expired');
    expect(frame).toContain('last update 14:04:00');
    expect(frame).toContain('Tasks 10');
  });

  it('labels a remembered run as the previous run', async () => {
    const screen = renderScreen({ data: monitorData({ label: 'previous' }) });
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Previous run'));
    expect(frame).toMatch(/^Previous run 14:02:01 → 14:02:12/m);
  });

  it('shows when the previous run ended, even while a new one is starting', async () => {
    const screen = renderScreen({ data: monitorData({ label: 'previous', status: { ...statusA(mixedRun()), isRunning: true } }) });
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Previous run'));
    expect(frame).toMatch(/^Previous run 14:02:01 → 14:02:12/m);
  });

  it('generation B: shows the next scheduled run as a countdown, with its clock time', async () => {
    const status = {
      ...statusA(mixedRun()),
      generation: 'B' as const,
      lastSuccessfulSync: RUN_START,
      lastSyncStatus: 'done',
      schedule: { id: 'sched-1', crontab: '0 */2 * * *', nextRun: new Date(2024, 8, 30, 16, 0, 0), paused: false, lastTaskStatus: 'done', periodSeconds: 7200 },
    };
    const screen = renderScreen({ data: monitorData({ status }) });
    await waitForFrame(screen.lastFrame, (f) => lines(f).some((l) => /^live.* next run in 1h 50m \(16:00\)/.test(l)));
    screen.update({ now: () => new Date(2024, 8, 30, 16, 0, 5).getTime() });
    await waitForFrame(screen.lastFrame, (f) => lines(f).some((l) => /^live.* next run due \(16:00\)/.test(l)));
  });

  it('shows the spinner and "sync running" while a run is in progress', async () => {
    const screen = renderScreen({ data: monitorData({ tasks: mixedRun().slice(0, 4), tasksStillArriving: true }) });
    await waitForFrame(screen.lastFrame, (f) => lines(f)[1]?.includes('sync running') ?? false);
  });
});

describe('long sentences', () => {
  it("the verdict's reason wraps onto rows the screen can spare, so its end shows", async () => {
    const screen = renderScreen({ columns: 100, rows: 30 });
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 10'));
    expect(lines(frame)[1]).toMatch(/^CRITICAL 1 of 10 pages failed: ldap3\.core\.exceptions\.LDAPSocketOpenError: socket connection error$/);
    expect(lines(frame)[2]).toBe('         while opening: [Errno 111] Connection refused');
    expect(lines(frame)[3]).toMatch(/^live, every 5s/);
    expect(lines(frame)).toHaveLength(29);
  });

  it("the connection error's sentence wraps too, below the reason", async () => {
    const lastGood = RUN_START.getTime() + 120_000;
    const proxy = new ApiError('bad_response', 'auth.example.com answered with an HTML page, not JSON (a proxy or a login page in between?): check the URL and that it reaches authentik itself');
    const screen = renderScreen({
      columns: 100,
      rows: 30,
      now: () => lastGood + 130_000,
      data: monitorData({ snapshot: { phase: 'stale', failures: 9, error: proxy, unconfirmedSince: lastGood } }),
    });
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('stale 2m 10s'));
    expect(frame).toContain('check the URL and that it reaches authentik itself');
    expect(lines(frame)).toHaveLength(29);
  });

  it("a task's first problem wraps onto the table's empty rows, under its own column", async () => {
    const screen = renderScreen({ columns: 120, rows: 30 });
    await press(screen.stdin, 'e');
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 2 of 10'));
    const at = lines(frame).findIndex((l) => l.includes('! problems'));
    const indent = ' '.repeat(lines(frame)[at]!.indexOf('Uniqueness'));
    expect(lines(frame)[at]).toMatch(/ Uniqueness field not found\/not set in attributes:$/);
    expect(lines(frame)[at + 1]).toBe(`${indent}'CN=svc-backup,OU=Service,DC=corp,DC=example,DC=com'; DN:`);
    expect(lines(frame)[at + 2]).toBe(`${indent}CN=svc-backup,OU=Service,DC=corp,DC=example,DC=com`);
    expect(lines(frame)).toHaveLength(29);
  });

  it('`i` opens the selected task\'s whole text: the verdict\'s reason, every problem, a traceback line by line; Esc closes', async () => {
    const screen = renderScreen({ columns: 60, rows: 15 });
    await press(screen.stdin, 'G', 'i');
    let frame = await waitForFrame(screen.lastFrame, (f) => f.includes('membership page'));
    expect(lines(frame)).toHaveLength(14);
    expect(frame).toMatch(/^membership page \w+ \(error\) · 1 problem message · line…$/m);
    expect(frame).toContain('Verdict: CRITICAL');
    // The reason, wrapped between words, to its end.
    const text = lines(frame).map((l) => l.trim()).join(' ');
    expect(text).toContain('1 of 10 pages failed: ldap3.core.exceptions.LDAPSocketOpenError: socket connection error while opening: [Errno 111] Connection refused');
    expect(frame).toContain('Esc back');
    expect(frame).toContain('Traceback (most recent call last):');
    await press(screen.stdin, 'G');
    frame = await waitForFrame(screen.lastFrame, (f) => f.includes('successful = conn.bind()'));
    expect(lines(frame).at(-3)).toBe('error while opening: [Errno 111] Connection refused');
    expect(lines(frame)).toHaveLength(14);
    for (const line of lines(frame)) expect(widthOf(line)).toBeLessThanOrEqual(60);
    await press(screen.stdin, ESC);
    frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 10'));
    expect(selectedRow(frame)).toContain('membership');
  });

  it('the pane says when a task has no problems, and `?` there lists how to close it', async () => {
    const screen = renderScreen();
    await press(screen.stdin, 'i');
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('No problem messages'));
    expect(frame).toContain('Its last message: Synced 50 objects.');
    expect(frame).toContain('Esc back');
    await press(screen.stdin, '?');
    const help = await waitForFrame(screen.lastFrame, (f) => f.includes('Keys on this screen'));
    expect(help).toContain('close the details');
  });

  it('takes no row a long task list needs on a small terminal: the frame stays 14 rows at 60x15', async () => {
    const screen = renderScreen({ columns: 60, rows: 15 });
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 10'));
    expect(lines(frame)).toHaveLength(14);
    expect(lines(frame)[1]).toMatch(/^CRITICAL 1 of 10 pages failed: .*…$/);
    expect(lines(frame)[2]).toMatch(/^live/);
  });
});

describe('header warnings', () => {
  it('says up front when the token cannot see sync tasks, whatever the verdict', async () => {
    const screen = renderScreen({ data: { ...monitorData(), missingPermissions: ['authentik_events.view_systemtask'] } });
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 10'));
    expect(lines(frame).slice(0, 6).join('\n')).toContain('the token cannot see sync tasks: it lacks authentik_events.view_systemtask');
  });
  it('repeats the session warnings (TLS off) while the app runs', async () => {
    const app = render(
      <ThemeProvider theme={createTheme({ color: false, ascii: false })}>
        <NoticesProvider notices={['TLS verification is off']}>
          <MonitorScreen {...screenProps({ columns: 160 })} />
        </NoticesProvider>
      </ThemeProvider>,
    );
    const frame = await waitForFrame(app.lastFrame, (f) => f.includes('Tasks 10'));
    expect(lines(frame).slice(0, 3).join('\n')).toContain('TLS verification is off');
  });
});

describe('untrusted text', () => {
  it('renders hostile server strings visibly and never emits an escape byte', async () => {
    const evil = 'x\u001b]0;owned\u0007\u001b[2J\u001b]52;c;cm0gLXJmIH4=\u0007\u202eevil\u009b31m';
    const tasks: SyncTask[] = [
      page(`users${evil}`, [logMessage(`Uniqueness field not found: '${evil}'`, 'warning', RUN_START, { logger: `log${evil}`, attributes: { dn: evil } })]),
    ];
    const screen = renderScreen({ data: monitorData({ tasks, source: ldapSource({ name: `Corp${evil}` }) }), serverLabel: `auth${evil}` });
    const frames: string[] = [];
    frames.push(await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 1')));
    expect(frames[0]).toContain('\\x1b]0;owned\\x07');
    await press(screen.stdin, ENTER);
    frames.push(await waitForFrame(screen.lastFrame, (f) => f.includes('(problems)')));
    await press(screen.stdin, 'w', ENTER);
    frames.push(await waitForFrame(screen.lastFrame, (f) => f.includes('attributes')));
    for (const frame of [...frames, ...screen.frames]) {
      expect(frame).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    }
  });
});

describe('fitting the terminal', () => {
  const screens: Array<[string, string[]]> = [
    ['table', []],
    ['filtering', ['/', 'u']],
    ['log', ['G', ENTER]],
    ['log wrapped', ['G', ENTER, 'w']],
    ['message', ['G', ENTER, ENTER]],
    ['help', ['?']],
    ['details', ['G', 'i']],
    ['confirm', ['S']],
  ];
  for (const columns of [MIN_COLUMNS, 80, 120]) {
    for (const rows of [MIN_ROWS, 24, 40]) {
      it(`${columns}x${rows}: every screen is at most ${rows - 1} lines of at most ${columns} columns`, async () => {
        for (const [name, keys] of screens) {
          const tasks = [...mixedRun(), page('users', [logMessage(TRACEBACK.repeat(3), 'error')]), page('groups', [logMessage('組織 👥 '.repeat(40))])];
          const screen = renderScreen({ columns, rows, data: monitorData({ tasks }) });
          await tick(2);
          await press(screen.stdin, ...keys);
          const frame = screen.lastFrame() ?? '';
          const frameLines = lines(frame);
          expect(frameLines.length, `${name}\n${frame}`).toBe(rows - 1);
          for (const line of frameLines) expect(widthOf(line), `${name}: ${line}`).toBeLessThanOrEqual(columns);
          screen.unmount();
        }
      });
    }
  }

  it('below 60x15 shows one line saying so', async () => {
    for (const [columns, rows] of [[MIN_COLUMNS - 1, 30], [100, MIN_ROWS - 1]] as const) {
      const screen = renderScreen({ columns, rows });
      const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('terminal too small (need 60×15'));
      expect(lines(frame)).toHaveLength(1);
      screen.unmount();
    }
  });

  it('redraws at once when the terminal is resized, with no leftover rows', async () => {
    const screen = renderScreen({ columns: 120, rows: 40 });
    await waitForFrame(screen.lastFrame, (f) => lines(f).length === 39);
    screen.update({ columns: 80, rows: 15 });
    let frame = await waitForFrame(screen.lastFrame, (f) => lines(f).length === 14);
    expect(lines(frame).every((l) => widthOf(l) <= 80)).toBe(true);
    screen.update({ columns: 50, rows: 15 });
    frame = await waitForFrame(screen.lastFrame, (f) => f.includes('too small'));
    screen.update({ columns: 100, rows: 30 });
    frame = await waitForFrame(screen.lastFrame, (f) => lines(f).length === 29);
    expect(frame).toContain('Tasks 10');
  });

  it('--ascii draws with ASCII only', async () => {
    const screen = renderScreen({ ascii: true, columns: 80, rows: 24 });
    await press(screen.stdin, 'j');
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 10'));
    expect(frame).toMatch(/^> \+ ok/m);
    for (const line of lines(frame)) expect(line).toMatch(/^[\x20-\x7e]*$/);
  });
});

describe('a rejected run (2025.8+: LDAP down, retried 5 times)', () => {
  const refused = 'socket connection error while opening: [Errno 111] Connection refused';
  const rejected = page('run', [logMessage('Task is being processed'), logMessage(refused, 'error')], {
    kind: 'run',
    uid: 'corp-ad',
    pageId: '',
    state: 'error',
    rawStatus: 'rejected',
    retries: 5,
  });
  const status = {
    generation: 'B' as const,
    isRunning: false,
    tasks: [rejected],
    lastSuccessfulSync: RUN_START,
    lastSyncStatus: 'rejected',
    schedule: null,
    missingDetailPermission: null,
  };

  it('counts it as an error in the run line, and names it once in its log', async () => {
    const screen = renderScreen({ data: monitorData({ status }) });
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 1'));
    expect(frame).toMatch(/^CRITICAL the sync run failed/m);
    expect(frame).toMatch(/^Run .* 0 pages · 0 objects · 1 problem · 1 error$/m);
    expect(frame).toMatch(/^run +0 +0 +1 +1$/m);
    await press(screen.stdin, ENTER);
    const log = await waitForFrame(screen.lastFrame, (f) => / \(error\)/.test(f));
    expect(log).toContain(`sync run ${rejected.id.slice(0, 8)} (error)`);
    expect(log).not.toMatch(/run run/);
  });
});
