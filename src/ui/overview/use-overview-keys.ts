// The overview's keys, read through the one keymap: each action becomes a reducer action or a call out (open a
// source, save the default, refresh, pause, quit).
import { useCallback, type Dispatch } from 'react';
import { useKeymapInput } from '../hooks/use-keymap-input.js';
import { ACTION_MOTIONS, type ActionId, type Mode } from '../keymap.js';
import type { TextEdit } from '../text-field.js';
import type { OverviewAction } from './overview-state.js';
import type { OverviewControls } from './use-overview-data.js';

export interface OverviewKeyOptions {
  mode: Mode;
  dispatch: Dispatch<OverviewAction>;
  /** The slugs of the rows shown, in order. */
  slugs: readonly string[];
  /** Source rows that fit on screen (for page motions). */
  rowsHeight: number;
  helpCount: number;
  helpHeight: number;
  /** The details pane's lines and the rows that show them. */
  paneCount: number;
  paneHeight: number;
  paneOpen: boolean;
  controls: OverviewControls;
  onQuit: () => void;
  /** `h`: opens the selected source's run history; null when none is kept. */
  onHistory?: (() => void) | null;
  active: boolean;
}

export function useOverviewKeys(o: OverviewKeyOptions): void {
  const { dispatch } = o;
  const onAction = (action: ActionId, current: Mode): Mode => {
    if (action !== 'setDefault') dispatch({ type: 'status/clear' });
    const motion = ACTION_MOTIONS[action];
    if (motion) {
      if (current === 'overview') dispatch({ type: 'move', motion, slugs: o.slugs, height: o.rowsHeight });
      else if (current === 'help') dispatch({ type: 'help/move', motion, count: o.helpCount, height: o.helpHeight });
      else if (current === 'pane') dispatch({ type: 'pane/move', motion, count: o.paneCount, height: o.paneHeight });
      return current;
    }
    switch (action) {
      case 'quit':
        o.onQuit();
        return current;
      case 'help':
        dispatch({ type: 'help/toggle' });
        return 'help';
      case 'refresh':
        o.controls.refresh();
        return current;
      case 'pause':
        o.controls.togglePause();
        return current;
      case 'open':
        dispatch({ type: 'request', kind: 'open', slugs: o.slugs });
        return current;
      case 'setDefault':
        dispatch({ type: 'request', kind: 'setDefault', slugs: o.slugs });
        return current;
      case 'filter':
        dispatch({ type: 'edit/start' });
        return 'edit';
      case 'sort':
        dispatch({ type: 'sort' });
        return current;
      case 'history':
        o.onHistory?.();
        return current;
      case 'details':
        dispatch({ type: 'pane/open', slugs: o.slugs });
        return o.slugs.length > 0 ? 'pane' : current;
      case 'back':
        if (current === 'help') {
          dispatch({ type: 'help/toggle' });
          return o.paneOpen ? 'pane' : 'overview';
        }
        if (current === 'pane') {
          dispatch({ type: 'pane/close' });
          return 'overview';
        }
        dispatch({ type: 'clearFilter' });
        return current;
      case 'apply':
        dispatch({ type: 'edit/apply' });
        return 'overview';
      case 'cancel':
        dispatch({ type: 'edit/cancel' });
        return 'overview';
      default:
        return current;
    }
  };
  const onEdit = useCallback((edit: TextEdit) => dispatch({ type: 'edit/key', edit }), [dispatch]);
  useKeymapInput(o.mode, { onAction, onEdit }, o.active);
}
