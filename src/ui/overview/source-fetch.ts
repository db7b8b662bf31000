// One poll of one listed source: its sync status (generation B needs the source's pk, so the listed source goes
// along), fed into that source's run memory so a run between two polls never blanks the row.
import type { AuthentikApi } from '../../api/types.js';
import type { LdapSource } from '../../domain/model.js';
import { displayedRun, rememberRun, type RunMemory } from '../../poll/run-memory.js';
import type { SourcePoll } from './source-rows.js';

export interface SourceFetch {
  fetch(slug: string, signal: AbortSignal): Promise<SourcePoll>;
  /** Forgets the run memory of sources no longer listed. */
  retain(slugs: readonly string[]): void;
}

export function createSourceFetch(api: AuthentikApi, listed: (slug: string) => LdapSource | undefined, now: () => number): SourceFetch {
  const memories = new Map<string, RunMemory>();
  return {
    async fetch(slug, signal) {
      const source = listed(slug);
      const status = await api.syncStatus(slug, { signal, ...(source ? { source } : {}) });
      const memory = rememberRun(memories.get(slug) ?? null, status, now(), slug, source ?? null);
      memories.set(slug, memory);
      return { status, run: displayedRun(memory), tasksStillArriving: memory.growing };
    },
    retain(slugs) {
      const keep = new Set(slugs);
      for (const slug of memories.keys()) if (!keep.has(slug)) memories.delete(slug);
    },
  };
}
