import type { LdapSource, LogMessage } from '../domain/model.js';
import type { LdapSourceJson, LogEventJson } from './schemas-common.js';

export function logMessage(event: LogEventJson): LogMessage {
  return {
    timestamp: event.timestamp?.date ?? null,
    level: event.log_level.toLowerCase(),
    logger: event.logger ?? '',
    event: event.event,
    attributes: event.attributes ?? {},
  };
}

/** Oldest first (to the microsecond); lines without a timestamp keep their order, after the dated ones. */
export function sortedMessages(events: readonly LogEventJson[]): LogMessage[] {
  const time = (event: LogEventJson) => event.timestamp?.micros ?? Number.POSITIVE_INFINITY;
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => time(a.event) - time(b.event) || a.index - b.index)
    .map(({ event }) => logMessage(event));
}

/** `<slug>:<type>:<page uuid>` → its parts (a uid with fewer parts leaves the missing ones empty). */
export function pageUidParts(uid: string): { slug: string; type: string; pageId: string } {
  const [slug = '', type = '', ...rest] = uid.split(':');
  return { slug, type, pageId: rest.join(':') };
}

export function ldapSource(json: LdapSourceJson): LdapSource {
  return {
    pk: json.pk,
    name: json.name,
    slug: json.slug,
    enabled: json.enabled,
    syncUsers: json.sync_users,
    syncGroups: json.sync_groups,
    ...(typeof json.delete_not_found_objects === 'boolean' ? { deleteNotFoundObjects: json.delete_not_found_objects } : {}),
    connectivity:
      json.connectivity == null
        ? null
        : Object.entries(json.connectivity).map(([host, entry]) => ({
            host,
            status: entry.status,
            ...(typeof entry.vendor === 'string' ? { vendor: entry.vendor } : {}),
            ...(typeof entry.version === 'string' ? { version: entry.version } : {}),
          })),
  };
}

export function secondsBetween(start: Date | null, finish: Date | null): number | null {
  if (start === null || finish === null) return null;
  const seconds = (finish.getTime() - start.getTime()) / 1000;
  return seconds >= 0 ? seconds : null;
}
