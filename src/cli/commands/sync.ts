// `aksync sync SLUG [--yes] [--wait]`: start a run now, and optionally follow it to its end.
import { createInterface } from 'node:readline/promises';
import { isApiError } from '../../api/errors.js';
import type { AuthentikApi } from '../../api/types.js';
import { formatDuration } from '../../domain/format.js';
import { safeLine } from '../../domain/sanitize.js';
import { promptText, syncPrompt } from '../../domain/sync-prompt.js';
import { EXIT_USAGE } from '../main.js';
import type { Flags } from '../args.js';
import { syncApiOf } from '../../api/sync-api.js';
import type { SyncObjectRef } from '../../domain/sync-object-ref.js';
import { KINDS } from '../../kinds/registry.js';
import { asCheckFailure, checkObject, recheckSource, type SourceCheck } from '../check.js';
import { namedObject } from './status.js';
import { writeFailure, writeOutcome } from '../check-output.js';
import { EXIT_UNKNOWN, fail, prepare } from '../context.js';
import { factsFor, recordCheck, screenHistory } from '../history-record.js';
import type { Io } from '../output.js';

/** How long to wait for authentik to show any sign of the new run before giving up on it. */
const START_GRACE_MS = 120_000;

async function confirm(io: Io, question: string): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: io.stderr as NodeJS.WritableStream, terminal: true });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

function taskIds(check: SourceCheck): Set<string> {
  return new Set(check.assessment.summary.tasks.map((v) => v.task.id));
}

/** A run is new when authentik reports it running or shows tasks none of which existed before the trigger. */
function isNewRun(check: SourceCheck, before: Set<string>): boolean {
  if (check.assessment.running) return true;
  const ids = taskIds(check);
  return ids.size > 0 && [...ids].every((id) => !before.has(id));
}

export interface WaitOptions {
  intervalMs: number;
  signal?: AbortSignal;
  onProgress?: (check: SourceCheck) => void;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });

/** Polls (the status only: the server, user and source are known) until the run started after `before` has ended. */
export async function waitForRun(api: AuthentikApi, before: SourceCheck, options: WaitOptions): Promise<{ check: SourceCheck; started: boolean }> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const beforeIds = taskIds(before);
  const since = now();
  let started = false;
  let last = before;
  while (!options.signal?.aborted) {
    await sleep(options.intervalMs, options.signal);
    if (options.signal?.aborted) break;
    try {
      last = await recheckSource(api, before, { signal: options.signal });
    } catch (error) {
      // A blip while waiting is not the run's verdict; keep following.
      if (isApiError(error) && error.kind !== 'unauthenticated' && error.kind !== 'forbidden' && error.kind !== 'not_found') continue;
      throw error;
    }
    options.onProgress?.(last);
    started ||= isNewRun(last, beforeIds);
    if (started && !last.assessment.running) return { check: last, started };
    if (!started && now() - since > START_GRACE_MS) return { check: last, started };
  }
  return { check: last, started };
}

export async function runSync(positionals: string[], flags: Flags, io: Io): Promise<number> {
  // With --wait this is a check: whatever stops it is its UNKNOWN on stdout (exit 3), usage included.
  const cannot = (kind: string, message: string, slug: string | null, server: string | null, usage = false): number => {
    if (flags.wait) return writeFailure(io, flags, { kind, message }, { slug }, server);
    fail(io, message);
    return usage ? EXIT_USAGE : EXIT_UNKNOWN;
  };
  let settingsFailure: number | null = null;
  const named = namedObject(positionals[0]);
  const connection = prepare(flags, named.slug, io, (message) => {
    settingsFailure = cannot('settings', message, positionals[0] ?? null, null);
  });
  if (typeof connection === 'number') return settingsFailure ?? connection;
  const { api, settings, serverLabel } = connection;
  const ref: SyncObjectRef | null = named.ref ?? (settings.source ? { kind: 'ldap', id: settings.source } : null);
  if (!ref) return cannot('usage', 'Name the source to sync: aksync sync SLUG (`aksync sources` lists them).', null, serverLabel, true);
  // An LDAP source is named by its slug alone, as before; any other object by KIND/ID.
  const slug = ref.kind === 'ldap' ? ref.id : `${ref.kind}/${ref.id}`;
  try {
    const before = await checkObject(api, ref);
    const name = `${safeLine(before.source.name)} (${safeLine(slug)})`;
    const prompt = syncPrompt(`${name} on ${serverLabel}`, before.assessment.runState, before.version.generation, KINDS[ref.kind].rules.shape);
    if (!flags.yes) {
      if (!io.stdin.isTTY) {
        return cannot('usage', `Not starting a sync of ${name} without confirmation: stdin is not a terminal. Pass --yes.`, slug, serverLabel, true);
      }
      if (!(await confirm(io, promptText(prompt)))) {
        io.stderr.write('Nothing started.\n');
        return 1;
      }
    } else if (prompt.notice) {
      io.stderr.write(`${prompt.notice} Starting it anyway (--yes).\n`);
    }
    if (ref.kind === 'ldap') await api.triggerSync(ref.id, { source: before.source });
    else await syncApiOf(api).triggerObject(ref, { object: before.source });
    io.stderr.write(`Sync of ${name} started.\n`);
    if (!flags.wait) return 0;

    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    const startedAt = Date.now();
    try {
      let lastLine = '';
      const { check, started } = await waitForRun(api, before, {
        intervalMs: settings.intervalSeconds * 1000,
        signal: stop.signal,
        onProgress: (c) => {
          const t = c.assessment.summary.totals;
          const line = `${c.assessment.running ? 'running' : 'finished'}: ${t.pages} pages, ${t.objects} objects, ${t.problems} problems, ${t.errors} errors (${formatDuration((Date.now() - startedAt) / 1000)})`;
          if (line !== lastLine && io.stderr.isTTY) io.stderr.write(`${line}\n`);
          lastLine = line;
        },
      });
      if (stop.signal.aborted) {
        io.stderr.write('Stopped waiting; the sync goes on in authentik.\n');
        return 130;
      }
      if (!started) io.stderr.write('authentik shows no sign of the new run yet; reporting the current status.\n');
      const recorder = screenHistory(io.env)(serverLabel);
      recordCheck(recorder, before);
      recordCheck(recorder, check);
      const problem = recorder.problem();
      if (problem) io.stderr.write(`aksync: warning: ${problem}\n`);
      return writeOutcome(io, flags, { kind: 'checked', check }, serverLabel, factsFor(recorder, slug, Date.now()));
    } finally {
      process.off('SIGINT', onSignal);
    }
  } catch (error) {
    const failure = asCheckFailure(error);
    if (!failure) throw error;
    return cannot(failure.kind, failure.message, slug, serverLabel);
  }
}
