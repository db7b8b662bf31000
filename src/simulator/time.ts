// Timestamps the way authentik writes them.

/**
 * `2024-09-30T14:02:33.904117Z`: microsecond precision; the sub-millisecond digits are derived from the instant
 * (stable), and `offsetMicros` moves the stamp by that many microseconds (to order messages within a task).
 */
export function isoMicro(date: Date, offsetMicros = 0): string {
  const t = date.getTime();
  const total = t * 1000 + (Math.abs(t * 7919) % 1000) + offsetMicros;
  const ms = Math.floor(total / 1000);
  return new Date(ms).toISOString().replace('Z', `${String(total - ms * 1000).padStart(3, '0')}Z`);
}

export function addMs(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

// Next run of the crontab `<minute> */<hours> * * *` (UTC) strictly after `now`.
export function nextRunEveryHours(now: Date, minute: number, everyHours: number): Date {
  const next = new Date(now.getTime());
  next.setUTCSeconds(0, 0);
  next.setUTCMinutes(minute);
  while (next.getTime() <= now.getTime() || next.getUTCHours() % everyHours !== 0) {
    next.setUTCHours(next.getUTCHours() + 1);
  }
  return next;
}

/** The start of the minute containing `date`. */
export function floorMinute(date: Date): Date {
  return new Date(Math.floor(date.getTime() / MINUTE) * MINUTE);
}
