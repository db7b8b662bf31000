// One authentik server as the exporter watches it: the fleet poller the overview uses (same client, verdict,
// backoff and concurrency limit), the server's version and the token's user for the permission check, and the
// latest samples, recomputed when the fleet publishes or the verdicts' clock moves, never by a scrape's request.
// It logs one line per change of state: authentik answering or not, an object's verdict, an object appearing or going.
import type { AuthentikApi } from '../api/types.js';
import { missingTaskPermissions, type CurrentUser, type ServerVersion } from '../domain/model.js';
import { formatRef } from '../domain/sync-object-ref.js';
import { systemClock, type Clock } from '../poll/clock.js';
import { createPoller, type Poller } from '../poll/poller.js';
import { createObjectFleet, type ObjectFleet } from '../poll/object-fleet.js';
import { fleetSamples, WAITING } from './fleet-samples.js';
import { instrumentApi, type PollObserver } from './instrument.js';
import type { ServerSample, VerdictState } from './samples.js';

/** How often the server's version and the token's user are asked for (the client keeps them once read). */
export const IDENTITY_INTERVAL_MS = 60_000;
/** Verdicts that depend on the time (stale, "last success 2h ago") are re-judged at least this often. */
export const VERDICT_CLOCK_MS = 1_000;

export interface ServerWatchOptions {
  /** The `server` label. */
  server: string;
  api: AuthentikApi;
  intervalMs: number;
  concurrency?: number;
  clock?: Clock;
  random?: () => number;
  /** One line per change of state (without a newline). The text may carry server strings: the caller sanitises. */
  log: (line: string) => void;
  observePoll: PollObserver;
}

export interface ServerWatch {
  readonly server: string;
  start(): void;
  /** Aborts every request in flight and cancels every timer. */
  stop(): void;
  /** The latest samples (recomputed only when the data changed or the verdicts' clock moved). */
  sample(): ServerSample;
}

type Identity = [ServerVersion, CurrentUser];

export function createServerWatch(options: ServerWatchOptions): ServerWatch {
  const { server, log } = options;
  const clock = options.clock ?? systemClock;
  const api = instrumentApi(options.api, options.observePoll);
  const fleet: ObjectFleet = createObjectFleet(api, {
    intervalMs: options.intervalMs,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    clock,
    ...(options.random ? { random: options.random } : {}),
  });
  const identity: Poller<Identity> = createPoller<Identity>({
    fetch: (signal) => Promise.all([options.api.version({ signal }), options.api.me({ signal })]),
    intervalMs: IDENTITY_INTERVAL_MS,
    retryBaseMs: () => Math.max(5_000, options.intervalMs),
    clock,
    ...(options.random ? { random: options.random } : {}),
  });
  const lastSuccess = new Map<string, number>();
  let cached: { snapshot: unknown; ids: Identity | null; tick: number; sample: ServerSample } | null = null;
  let reportTimer: unknown = null;
  /** What the log last said: whether authentik answers (null: nothing said yet), and each object's verdict. */
  let saidUp: boolean | null = null;
  const saidVerdicts = new Map<string, VerdictState>();
  const unsubscribers: Array<() => void> = [];

  function sample(): ServerSample {
    const snapshot = fleet.getSnapshot();
    const ids = identity.getSnapshot().data;
    const now = clock.now();
    const tick = Math.floor(now / VERDICT_CLOCK_MS);
    if (cached && cached.snapshot === snapshot && cached.ids === ids && cached.tick === tick) return cached.sample;
    const missingPermissions = ids ? missingTaskPermissions(ids[1], ids[0].generation) : [];
    const up = snapshot.list.failures === 0 && snapshot.list.data !== null;
    const result: ServerSample = { server, up, objects: fleetSamples({ snapshot, missingPermissions, now, lastSuccess }) };
    cached = { snapshot, ids, tick, sample: result };
    return result;
  }

  // Verdicts that turn with time alone (a schedule missed) are said within a poll interval, data changed or not.
  function reportEvery(): void {
    reportTimer = clock.setTimeout(() => {
      report();
      reportEvery();
    }, Math.max(options.intervalMs, 5_000));
  }

  function report(): void {
    const snapshot = fleet.getSnapshot();
    const current = sample();
    if (current.up !== saidUp && (current.up || snapshot.list.failures > 0)) {
      const error = snapshot.connection.error?.message ?? 'no answer';
      log(current.up ? `${server}: authentik answers (${current.objects.length} sync objects)` : `${server}: authentik does not answer: ${error}`);
      saidUp = current.up;
    }
    // While authentik does not answer, objects only age: their verdicts are said again once it answers.
    if (!current.up) return;
    const listed = new Set<string>();
    for (const object of current.objects) {
      const key = formatRef(object.ref);
      listed.add(key);
      const before = saidVerdicts.get(key);
      if (object.verdict === before) continue;
      if (before === undefined && !object.answered && object.reason === WAITING) continue;
      log(`${server} ${key}: ${before === undefined ? '' : `${before.toUpperCase()} → `}${object.verdict.toUpperCase()}: ${object.reason}`);
      saidVerdicts.set(key, object.verdict);
    }
    for (const key of [...saidVerdicts.keys()]) {
      if (listed.has(key)) continue;
      log(`${server} ${key}: no longer listed by authentik`);
      saidVerdicts.delete(key);
    }
  }

  return {
    server,
    start() {
      unsubscribers.push(fleet.subscribe(report), identity.subscribe(report));
      identity.start();
      fleet.start();
      reportEvery();
    },
    stop() {
      for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
      if (reportTimer !== null) clock.clearTimeout(reportTimer);
      reportTimer = null;
      fleet.stop();
      identity.stop();
    },
    sample,
  };
}
