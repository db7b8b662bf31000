import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { createLogLines, searchMatches, visibleMessages } from '../log-rows.js';
import { hugeLogTask, monitorData } from '../testing/fixtures.js';
import { renderScreen } from '../testing/render-screen.js';
import { END, ENTER, PAGE_DOWN, press, waitForFrame } from '../testing/wait-for-frame.js';
import { MessageLog, logEventColumns } from './MessageLog.js';

const COUNT = 100_000;
const task = hugeLogTask(COUNT);
const rowsOf = (frame: string) => frame.split('\n').filter((line) => /^[▶ ][* ] \d\d:\d\d:\d\d /.test(line));

describe('a log of 100,000 messages', () => {
  it('renders only the visible rows, wherever it is scrolled to (its speed is measured by npm run bench)', () => {
    const height = 30;
    const renderAt = (messages: typeof task.messages, top: number) => {
      const visible = visibleMessages(messages, 'all');
      const lines = createLogLines(messages, false, logEventColumns(120, messages));
      const instance = render(
        <MessageLog
          width={120}
          height={height}
          title="membership page"
          messages={messages}
          visible={visible}
          cursor={top + 10}
          top={top}
          wrap={false}
          minLevel="all"
          problemsOnly={false}
          search=""
          matches={[]}
          lines={lines}
        />,
      );
      const frame = instance.lastFrame() ?? '';
      instance.unmount();
      return { frame };
    };
    const huge = renderAt(task.messages, 75_000);
    expect(rowsOf(huge.frame)).toHaveLength(height - 1);
    expect(rowsOf(huge.frame)[0]).toContain('message 75000:');
    expect(huge.frame).toContain('100,000 messages');
  });

  it('filters by level and searches each time the filter changes', () => {
    const warnings = visibleMessages(task.messages, 'warning');
    expect(warnings).toHaveLength(COUNT / 10);
    const all = visibleMessages(task.messages, 'all');
    searchMatches(task.messages, all, 'warm'); // the first search lower-cases every message once
    expect(searchMatches(task.messages, all, 'group-99999')).toEqual([99_999]);
  });

  it('pages and jumps through 100,000 messages in the monitor, a whole page at a time', async () => {
    // Times on a shared machine are noisy: compare with a short log in the same run rather than trust one budget.
    const timings = async (messages: number) => {
      const screen = renderScreen({ data: monitorData({ tasks: [hugeLogTask(messages)] }), columns: 120, rows: 40 });
      await waitForFrame(screen.lastFrame, (f) => f.includes('Tasks 1'));
      await press(screen.stdin, ENTER);
      let frame = await waitForFrame(screen.lastFrame, (f) => f.includes(' messages'));
      expect(frame.split('\n')).toHaveLength(39);
      const logRows = rowsOf(frame).length;
      const times: number[] = [];
      for (let k = 1; k <= 3; k += 1) {
        const started = performance.now();
        await press(screen.stdin, PAGE_DOWN);
        frame = await waitForFrame(screen.lastFrame, (f) => f.includes(`message ${k * logRows}:`));
        times.push(performance.now() - started);
        expect(rowsOf(frame)).toHaveLength(logRows);
        expect(rowsOf(frame)[0]).toContain(`message ${k * logRows}:`); // the window moved a whole page
      }
      const started = performance.now();
      await press(screen.stdin, END);
      frame = await waitForFrame(screen.lastFrame, (f) => f.includes(`message ${messages - 1}:`));
      times.push(performance.now() - started);
      expect(rowsOf(frame)).toHaveLength(logRows);
      expect(frame.split('\n')).toHaveLength(39);
      screen.unmount();
      return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
    };
    await timings(1000);
    await timings(COUNT);
  });
});
