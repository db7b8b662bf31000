// Schemas shared by both generations. Strict on the fields aksync uses, loose on everything else: newer servers add
// fields every release, and some fields the OpenAPI schema calls required are null or absent on real servers.
import { z } from 'zod';

/** An ISO 8601 date-time → Date. */
export const dateTime = z.string().transform((text, ctx) => {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 date-time' });
    return z.NEVER;
  }
  return date;
});

/** A log line's timestamp: the Date, and the microseconds since the epoch; null when it is no date-time. */
export function logTimestampOf(text: string): LogTimestamp | null {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return null;
  const fraction = /T\d{2}:\d{2}:\d{2}\.(\d+)/.exec(text)?.[1] ?? '';
  const micros = Number(fraction.slice(0, 6).padEnd(6, '0'));
  return { date, micros: Math.floor(date.getTime() / 1000) * 1_000_000 + micros };
}

export interface LogTimestamp {
  date: Date;
  micros: number;
}

/**
 * A log line's timestamp, keeping the microseconds authentik sends: lines logged within one millisecond are common,
 * and a Date alone could not order them.
 */
const logTimestamp = z.string().transform((text, ctx) => {
  const timestamp = logTimestampOf(text);
  if (timestamp === null) {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 date-time' });
    return z.NEVER;
  }
  return timestamp;
});

export const logEventSchema = z
  .object({
    timestamp: logTimestamp.nullish(),
    log_level: z.string(),
    logger: z.string().nullish(),
    event: z.string(),
    attributes: z.record(z.string(), z.unknown()).nullish(),
  })
  .loose();
export type LogEventJson = z.output<typeof logEventSchema>;

export const paginationSchema = z
  .object({
    next: z.number(),
    current: z.number().optional(),
    count: z.number().optional(),
  })
  .loose();

export function paginated<T extends z.ZodType>(item: T) {
  return z.object({ pagination: paginationSchema, results: z.array(item) }).loose();
}

const connectivityEntrySchema = z
  .object({ status: z.string(), vendor: z.unknown().optional(), version: z.unknown().optional() })
  .loose();

export const ldapSourceSchema = z
  .object({
    pk: z.string(),
    name: z.string(),
    slug: z.string(),
    enabled: z.boolean(),
    sync_users: z.boolean(),
    sync_groups: z.boolean(),
    delete_not_found_objects: z.boolean().nullish(),
    connectivity: z.record(z.string(), connectivityEntrySchema).nullish(),
  })
  .loose();
export type LdapSourceJson = z.output<typeof ldapSourceSchema>;

export const versionSchema = z.object({ version_current: z.string() }).loose();

export const sessionUserSchema = z
  .object({
    user: z
      .object({
        username: z.string(),
        name: z.string(),
        is_superuser: z.boolean(),
        system_permissions: z.array(z.string()),
      })
      .loose(),
  })
  .loose();
