import { describe, expect, it } from 'vitest';
import { initialScreenState, screenReducer, selectedIndex, type ScreenAction, type ScreenState } from './screen-state.js';

const ids = Array.from({ length: 30 }, (_, i) => `task-${i}`);
const run = (state: ScreenState, ...actions: ScreenAction[]) => actions.reduce(screenReducer, state);

describe('task table cursor', () => {
  it('moves, pages and scrolls just enough to keep the selected row visible', () => {
    const state = run(
      initialScreenState(),
      { type: 'table/move', motion: 'pageDown', ids, height: 10 },
      { type: 'table/move', motion: 'down', ids, height: 10 },
    );
    expect(state.table.selectedId).toBe('task-11');
    expect(state.table.top).toBe(10); // paging moved the window a page too
    const stepped = run(initialScreenState(), ...Array.from({ length: 11 }, () => ({ type: 'table/move', motion: 'down', ids, height: 10 }) as const));
    expect(stepped.table).toMatchObject({ selectedId: 'task-11', top: 2 }); // steps scroll only as far as needed
    expect(run(state, { type: 'table/move', motion: 'bottom', ids, height: 10 }).table).toMatchObject({ selectedId: 'task-29', top: 20 });
  });

  it('follows the selected task when rows move (new data, another sort)', () => {
    const state = run(initialScreenState(), { type: 'table/move', motion: 'down', ids, height: 10 });
    expect(selectedIndex(state.table, ['new', ...ids])).toBe(2);
    expect(selectedIndex(state.table, ids.filter((id) => id !== 'task-1'))).toBe(1);
  });

  it('cycles the sort and toggles problems-only', () => {
    let state = initialScreenState();
    const sorts = [];
    for (let i = 0; i < 4; i += 1) {
      state = screenReducer(state, { type: 'table/sort' });
      sorts.push(state.table.sort);
    }
    expect(sorts).toEqual(['status', 'duration', 'problems', 'start']);
    expect(screenReducer(state, { type: 'table/problemsOnly' }).table.problemsOnly).toBe(true);
  });
});

describe('typing a filter', () => {
  it('filters as you type, drops control characters, deletes by character and keeps it on Enter', () => {
    const state = run(
      initialScreenState(),
      { type: 'edit/start', target: 'filter' },
      { type: 'edit/key', edit: { type: 'insert', text: 'us\u001b[2Jer' } },
      { type: 'edit/key', edit: { type: 'insert', text: '営' } },
      { type: 'edit/key', edit: { type: 'delete', what: 'before' } },
      { type: 'edit/apply' },
    );
    expect(state.table.filter).toBe('us[2Jer');
    expect(state.editing).toBeNull();
  });

  it('edits in the middle: the cursor starts at the end of a kept filter and moves with the keys', () => {
    const kept = run(initialScreenState(), { type: 'edit/start', target: 'filter' }, { type: 'edit/key', edit: { type: 'insert', text: 'gups' } }, { type: 'edit/apply' });
    const state = run(
      kept,
      { type: 'edit/start', target: 'filter' },
      { type: 'edit/key', edit: { type: 'move', to: 'start' } },
      { type: 'edit/key', edit: { type: 'move', to: 'right' } },
      { type: 'edit/key', edit: { type: 'insert', text: 'ro' } },
    );
    expect(state.table.filter).toBe('groups');
    expect(state.editCursor).toBe(3);
    expect(run(state, { type: 'edit/key', edit: { type: 'delete', what: 'toEnd' } }).table.filter).toBe('gro');
  });

  it('Esc while typing clears it; Esc afterwards clears a kept filter', () => {
    const typing = run(initialScreenState(), { type: 'edit/start', target: 'filter' }, { type: 'edit/key', edit: { type: 'insert', text: 'grp' } });
    expect(run(typing, { type: 'edit/cancel' }).table.filter).toBe('');
    const kept = run(typing, { type: 'edit/apply' });
    expect(run(kept, { type: 'back' }).table.filter).toBe('');
  });
});

describe('log and back navigation', () => {
  const opened = run(
    initialScreenState(),
    { type: 'table/move', motion: 'pageDown', ids, height: 10 },
    { type: 'table/move', motion: 'pageDown', ids, height: 10 },
    { type: 'table/open', ids },
  );

  it('opens the selected task and comes back to the same selection and scroll', () => {
    expect(opened.screen).toBe('log');
    expect(opened.log?.taskId).toBe('task-20');
    const visible = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const back = run(opened, { type: 'log/move', motion: 'bottom', visible, height: 5 }, { type: 'back' });
    expect(back.screen).toBe('table');
    expect(back.table).toEqual(opened.table);
  });

  it('keeps the log cursor on the nearest message when the level changes', () => {
    const all = Array.from({ length: 100 }, (_, i) => i);
    const state = run(opened, { type: 'log/move', motion: 'pageDown', visible: all, height: 10 }, { type: 'log/level' });
    expect(state.log?.cursor).toBe(10);
    expect(state.log?.minLevel).toBe('info');
    const warnings = [9, 19, 29];
    const moved = run(state, { type: 'log/move', motion: 'down', visible: warnings, height: 10 });
    expect(moved.log?.cursor).toBe(29);
  });

  it('jumps between search matches, wrapping around, and says when nothing matches', () => {
    const visible = Array.from({ length: 50 }, (_, i) => i);
    const searching = run(opened, { type: 'edit/start', target: 'search' }, { type: 'edit/key', edit: { type: 'insert', text: 'refused' } }, { type: 'edit/apply' });
    const match = (direction: 1 | -1, matches: number[]): ScreenAction => ({ type: 'log/match', direction, inclusive: false, matches, visible, height: 10 });
    const first = run(searching, match(1, [12, 40]));
    expect(first.log?.cursor).toBe(12);
    expect(run(first, match(1, [12, 40]), match(1, [12, 40])).log?.cursor).toBe(12);
    expect(run(first, match(-1, [12, 40])).log?.cursor).toBe(40);
    expect(run(first, match(1, [])).status?.text).toBe('No message matches "refused".');
  });

  it('opens the message under the cursor and goes back to the log, then the table', () => {
    const visible = [3, 5, 8];
    const detail = run(opened, { type: 'log/move', motion: 'down', visible, height: 10 }, { type: 'detail/open', visible });
    expect(detail.screen).toBe('detail');
    expect(detail.detail?.messageIndex).toBe(5);
    const scrolled = run(detail, { type: 'detail/move', motion: 'pageDown', count: 40, height: 10 });
    expect(scrolled.detail?.top).toBe(10);
    expect(run(scrolled, { type: 'detail/move', motion: 'bottom', count: 40, height: 10 }).detail?.top).toBe(30);
    expect(run(scrolled, { type: 'back' }).screen).toBe('log');
    expect(run(scrolled, { type: 'back' }, { type: 'back' }).screen).toBe('table');
  });

  it('reopening the same task keeps its place in the log', () => {
    const visible = Array.from({ length: 50 }, (_, i) => i);
    const moved = run(opened, { type: 'log/move', motion: 'pageDown', visible, height: 10 }, { type: 'back' }, { type: 'table/open', ids });
    expect(moved.log?.cursor).toBe(10);
  });
});

describe('overlays', () => {
  it('the sync question opens and closes; help toggles and scrolls', () => {
    const asking = screenReducer(initialScreenState(), { type: 'confirm/open' });
    expect(asking.confirmingSync).toBe(true);
    expect(screenReducer(asking, { type: 'confirm/close' }).confirmingSync).toBe(false);
    const help = run(initialScreenState(), { type: 'help/toggle' }, { type: 'help/move', motion: 'down', count: 30, height: 10 });
    expect(help.help).toEqual({ top: 1 });
    expect(screenReducer(help, { type: 'help/toggle' }).help).toBeNull();
  });
});
