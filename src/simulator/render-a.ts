// Generation A (2024.8 to 2025.6): one SystemTask per finished page, with authentik's message quirks.

import { eventText, pythonTraceback, type PageMessage } from './messages.js';
import type { PlacedPage } from './run.js';
import { HOUR, addMs, isoMicro } from './time.js';

export const TASK_DESCRIPTION_A = 'Synchronization of an LDAP Source';

function logEventA(message: PageMessage, timestamp: string): Record<string, unknown> {
  let event = eventText(message);
  let level = 'info';
  let logger = 'ldap_sync';
  if (message.kind === 'uniqueness') event = `${event}; DN: ${message.dn}`;
  if (message.kind === 'exception') {
    event = pythonTraceback(message.text);
    level = 'error';
  }
  if (message.kind === 'raw') {
    level = message.level;
    logger = message.logger ?? logger;
  }
  // `page-cache-miss` stays at info although the task's status is error: authentik stores it that way.
  return { timestamp, log_level: level, logger, event, attributes: {} };
}

export function systemTask(slug: string, placed: PlacedPage): Record<string, unknown> {
  const { spec, start, finish } = placed;
  const uid = `${slug}:${spec.type}:${spec.pageId}`;
  const count = spec.messages.length;
  const messages = spec.messages.map((m, i) => logEventA(m, isoMicro(finish, -(count - i) * 37)));
  return {
    uuid: spec.taskId,
    name: 'ldap_sync',
    full_name: `ldap_sync:${uid}`,
    uid,
    description: spec.description ?? TASK_DESCRIPTION_A,
    start_timestamp: isoMicro(start),
    finish_timestamp: isoMicro(finish),
    duration: (finish.getTime() - start.getTime()) / 1000 + (start.getTime() % 997) / 1e6,
    status: spec.failed ? 'error' : 'successful',
    messages,
    expires: isoMicro(addMs(finish, 2 * HOUR)),
    expiring: true,
  };
}
