// Generation A status bodies, decoded task by task. A 34 MB status (10,000 page tasks, one of them holding 100,000
// log lines) changes by one task between two polls while a run goes on: the body's bytes are cut at the task
// boundaries (a scan that jumps from quote to quote), each task's bytes are hashed, and only a task whose bytes were
// not in the previous answer is parsed, validated and adapted; the others are the very objects decoded before.
// Anything this scanner does not expect (not an object, no `tasks` array, a key written with escapes, a task that is
// not an object or fails validation) makes it give up: the caller then parses the whole body the ordinary way, so
// the error a user sees for a bad body is exactly the schema's.
import { hash } from 'node:crypto';
import type { SyncStatus, SyncTask } from '../domain/model.js';
import { syncTaskA } from './adapter-a.js';
import { syncStatusASchema, systemTaskSchema } from './schemas-a.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * The key of each task this module decoded: its bytes' length and hash. Two threads that decoded the same bytes give
 * their tasks the same key, so a status read on one thread can tell the other which tasks it already holds
 * (poll/worker/protocol.ts). Weak: a key lives as long as its task.
 */
const contentKeys = new WeakMap<SyncTask, string>();

/** The task's content key, if it was decoded from its own bytes here. */
export function contentKeyOf(task: SyncTask): string | undefined {
  return contentKeys.get(task);
}

export interface StatusADecoder {
  /** The status, or undefined when the body must be decoded the ordinary way (see the top of this file). */
  decode(bytes: Uint8Array): SyncStatus | undefined;
  /** Tasks decoded by the last call (for tests and benchmarks): the others were reused. */
  readonly lastParsed: number;
  /** A decoder that keeps no tasks: the next decode counts tasks with these keys as read (stand-ins, not parsed). */
  assume(keys: readonly string[]): void;
}

/**
 * A task that did not change, as a reader that keeps no tasks hands it back: an empty object that carries only its
 * content key. Only the status worker sees these: it sends each task on to the UI thread once and then names it by
 * its key, so it need not hold a second copy of a 34 MB status.
 */
function standInFor(key: string): SyncTask {
  const standIn = Object.freeze({}) as SyncTask;
  contentKeys.set(standIn, key);
  standIns.add(standIn);
  return standIn;
}
const standIns = new WeakSet<SyncTask>();

/** Whether `task` is a stand-in (see standInFor): it has no fields to read or send. */
export function isStandIn(task: SyncTask): boolean {
  return standIns.has(task);
}

export interface StatusADecoderOptions {
  /** Unchanged tasks come back as stand-ins, and the decoder keeps no parsed task (see standInFor). */
  standIns?: boolean;
}

/** One decoder per status endpoint: it remembers the tasks of the last answer only. */
export function createStatusADecoder(options: StatusADecoderOptions = {}): StatusADecoder {
  const thin = options.standIns === true;
  let known = new Map<string, SyncTask>();
  let lastParsed = 0;
  const decoder = new TextDecoder();
  return {
    get lastParsed() {
      return lastParsed;
    },
    assume(keys) {
      if (!thin) return;
      for (const key of keys) if (!known.has(key)) known.set(key, standInFor(key));
    },
    decode(bytes) {
      const layout = scanStatus(bytes);
      if (layout === undefined) return undefined;
      // The members around the tasks, with an empty list in their place: small, parsed and validated as a whole.
      let rest: unknown;
      try {
        rest = JSON.parse(decoder.decode(bytes.subarray(layout.start, layout.tasksOpen + 1)) + decoder.decode(bytes.subarray(layout.tasksClose)));
      } catch {
        return undefined;
      }
      const top = syncStatusASchema.safeParse(rest);
      if (!top.success) return undefined;
      const next = new Map<string, SyncTask>();
      const tasks: SyncTask[] = new Array(layout.tasks.length / 2);
      let parsed = 0;
      for (let i = 0; i < layout.tasks.length; i += 2) {
        const slice = bytes.subarray(layout.tasks[i], layout.tasks[i + 1]);
        const key = `${slice.byteLength}:${hash('sha1', slice, 'base64')}`;
        let task = next.get(key) ?? known.get(key);
        if (task === undefined) {
          let json: unknown;
          try {
            json = JSON.parse(decoder.decode(slice));
          } catch {
            return undefined;
          }
          const checked = systemTaskSchema.safeParse(json);
          if (!checked.success) return undefined;
          task = syncTaskA(checked.data);
          contentKeys.set(task, key);
          parsed += 1;
          next.set(key, thin ? standInFor(key) : task);
        } else {
          next.set(key, task);
        }
        tasks[i / 2] = task;
      }
      known = next;
      lastParsed = parsed;
      return {
        generation: 'A',
        isRunning: top.data.is_running,
        tasks,
        lastSuccessfulSync: null,
        lastSyncStatus: null,
        schedule: null,
        missingDetailPermission: null,
      };
    },
  };
}

interface StatusLayout {
  /** After a byte order mark. */
  start: number;
  /** Offsets of the `[` and the `]` of the tasks list. */
  tasksOpen: number;
  tasksClose: number;
  /** Start and end of each task, flat: [start0, end0, start1, end1, ...]. */
  tasks: number[];
}

/** Where the tasks are in `{"is_running": …, "tasks": [{…}, …], …}`, or undefined for any other shape. */
export function scanStatus(b: Uint8Array): StatusLayout | undefined {
  const n = b.length;
  let p = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  const start = p;
  p = skipSpace(b, p);
  if (b[p] !== OPEN_BRACE) return undefined;
  p = skipSpace(b, p + 1);
  let layout: StatusLayout | undefined;
  if (b[p] === CLOSE_BRACE) return undefined;
  for (;;) {
    if (b[p] !== QUOTE) return undefined;
    const keyEnd = skipString(b, p);
    if (keyEnd < 0) return undefined;
    const isTasks = keyEnd - p === 7 && b[p + 1] === 0x74 && b[p + 2] === 0x61 && b[p + 3] === 0x73 && b[p + 4] === 0x6b && b[p + 5] === 0x73;
    // A key spelt with escapes could be `tasks` in disguise: leave such bodies to the ordinary parser.
    if (b.subarray(p, keyEnd).includes(BACKSLASH)) return undefined;
    p = skipSpace(b, keyEnd);
    if (b[p] !== COLON) return undefined;
    p = skipSpace(b, p + 1);
    if (isTasks) {
      if (layout !== undefined || b[p] !== OPEN_BRACKET) return undefined;
      const tasks: number[] = [];
      const tasksOpen = p;
      p = skipSpace(b, p + 1);
      if (b[p] !== CLOSE_BRACKET) {
        for (;;) {
          if (b[p] !== OPEN_BRACE) return undefined;
          const end = skipValue(b, p);
          if (end < 0) return undefined;
          tasks.push(p, end);
          p = skipSpace(b, end);
          if (b[p] === COMMA) {
            p = skipSpace(b, p + 1);
            continue;
          }
          if (b[p] === CLOSE_BRACKET) break;
          return undefined;
        }
      }
      layout = { start, tasksOpen, tasksClose: p, tasks };
      p += 1;
    } else {
      p = skipValue(b, p);
      if (p < 0) return undefined;
    }
    p = skipSpace(b, p);
    if (b[p] === COMMA) {
      p = skipSpace(b, p + 1);
      continue;
    }
    if (b[p] !== CLOSE_BRACE) return undefined;
    p = skipSpace(b, p + 1);
    return p === n ? layout : undefined;
  }
}

function skipSpace(b: Uint8Array, p: number): number {
  for (;;) {
    const c = b[p];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return p;
    p += 1;
  }
}

/** Just past the closing quote of the string opening at `p`; -1 when it never closes. */
function skipString(b: Uint8Array, p: number): number {
  let from = p + 1;
  for (;;) {
    const q = b.indexOf(QUOTE, from);
    if (q < 0) return -1;
    let slashes = 0;
    while (b[q - 1 - slashes] === BACKSLASH) slashes += 1;
    if (slashes % 2 === 0) return q + 1;
    from = q + 1;
  }
}

/**
 * Just past the value starting at `p` (an object, an array, a string or a scalar); -1 when it never ends. Brackets
 * are counted, not matched: the parse of each piece that follows is what proves the body is JSON.
 */
function skipValue(b: Uint8Array, p: number): number {
  const first = b[p];
  if (first === QUOTE) return skipString(b, p);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    const n = b.length;
    for (let i = p; i < n; i++) {
      const c = b[i];
      if (c === QUOTE) {
        const end = skipString(b, i);
        if (end < 0) return -1;
        i = end - 1;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        depth += 1;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        depth -= 1;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  }
  let i = p;
  const n = b.length;
  while (i < n) {
    const c = b[i];
    if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) break;
    i += 1;
  }
  return i === p ? -1 : i;
}
