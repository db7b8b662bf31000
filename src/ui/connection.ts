// The header's connection words, from a poller's or a fleet's connection state: `live`, `paused`,
// `retrying in 8s (3 failures)`, `stale 2m 10s`. Pure, so the wording is tested without a terminal.
import type { ConnectionState } from '../poll/connection.js';
import { formatAge, formatClock, plural } from '../domain/format.js';

export type { ConnectionState } from '../poll/connection.js';

export type ConnectionTone = 'ok' | 'warning' | 'critical' | 'muted';

export interface ConnectionWords {
  state: string;
  tone: ConnectionTone;
  /** The last error's sentence, when the connection is failing. */
  error: string | null;
  /** When the shown data was last confirmed or changed. */
  updated: string | null;
}

export function describeConnection(c: ConnectionState, now: number, intervalMs: number): ConnectionWords {
  const error = c.error && c.phase !== 'live' ? c.error.message : null;
  const lastGood = c.unconfirmedSince ?? c.updatedAt;
  const updated = lastGood === null ? null : `last update ${formatClock(new Date(lastGood))}`;
  switch (c.phase) {
    case 'loading':
      return { state: 'connecting', tone: 'muted', error, updated: null };
    case 'live':
      return { state: `live, every ${intervalMs / 1000}s`, tone: 'ok', error: null, updated: c.updatedAt === null ? null : `last change ${formatClock(new Date(c.updatedAt))}` };
    case 'paused':
      return { state: 'paused', tone: 'warning', error, updated };
    case 'retrying': {
      const when = c.nextPollAt === null ? 'now' : `in ${formatAge(Math.ceil(Math.max(0, c.nextPollAt - now) / 1000) * 1000)}`;
      return { state: `retrying ${when} (${plural(c.failures, 'failure')})`, tone: 'warning', error, updated };
    }
    case 'stale': {
      const age = lastGood === null ? '' : ` ${formatAge(now - lastGood)}`;
      return { state: `stale${age}`, tone: 'critical', error, updated };
    }
  }
}

