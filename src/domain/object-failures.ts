// The objects an outgoing provider (SCIM, Google Workspace, Microsoft Entra) failed to push, named: authentik logs
// each as a `warning` line inside a run it still calls successful (OTHER-SYNCS.md §1.2, §1.3), so a screen that
// shows only counts hides who is missing from the remote system. Pure: read from a run's task views.
import type { LogMessage } from './model.js';
import type { TaskView } from './verdict.js';

export type FailedObjectType = 'user' | 'group' | 'object';

export interface ObjectFailure {
  type: FailedObjectType;
  /** The object as authentik names it (a user's username, a group's name); raw server text: sanitise at output. */
  name: string;
  /** Why, in authentik's words (`transient error: <Response [400]>`), raw server text. */
  reason: string;
  /** `Stopping sync due to error`: the rest of that page was skipped too. */
  stoppedPage: boolean;
  /** The page task the line came from. */
  view: TaskView;
}

// 2024.8–2025.6: `Failed to sync User m.okafor due to …`; 2025.8+: `Failed to sync m.okafor due to …` (no type word).
const FAILED = /^Failed to sync (?:(User|Group) )?(.+?) due to ((?:transient )?error: [\s\S]*)$/;
// `Stopping sync due to error: Error <detail>, caused by <object> (mapping <name>)`
const STOPPED = /^Stopping sync due to error: ([\s\S]*?)(?:, caused by (.+?))?(?: \(mapping .*\))?$/;

function objectAttribute(message: LogMessage): { model: string | null; name: string | null } {
  const obj = message.attributes.obj;
  if (typeof obj !== 'object' || obj === null) return { model: null, name: null };
  const o = obj as Record<string, unknown>;
  return { model: typeof o.model_name === 'string' ? o.model_name : null, name: typeof o.name === 'string' ? o.name : null };
}

function typeOf(word: string | undefined, model: string | null, pageType: string): FailedObjectType {
  const w = (word ?? model ?? '').toLowerCase();
  if (w === 'user') return 'user';
  if (w === 'group') return 'group';
  if (pageType === 'users') return 'user';
  if (pageType === 'groups') return 'group';
  return 'object';
}

/** One failure from one message, or null when the message is not about an object. */
export function objectFailure(message: LogMessage, view: TaskView): ObjectFailure | null {
  const event = message.event.trim();
  const attr = objectAttribute(message);
  const failed = FAILED.exec(event);
  if (failed) {
    // A group's str() is `Group <name>`: `Failed to sync Group Group Engineering` names `Engineering`.
    const type = typeOf(failed[1], attr.model, view.task.type);
    let name = failed[2] ?? '';
    if (type === 'group' && name.startsWith('Group ')) name = name.slice('Group '.length);
    return { type, name, reason: failed[3] ?? '', stoppedPage: false, view };
  }
  const stopped = STOPPED.exec(event);
  if (stopped) {
    const named = stopped[2] ?? attr.name;
    if (named === null || named === undefined) return null;
    let name = named;
    const type = typeOf(undefined, attr.model, view.task.type);
    if (type === 'group' && name.startsWith('Group ')) name = name.slice('Group '.length);
    return { type, name, reason: `stopped the page: ${stopped[1] ?? ''}`, stoppedPage: true, view };
  }
  return null;
}

/** Every object the run failed to push, in the order the run logged them (pages oldest first). */
export function objectFailures(views: readonly TaskView[]): ObjectFailure[] {
  const out: ObjectFailure[] = [];
  for (const view of views) {
    for (const message of view.problems) {
      const failure = objectFailure(message, view);
      if (failure) out.push(failure);
    }
  }
  return out;
}
