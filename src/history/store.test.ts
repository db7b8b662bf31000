import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { historyFileName, openHistoryStore, defaultHistoryDir } from './store.js';
import { runRecord, SERVER } from './test-support/records.js';

const run = promisify(execFile);
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const REF = { kind: 'ldap', id: 'corp-ad' } as const;

let root: string;
let dir: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'aksync-history-'));
  dir = path.join(root, 'aksync', 'history');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const file = () => path.join(dir, historyFileName(SERVER, REF));
const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe('the run history store', () => {
  it('lives under $XDG_STATE_HOME/aksync/history, else ~/.local/state/aksync/history', () => {
    expect(defaultHistoryDir({ XDG_STATE_HOME: '/x/state', HOME: '/home/a' })).toBe('/x/state/aksync/history');
    expect(defaultHistoryDir({ HOME: '/home/a' })).toBe('/home/a/.local/state/aksync/history');
  });

  it('keeps a run, in a 0600 file in 0700 folders, with no credentials from the URL', () => {
    const store = openHistoryStore({ dir });
    const record = runRecord(Date.now() - HOUR, { server: 'https://auth.example.com' });
    expect(store.append(record)).toEqual({ ok: true });
    expect(store.read('https://auth.example.com/api/v3/', REF)).toEqual([record]);
    expect(mode(file())).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.dirname(dir))).toBe(0o700);
    // Another server's runs of a source with the same slug are kept apart.
    expect(store.read('https://staging.example.com', REF)).toEqual([]);
  });

  it('keeps one record per run: the same run seen again (by another process, or with more pages) is merged', () => {
    const store = openHistoryStore({ dir });
    const at = Date.now() - HOUR;
    store.append(runRecord(at, { pages: 90 }));
    store.append(runRecord(at, { pages: 101 }));
    // A partly expired run: its first page is gone, so its id differs, but its span lies within the run's.
    store.append(runRecord(at, { run_id: 'other-id', pages: 40, start: new Date(at - 30_000).toISOString() }));
    const runs = store.read(SERVER, REF);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.pages).toBe(101);
  });

  it('keeps at most the last 1,000 runs and 90 days, whichever is less, and trims the file to them', () => {
    const now = Date.now();
    const store = openHistoryStore({ dir, limits: { compactAtBytes: 64 * 1024 * 1024 } });
    // 1,100 runs an hour apart: the newest 1,000 are all within 90 days.
    for (let i = 0; i < 1100; i++) store.append(runRecord(now - i * HOUR));
    let runs = store.read(SERVER, REF);
    expect(runs).toHaveLength(1000);
    expect(runs[0]?.run_id).toBe(`run-${now}`);
    expect(runs.at(-1)?.run_id).toBe(`run-${now - 999 * HOUR}`);
    expect(store.compact(SERVER, REF)).toEqual({ ok: true });
    expect(fs.readFileSync(file(), 'utf8').trim().split('\n')).toHaveLength(1000);

    // Runs a day apart: 90 days come before 1,000 runs.
    fs.rmSync(file());
    for (let i = 0; i < 120; i++) store.append(runRecord(now - i * DAY - HOUR));
    runs = store.read(SERVER, REF);
    expect(runs).toHaveLength(90);
    store.compact(SERVER, REF);
    expect(fs.readFileSync(file(), 'utf8').trim().split('\n')).toHaveLength(90);
  });

  it('compacts a file by itself once it outgrows its size, keeping the newest runs', () => {
    const now = Date.now();
    const store = openHistoryStore({ dir, limits: { compactAtBytes: 20_000, keepBytes: 10_000 } });
    for (let i = 0; i < 200; i++) store.append(runRecord(now - (200 - i) * HOUR));
    expect(fs.statSync(file()).size).toBeLessThanOrEqual(20_000);
    const runs = store.read(SERVER, REF);
    expect(runs[0]?.run_id).toBe(`run-${now - HOUR}`);
    expect(runs.length).toBeGreaterThan(10);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock'))).toEqual([]);
  });

  it('keeps the whole store within its budget, dropping the objects written longest ago', () => {
    const now = Date.now();
    const store = openHistoryStore({ dir, limits: { storeBytes: 30_000 } });
    for (const [n, id] of ['old', 'middle', 'new'].entries()) {
      for (let i = 0; i < 40; i++) store.append(runRecord(now - i * HOUR, { id }));
      fs.utimesSync(path.join(dir, historyFileName(SERVER, { kind: 'ldap', id })), new Date(now - (3 - n) * DAY), new Date(now - (3 - n) * DAY));
    }
    const sizes = fs.readdirSync(dir).reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
    expect(sizes).toBeGreaterThan(30_000);
    expect(store.sweep()).toEqual({ ok: true });
    expect(store.read(SERVER, { kind: 'ldap', id: 'old' })).toEqual([]);
    expect(store.read(SERVER, { kind: 'ldap', id: 'new' })).toHaveLength(40);
    expect(fs.readdirSync(dir).reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0)).toBeLessThanOrEqual(30_000);
  });

  it('loses only the record a crash interrupted, never the file: a torn last line is skipped and the next run starts a line of its own', () => {
    const now = Date.now();
    const store = openHistoryStore({ dir });
    const before = runRecord(now - 3 * HOUR);
    store.append(before);
    const torn = JSON.stringify(runRecord(now - 2 * HOUR)).slice(0, 70);
    fs.appendFileSync(file(), torn);
    expect(store.read(SERVER, REF)).toEqual([before]);
    const after = runRecord(now - HOUR);
    expect(store.append(after)).toEqual({ ok: true });
    expect(store.read(SERVER, REF)).toEqual([after, before]);
    // A torn line with the next record written right onto it (an older aksync, or a full disk) gives up only itself.
    fs.appendFileSync(file(), `${torn}${JSON.stringify(runRecord(now))}\n`);
    expect(store.read(SERVER, REF).map((r) => r.run_id)).toEqual([`run-${now}`, after.run_id, before.run_id]);
  });

  it('never throws when it cannot write: the problem is one sentence, and nothing is kept', () => {
    fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o700 });
    fs.symlinkSync(root, dir);
    const store = openHistoryStore({ dir });
    const result = store.append(runRecord(Date.now()));
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.warning).toMatch(/^Run history is not saved: .*symbolic link/);
    expect(store.problem()).toMatch(/symbolic link/);
    expect(store.read(SERVER, REF)).toEqual([]);
    expect(fs.readdirSync(root).filter((n) => n.endsWith('.jsonl'))).toEqual([]);
  });

  it('takes over a lock left by a writer that died', () => {
    const now = Date.now();
    const store = openHistoryStore({ dir, limits: { compactAtBytes: 64 * 1024 * 1024 } });
    for (let i = 0; i < 5; i++) store.append(runRecord(now - i * DAY, { run_id: `r${i}` }));
    const lock = `${file()}.lock`;
    fs.writeFileSync(lock, '99999\n');
    store.compact(SERVER, REF); // held by a live writer (recent): skipped, the lock stays
    expect(fs.existsSync(lock)).toBe(true);
    fs.utimesSync(lock, new Date(now - 5 * 60_000), new Date(now - 5 * 60_000));
    store.compact(SERVER, REF);
    expect(fs.existsSync(lock)).toBe(false);
    expect(store.read(SERVER, REF)).toHaveLength(5);
  });
});

describe('two aksync processes writing at once', () => {
  it('lose no run while both append and compact', async () => {
    const bundle = path.join(root, 'writer.mjs');
    await build({ entryPoints: [path.join(import.meta.dirname, 'test-support/writer.ts')], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'error' });
    // Compaction keeps everything but runs whenever a file passes 16 KB: both processes rewrite the file under each other.
    const limits = JSON.stringify({ compactAtBytes: 16_000, keepBytes: 64 * 1024 * 1024 });
    const count = 200;
    const base = String(Date.now() - 60 * DAY);
    await Promise.all([
      run(process.execPath, [bundle, dir, 'a', String(count), '0', limits, base]),
      run(process.execPath, [bundle, dir, 'b', String(count), '1', limits, base]),
    ]);
    const runs = openHistoryStore({ dir }).read(SERVER, REF);
    const ids = new Set(runs.map((r) => r.run_id));
    const missing = ['a', 'b'].flatMap((name) => Array.from({ length: count }, (_, i) => `${name}-${i}`)).filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
    expect(runs).toHaveLength(2 * count);
    // Every line of the file is a whole record.
    const lines = fs.readFileSync(file(), 'utf8').split('\n').filter((l) => l !== '');
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock'))).toEqual([]);
  });
});
