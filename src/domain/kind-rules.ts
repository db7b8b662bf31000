// What differs, for the verdict, between the kinds of sync object (LDAP source, Kerberos source, SCIM / Google
// Workspace / Microsoft Entra provider): which messages are problems, which count synced objects, how runs are
// shaped, and the words for the states every kind shares (disabled, no run on record, all well). The verdict is the
// same code for every kind; it asks these rules. Each kind's rules live with its description in src/kinds/.
import type { Generation, LogMessage } from './model.js';
import type { RunShape } from './run-state.js';
import type { SyncKind } from './sync-object-ref.js';

export interface MessageRules {
  /** A message worth a human's attention, whatever level authentik gave it (LDAP logs skipped objects at info). */
  isProblem(message: LogMessage): boolean;
  /** How many objects a message says were synced (LDAP's `Synced N objects.`); null when it says nothing of it. */
  objectsSynced(message: LogMessage): number | null;
  /** A line of the task framework itself (`Task is being processed`): never a task's headline. */
  isLifecycle(message: LogMessage): boolean;
}

/** What a run's totals say, for the OK verdict's reason. */
export interface RunCounts {
  pages: number;
  /** Pages still queued or running. */
  pending: number;
  objects: number;
  /** Tasks of the run (pages and the run task). */
  tasks: number;
}

export interface KindWords {
  /** `LDAP source`, `SCIM provider`. */
  object: string;
  /** The reason of the OK verdict of a disabled object with nothing on record. */
  disabled: string;
  /** The reason of the WARNING when no run is on record and nothing else explains it. */
  noRun(generation: Generation): string;
  /** What an unreachable entry of the object's `connectivity` is (`LDAP server`); null when the kind has none. */
  connectivity: string | null;
  /** The reason while a run starts and has nothing to show yet. */
  starting: string;
  /** The reason of an OK verdict from a run's tasks. */
  ok(counts: RunCounts): string;
}

export interface KindRules {
  readonly kind: SyncKind;
  readonly messages: MessageRules;
  readonly shape: RunShape;
  /**
   * Seconds between two scheduled runs in generation A, for the stale verdict (a run's end older than twice this);
   * null when authentik deletes a run's record sooner than that anyway (LDAP), so an old run cannot be seen.
   * Generation B reads the period from the schedule's crontab.
   */
  readonly periodSecondsA: number | null;
  readonly words: KindWords;
  /** Page types in the order a summary lists them, and those it lists even with no page (the others only when seen). */
  readonly pageTypes: { readonly order: readonly string[]; readonly always: readonly string[] };
}
