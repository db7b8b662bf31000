// The one keymap: input handling, the footer hints and the `?` help overlay all read this table, so a key cannot
// work without being listed or be listed without working.
import type { Key } from 'ink';
import type { Motion } from './scroll.js';
import { TEXT_KEYS } from './text-field.js';

/**
 * Where keys are read: a screen, or a modal state that takes over the keyboard. `view`: stdin is not a terminal, so
 * no key reaches the app but Ctrl-C, which the terminal session reads from the controlling terminal.
 */
/** `pane`: the whole text of the selected row's verdict, error or problems (`i` in the overview and the task table). */
/** `history`: the selected object's past runs (`h`); `record`: one past run's summary and grouped problems. */
export type Mode = 'table' | 'log' | 'detail' | 'help' | 'edit' | 'confirm' | 'overview' | 'view' | 'pane' | 'history' | 'record';

export type ActionId =
  | 'quit'
  | 'help'
  | 'refresh'
  | 'pause'
  | 'sync'
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'halfPageUp'
  | 'halfPageDown'
  | 'top'
  | 'bottom'
  | 'open'
  | 'back'
  | 'details'
  | 'filter'
  | 'sort'
  | 'problemsOnly'
  | 'wrap'
  | 'search'
  | 'nextMatch'
  | 'previousMatch'
  | 'level'
  | 'apply'
  | 'cancel'
  | 'editText'
  | 'confirm'
  | 'setDefault'
  | 'history';

/** What a footer word may depend on besides the mode. */
export interface HintState {
  paused: boolean;
  /** aksync keeps a run history here (off in the demo's tests, or when the store cannot be read). */
  history?: boolean;
}

export interface KeyBinding {
  /** How the keys are written in the footer and the help (ASCII only, so every terminal shows it). */
  keys: string;
  match: (input: string, key: Key) => boolean;
  action: ActionId;
  /** The help overlay's sentence. */
  description: string;
  /** The footer's word (it may name the state the key leads to); no footer hint when absent (or null now). */
  hint?: string | ((state: HintState) => string | null);
  /** Back, help and quit: how to get around. The footer drops every other hint before one of these. */
  navigation?: boolean;
  /** While true, the footer keeps this hint as it keeps navigation: the way out of a state the user chose (paused). */
  pressing?: (state: HintState) => boolean;
  /** Shorter keys for the footer, when `keys` is long. */
  footerKeys?: string;
  modes: readonly Mode[];
}

const plain = (c: string) => (input: string, key: Key) => input === c && !key.ctrl && !key.meta;
const ctrl = (c: string) => (input: string, key: Key) => key.ctrl && input === c;
const any = (...matchers: Array<(input: string, key: Key) => boolean>) => (input: string, key: Key) =>
  matchers.some((m) => m(input, key));
const escape = (_: string, key: Key) => key.escape;
const enter = (_: string, key: Key) => key.return;
// Backspace (0x7f, 0x08) and the Delete key: both mean "rub out" or "back" to a user.
const backspace = (_: string, key: Key) => key.backspace || key.delete;

const BROWSE: readonly Mode[] = ['table', 'log', 'detail'];
/** The monitor's screens and the all-sources overview: refresh, pause, help and quit work on all of them. */
const SCREENS: readonly Mode[] = [...BROWSE, 'overview', 'pane'];
const SCROLLING: readonly Mode[] = ['table', 'log', 'detail', 'help', 'overview', 'pane', 'history', 'record'];
const EVERYWHERE: readonly Mode[] = ['table', 'log', 'detail', 'help', 'edit', 'confirm', 'overview', 'pane', 'history', 'record'];
/** The run history's two views: its table of runs and one run. */
const HISTORY: readonly Mode[] = ['history', 'record'];

export const KEYMAP: readonly KeyBinding[] = [
  // Modal states first: they take over keys the screens also use.
  { keys: 'y', match: plain('y'), action: 'confirm', description: 'start the sync', hint: 'yes', modes: ['confirm'] },
  { keys: 'any other key', match: () => true, action: 'cancel', description: 'do not start it', hint: 'no', modes: ['confirm'] },
  { keys: 'Enter', match: enter, action: 'apply', description: 'keep what you typed', hint: 'apply', modes: ['edit'] },
  { keys: 'Esc', match: escape, action: 'cancel', description: 'clear it and stop typing', hint: 'clear', modes: ['edit'] },
  // Readline's keys for the text being typed (text-field.ts has them, for the first-run form too).
  ...TEXT_KEYS.map((t): KeyBinding => ({ keys: t.keys, match: (input, key) => t.edit(input, key) !== undefined, action: 'editText', description: t.description, modes: ['edit'] })),

  { keys: 'k Up', match: any(plain('k'), (_, key) => key.upArrow), action: 'up', description: 'move up', hint: 'move', footerKeys: 'j/k', modes: SCROLLING },
  { keys: 'j Down', match: any(plain('j'), (_, key) => key.downArrow), action: 'down', description: 'move down', modes: SCROLLING },
  { keys: 'PgUp', match: (_, key) => key.pageUp, action: 'pageUp', description: 'one page up', modes: SCROLLING },
  { keys: 'PgDn', match: (_, key) => key.pageDown, action: 'pageDown', description: 'one page down', modes: SCROLLING },
  { keys: 'Ctrl-u', match: ctrl('u'), action: 'halfPageUp', description: 'half a page up', modes: SCROLLING },
  { keys: 'Ctrl-d', match: ctrl('d'), action: 'halfPageDown', description: 'half a page down', modes: SCROLLING },
  { keys: 'g Home', match: any(plain('g'), (_, key) => key.home), action: 'top', description: 'go to the first line', modes: SCROLLING },
  { keys: 'G End', match: any(plain('G'), (_, key) => key.end), action: 'bottom', description: 'go to the last line', modes: SCROLLING },

  { keys: 'Enter', match: enter, action: 'open', description: "open the selected task's messages", hint: 'log', modes: ['table'] },
  { keys: '/', match: plain('/'), action: 'filter', description: 'filter tasks by type, id or message text', hint: 'filter', modes: ['table'] },
  { keys: 's', match: plain('s'), action: 'sort', description: 'sort by start, status, duration, problems', hint: 'sort', modes: ['table'] },
  { keys: 'e', match: plain('e'), action: 'problemsOnly', description: 'show only tasks with problems or errors', hint: 'problems', modes: ['table'] },
  { keys: 'i', match: plain('i'), action: 'details', description: "the selected task's problems and errors in full, with the verdict's whole reason", hint: 'details', modes: ['table'] },
  { keys: 'Esc Backspace', match: any(escape, backspace), action: 'back', description: 'clear the filter, or go back to the overview', hint: 'back', footerKeys: 'Esc', navigation: true, modes: ['table'] },

  { keys: 'Enter', match: enter, action: 'open', description: "show the selected message's attributes", hint: 'details', modes: ['log'] },
  { keys: 'w', match: plain('w'), action: 'wrap', description: 'wrap or truncate long messages and tracebacks', hint: 'wrap', modes: ['log'] },
  { keys: '/', match: plain('/'), action: 'search', description: 'search the messages', hint: 'search', modes: ['log'] },
  { keys: 'n', match: plain('n'), action: 'nextMatch', description: 'next search match', hint: 'next', modes: ['log'] },
  { keys: 'N', match: plain('N'), action: 'previousMatch', description: 'previous search match', modes: ['log'] },
  { keys: 'l', match: plain('l'), action: 'level', description: 'cycle the minimum level shown', hint: 'level', modes: ['log'] },
  { keys: 'e', match: plain('e'), action: 'problemsOnly', description: 'show only the messages that made the verdict (problems and errors)', hint: 'problems', modes: ['log'] },
  { keys: 'Enter', match: enter, action: 'open', description: "open the selected source's monitor (Esc there comes back)", hint: 'open', modes: ['overview'] },
  { keys: '/', match: plain('/'), action: 'filter', description: 'filter sources by name, slug, verdict or error text', hint: 'filter', modes: ['overview'] },
  { keys: 's', match: plain('s'), action: 'sort', description: 'sort by name, verdict, last run, problems', hint: 'sort', modes: ['overview'] },
  { keys: 'd', match: plain('d'), action: 'setDefault', description: "save the selected source as this profile's default", hint: 'default', modes: ['overview'] },
  { keys: 'i', match: plain('i'), action: 'details', description: "the selected source's verdict, error and problems in full", hint: 'details', modes: ['overview'] },
  { keys: 'Esc', match: escape, action: 'back', description: 'clear the filter', modes: ['overview'] },

  { keys: 'Enter', match: enter, action: 'open', description: "the selected run's summary and its problems, grouped", hint: 'run', modes: ['history'] },
  { keys: 'Esc Backspace', match: any(escape, backspace), action: 'back', description: 'back to the previous screen', hint: 'back', footerKeys: 'Esc', navigation: true, modes: ['log', 'detail', ...HISTORY] },
  { keys: 'Esc Backspace i', match: any(escape, backspace, plain('i')), action: 'back', description: 'close the details', hint: 'back', footerKeys: 'Esc', navigation: true, modes: ['pane'] },

  { keys: 'Esc ?', match: any(escape, plain('?')), action: 'back', description: 'close the help', hint: 'close', navigation: true, modes: ['help'] },
  { keys: 'S', match: plain('S'), action: 'sync', description: 'start a sync of this source now', hint: 'sync', modes: BROWSE },
  { keys: 'h', match: plain('h'), action: 'history', description: "the selected object's past runs, newest first (aksync's run history)", hint: ({ history }) => (history ? 'history' : null), modes: ['overview', 'table'] },
  { keys: 'r', match: plain('r'), action: 'refresh', description: 'refresh now', hint: 'refresh', modes: SCREENS },
  { keys: 'p', match: plain('p'), action: 'pause', description: 'pause or resume polling', hint: ({ paused }) => (paused ? 'resume' : 'pause'), pressing: ({ paused }) => paused, modes: SCREENS },
  { keys: '?', match: plain('?'), action: 'help', description: 'show this help', hint: 'help', navigation: true, modes: SCREENS },
  { keys: 'q', match: plain('q'), action: 'quit', description: 'quit', hint: 'quit', navigation: true, modes: [...SCREENS, 'help', ...HISTORY] },
  { keys: 'Ctrl-c', match: ctrl('c'), action: 'quit', description: 'quit, from anywhere', modes: EVERYWHERE },
  { keys: 'Ctrl-c', match: ctrl('c'), action: 'quit', description: 'quit', hint: 'quit', navigation: true, modes: ['view'] },
];

/** The action a key press means in this mode (the first binding that matches), if any. */
export function actionFor(mode: Mode, input: string, key: Key, keymap: readonly KeyBinding[] = KEYMAP): ActionId | undefined {
  // Ctrl-C must quit even while typing or confirming: check it before the catch-all bindings.
  if (key.ctrl && input === 'c') return 'quit';
  return keymap.find((b) => b.modes.includes(mode) && b.match(input, key))?.action;
}

export function bindingsFor(mode: Mode, keymap: readonly KeyBinding[] = KEYMAP): KeyBinding[] {
  return keymap.filter((b) => b.modes.includes(mode));
}

/** What the footer says before the keys, in a mode where that needs saying. */
export const MODE_NOTES: Partial<Record<Mode, string>> = { view: 'view only: stdin is not a terminal' };

export interface FooterHint {
  keys: string;
  hint: string;
  navigation: boolean;
  /** Shown whatever else has to go: navigation, or a key `pressing` now. */
  kept: boolean;
}

/** The footer's hints for a mode, in table order: `keys hint` pairs. */
export function footerHints(mode: Mode, state: HintState = { paused: false }, keymap: readonly KeyBinding[] = KEYMAP): FooterHint[] {
  return bindingsFor(mode, keymap).flatMap((b) => {
    if (b.hint === undefined) return [];
    const hint = typeof b.hint === 'function' ? b.hint(state) : b.hint;
    if (hint === null) return [];
    const navigation = b.navigation === true;
    return [{ keys: b.footerKeys ?? b.keys, hint, navigation, kept: navigation || (b.pressing?.(state) ?? false) }];
  });
}

/** The actions that move a selection or a scroll position, and how. */
export const ACTION_MOTIONS: Partial<Record<ActionId, Motion>> = {
  up: 'up',
  down: 'down',
  pageUp: 'pageUp',
  pageDown: 'pageDown',
  halfPageUp: 'halfPageUp',
  halfPageDown: 'halfPageDown',
  top: 'top',
  bottom: 'bottom',
};
