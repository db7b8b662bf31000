// The longest gap between two runs of a schedule, for the crontab forms authentik's schedules use; null for the rest.
//   `*/N * * * *` every N minutes · `M */N * * *` every N hours · `M * * * *` hourly · `M H * * *` daily
// A step that does not divide the hour (or day) leaves a longer gap at the wrap-around: that gap is the period
// a run may take to come round, so it is the one returned.

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

export function crontabPeriodSeconds(crontab: string): number | null {
  const fields = crontab.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const [minute = '', hour = '', dayOfMonth, month, dayOfWeek] = fields;
  if (dayOfMonth !== '*' || month !== '*' || dayOfWeek !== '*') return null;

  const minuteStep = step(minute, 60);
  if (minuteStep !== null && hour === '*') return longestGap(minuteStep, 60) * MINUTE;
  if (!isValue(minute, 60)) return null;
  if (hour === '*') return HOUR;
  const hourStep = step(hour, 24);
  if (hourStep !== null) return longestGap(hourStep, 24) * HOUR;
  if (isValue(hour, 24)) return DAY;
  return null;
}

/** `*\/N` → N (1 ≤ N); `*` → 1; anything else → null. */
function step(field: string, range: number): number | null {
  if (field === '*') return 1;
  const match = /^\*\/(\d+)$/.exec(field);
  if (match === null) return null;
  const n = Number(match[1]);
  return n >= 1 && n <= range ? n : null;
}

function isValue(field: string, range: number): boolean {
  return /^\d+$/.test(field) && Number(field) < range;
}

/** Runs at 0, n, 2n, … < range, then wraps: the gaps are n and whatever is left before the wrap. */
function longestGap(n: number, range: number): number {
  const lastRun = Math.floor((range - 1) / n) * n;
  return Math.max(n, range - lastRun);
}
