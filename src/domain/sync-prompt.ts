// The question asked before starting a sync, the same in the monitor (`S`) and on the command line (`aksync sync`):
// plain when no run is going on, and a warning when one is (or may be), because a second start is not harmless.
// Short enough for the monitor's one status line at 80 columns.
import { LDAP_RUN_SHAPE } from './ldap-run-shape.js';
import type { Generation } from './model.js';
import type { RunShape, RunState } from './run-state.js';

export interface SyncPrompt {
  /** `A sync is running; a second one deletes its tasks.` when a run is (or may be) going on; null otherwise. */
  notice: string | null;
  /** `Start a sync of Corp AD (corp-ad) now?`, or `Start anyway?` after the notice. */
  question: string;
}

export function syncPrompt(name: string, run: RunState, generation: Generation | null, shape: RunShape = LDAP_RUN_SHAPE): SyncPrompt {
  if (run.progress === 'running' || run.progress === 'maybe-running') {
    const state = run.progress === 'running' ? 'is running' : 'may still be running';
    return { notice: `A sync ${state}; ${shape.triggerWhileRunning(generation)}.`, question: 'Start anyway?' };
  }
  return { notice: null, question: `Start a sync of ${name} now?` };
}

/** The prompt in one line, without its answer keys. */
export function promptText(prompt: SyncPrompt): string {
  return [prompt.notice, prompt.question].filter(Boolean).join(' ');
}
