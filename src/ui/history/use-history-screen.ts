// The run history's state and keys, for a screen that opens it with `h` (the overview, the monitor's task table):
// while it is open its keys are read here and the screen's own are not.
import { useCallback, useReducer, useState } from 'react';
import { useKeymapInput } from '../hooks/use-keymap-input.js';
import { ACTION_MOTIONS, type ActionId, type Mode } from '../keymap.js';
import { paneLines } from '../components/DetailPane.js';
import { useTheme } from '../theme-context.js';
import { historyReducer, initialHistoryState, type HistoryState } from './history-state.js';
import { historyRowsHeight } from './HistoryView.js';
import { recordDetails } from './record-details.js';
import type { RunRecord } from '../../domain/run-record.js';

export interface HistoryScreen {
  /** The object whose history is open (the screen's key for it), or null. */
  key: string | null;
  state: HistoryState;
  mode: Mode | null;
  open(key: string): void;
}

export interface HistoryScreenOptions {
  /** The open object's runs, newest first. */
  records: (key: string) => readonly RunRecord[];
  width: number;
  /** The view's height (title and column header included). */
  height: number;
  onQuit: () => void;
  /** Keys reach the screen at all (a terminal, big enough). */
  active: boolean;
}

const NO_RECORDS: readonly RunRecord[] = [];

export function useHistoryScreen(o: HistoryScreenOptions): HistoryScreen {
  const [key, setKey] = useState<string | null>(null);
  const [state, dispatch] = useReducer(historyReducer, undefined, initialHistoryState);
  const { colors } = useTheme();
  const records = key === null ? NO_RECORDS : o.records(key);
  const mode: Mode | null = key === null ? null : state.record ? 'record' : 'history';
  const open = useCallback((next: string) => {
    dispatch({ type: 'back' });
    dispatch({ type: 'move', motion: 'top', count: 1, height: 1 });
    setKey(next);
  }, []);

  const rowsHeight = historyRowsHeight(o.height);
  const record = state.record ? records[state.record.index] : undefined;
  const recordLines = record ? paneLines(recordDetails(record, colors), o.width).length : 0;
  const onAction = (action: ActionId, current: Mode): Mode => {
    const motion = ACTION_MOTIONS[action];
    if (motion) {
      if (current === 'history') dispatch({ type: 'move', motion, count: records.length, height: rowsHeight });
      else dispatch({ type: 'record/move', motion, count: recordLines, height: o.height - 1 });
      return current;
    }
    switch (action) {
      case 'quit':
        o.onQuit();
        return current;
      case 'open':
        if (current === 'history' && records.length > 0) {
          dispatch({ type: 'open', count: records.length });
          return 'record';
        }
        return current;
      case 'back':
        if (current === 'record') {
          dispatch({ type: 'back' });
          return 'history';
        }
        setKey(null);
        return current;
      default:
        return current;
    }
  };
  const onEdit = useCallback(() => {}, []);
  useKeymapInput(mode ?? 'history', { onAction, onEdit }, o.active && mode !== null);
  return { key, state, mode, open };
}
