// The run history the screens draw from: the recorder of the server on screen (history-context), read per object.
// A screen re-renders when a run is recorded; with no recorder (history off, the tests' apps) there is no history.
import { useCallback, useEffect, useMemo, useReducer, useSyncExternalStore } from 'react';
import type { RunRecord } from '../../domain/run-record.js';
import type { SyncKind } from '../../domain/sync-object-ref.js';
import { useRunRecorder } from '../history-context.js';

const NONE = () => () => {};
const NOTHING = () => null;

/** One object's runs, newest first; null when no history is kept. */
export function useObjectHistory(kind: SyncKind, id: string): readonly RunRecord[] | null {
  const recorder = useRunRecorder();
  const read = useCallback(() => (recorder ? recorder.history({ kind, id }) : null), [recorder, kind, id]);
  return useSyncExternalStore(recorder?.subscribe ?? NONE, recorder ? read : NOTHING);
}

/** Every object's runs by id, for a list of them; a new function whenever a run is recorded; null without history. */
export function useHistoryLookup(kind: SyncKind): ((id: string) => readonly RunRecord[]) | null {
  const recorder = useRunRecorder();
  const [version, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => (recorder ? recorder.subscribe(bump) : undefined), [recorder]);
  return useMemo(() => {
    void version;
    return recorder ? (id: string) => recorder.history({ kind, id }) : null;
  }, [recorder, kind, version]);
}

/** Why runs are not being kept, or null. */
export function useHistoryProblem(): string | null {
  const recorder = useRunRecorder();
  return useSyncExternalStore(recorder?.subscribe ?? NONE, recorder?.problem ?? NOTHING);
}
