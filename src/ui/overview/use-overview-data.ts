// Everything the overview shows, kept current: the source list (re-read every minute, so new sources appear), each
// source's status through the fleet poller (at most 4 requests in flight, each source at most once per interval,
// its own backoff and stale marking), and the server version and the token's user once. Polling runs only while
// the overview is on screen: a source's monitor polls that source itself, and two status calls for one source at
// once can make a starting sync skip. React state changes only when the polled data changed.
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { AuthentikApi } from '../../api/types.js';
import { missingTaskPermissions, type CurrentUser, type LdapSource, type ServerVersion } from '../../domain/model.js';
import type { Clock } from '../../poll/clock.js';
import { createFleetPoller, DEFAULT_FLEET_CONCURRENCY } from '../../poll/fleet.js';
import { createPoller, type PollSnapshot } from '../../poll/poller.js';
import { useServerIdentity } from '../hooks/use-server-identity.js';
import { useVerdictClock } from '../hooks/use-verdict-clock.js';
import { createSourceFetch } from './source-fetch.js';
import { createRowCache, sourceRows, type SourceRow } from './source-rows.js';

/** How often the list of sources is re-read. */
export const SOURCE_LIST_REFRESH_MS = 60_000;

export interface OverviewData {
  /** The source list's poll: its phase and error say whether the list itself is current. */
  list: PollSnapshot<LdapSource[]>;
  /** One row per listed source, in the server's order. */
  rows: SourceRow[];
  version: ServerVersion | null;
  user: CurrentUser | null;
  missingPermissions: string[];
  paused: boolean;
  /** The newest change of any source's data, for the header. */
  lastChange: number | null;
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
}

const NO_PERMISSIONS: string[] = [];

export function useOverviewData(options: OverviewDataOptions): { data: OverviewData; controls: OverviewControls } {
  const { api, intervalMs, active, clock, random } = options;
  const listed = useRef(new Map<string, LdapSource>());
  const timing = { ...(clock ? { clock } : {}), ...(random ? { random } : {}) };

  const listPoller = useMemo(
    () => createPoller<LdapSource[]>({ fetch: (signal) => api.listSources({ signal }), intervalMs: SOURCE_LIST_REFRESH_MS, ...timing }),
    [api, clock, random],
  );
  const sourceFetch = useMemo(() => createSourceFetch(api, (slug) => listed.current.get(slug), () => (clock ?? Date).now()), [api, clock]);
  const fleet = useMemo(
    () =>
      createFleetPoller({
        keys: [],
        fetch: (slug, signal) => sourceFetch.fetch(slug, signal),
        intervalMs,
        concurrency: DEFAULT_FLEET_CONCURRENCY,
        ...timing,
      }),
    // The interval is applied by setInterval below, without a new fleet.
    [sourceFetch, clock, random],
  );

  useEffect(() => {
    if (!active) return;
    listPoller.start();
    fleet.start();
    return () => {
      listPoller.stop();
      fleet.stop();
    };
  }, [active, listPoller, fleet]);
  useEffect(() => fleet.setInterval(intervalMs), [fleet, intervalMs]);

  const list = useSyncExternalStore(listPoller.subscribe, listPoller.getSnapshot);
  const fleetSnapshot = useSyncExternalStore(fleet.subscribe, fleet.getSnapshot);

  const sources = list.data;
  useEffect(() => {
    if (!sources) return;
    listed.current = new Map(sources.map((s) => [s.slug, s]));
    const slugs = sources.map((s) => s.slug);
    fleet.setKeys(slugs);
    sourceFetch.retain(slugs);
  }, [sources, fleet, sourceFetch]);

  const [paused, setPaused] = useState(false);
  const pausedNow = useRef(false);
  const controls = useMemo<OverviewControls>(
    () => ({
      refresh: () => {
        listPoller.pollNow();
        fleet.pollNow();
      },
      togglePause: () => {
        pausedNow.current = !pausedNow.current;
        if (pausedNow.current) {
          listPoller.pause();
          fleet.pause();
        } else {
          listPoller.resume();
          fleet.resume();
        }
        setPaused(pausedNow.current);
      },
    }),
    [listPoller, fleet],
  );

  const { version, user } = useServerIdentity(api, { active, retryKey: list.updatedAt });

  let generation = version?.generation ?? null;
  if (generation === null) for (const entry of fleetSnapshot.entries.values()) generation ??= entry.data?.status.generation ?? null;
  const missingPermissions = useMemo(
    () => (user && generation ? missingTaskPermissions(user, generation) : NO_PERMISSIONS),
    [user, generation],
  );

  const cache = useRef(createRowCache());
  const verdictTime = useVerdictClock(active, clock);
  const rows = useMemo(
    () => sourceRows(sources ?? [], fleetSnapshot.entries, missingPermissions, verdictTime, cache.current),
    [sources, fleetSnapshot, missingPermissions, verdictTime],
  );
  const lastChange = useMemo(() => {
    let newest: number | null = null;
    for (const entry of fleetSnapshot.entries.values()) if (entry.updatedAt !== null && (newest === null || entry.updatedAt > newest)) newest = entry.updatedAt;
    return newest;
  }, [fleetSnapshot]);

  const data = useMemo<OverviewData>(
    () => ({ list, rows, version, user, missingPermissions, paused, lastChange }),
    [list, rows, version, user, missingPermissions, paused, lastChange],
  );
  return { data, controls };
}
