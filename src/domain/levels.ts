// Log levels every kind reads the same way.
const ERROR_LEVELS = new Set(['error', 'critical', 'exception']);

export function isErrorLevel(level: string): boolean {
  return ERROR_LEVELS.has(level.toLowerCase());
}

/** `warning` or `warn` (Python's logging says both). */
export function isWarningLevel(level: string): boolean {
  const l = level.toLowerCase();
  return l === 'warning' || l === 'warn';
}

/** The task framework's own lines on 2025.8+ (`TaskLogMiddleware`, `MessagesMiddleware` in 2025.8). */
export const LIFECYCLE_EVENTS: ReadonlySet<string> = new Set([
  'Task has been queued',
  'Task is being processed',
  'Task finished processing without errors',
  'Task will be retried',
]);
