// Where the overview's cursor is, how it sorts and filters, and what its status line says: a pure reducer over a
// typed action union. The rows are not stored here; actions that move the cursor carry the slugs they move over.
import type { Mode } from '../keymap.js';
import { clamp, movePosition, scrollTop, scrollWindow, type Motion } from '../scroll.js';
import { editField, type TextEdit } from '../text-field.js';
import { OVERVIEW_SORT_KEYS, type OverviewSortKey } from './source-rows.js';

export type StatusTone = 'info' | 'ok' | 'error';

export interface OverviewState {
  /** The selected source: the selection follows it when rows move (new data, sort, filter). */
  selectedSlug: string | null;
  /** The selected row's position, used when the selected source is gone. */
  cursor: number;
  top: number;
  sort: OverviewSortKey;
  filter: string;
  editing: boolean;
  /** Where the cursor is in the filter while it is typed. */
  editCursor: number;
  help: { top: number } | null;
  /** The selected source's details (`i`): their scroll position, while open. */
  pane: { top: number } | null;
  status: { text: string; tone: StatusTone } | null;
  /**
   * Enter or `d` on the selected source, resolved here against the latest state (keys can arrive before the frame
   * that shows a new selection); the screen carries it out and clears it.
   */
  request: { kind: 'open' | 'setDefault'; slug: string } | null;
}

export type OverviewAction =
  | { type: 'move'; motion: Motion; slugs: readonly string[]; height: number }
  /** Selects a source by slug (coming back from its monitor). */
  | { type: 'select'; slug: string }
  | { type: 'sort' }
  | { type: 'edit/start' }
  /** Typing, moving the cursor, deleting: one key's edit of the filter. */
  | { type: 'edit/key'; edit: TextEdit }
  | { type: 'edit/apply' }
  | { type: 'edit/cancel' }
  | { type: 'clearFilter' }
  | { type: 'help/toggle' }
  | { type: 'help/move'; motion: Motion; count: number; height: number }
  | { type: 'pane/open'; slugs: readonly string[] }
  | { type: 'pane/close' }
  | { type: 'pane/move'; motion: Motion; count: number; height: number }
  | { type: 'status'; text: string; tone: StatusTone }
  | { type: 'status/clear' }
  | { type: 'request'; kind: 'open' | 'setDefault'; slugs: readonly string[] }
  | { type: 'request/done' };

export function initialOverviewState(selectedSlug: string | null = null): OverviewState {
  return { selectedSlug, cursor: 0, top: 0, sort: 'name', filter: '', editing: false, editCursor: 0, help: null, pane: null, status: null, request: null };
}

/** Where the keyboard is: typing a filter, reading the help, reading a source's details, or on the source table. */
export function overviewMode(state: OverviewState): Mode {
  if (state.editing) return 'edit';
  if (state.help) return 'help';
  if (state.pane) return 'pane';
  return 'overview';
}

/** The selected row's position in `slugs`: the selected source's row, else the remembered position (clamped). */
export function selectedPosition(state: OverviewState, slugs: readonly string[]): number {
  if (slugs.length === 0) return 0;
  const found = state.selectedSlug === null ? -1 : slugs.indexOf(state.selectedSlug);
  return found >= 0 ? found : clamp(state.cursor, 0, slugs.length - 1);
}

function nextSort(sort: OverviewSortKey): OverviewSortKey {
  return OVERVIEW_SORT_KEYS[(OVERVIEW_SORT_KEYS.indexOf(sort) + 1) % OVERVIEW_SORT_KEYS.length] as OverviewSortKey;
}

export function overviewReducer(state: OverviewState, action: OverviewAction): OverviewState {
  switch (action.type) {
    case 'move': {
      const { slugs, height, motion } = action;
      if (slugs.length === 0) return state;
      const position = movePosition(selectedPosition(state, slugs), motion, slugs.length, height);
      const top = scrollWindow(state.top, position, slugs.length, height);
      return { ...state, cursor: position, selectedSlug: slugs[position] ?? null, top };
    }
    case 'select':
      return state.selectedSlug === action.slug ? state : { ...state, selectedSlug: action.slug };
    case 'request': {
      const slug = action.slugs[selectedPosition(state, action.slugs)];
      if (slug !== undefined) return { ...state, request: { kind: action.kind, slug } };
      return action.kind === 'setDefault' ? { ...state, status: { tone: 'info', text: 'No source is selected.' } } : state;
    }
    case 'request/done':
      return state.request === null ? state : { ...state, request: null };
    case 'sort':
      return { ...state, sort: nextSort(state.sort) };
    case 'edit/start':
      return { ...state, editing: true, editCursor: state.filter.length, status: null };
    case 'edit/key': {
      if (!state.editing) return state;
      const field = { value: state.filter, cursor: state.editCursor };
      const next = editField(field, action.edit);
      return next === field ? state : { ...state, filter: next.value, editCursor: next.cursor };
    }
    case 'edit/apply':
      return { ...state, editing: false };
    case 'edit/cancel':
      return state.editing ? { ...state, editing: false, filter: '' } : state;
    case 'clearFilter':
      return state.filter === '' ? state : { ...state, filter: '' };
    case 'help/toggle':
      return { ...state, help: state.help ? null : { top: 0 } };
    case 'help/move':
      return state.help ? { ...state, help: { top: scrollTop(state.help.top, action.motion, action.count, action.height) } } : state;
    case 'pane/open':
      return action.slugs.length === 0 ? state : { ...state, pane: { top: 0 } };
    case 'pane/close':
      return state.pane ? { ...state, pane: null } : state;
    case 'pane/move':
      return state.pane ? { ...state, pane: { top: scrollTop(state.pane.top, action.motion, action.count, action.height) } } : state;
    case 'status':
      return { ...state, status: { text: action.text, tone: action.tone } };
    case 'status/clear':
      return state.status ? { ...state, status: null } : state;
  }
}
