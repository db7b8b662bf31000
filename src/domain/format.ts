// Human formats for times and durations, shared by the plain commands and the screens.

/** `850ms`, `12.4s`, `1m 16s`, `2h 05m`, `3d 4h`. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  const s = Math.max(0, seconds);
  if (s < 1) return `${Math.round(s * 1000)}ms`;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)}s`;
  const total = Math.round(s);
  const m = Math.floor(total / 60);
  if (m < 60) return `${m}m ${String(total % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** Age of a moment relative to now: `12s`, `2m 10s`, `3h 05m`. */
export function formatAge(then: Date | number, now: Date | number): string {
  return formatDuration((Number(now) - Number(then)) / 1000);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local `YYYY-MM-DD HH:MM:SS`; with `sameDayAs`, just `HH:MM:SS` when on that day. */
export function formatTime(d: Date | null | undefined, sameDayAs?: Date): string {
  if (!d || Number.isNaN(d.getTime())) return '–';
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  if (sameDayAs && sameDayAs.toDateString() === d.toDateString()) return time;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}
