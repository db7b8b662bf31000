// The run history on disk: `$XDG_STATE_HOME/aksync/history/` (`~/.local/state/aksync/history/`), one JSON-lines file
// per sync object and server, 0600 files in 0700 folders, never through a symbolic link (as the config file).
//
// Why files of our own and not SQLite: better-sqlite3 is a native addon built against one Node ABI (not Node-API), so
// the build `npm ci` makes would not load on the other Node versions CI runs, and a user's `npm install` would need a
// compiler or a prebuilt binary per platform; node:sqlite does not exist on Node 20. What the history needs is small:
// append a record per run, read a few hundred, trim now and then. docs/architecture.md has the whole argument.
//
// Safe against several aksync processes and against a crash:
// - a record is one line of at most 2 KiB, written with one write(2) on a descriptor opened O_APPEND: the kernel
//   puts each whole line at the end, so concurrent writers never interleave; a crash mid-write leaves at most a
//   partial last line, which readers skip and the next writer ends with a newline before its own line;
// - compaction (trimming to the bounds) happens under a lock file (O_EXCL; a lock older than a minute is a dead
//   writer's and is taken over), writes a new file and renames it over the old one, so a reader sees the old file or
//   the new one, never half of one. Lines appended meanwhile are copied across from the old file, and a writer that
//   finds it wrote to a file that was replaced writes its line again (readers keep one record per run).
//
// Bounds: per object the last 1,000 runs or 90 days, whichever is less, and at most 1 MiB; the whole store 8 MiB,
// past which the files of the objects written longest ago are removed. Nothing here throws: a problem is a sentence
// (the screens put it in the header; commands on stderr), and the history is then simply not kept.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { betterRecord, parseRecord, recordTime, sameRun, serverOrigin, type RunRecord } from '../domain/run-record.js';
import { safeLine } from '../domain/sanitize.js';
import type { SyncObjectRef } from '../domain/sync-object-ref.js';

export const HISTORY_FILE_MODE = 0o600;
export const HISTORY_DIR_MODE = 0o700;

export interface HistoryLimits {
  /** Runs kept per object. */
  maxRuns: number;
  /** Age of the oldest run kept, ms. */
  maxAgeMs: number;
  /** A file larger than this is compacted. */
  compactAtBytes: number;
  /** What a compaction keeps of a file at most (the newest records). */
  keepBytes: number;
  /** The whole store. */
  storeBytes: number;
}

export const DEFAULT_HISTORY_LIMITS: HistoryLimits = {
  maxRuns: 1000,
  maxAgeMs: 90 * 86_400_000,
  compactAtBytes: 1024 * 1024,
  keepBytes: 768 * 1024,
  storeBytes: 8 * 1024 * 1024,
};

/** How many times a record is written again when compactions keep replacing the file under it (see appendBytes). */
const APPEND_TRIES = 100;

/** A lock older than this belongs to a writer that died. */
export const STALE_LOCK_MS = 60_000;

export type StoreResult = { ok: true } | { ok: false; warning: string };

export interface HistoryStore {
  /** The folder of the history files. */
  readonly dir: string;
  /** Appends one run (a run already stored is merged on read). Never throws. */
  append(record: RunRecord): StoreResult;
  /** The object's runs on this server, newest first, one per run, within the bounds. Never throws. */
  read(server: string, ref: SyncObjectRef): RunRecord[];
  /** The object's runs on every server aksync has recorded it on, newest first. */
  readAnyServer(ref: SyncObjectRef): RunRecord[];
  /** Trims the object's file to the bounds, under the lock (skipped while another process holds it). */
  compact(server: string, ref: SyncObjectRef): StoreResult;
  /** Keeps the whole store within its budget: removes the files written longest ago, and left-over temporary files. */
  sweep(): StoreResult;
  /** The last problem, one sentence; null while reading and writing work. */
  problem(): string | null;
}

export interface OpenHistoryOptions {
  env?: NodeJS.ProcessEnv;
  /** Use this folder instead of the XDG one (tests). */
  dir?: string;
  uid?: number;
  limits?: Partial<HistoryLimits>;
  now?: () => number;
}

/** `$XDG_STATE_HOME/aksync`, or `~/.local/state/aksync`. */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_STATE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(env.HOME || os.homedir(), '.local', 'state');
  return path.join(base, 'aksync');
}

export function defaultHistoryDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(defaultStateDir(env), 'history');
}

const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_APPEND } = fs.constants;
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const O_DIRECTORY = fs.constants.O_DIRECTORY ?? 0;
const POSIX = process.platform !== 'win32';

function errno(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unknown error';
}

class StoreProblem extends Error {}

function quoted(file: string): string {
  return `'${safeLine(file)}'`;
}

/** `ldap.corp-ad.3f2a9c1b7d.jsonl`: the kind and id readable, the server as a short hash of its origin. */
export function historyFileName(server: string, ref: SyncObjectRef): string {
  const hash = createHash('sha256').update(serverOrigin(server)).digest('hex').slice(0, 10);
  return `${ref.kind}.${ref.id}.${hash}.jsonl`;
}

/** A folder of the user's own, 0700: created when missing; a link, another user's or a non-folder is refused. */
function ensurePrivateFolder(dir: string, uid: number | undefined): void {
  let stats = fs.lstatSync(dir, { throwIfNoEntry: false });
  if (!stats) {
    try {
      fs.mkdirSync(dir, { recursive: true, mode: HISTORY_DIR_MODE });
    } catch (error) {
      throw new StoreProblem(`the folder ${quoted(dir)} cannot be created (${errno(error)})`);
    }
    stats = fs.lstatSync(dir);
  }
  if (stats.isSymbolicLink()) throw new StoreProblem(`${quoted(dir)} is a symbolic link; aksync keeps its history only in a real folder of its own`);
  if (!stats.isDirectory()) throw new StoreProblem(`${quoted(dir)} is not a folder`);
  if (uid !== undefined && stats.uid !== uid) throw new StoreProblem(`the folder ${quoted(dir)} belongs to another user (uid ${stats.uid})`);
  if (POSIX && (stats.mode & 0o077) !== 0) {
    const fd = fs.openSync(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    try {
      fs.fchmodSync(fd, HISTORY_DIR_MODE);
    } finally {
      fs.closeSync(fd);
    }
  }
}

/** Checks an open history file: a regular file of the user's, 0600 (tightened when looser). */
function checkOpenFile(fd: number, file: string, uid: number | undefined): fs.Stats {
  const stats = fs.fstatSync(fd);
  if (!stats.isFile()) throw new StoreProblem(`${quoted(file)} is not a regular file`);
  if (uid !== undefined && stats.uid !== uid) throw new StoreProblem(`${quoted(file)} belongs to another user (uid ${stats.uid})`);
  if (POSIX && (stats.mode & 0o077) !== 0 && stats.nlink === 1) fs.fchmodSync(fd, HISTORY_FILE_MODE);
  return stats;
}

function openForRead(file: string): number | null {
  try {
    return fs.openSync(file, O_RDONLY | O_NOFOLLOW);
  } catch (error) {
    if (errno(error) === 'ENOENT') return null;
    if (errno(error) === 'ELOOP') throw new StoreProblem(`${quoted(file)} is a symbolic link; aksync does not follow it`);
    throw new StoreProblem(`${quoted(file)} cannot be read (${errno(error)})`);
  }
}

function readFrom(fd: number, position: number): Buffer {
  const chunks: Buffer[] = [];
  let at = position;
  for (;;) {
    const chunk = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, chunk, 0, chunk.length, at);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    at += n;
  }
  return Buffer.concat(chunks);
}

/**
 * The records in a file's text. A line that does not parse (a torn write, another version's record) is skipped; a
 * torn line that the next record was written onto (no newline between them) gives up its own part only.
 */
export function parseLines(text: string): RunRecord[] {
  const records: RunRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let record = parseRecord(line);
    if (record === null) {
      const at = line.lastIndexOf('{"v":');
      if (at > 0) record = parseRecord(line.slice(at));
    }
    if (record !== null) records.push(record);
  }
  return records;
}

/** One record per run (the one that saw most of it), newest first, within the count and age bounds. */
export function boundRecords(records: readonly RunRecord[], limits: Pick<HistoryLimits, 'maxRuns' | 'maxAgeMs'>, now: number): RunRecord[] {
  const byId = new Map<string, RunRecord>();
  for (const record of records) {
    const known = byId.get(record.run_id);
    byId.set(record.run_id, known ? betterRecord(known, record) : record);
  }
  // Runs of one object never overlap: records whose spans overlap are one run seen twice.
  const byTime = [...byId.values()].sort((a, b) => recordTime(a) - recordTime(b));
  const merged: RunRecord[] = [];
  for (const record of byTime) {
    const last = merged[merged.length - 1];
    if (last && sameRun(last, record)) merged[merged.length - 1] = betterRecord(last, record);
    else merged.push(record);
  }
  const oldest = now - limits.maxAgeMs;
  return merged
    .filter((r) => recordTime(r) >= oldest)
    .reverse()
    .slice(0, limits.maxRuns);
}

export function openHistoryStore(options: OpenHistoryOptions = {}): HistoryStore {
  const dir = options.dir ?? defaultHistoryDir(options.env);
  const uid = options.uid ?? process.geteuid?.();
  const limits = { ...DEFAULT_HISTORY_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  let lastProblem: string | null = null;

  function guard<T>(what: string, fallback: T, action: () => T): T {
    try {
      const value = action();
      lastProblem = null;
      return value;
    } catch (error) {
      const reason = error instanceof StoreProblem ? error.message : `${quoted(dir)}: ${errno(error)}`;
      lastProblem = `Run history ${what}: ${reason}.`;
      return fallback;
    }
  }

  function ensureFolders(): void {
    // The state folder (aksync's own) and the history folder in it, both private.
    ensurePrivateFolder(path.dirname(dir), uid);
    ensurePrivateFolder(dir, uid);
  }

  function fileOf(server: string, ref: SyncObjectRef): string {
    return path.join(dir, historyFileName(server, ref));
  }

  /**
   * Appends `bytes` as whole lines; the file's size after. Writes again, to the new file, for as long as the file was
   * replaced while it wrote: a line that reached a file after its compactor's last read is only there. Two processes
   * compacting in turn can replace it several times in a row (three tries lost a run in such a storm); each try is a
   * few system calls, and a compaction needs the lock, so the tries run out only if the disk does.
   */
  function appendBytes(file: string, bytes: Buffer, tries = APPEND_TRIES): number {
    let fd: number;
    try {
      fd = fs.openSync(file, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW, HISTORY_FILE_MODE);
    } catch (error) {
      if (errno(error) === 'ELOOP') throw new StoreProblem(`${quoted(file)} is a symbolic link; aksync does not follow it`);
      throw new StoreProblem(`${quoted(file)} cannot be written (${errno(error)})`);
    }
    let replaced = false;
    let size: number;
    try {
      const stats = checkOpenFile(fd, file, uid);
      // A torn last line (a crash mid-write) gets its newline first, so this record starts a line of its own.
      let prefix = false;
      if (stats.size > 0) {
        const last = Buffer.alloc(1);
        fs.readSync(fd, last, 0, 1, stats.size - 1);
        prefix = last[0] !== 0x0a;
      }
      const line = prefix ? Buffer.concat([Buffer.from('\n'), bytes]) : bytes;
      const written = fs.writeSync(fd, line);
      if (written < line.length) throw new StoreProblem(`${quoted(file)}: the disk took only part of a record (full?)`);
      size = fs.fstatSync(fd).size;
      const at = fs.lstatSync(file, { throwIfNoEntry: false });
      const own = fs.fstatSync(fd);
      replaced = !at || at.ino !== own.ino || at.dev !== own.dev;
    } finally {
      fs.closeSync(fd);
    }
    // A compaction renamed a new file over this one after it was opened: the line may be only in the old one.
    if (replaced && tries > 1) return appendBytes(file, bytes, tries - 1);
    return size;
  }

  function readFile(file: string): RunRecord[] {
    const fd = openForRead(file);
    if (fd === null) return [];
    try {
      checkOpenFile(fd, file, uid);
      return parseLines(readFrom(fd, 0).toString('utf8'));
    } finally {
      fs.closeSync(fd);
    }
  }

  function takeLock(lock: string): number | null {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = fs.openSync(lock, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, HISTORY_FILE_MODE);
        fs.writeSync(fd, `${process.pid}\n`);
        return fd;
      } catch (error) {
        if (errno(error) !== 'EEXIST') throw new StoreProblem(`the lock ${quoted(lock)} cannot be made (${errno(error)})`);
        const held = fs.lstatSync(lock, { throwIfNoEntry: false });
        // Released meanwhile: try again. (Removing it here would remove the lock another process may have just
        // taken, and two compactions at once lose lines.)
        if (held === undefined) continue;
        if (Date.now() - held.mtimeMs < STALE_LOCK_MS) return null;
        fs.rmSync(lock, { force: true }); // a dead writer's
      }
    }
    return null;
  }

  function compactFile(file: string): void {
    const lock = `${file}.lock`;
    const lockFd = takeLock(lock);
    if (lockFd === null) return; // another process compacts it
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      const oldFd = openForRead(file);
      if (oldFd === null) return;
      try {
        checkOpenFile(oldFd, file, uid);
        // Only whole lines are taken: a line being written right now is carried over once it is whole.
        const first = completeLines(readFrom(oldFd, 0));
        let consumed = first.length;
        const kept = boundRecords(parseLines(first.toString('utf8')), limits, now());
        const lines: Buffer[] = [];
        let bytes = 0;
        for (const record of kept) {
          const line = Buffer.from(`${JSON.stringify(record)}\n`);
          if (bytes + line.length > limits.keepBytes) break;
          lines.push(line);
          bytes += line.length;
        }
        const tempFd = fs.openSync(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, HISTORY_FILE_MODE);
        try {
          if (POSIX) fs.fchmodSync(tempFd, HISTORY_FILE_MODE);
          fs.writeSync(tempFd, Buffer.concat(lines.reverse()));
          // Lines appended while the new file was written: carried over as they are.
          const late = completeLines(readFrom(oldFd, consumed));
          consumed += late.length;
          if (late.length > 0) fs.writeSync(tempFd, late);
          fs.fsyncSync(tempFd);
        } finally {
          fs.closeSync(tempFd);
        }
        fs.renameSync(temp, file);
        // Lines appended between the last read and the rename went to the old file: copy them too. (A line still
        // being written is written again by its writer, which sees that the file was replaced.)
        const later = completeLines(readFrom(oldFd, consumed));
        if (later.length > 0) appendBytes(file, later, 1);
      } finally {
        fs.closeSync(oldFd);
      }
    } finally {
      fs.rmSync(temp, { force: true });
      fs.closeSync(lockFd);
      fs.rmSync(lock, { force: true });
    }
  }

  const store: HistoryStore = {
    dir,
    append(record) {
      const ok = guard('is not saved', false, () => {
        ensureFolders();
        const file = fileOf(record.server, record);
        const size = appendBytes(file, Buffer.from(`${JSON.stringify(record)}\n`));
        if (size > limits.compactAtBytes) compactFile(file);
        return true;
      });
      return ok ? { ok: true } : { ok: false, warning: lastProblem ?? 'Run history is not saved.' };
    },
    read(server, ref) {
      return guard('cannot be read', [], () => boundRecords(readFile(fileOf(server, ref)), limits, now()));
    },
    readAnyServer(ref) {
      return guard('cannot be read', [], () => {
        const prefix = `${ref.kind}.${ref.id}.`;
        const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.startsWith(prefix) && n.endsWith('.jsonl') && n.slice(prefix.length, -'.jsonl'.length).match(/^[0-9a-f]{10}$/)) : [];
        const all = names.flatMap((name) => boundRecords(readFile(path.join(dir, name)), limits, now()));
        return all.sort((a, b) => recordTime(b) - recordTime(a));
      });
    },
    compact(server, ref) {
      const ok = guard('cannot be trimmed', false, () => {
        ensureFolders();
        compactFile(fileOf(server, ref));
        return true;
      });
      return ok ? { ok: true } : { ok: false, warning: lastProblem ?? 'Run history cannot be trimmed.' };
    },
    sweep() {
      const ok = guard('cannot be trimmed', false, () => {
        if (!fs.existsSync(dir)) return true;
        ensureFolders();
        const entries = fs.readdirSync(dir).map((name) => ({ name, stats: fs.lstatSync(path.join(dir, name), { throwIfNoEntry: false }) }));
        const at = now();
        const files: Array<{ name: string; size: number; mtime: number }> = [];
        for (const { name, stats } of entries) {
          if (!stats || !stats.isFile()) continue;
          const old = at - stats.mtimeMs;
          if (name.endsWith('.tmp') && old > STALE_LOCK_MS) fs.rmSync(path.join(dir, name), { force: true });
          else if (name.endsWith('.jsonl') && old > limits.maxAgeMs) fs.rmSync(path.join(dir, name), { force: true });
          else if (name.endsWith('.jsonl')) files.push({ name, size: stats.size, mtime: stats.mtimeMs });
        }
        let total = files.reduce((n, f) => n + f.size, 0);
        for (const file of files.sort((a, b) => a.mtime - b.mtime)) {
          if (total <= limits.storeBytes) break;
          fs.rmSync(path.join(dir, file.name), { force: true });
          total -= file.size;
        }
        return true;
      });
      return ok ? { ok: true } : { ok: false, warning: lastProblem ?? 'Run history cannot be trimmed.' };
    },
    problem: () => lastProblem,
  };
  return store;
}

/** The complete lines of a chunk (a torn tail is left out). */
function completeLines(chunk: Buffer): Buffer {
  const end = chunk.lastIndexOf(0x0a);
  return end < 0 ? Buffer.alloc(0) : chunk.subarray(0, end + 1);
}
