// One kind of sync object, described as data: where authentik keeps it, how its id and runs are read in each API
// generation, which of its messages are problems (its KindRules), and the words for it. The client, the verdict,
// the fleet and the commands take a kind and ask its description; a new kind is one file and its tests.
import type { z } from 'zod';
import type { ActorsB } from '../api/adapter-b.js';
import type { SystemTaskJson } from '../api/schemas-a.js';
import type { KindRules } from '../domain/kind-rules.js';
import type { SyncObject, SyncTask } from '../domain/model.js';
import type { SyncKind } from '../domain/sync-object-ref.js';

/** How one object of the list or retrieve answer is checked (strictly on the fields used) and read. */
export interface ObjectReader {
  readonly schema: z.ZodType;
  toObject(json: unknown): SyncObject;
}

export function objectReader<S extends z.ZodType>(schema: S, toObject: (json: z.output<S>) => SyncObject): ObjectReader {
  return { schema, toObject: (json) => toObject(json as z.output<S>) };
}

export interface KindDescription {
  readonly kind: SyncKind;
  /** `LDAP`, `Kerberos`, `SCIM`, `Google Workspace`, `Microsoft Entra`: a group's heading. */
  readonly title: string;
  /** `LDAP source`, `SCIM provider`. */
  readonly noun: { readonly one: string; readonly many: string };
  /** The first authentik release that has the kind (null: every supported one). */
  readonly since: { readonly year: number; readonly month: number } | null;
  /** Changing the object (so triggering it with a PATCH) needs a valid enterprise licence. */
  readonly enterprise: boolean;
  readonly rules: KindRules;

  /** The list (`/sources/ldap/`); an object is `<list><id>/`, its status `<list><id>/sync/status/`. */
  readonly listPath: string;
  readonly permissions: {
    /** To see the objects and their status. */
    readonly view: string;
    /** To trigger a sync with an empty PATCH. */
    readonly change: string;
  };
  readonly object: ObjectReader;

  /** Generation A (2024.8 to 2025.6): where a run is, and how its record becomes tasks. */
  readonly generationA: {
    /**
     * - `status`: the status answer carries the run's SystemTasks;
     * - `system-tasks`: the status's task list is always empty (Kerberos): the run's SystemTask is read from
     *   `/events/system_tasks/?name=<taskName>`.
     */
    readonly runs: { readonly from: 'status' } | { readonly from: 'system-tasks'; readonly taskName: string };
    /** One SystemTask of the object as domain tasks, keyed to the object by `key` (its id) where the kind needs it. */
    tasks(task: SystemTaskJson, key: string): SyncTask[];
  };

  /** Generation B (2025.8 on): the object's sync schedule and the actors of its run's tasks. */
  readonly generationB: {
    /** The schedule's `rel_obj` content type. */
    readonly relObj: { readonly appLabel: string; readonly model: string };
    readonly actors: ActorsB;
  };
}
