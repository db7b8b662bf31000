// Calling for attention on the terminal the app draws on: fed each screen's verdicts, it rings the bell and sends a
// notification once per worsening, keeps the window title on the worst verdict, and remembers which rows changed in
// the last minute (the screens mark them). Framework-free; the terminal session owns it and the bytes it writes, and
// restores the title when the app ends, however it ends.
import type { AttentionSettings } from '../config/settings.js';
import { systemClock, type Clock } from '../poll/clock.js';
import { BELL, insideTmux, notifyProtocol, notifySequence, POP_TITLE, PUSH_TITLE, titleSequence, tmuxPassthrough } from './sequences.js';
import { isMarked, MARK_MS, watchVerdicts, worstOf, type AttentionChange, type Observation, type WatchedState } from './watch.js';

export interface AttentionController {
  /** What a screen shows now: every object it watches. */
  observe(observations: readonly Observation[]): void;
  /** The object's verdict changed less than a minute ago. */
  isMarked(key: string): boolean;
  /** The keys marked now: the same object until a mark appears or goes. */
  marked(): ReadonlySet<string>;
  /** Told when a mark appears or goes. */
  subscribe(listener: () => void): () => void;
  /** The bytes that give the terminal back its title (once; '' when aksync never set one). Synchronous. */
  restore(): string;
}

export interface AttentionOptions {
  settings: AttentionSettings;
  env: NodeJS.ProcessEnv;
  /** Writes to the terminal itself, between frames. */
  write: (bytes: string) => void;
  clock?: Clock;
}

/** At most this many notifications for one look (a server coming back with many sources failing says the rest in one). */
const MAX_NOTIFICATIONS = 3;

const WORDS: Record<string, string> = { UNREACHABLE: 'unreachable', OK: 'OK', WARNING: 'WARNING', CRITICAL: 'CRITICAL', UNKNOWN: 'UNKNOWN' };

export function titleText(observations: readonly Observation[]): string | null {
  const worst = worstOf(observations);
  if (!worst) return null;
  if (worst.level === 'OK') return 'aksync: OK';
  const named = worst.labels.slice(0, 3).join(', ');
  const more = worst.labels.length > 3 ? ` +${worst.labels.length - 3}` : '';
  return `aksync: ${worst.level} ${named}${more}`;
}

export function notificationBody(change: AttentionChange): string {
  return `${change.label} is ${WORDS[change.to]} (was ${WORDS[change.from]})`;
}

export function createAttention(options: AttentionOptions): AttentionController {
  const { settings, env, write } = options;
  const clock = options.clock ?? systemClock;
  const tmux = insideTmux(env);
  const protocol = notifyProtocol(env);
  let states = new Map<string, WatchedState>();
  let title: string | null = null;
  let pushed = false;
  let restored = false;
  let expiry: unknown = null;
  const listeners = new Set<() => void>();
  let marks: ReadonlySet<string> = new Set();

  const notifyListeners = () => {
    const now = clock.now();
    const next = [...states].filter(([, state]) => isMarked(state, now)).map(([key]) => key);
    if (next.length === marks.size && next.every((key) => marks.has(key))) return;
    marks = new Set(next);
    for (const listener of [...listeners]) listener();
  };

  // Wake the screens when the oldest mark runs out.
  function scheduleExpiry(): void {
    if (expiry !== null) clock.clearTimeout(expiry);
    expiry = null;
    const now = clock.now();
    const ends = [...states.values()].filter((s) => isMarked(s, now)).map((s) => (s.changedAt as number) + MARK_MS);
    if (ends.length === 0) return;
    expiry = clock.setTimeout(() => {
      expiry = null;
      notifyListeners();
      scheduleExpiry();
    }, Math.max(0, Math.min(...ends) - now));
  }

  function send(changes: AttentionChange[]): void {
    const worse = changes.filter((c) => c.worse);
    if (worse.length === 0) return;
    let bytes = settings.bell ? BELL : '';
    if (settings.notify) {
      const shown = worse.slice(0, MAX_NOTIFICATIONS);
      const bodies = shown.map(notificationBody);
      if (worse.length > shown.length) bodies[bodies.length - 1] += ` and ${worse.length - shown.length} more`;
      for (const body of bodies) {
        const sequence = notifySequence('aksync', body, protocol);
        bytes += tmux ? tmuxPassthrough(sequence) : sequence;
      }
    }
    if (bytes !== '' && !restored) write(bytes);
  }

  function retitle(observations: readonly Observation[]): void {
    if (!settings.title || restored) return;
    const next = titleText(observations);
    if (next === null || next === title) return;
    title = next;
    write(`${pushed ? '' : PUSH_TITLE}${titleSequence(next)}`);
    pushed = true;
  }

  return {
    observe(observations) {
      const result = watchVerdicts(states, observations, clock.now());
      states = result.states;
      send(result.changes);
      retitle(observations);
      if (result.changes.length > 0) {
        scheduleExpiry();
        notifyListeners();
      }
    },
    isMarked: (key) => isMarked(states.get(key), clock.now()),
    marked: () => marks,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    restore() {
      if (restored) return '';
      restored = true;
      if (expiry !== null) clock.clearTimeout(expiry);
      expiry = null;
      return pushed ? POP_TITLE : '';
    },
  };
}
