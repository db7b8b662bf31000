// The screens feed the run history, and a history that cannot be written is a notice in the header, never a crash.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { createMemoryHistoryStore } from '../../history/memory-store.js';
import { createRunRecorder } from '../../history/recorder.js';
import type { HistoryStore } from '../../history/store.js';
import { fakeApi, run, source, statusOf } from '../overview/testing/fake-api.js';
import { waitForFrame } from '../testing/wait-for-frame.js';
import { ThemeProvider } from '../theme-context.js';
import { createTheme } from '../theme.js';
import { App } from './App.js';

const SERVER = 'https://auth.example.com';

function overview(store: HistoryStore) {
  const api = fakeApi([
    { source: source('corp-ad', 'Corporate AD'), status: statusOf(run('corp-ad')) },
    { source: source('corp-eu', 'Corp EU'), status: statusOf(run('corp-eu', { errors: 1 })) },
  ]);
  const app = render(
    <ThemeProvider theme={createTheme({ color: false, ascii: false })}>
      <App
        start={{ kind: 'ready', connection: { api, serverLabel: SERVER } }}
        slug={null}
        intervalSeconds={60}
        saveDefault={null}
        onExit={() => {}}
        history={(server) => createRunRecorder({ store, server })}
        columns={140}
        rows={24}
      />
    </ThemeProvider>,
  );
  return { ...app, frame: () => app.lastFrame() ?? '' };
}

describe('the screens and the run history', () => {
  it('the overview records each source’s ended run once', async () => {
    const store = createMemoryHistoryStore();
    const app = overview(store);
    await waitForFrame(app.frame, (f) => /Corp EU[\s\S]*CRITICAL/.test(f) && store.records.length === 2);
    expect(store.records.map((r) => [r.id, r.verdict]).sort()).toEqual([
      ['corp-ad', 'OK'],
      ['corp-eu', 'CRITICAL'],
    ]);
    app.unmount();
  });

  it('a history that cannot be written is a warning in the header, and the screen goes on', async () => {
    const broken: HistoryStore = {
      ...createMemoryHistoryStore(),
      append: () => ({ ok: false, warning: "Run history is not saved: '/home/a/.local/state/aksync' is a symbolic link." }),
    };
    const app = overview(broken);
    const frame = await waitForFrame(app.frame, (f) => /Run history is not saved/.test(f));
    expect(frame).toMatch(/Corporate AD/);
    expect(frame).toMatch(/Corp EU/);
    app.unmount();
  });
});
