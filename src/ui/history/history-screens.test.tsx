// Trends on screen: the monitor header's duration against the median (flagged past twice it), the history opened
// with `h` (one row per run, newest first; Enter into a past run's summary and grouped problems), and the
// overview's strip of the last runs with their median.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../domain/run-record.js';
import { runRecord } from '../../history/test-support/records.js';
import { MIN_COLUMNS, MIN_ROWS } from '../layout.js';
import { OverviewScreen } from '../overview/OverviewScreen.js';
import { initialOverviewState } from '../overview/overview-state.js';
import type { OverviewData } from '../overview/use-overview-data.js';
import { widthOf } from '../text.js';
import { RUN_START } from '../testing/fixtures.js';
import { renderScreen } from '../testing/render-screen.js';
import { ENTER, ESC, press, waitForFrame } from '../testing/wait-for-frame.js';
import { ThemeProvider } from '../theme-context.js';
import { createTheme } from '../theme.js';
import { sourceRow } from '../overview/source-rows.js';
import { ldapSource } from '../testing/fixtures.js';


const before = RUN_START.getTime() - 3600_000;

/** Ten earlier runs of about a minute; the newest first. */
function pastRuns(seconds = 58): RunRecord[] {
  return Array.from({ length: 10 }, (_, i) =>
    runRecord(before - i * 2 * 3600_000, i === 2 ? { verdict: 'CRITICAL', errors: 1, first_error: 'ldap3.core.exceptions.LDAPSocketOpenError: socket connection error' } : {}, seconds),
  );
}

const lines = (frame: string) => frame.split('\n');
const connectionLine = (frame: string) => lines(frame).find((l) => l.startsWith('live')) ?? '';

describe('the monitor header', () => {
  it("shows the run's duration against the median of the last ten runs", async () => {
    const screen = renderScreen({ history: pastRuns(58) });
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 10'));
    // mixedRun lasts from 14:02:01 to 14:02:12.8 (the last page ends 2.8 s after it starts).
    expect(connectionLine(frame)).toMatch(/^live, every 5s · 1\ds, median 58s/);
    expect(frame).not.toContain('over twice the median');
  });

  it('flags a run that takes more than twice the median', async () => {
    const screen = renderScreen({ history: pastRuns(5) });
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 10'));
    expect(connectionLine(frame)).toMatch(/1\ds, median 5s ▲ over twice the median/);
  });

  it('says nothing of a median without history', async () => {
    const screen = renderScreen();
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 10'));
    expect(frame).not.toContain('median');
    expect(frame).not.toContain('h history');
  });
});

describe('the run history (h)', () => {
  it('lists the runs newest first, opens a past run with its grouped problems, and Esc comes back', async () => {
    const runs = [
      runRecord(before, {
        verdict: 'WARNING',
        problems: 40,
        problem_groups: [
          { pattern: "Group does not exist in our DB yet, run sync_groups first: '…'", count: 38, example: "Group does not exist in our DB yet, run sync_groups first: 'CN=ops'" },
          { pattern: "Uniqueness field not found/not set in attributes: '…'", count: 2, example: "Uniqueness field not found/not set in attributes: 'CN=svc\u001b[2J'" },
        ],
      }),
      ...pastRuns().slice(1),
    ];
    const screen = renderScreen({ history: runs, columns: 140 });
    await waitForFrame(screen.lastFrame, (f) => f.includes('h history'));
    await press(screen.stdin, 'h');
    const table = await waitForFrame(screen.lastFrame, (f) => f.includes('Run history'));
    expect(table).toContain('Run history Corp AD (corp-ad) · 10 runs · median 58s (last 10)');
    expect(table).toMatch(/start +took +pages +objects +probs +errs +verdict/);
    const rows = lines(table).filter((l) => /^[▶ ] \d{4}-\d\d-\d\d /.test(l));
    expect(rows[0]).toMatch(/^▶ 2024-09-30 13:01:00 +1m 0s +101 +5,576 +40 +0 WARNING/);
    expect(rows[2]).toMatch(/CRITICAL ldap3\.core\.exceptions\.LDAPSocketOpenError/);
    expect(table).toMatch(/Enter run {2}Esc back {2}q quit/);

    await press(screen.stdin, ENTER);
    const record = await waitForFrame(screen.lastFrame, (f) => f.includes('Verdict: WARNING'));
    expect(record).toContain('Corp AD (corp-ad): Run of 2024-09-30 13:01:00: WARNING');
    expect(record).toContain('101 pages, 5576 objects synced, 40 problem messages, 0 errors.');
    expect(record).toContain('Problems, grouped (2 kinds)');
    expect(record).toContain("38x Group does not exist in our DB yet, run sync_groups first: '…'");
    expect(record).toContain('\\x1b[2J');
    expect(record).not.toContain('\u001b[2J');

    await press(screen.stdin, ESC);
    await waitForFrame(screen.lastFrame, (f) => f.includes('Run history Corp AD'));
    await press(screen.stdin, ESC);
    await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 10') && f.includes('Run 14:02:01'));
  });

  it('fits the smallest terminal', async () => {
    const screen = renderScreen({ history: pastRuns(), columns: MIN_COLUMNS, rows: MIN_ROWS });
    await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 10'));
    await press(screen.stdin, 'h');
    const frame = await waitForFrame(screen.lastFrame, (f) => f.includes('Run history'));
    expect(lines(frame).length).toBeLessThanOrEqual(MIN_ROWS - 1);
    for (const l of lines(frame)) expect(widthOf(l)).toBeLessThanOrEqual(MIN_COLUMNS);
    expect(frame).toMatch(/▶ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d +58s/);
  });
});

describe('the overview trend columns', () => {
  function overview(ascii: boolean, columns: number, historyOf: ((slug: string) => readonly RunRecord[]) | null) {
    const now = RUN_START.getTime() + 120_000;
    const source = ldapSource();
    const row = sourceRow(source, undefined, [], now);
    const data: OverviewData = {
      list: { data: [source], updatedAt: now, unconfirmedSince: null, error: null, failures: 0, phase: 'live', refreshing: false, nextPollAt: null },
      connection: { phase: 'live', updatedAt: now, lastChange: now, failures: 0, error: null, nextPollAt: null, unconfirmedSince: null } as unknown as OverviewData['connection'],
      rows: [row],
      version: { version: '2024.8.3', generation: 'A' },
      user: null,
      missingPermissions: [],
    };
    return render(
      <ThemeProvider theme={createTheme({ color: false, ascii })}>
        <OverviewScreen
          columns={columns}
          rows={24}
          serverLabel="https://auth.example.com"
          intervalMs={5000}
          data={data}
          controls={{ refresh: () => {}, togglePause: () => {} }}
          state={initialOverviewState(null)}
          dispatch={() => {}}
          onOpen={() => {}}
          onSetDefault={() => ({ tone: 'info', text: '' })}
          onQuit={() => {}}
          interactive
          now={() => now}
          historyOf={historyOf}
        />
      </ThemeProvider>,
    );
  }

  it('shows the last runs as a strip, oldest first, and their median', async () => {
    const runs = pastRuns(58);
    const app = overview(false, 140, () => runs);
    const frame = await waitForFrame(() => app.lastFrame() ?? '', (f) => f.includes('Corp AD'));
    expect(frame).toMatch(/runs +median/);
    // Seven newest, oldest first: the third newest failed.
    expect(frame).toMatch(/✓✓✓✓✗✓✓ +58s/);
    expect(frame).toContain('h history');
  });

  it('uses ASCII marks under --ascii, and shows nothing of history when none is kept', async () => {
    const ascii = overview(true, 140, () => pastRuns(58));
    expect(await waitForFrame(() => ascii.lastFrame() ?? '', (f) => f.includes('Corp AD'))).toMatch(/\+\+\+\+x\+\+ +58s/);
    const none = overview(false, 120, null);
    const frame = await waitForFrame(() => none.lastFrame() ?? '', (f) => f.includes('Corp AD'));
    expect(frame).not.toMatch(/runs +median/);
    expect(frame).not.toContain('h history');
  });

  it('keeps the strip at 80 columns (the median goes first), and fits 60', async () => {
    const app = overview(false, 80, () => pastRuns(58));
    const frame = await waitForFrame(() => app.lastFrame() ?? '', (f) => f.includes('Corp AD'));
    expect(frame).toMatch(/Corp AD .* ✓✓✓✓✗✓✓ /);
    expect(frame).not.toContain('median');
    const narrow = overview(false, MIN_COLUMNS, () => pastRuns(58));
    const small = await waitForFrame(() => narrow.lastFrame() ?? '', (f) => f.includes('Corp AD'));
    for (const l of lines(small)) expect(widthOf(l)).toBeLessThanOrEqual(MIN_COLUMNS);
    expect(small).toContain('Corp AD');
  });
});


