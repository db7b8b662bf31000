// Everything the overview shows, kept current: the source fleet (the list re-read every minute so new sources
// appear, each source's status on its own cadence, at most 4 requests in flight, one connection state for the
// whole), and the server version and the token's user. Polling runs only while the overview is on screen: a
// source's monitor polls that source itself, and two status calls for one source at once can make a starting sync
// skip. React state changes only when the polled data changed.
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { AuthentikApi } from '../../api/types.js';
import { missingTaskPermissions, type CurrentUser, type LdapSource, type ServerVersion } from '../../domain/model.js';
import type { Clock } from '../../poll/clock.js';
import type { ConnectionState } from '../../poll/connection.js';
import { DEFAULT_FLEET_CONCURRENCY } from '../../poll/fleet.js';
import type { PollSnapshot } from '../../poll/poller.js';
import { createSourceFleet, type SourceFleet } from '../../poll/source-fleet.js';
import { createObjectFleet, objectKey, type KindListing } from '../../poll/object-fleet.js';
import { isSyncApi } from '../../api/sync-api.js';
import type { SyncObject } from '../../domain/model.js';
import type { RunRecorder } from '../../history/recorder.js';
import { useRunRecorder } from '../history-context.js';
import { useServerIdentity } from '../hooks/use-server-identity.js';
import { useVerdictClock } from '../hooks/use-verdict-clock.js';
import { createRowCache, sourceRows, type SourceRow } from './source-rows.js';

export interface OverviewData {
  /** The source list's own poll; its data is the last good list, kept while the list cannot be read. */
  list: PollSnapshot<LdapSource[]>;
  /** The overview's connection: live, retrying with a countdown, stale, paused, with the last poll's error. */
  connection: ConnectionState;
  /** One row per listed source, in the server's order. */
  rows: SourceRow[];
  version: ServerVersion | null;
  user: CurrentUser | null;
  missingPermissions: string[];
  /** Each kind's list as last read (every kind is asked for when the client reads them all; else only LDAP, none here). */
  kinds?: readonly KindListing[];
}

export interface OverviewControls {
  refresh(): void;
  togglePause(): void;
}

export interface OverviewDataOptions {
  api: AuthentikApi;
  intervalMs: number;
  /** False while another screen (a source's monitor) is showing: nothing is polled. */
  active: boolean;
  clock?: Clock;
  random?: () => number;
  /** Told of every run that ends (the run history). */
  recorder?: RunRecorder | null;
}

const NO_PERMISSIONS: string[] = [];

export function useOverviewData(options: OverviewDataOptions): { data: OverviewData; controls: OverviewControls } {
  const given = useRunRecorder();
  const { api, intervalMs, active, clock, random, recorder = given } = options;
  // A client that reads every kind lists every sync object; an API that knows only LDAP sources (a test's fake)
  // keeps the LDAP fleet, and the screen its LDAP words.
  const everyKind = isSyncApi(api);
  const fleet: SourceFleet & { kinds?: () => readonly KindListing[] } = useMemo(() => {
    const options = {
      intervalMs,
      concurrency: DEFAULT_FLEET_CONCURRENCY,
      recorder,
      ...(clock ? { clock } : {}),
      ...(random ? { random } : {}),
    };
    return everyKind ? (createObjectFleet(api, options) as unknown as SourceFleet & { kinds: () => readonly KindListing[] }) : createSourceFleet(api, options);
    // The interval is applied by setInterval below, without a new fleet.
  }, [api, clock, random, recorder, everyKind]);

  useEffect(() => {
    if (!active) return;
    fleet.start();
    return () => fleet.stop();
  }, [active, fleet]);
  useEffect(() => fleet.setInterval(intervalMs), [fleet, intervalMs]);
  const snapshot = useSyncExternalStore(fleet.subscribe, fleet.getSnapshot);
  const { list, connection, entries } = snapshot;

  const controls = useMemo<OverviewControls>(
    () => ({
      refresh: () => fleet.pollNow(),
      togglePause: () => (fleet.getSnapshot().connection.phase === 'paused' ? fleet.resume() : fleet.pause()),
    }),
    [fleet],
  );

  const { version, user } = useServerIdentity(api, { active, live: connection.phase === 'live', intervalMs });

  let generation = version?.generation ?? null;
  if (generation === null) for (const entry of entries.values()) generation ??= entry.data?.status.generation ?? null;
  const missingPermissions = useMemo(
    () => (user && generation ? missingTaskPermissions(user, generation) : NO_PERMISSIONS),
    [user, generation],
  );

  const cache = useRef(createRowCache());
  const verdictTime = useVerdictClock(active, clock);
  const sources = list.data;
  const rows = useMemo(
    () => sourceRows(sources ?? [], entries, missingPermissions, verdictTime, cache.current, everyKind ? (source) => objectKey(source as SyncObject) : undefined),
    [sources, entries, missingPermissions, verdictTime, everyKind],
  );
  // Read with each snapshot: the listings change only when a list is read, which makes a new snapshot.
  const listings = fleet.kinds?.();
  const kinds = useMemo(() => listings ?? [], [listings]);

  const data = useMemo<OverviewData>(
    () => ({ list, connection, rows, version, user, missingPermissions, kinds }),
    [list, connection, rows, version, user, missingPermissions, kinds],
  );
  return { data, controls };
}
