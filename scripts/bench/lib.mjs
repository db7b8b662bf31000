// Shared by the benchmarks: aksync in a pseudo-terminal read through xterm.js, a simulated authentik, /proc readings
// and summary statistics. Plain ESM on top of dist/ (run `npm run build` first).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import xterm from '@xterm/headless';
import * as pty from 'node-pty';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const AKSYNC_BIN = path.join(REPO_ROOT, 'bin', 'aksync.js');

export async function startSimulator(scenario) {
  const { startSimulator: start } = await import(path.join(REPO_ROOT, 'dist', 'simulator', 'index.js'));
  return await start({ generation: 'A', scenario });
}

/** A clean environment: no CI, colour or aksync settings from the caller; a throwaway settings folder. */
export function benchEnvironment(extra = {}) {
  const configHome = mkdtempSync(path.join(tmpdir(), 'aksync-bench-'));
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/^(AUTHENTIK_|AKSYNC_|npm_)/.test(name)) delete env[name];
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'NODE_ENV', 'DEV', 'LC_ALL', 'LC_CTYPE']) delete env[name];
  // No CI variable at all, as on a desk: chalk turns colour off whenever CI is set, even to 'false'.
  delete env.CI;
  Object.assign(env, { TERM: 'xterm-256color', LANG: 'C.UTF-8', XDG_CONFIG_HOME: configHome }, extra);
  for (const name of Object.keys(env)) if (env[name] === undefined) delete env[name];
  return { env, cleanup: () => rmSync(configHome, { recursive: true, force: true }) };
}

/** `node bin/aksync.js ARGS` in a terminal; every output chunk is kept with its arrival time. */
export function spawnInTerminal(args, { cols = 120, rows = 40, env = {}, file = AKSYNC_BIN } = {}) {
  const { env: environment, cleanup } = benchEnvironment(env);
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  const startedAt = performance.now();
  const child = pty.spawn(process.execPath, [file, ...args], { name: 'xterm-256color', cols, rows, cwd: REPO_ROOT, env: environment, encoding: null });
  term.onData((reply) => child.write(reply));
  const chunks = [];
  const watchers = new Set();
  let exited = false;
  let inFrame = false;
  child.onData((data) => {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    chunks.push({ at: performance.now(), bytes });
    const text = bytes.toString('latin1');
    const begin = text.lastIndexOf(FRAME_BEGIN);
    const end = text.lastIndexOf(FRAME_END);
    if (begin > end) inFrame = true;
    else if (end > begin) inFrame = false;
    term.write(bytes, () => {
      for (const check of [...watchers]) check();
    });
  });
  const exit = new Promise((resolve) => child.onExit((e) => ((exited = true), resolve(e))));
  const screenText = () => {
    const buffer = term.buffer.active;
    const lines = [];
    for (let y = 0; y < term.rows; y++) lines.push((buffer.getLine(buffer.viewportY + y)?.translateToString(true, 0, term.cols) ?? '').trimEnd());
    return lines.join('\n');
  };
  /** True when the last frame begun has also ended (ink wraps each frame in synchronized-output markers). */
  const frameComplete = () => !inFrame;
  /** Resolves with the time (ms since spawn) at which the screen first matched, between two frames. */
  const waitFor = (regex, timeoutMs = 20_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (frameComplete() && regex.test(screenText())) {
          watchers.delete(check);
          clearTimeout(timer);
          resolve(performance.now() - startedAt);
        }
      };
      const timer = setTimeout(() => {
        watchers.delete(check);
        reject(new Error(`timed out waiting for ${regex}\n${screenText()}`));
      }, timeoutMs);
      watchers.add(check);
      check();
    });
  return {
    pid: child.pid,
    term,
    chunks,
    screenText,
    waitFor,
    press: (keys) => child.write(keys),
    /** Bytes written in [fromMs, toMs) of performance.now(). */
    bytesBetween: (from, to) => chunks.filter((c) => c.at >= from && c.at < to).reduce((sum, c) => sum + c.bytes.length, 0),
    exit,
    async close() {
      if (!exited) child.kill('SIGTERM');
      await Promise.race([exit, new Promise((r) => setTimeout(r, 3_000))]);
      if (!exited) child.kill('SIGKILL');
      term.dispose();
      cleanup();
    },
  };
}

/** Runs aksync with piped output; resolves with the wall time in ms and the exit code. */
export function timePiped(args, env) {
  const { env: environment, cleanup } = benchEnvironment(env);
  const started = performance.now();
  const child = spawn(process.execPath, [AKSYNC_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: environment });
  child.stdout.resume();
  child.stderr.resume();
  return new Promise((resolve) => {
    child.on('close', (code) => {
      cleanup();
      resolve({ ms: performance.now() - started, code });
    });
  });
}

/** Resident memory of a process in KiB, from /proc. */
export function rssKiB(pid) {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : NaN;
}

const CLOCK_TICKS = 100; // getconf CLK_TCK on Linux

/** User + system CPU time of a process in ms, from /proc/<pid>/stat. */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(sorted.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1));
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { n, mean, sd, median, min: sorted[0], max: sorted[n - 1] };
}

export const formatMs = (s) =>
  `median ${s.median.toFixed(0)} ms, mean ${s.mean.toFixed(0)} ± ${s.sd.toFixed(0)} ms, range ${s.min.toFixed(0)} … ${s.max.toFixed(0)} ms (${s.n} runs)`;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `--name value` from argv, or the default. */
export function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1] : fallback;
}

/** The first frame with data: a verdict word in the header and the connection live. */
export const HAS_DATA = /\b(OK|WARNING|CRITICAL|UNKNOWN)\b[\s\S]*\blive\b/;

/** Synchronized-output begin marker: ink 6.8 writes one per frame it actually draws. */
export const FRAME_BEGIN = '\x1b[?2026h';
export const FRAME_END = '\x1b[?2026l';

export function countFrames(chunks, from, to) {
  let frames = 0;
  for (const c of chunks) {
    if (c.at < from || c.at >= to) continue;
    const text = c.bytes.toString('latin1');
    for (let at = text.indexOf(FRAME_BEGIN); at !== -1; at = text.indexOf(FRAME_BEGIN, at + 1)) frames++;
  }
  return frames;
}

/** One budget's verdict: `PASS name 1.7x (budget ≤ 2x)`; lower is better. */
export function verdictLine(name, value, budget, unit = '') {
  const pass = value <= budget;
  const shown = unit === 'x' ? value.toFixed(2) : value.toFixed(0);
  return { pass, text: `${pass ? 'PASS' : 'FAIL'} ${name} ${shown}${unit} (budget ≤ ${budget}${unit})` };
}

/** The large source of the field report: 10,000 page tasks, one of them with 100,000 messages (~34 MB). */
export const HUGE_TASKS = 10_000;

/**
 * A simulated authentik whose corp-ad status is the huge one: the `big` scenario's status (one page of 100,000
 * messages) grown to 10,000 page tasks, rendered once and served from memory (the simulator would take seconds to
 * render it per request, on the benchmark's own thread). Every other request goes to the simulator.
 * `mutate()` changes one task, so the next poll is a different body of the same size.
 */
export async function startHugeServer() {
  const http = await import('node:http');
  const sim = await startSimulator('big');
  const statusPath = '/api/v3/sources/ldap/corp-ad/sync/status/';
  const answer = await fetch(`${sim.url}${statusPath}`, { headers: { Authorization: `Bearer ${sim.token}` } });
  const status = await answer.json();
  const template = status.tasks.find((task) => task.messages.length === 1 && task.uid.includes(':users:'));
  let serial = 0;
  while (status.tasks.length < HUGE_TASKS) {
    serial += 1;
    const id = `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`;
    status.tasks.push({ ...template, uuid: id, uid: `corp-ad:users:${id}`, full_name: `ldap_sync:corp-ad:users:${id}` });
  }
  let body = Buffer.from(JSON.stringify(status));
  // The changed body is built once, so flipping between the two costs the benchmark's own thread nothing.
  const last = status.tasks[status.tasks.length - 1];
  const bodies = [body, Buffer.from(JSON.stringify({ ...status, tasks: [...status.tasks.slice(0, -1), { ...last, duration: last.duration + 1 }] }))];
  let version = 0;
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === statusPath) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
      return;
    }
    const upstream = http.request(`${sim.url}${req.url}`, { method: req.method, headers: req.headers }, (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    });
    req.pipe(upstream);
  });
  // Polls of this size can be seconds apart on a loaded machine: keep the client's socket open meanwhile.
  server.keepAliveTimeout = 120_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    token: sim.token,
    statusPath,
    body: () => body,
    /** Switches to the other body: one task's duration differs (a different poll to parse, judge and draw). */
    mutate() {
      version += 1;
      body = bodies[version % 2];
    },
    async close() {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
      await sim.close();
    },
  };
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
