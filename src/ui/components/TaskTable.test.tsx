import { describe, expect, it } from 'vitest';
import { hugeLogTask, mixedRun, monitorData } from '../testing/fixtures.js';
import { renderScreen } from '../testing/render-screen.js';

describe('TaskTable', () => {
  it('shows 100,000 messages as 100k in the msgs column, not as a cut 1000…', () => {
    const screen = renderScreen({ data: monitorData({ tasks: [...mixedRun(), hugeLogTask(100_000)] }), columns: 100, rows: 30 });
    const line = (screen.lastFrame() ?? '').split('\n').find((l) => l.includes('membership') && l.includes('message 99:')) ?? '';
    expect(line).toMatch(/ 100k +100k /);
    expect(line).not.toContain('1000…');
    screen.unmount();
  });
});
