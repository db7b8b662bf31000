// Which screen is showing and where every cursor is: a pure reducer over a typed action union. The data itself
// (tasks, messages) is not stored here; actions that move a cursor carry the rows they move over.
import { nextMatch } from './log-rows.js';
import { clamp, movePosition, positionOf, scrollTop, scrollWindow, type Motion } from './scroll.js';
import { editField, type TextEdit } from './text-field.js';

export const SORT_KEYS = ['start', 'status', 'duration', 'problems'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const MIN_LEVELS = ['all', 'info', 'warning', 'error'] as const;
export type MinLevel = (typeof MIN_LEVELS)[number];

/** `pane`: the selected task's whole text (`i`), over the table. */
export type Screen = 'table' | 'log' | 'detail' | 'pane';

export interface TableState {
  /** The selected task's id: selection follows the task when rows move (new data, sort, filter). */
  selectedId: string | null;
  /** The selected row's position, used when the selected task is gone. */
  cursor: number;
  top: number;
  sort: SortKey;
  filter: string;
  problemsOnly: boolean;
}

export interface LogState {
  taskId: string;
  /** Index into the task's messages (not into the filtered rows), so a level change keeps the place. */
  cursor: number;
  top: number;
  wrap: boolean;
  minLevel: MinLevel;
  /** Only the messages the verdict counts as problems. */
  problemsOnly: boolean;
  search: string;
}

export interface DetailState {
  messageIndex: number;
  top: number;
}

export interface ScreenState {
  screen: Screen;
  table: TableState;
  log: LogState | null;
  detail: DetailState | null;
  /** The detail pane's scroll position, while it is open. */
  pane: { top: number } | null;
  /** What the keyboard is typing into, if anything. */
  editing: 'filter' | 'search' | null;
  /** Where the cursor is in the text being typed. */
  editCursor: number;
  /** The help overlay's scroll position, or null when closed. */
  help: { top: number } | null;
  confirmingSync: boolean;
  status: { text: string; tone: 'info' | 'ok' | 'error' } | null;
}

export type ScreenAction =
  | { type: 'table/move'; motion: Motion; ids: readonly string[]; height: number }
  | { type: 'table/sort' }
  | { type: 'table/problemsOnly' }
  | { type: 'table/clearFilter' }
  /** Opens the log of the selected task among these rows. */
  | { type: 'table/open'; ids: readonly string[] }
  | { type: 'log/move'; motion: Motion; visible: readonly number[]; height: number; heightOf?: (messageIndex: number) => number }
  /** To the next (1) or previous (-1) search match from the cursor; `inclusive` accepts the cursor's own message. */
  | {
      type: 'log/match';
      direction: 1 | -1;
      inclusive: boolean;
      matches: readonly number[];
      visible: readonly number[];
      height: number;
      heightOf?: (messageIndex: number) => number;
    }
  | { type: 'log/wrap' }
  | { type: 'log/level' }
  | { type: 'log/problemsOnly' }
  /** Opens the message under the log's cursor. */
  | { type: 'detail/open'; visible: readonly number[] }
  | { type: 'detail/move'; motion: Motion; count: number; height: number }
  | { type: 'pane/open' }
  | { type: 'pane/move'; motion: Motion; count: number; height: number }
  | { type: 'back' }
  | { type: 'edit/start'; target: 'filter' | 'search' }
  /** Typing, moving the cursor, deleting: one key's edit of the text being typed. */
  | { type: 'edit/key'; edit: TextEdit }
  | { type: 'edit/apply' }
  | { type: 'edit/cancel' }
  | { type: 'help/toggle' }
  | { type: 'help/move'; motion: Motion; count: number; height: number }
  | { type: 'confirm/open' }
  | { type: 'confirm/close' }
  | { type: 'status'; text: string; tone: 'info' | 'ok' | 'error' }
  | { type: 'status/clear' };

export function initialScreenState(): ScreenState {
  return {
    screen: 'table',
    table: { selectedId: null, cursor: 0, top: 0, sort: 'start', filter: '', problemsOnly: false },
    log: null,
    detail: null,
    pane: null,
    editing: null,
    editCursor: 0,
    help: null,
    confirmingSync: false,
    status: null,
  };
}

/** The selected row's position in `ids`: the selected task's row, else the remembered position (clamped). */
export function selectedIndex(table: TableState, ids: readonly string[]): number {
  if (ids.length === 0) return 0;
  const found = table.selectedId === null ? -1 : ids.indexOf(table.selectedId);
  return found >= 0 ? found : clamp(table.cursor, 0, ids.length - 1);
}

function next<T>(list: readonly T[], current: T): T {
  return list[(list.indexOf(current) + 1) % list.length] as T;
}

/** Paging moves the window with the cursor (as a pager does); single steps and jumps move only the cursor. */
function pageShift(motion: Motion | null, delta: number): number {
  return motion === 'pageUp' || motion === 'pageDown' || motion === 'halfPageUp' || motion === 'halfPageDown' ? delta : 0;
}

function moveLog(
  log: LogState,
  target: number,
  visible: readonly number[],
  height: number,
  heightOf?: (messageIndex: number) => number,
  motion: Motion | null = null,
): LogState {
  if (visible.length === 0) return log;
  const position = clamp(target, 0, visible.length - 1);
  const from = positionOf(visible, log.cursor);
  const top = scrollWindow(
    Math.max(0, positionOf(visible, log.top) + pageShift(motion, position - from)),
    position,
    visible.length,
    height,
    heightOf ? (p) => heightOf(visible[p] as number) : undefined,
  );
  return { ...log, cursor: visible[position] as number, top: visible[top] as number };
}

export function screenReducer(state: ScreenState, action: ScreenAction): ScreenState {
  switch (action.type) {
    case 'table/move': {
      const { ids, height, motion } = action;
      if (ids.length === 0) return state;
      const from = selectedIndex(state.table, ids);
      const position = movePosition(from, motion, ids.length, height);
      const top = scrollWindow(state.table.top + pageShift(motion, position - from), position, ids.length, height);
      return { ...state, table: { ...state.table, cursor: position, selectedId: ids[position] ?? null, top } };
    }
    case 'table/sort':
      return { ...state, table: { ...state.table, sort: next(SORT_KEYS, state.table.sort) } };
    case 'table/problemsOnly':
      return { ...state, table: { ...state.table, problemsOnly: !state.table.problemsOnly } };
    case 'table/clearFilter':
      return state.table.filter === '' ? state : { ...state, table: { ...state.table, filter: '' } };
    case 'table/open': {
      if (action.ids.length === 0) return state;
      const taskId = action.ids[selectedIndex(state.table, action.ids)] as string;
      const log: LogState = state.log?.taskId === taskId
        ? state.log
        : {
            taskId,
            cursor: 0,
            top: 0,
            wrap: state.log?.wrap ?? false,
            minLevel: state.log?.minLevel ?? 'all',
            problemsOnly: state.log?.problemsOnly ?? false,
            search: '',
          };
      return { ...state, screen: 'log', log, detail: null };
    }
    case 'log/move': {
      if (!state.log) return state;
      const position = movePosition(positionOf(action.visible, state.log.cursor), action.motion, action.visible.length, action.height);
      return { ...state, log: moveLog(state.log, position, action.visible, action.height, action.heightOf, action.motion) };
    }
    case 'log/match': {
      if (!state.log) return state;
      const cursor = action.visible[positionOf(action.visible, state.log.cursor)] ?? 0;
      const to = nextMatch(action.matches, cursor, action.direction, action.inclusive);
      if (to === null) {
        const text = state.log.search === '' ? 'No search: / starts one.' : `No message matches "${state.log.search}".`;
        return { ...state, status: { text, tone: 'info' } };
      }
      return { ...state, log: moveLog(state.log, positionOf(action.visible, to), action.visible, action.height, action.heightOf) };
    }
    case 'log/wrap':
      return state.log ? { ...state, log: { ...state.log, wrap: !state.log.wrap } } : state;
    case 'log/level':
      return state.log ? { ...state, log: { ...state.log, minLevel: next(MIN_LEVELS, state.log.minLevel) } } : state;
    case 'log/problemsOnly':
      return state.log ? { ...state, log: { ...state.log, problemsOnly: !state.log.problemsOnly } } : state;
    case 'detail/open': {
      if (!state.log || action.visible.length === 0) return state;
      const messageIndex = action.visible[positionOf(action.visible, state.log.cursor)] as number;
      return { ...state, screen: 'detail', detail: { messageIndex, top: 0 } };
    }
    case 'detail/move': {
      if (!state.detail) return state;
      const maxTop = Math.max(0, action.count - action.height);
      const top = clamp(movePosition(state.detail.top, action.motion, action.count, action.height), 0, maxTop);
      return { ...state, detail: { ...state.detail, top } };
    }
    case 'pane/open':
      return state.screen === 'table' ? { ...state, screen: 'pane', pane: { top: 0 } } : state;
    case 'pane/move':
      return state.pane ? { ...state, pane: { top: scrollTop(state.pane.top, action.motion, action.count, action.height) } } : state;
    case 'back':
      if (state.screen === 'pane') return { ...state, screen: 'table', pane: null };
      if (state.screen === 'detail') return { ...state, screen: 'log', detail: null };
      if (state.screen === 'log') return { ...state, screen: 'table' };
      return state.table.filter === '' ? state : { ...state, table: { ...state.table, filter: '' } };
    case 'edit/start': {
      if (action.target === 'search' && !state.log) return state;
      const editing = { ...state, editing: action.target };
      return { ...editing, editCursor: edited(editing).length };
    }
    case 'edit/key': {
      if (!state.editing) return state;
      const field = { value: edited(state), cursor: state.editCursor };
      const next = editField(field, action.edit);
      return next === field ? state : { ...setEdited(state, next.value), editCursor: next.cursor };
    }
    case 'edit/apply':
      return { ...state, editing: null };
    case 'edit/cancel':
      return state.editing ? { ...setEdited(state, ''), editing: null } : state;
    case 'help/toggle':
      return { ...state, help: state.help ? null : { top: 0 } };
    case 'help/move':
      return state.help ? { ...state, help: { top: scrollTop(state.help.top, action.motion, action.count, action.height) } } : state;
    case 'confirm/open':
      return { ...state, confirmingSync: true, status: null };
    case 'confirm/close':
      return { ...state, confirmingSync: false };
    case 'status':
      return { ...state, status: { text: action.text, tone: action.tone } };
    case 'status/clear':
      return state.status ? { ...state, status: null } : state;
  }
}

function edited(state: ScreenState): string {
  return state.editing === 'search' ? (state.log?.search ?? '') : state.table.filter;
}

function setEdited(state: ScreenState, text: string): ScreenState {
  if (state.editing === 'search') return state.log ? { ...state, log: { ...state.log, search: text } } : state;
  return { ...state, table: { ...state.table, filter: text } };
}
