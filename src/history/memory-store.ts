// A history store that keeps runs in memory only: for the demo (whose server is a different port each time, so its
// runs are not worth keeping) and for tests of what records and reads history.
import { recordTime, serverOrigin, type RunRecord } from '../domain/run-record.js';
import { formatRef } from '../domain/sync-object-ref.js';
import { boundRecords, DEFAULT_HISTORY_LIMITS, type HistoryStore } from './store.js';

export function createMemoryHistoryStore(initial: readonly RunRecord[] = [], now: () => number = Date.now): HistoryStore & { records: RunRecord[] } {
  const records: RunRecord[] = [...initial];
  const of = (server: string | null, key: string) =>
    records.filter((r) => (server === null || r.server === serverOrigin(server)) && formatRef(r) === key);
  return {
    dir: '(memory)',
    records,
    append(record) {
      records.push(record);
      return { ok: true };
    },
    read: (server, ref) => boundRecords(of(server, formatRef(ref)), DEFAULT_HISTORY_LIMITS, now()),
    readAnyServer: (ref) => boundRecords(of(null, formatRef(ref)), DEFAULT_HISTORY_LIMITS, now()).sort((a, b) => recordTime(b) - recordTime(a)),
    compact: () => ({ ok: true }),
    sweep: () => ({ ok: true }),
    problem: () => null,
  };
}
