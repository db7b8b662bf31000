// Where the run history's cursor is, and which past run is open: a pure reducer. The records are not stored here;
// actions carry the count they move over.
import { clamp, movePosition, scrollWindow, type Motion } from '../scroll.js';

export interface HistoryState {
  /** The selected run's position in the list (newest first). */
  selected: number;
  top: number;
  /** The past run shown whole (Enter), and its scroll position; null: the table of runs. */
  record: { index: number; top: number } | null;
}

export type HistoryAction =
  | { type: 'move'; motion: Motion; count: number; height: number }
  | { type: 'open'; count: number }
  | { type: 'record/move'; motion: Motion; count: number; height: number }
  | { type: 'back' };

export function initialHistoryState(): HistoryState {
  return { selected: 0, top: 0, record: null };
}

export function historyReducer(state: HistoryState, action: HistoryAction): HistoryState {
  switch (action.type) {
    case 'move': {
      const selected = movePosition(state.selected, action.motion, action.count, action.height);
      return { ...state, selected, top: scrollWindow(state.top, selected, action.count, action.height) };
    }
    case 'open':
      return action.count > 0 ? { ...state, record: { index: clamp(state.selected, 0, action.count - 1), top: 0 } } : state;
    case 'record/move': {
      if (!state.record) return state;
      const last = Math.max(0, action.count - action.height);
      const delta = movePosition(state.record.top, action.motion, last + 1, action.height);
      return { ...state, record: { ...state.record, top: clamp(delta, 0, last) } };
    }
    case 'back':
      return state.record ? { ...state, record: null } : state;
  }
}
