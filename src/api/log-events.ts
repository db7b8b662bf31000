// A list of log lines, validated without a schema walk per line: a 34 MB status holds 110,000 of them, and zod took
// most of a poll's time over them. Each line gets a hand-written check of the fields aksync reads, as strict as
// logEventSchema (anything it accepts, the schema accepts); a line it refuses goes through the schema, so the
// message naming the wrong field is the schema's own.
import { z } from 'zod';
import { logEventSchema, logTimestampOf, type LogEventJson } from './schemas-common.js';

export const logEventsSchema = z.array(z.unknown()).transform((items, ctx): LogEventJson[] => {
  const events: LogEventJson[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const quick = quickLogEvent(items[i]);
    if (quick !== undefined) {
      events[i] = quick;
      continue;
    }
    const checked = logEventSchema.safeParse(items[i]);
    if (checked.success) events[i] = checked.data;
    else for (const issue of checked.error.issues) ctx.issues.push({ ...issue, path: [i, ...issue.path] } as (typeof ctx.issues)[number]);
  }
  return events;
});

/** The line, or undefined when a field aksync reads is missing or wrong (the schema then says which). */
function quickLogEvent(item: unknown): LogEventJson | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  const { timestamp, log_level, logger, event, attributes } = item as Record<string, unknown>;
  if (typeof log_level !== 'string' || typeof event !== 'string') return undefined;
  if (logger != null && typeof logger !== 'string') return undefined;
  if (attributes != null && !isPlainObject(attributes)) return undefined;
  let time: LogEventJson['timestamp'] = timestamp as null | undefined;
  if (timestamp != null) {
    if (typeof timestamp !== 'string') return undefined;
    const parsed = logTimestampOf(timestamp);
    if (parsed === null) return undefined;
    time = parsed;
  }
  return { timestamp: time, log_level, logger: logger as string | null | undefined, event, attributes: attributes as Record<string, unknown> | null | undefined };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
