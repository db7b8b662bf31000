import { describe, expect, it } from 'vitest';
import { initialOverviewState, overviewMode, overviewReducer, selectedPosition, type OverviewAction, type OverviewState } from './overview-state.js';

const SLUGS = ['a', 'b', 'c', 'd', 'e', 'f'];

function apply(state: OverviewState, ...actions: OverviewAction[]): OverviewState {
  return actions.reduce(overviewReducer, state);
}

describe('the overview state', () => {
  it('moves the selection and keeps it on the same source when the rows reorder', () => {
    const state = apply(initialOverviewState(), { type: 'move', motion: 'down', slugs: SLUGS, height: 3 }, { type: 'move', motion: 'down', slugs: SLUGS, height: 3 });
    expect(state.selectedSlug).toBe('c');
    expect(selectedPosition(state, ['f', 'c', 'a'])).toBe(1);
  });

  it('falls back to the remembered position (clamped) when the selected source is filtered out or gone', () => {
    const state = apply(initialOverviewState(), { type: 'move', motion: 'bottom', slugs: SLUGS, height: 3 });
    expect(state).toMatchObject({ selectedSlug: 'f', cursor: 5, top: 3 });
    expect(selectedPosition(state, ['a', 'b'])).toBe(1);
  });

  it('starts on a given source and selects one by slug', () => {
    expect(selectedPosition(initialOverviewState('d'), SLUGS)).toBe(3);
    const state = initialOverviewState('d');
    expect(overviewReducer(state, { type: 'select', slug: 'd' })).toBe(state);
    expect(overviewReducer(state, { type: 'select', slug: 'a' }).selectedSlug).toBe('a');
  });

  it('cycles the sort through name, verdict, last run and problems', () => {
    let state = initialOverviewState();
    const seen = [state.sort];
    for (let i = 0; i < 4; i += 1) seen.push((state = overviewReducer(state, { type: 'sort' })).sort);
    expect(seen).toEqual(['name', 'verdict', 'lastRun', 'problems', 'name']);
  });

  it('types a filter, drops control characters, deletes by character, keeps it on Enter and clears it on Esc', () => {
    let state = apply(initialOverviewState(), { type: 'edit/start' }, { type: 'edit/key', edit: { type: 'insert', text: 'eu\u001b[2J' } }, { type: 'edit/key', edit: { type: 'insert', text: '🇪🇺' } });
    expect(overviewMode(state)).toBe('edit');
    expect(state.filter).toBe('eu[2J🇪🇺');
    state = apply(state, { type: 'edit/key', edit: { type: 'delete', what: 'before' } }, { type: 'edit/apply' });
    expect(state).toMatchObject({ filter: 'eu[2J', editing: false });
    expect(overviewMode(state)).toBe('overview');
    expect(apply(state, { type: 'clearFilter' }).filter).toBe('');
    expect(apply(state, { type: 'edit/start' }, { type: 'edit/key', edit: { type: 'insert', text: 'x' } }, { type: 'edit/cancel' }).filter).toBe('');
  });

  it('ignores typing when not editing, and leaves the state object alone when nothing changes', () => {
    const state = initialOverviewState();
    expect(overviewReducer(state, { type: 'edit/key', edit: { type: 'insert', text: 'x' } })).toBe(state);
    expect(overviewReducer(state, { type: 'clearFilter' })).toBe(state);
    expect(overviewReducer(state, { type: 'status/clear' })).toBe(state);
  });

  it('opens, scrolls within bounds and closes the help', () => {
    let state = apply(initialOverviewState(), { type: 'help/toggle' });
    expect(overviewMode(state)).toBe('help');
    state = apply(state, { type: 'help/move', motion: 'bottom', count: 18, height: 10 });
    expect(state.help).toEqual({ top: 8 });
    expect(apply(state, { type: 'help/toggle' }).help).toBeNull();
  });
});
