// Message rules of the kinds that log at honest levels (Kerberos sources, outgoing providers): a line at warning
// or above is a problem, an info line is not. authentik still calls such a run `successful` (generation A) or
// `done` (2025.10 to 2026.5), so the levels of the lines are what tells.
import type { MessageRules } from '../domain/kind-rules.js';
import { isErrorLevel, isWarningLevel, LIFECYCLE_EVENTS } from '../domain/levels.js';
import type { LogMessage } from '../domain/model.js';

export function levelRules(alsoProblems: readonly RegExp[] = []): MessageRules {
  return {
    isProblem: (m: LogMessage) =>
      isErrorLevel(m.level) || isWarningLevel(m.level) || alsoProblems.some((re) => re.test(m.event.trim())),
    objectsSynced: () => null,
    isLifecycle: (m) => LIFECYCLE_EVENTS.has(m.event.trim()),
  };
}

/** A run without pages: the framework says it is finished as soon as authentik's lock is released. */
export const LOCKED_RUN = {
  lockCoversRun: () => true,
  pagesToCome: () => ({ pages: 'unknown' as const }),
};
