// The run history as the commands use it: a recorder per server over the store in the user's state folder (or in
// memory, for the demo), fed with each check whose run has ended, and the facts `status` adds from it.
import { createRunRecorder, historyFacts, type HistoryFacts, type RunRecorder } from '../history/recorder.js';
import { createMemoryHistoryStore } from '../history/memory-store.js';
import { openHistoryStore } from '../history/store.js';
import { parseRef } from '../domain/sync-object-ref.js';
import { contextRef, type SourceCheck } from './check.js';

export type RecorderFor = (server: string) => RunRecorder;

/** Recorders over the history in `$XDG_STATE_HOME/aksync/history/`. */
export function screenHistory(env: NodeJS.ProcessEnv): RecorderFor {
  // One per server: the monitor's first look and the screens share it, so a run is appended once.
  const recorders = new Map<string, RunRecorder>();
  return (server) => {
    let recorder = recorders.get(server);
    if (!recorder) recorders.set(server, (recorder = createRunRecorder({ store: openHistoryStore({ env }), server })));
    return recorder;
  };
}

/** Recorders that keep runs for this process only (the demo: its server is on a new port each time). */
export function memoryHistory(): RecorderFor {
  const store = createMemoryHistoryStore();
  const recorders = new Map<string, RunRecorder>();
  return (server) => {
    let recorder = recorders.get(server);
    if (!recorder) recorders.set(server, (recorder = createRunRecorder({ store, server })));
    return recorder;
  };
}

/** Records the check's run once it has ended. */
export function recordCheck(recorder: RunRecorder, check: SourceCheck): void {
  if (check.assessment.runState.progress !== 'complete') return;
  recorder.observe(contextRef(check), check.status.generation, check.assessment.summary.tasks.map((v) => v.task));
}

/**
 * runs_failed_24h and median_duration_seconds of an object, from its history (null when it cannot be read). `name`:
 * an LDAP source's slug, or KIND/ID.
 */
export function factsFor(recorder: RunRecorder, name: string | null, now: number): HistoryFacts {
  const parsed = name === null ? null : parseRef(name);
  if (parsed === null || !parsed.ok) return historyFacts(null, now);
  const records = recorder.history(parsed.ref);
  return historyFacts(recorder.problem() && records.length === 0 ? null : records, now);
}
