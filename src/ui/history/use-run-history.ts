// The run history the screens draw from: the recorder of the server on screen (history-context), read per object.
// A screen re-renders when a run is recorded; with no recorder (history off, the tests' apps) there is no history.
import { useCallback, useEffect, useMemo, useReducer, useSyncExternalStore } from 'react';
import type { RunRecord } from '../../domain/run-record.js';
import { parseRef, type SyncKind } from '../../domain/sync-object-ref.js';
import { useRunRecorder } from '../history-context.js';

const NONE = () => () => {};
const NOTHING = () => null;

/** One object's runs, newest first; null when no history is kept. */
export function useObjectHistory(kind: SyncKind, id: string): readonly RunRecord[] | null {
  const recorder = useRunRecorder();
  const read = useCallback(() => (recorder ? recorder.history({ kind, id }) : null), [recorder, kind, id]);
  return useSyncExternalStore(recorder?.subscribe ?? NONE, recorder ? read : NOTHING);
}

const NO_RUNS: readonly RunRecord[] = [];

/**
 * Every object's runs by its screen key (an LDAP source's slug, else `KIND/ID`), for a list of them; a new function
 * whenever a run is recorded; null without history.
 */
export function useHistoryLookup(): ((key: string) => readonly RunRecord[]) | null {
  const recorder = useRunRecorder();
  const [version, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => (recorder ? recorder.subscribe(bump) : undefined), [recorder]);
  return useMemo(() => {
    void version;
    if (!recorder) return null;
    return (key: string) => {
      const parsed = parseRef(key);
      return parsed.ok ? recorder.history(parsed.ref) : NO_RUNS;
    };
  }, [recorder, version]);
}

/** Why runs are not being kept, or null. */
export function useHistoryProblem(): string | null {
  const recorder = useRunRecorder();
  return useSyncExternalStore(recorder?.subscribe ?? NONE, recorder?.problem ?? NOTHING);
}
