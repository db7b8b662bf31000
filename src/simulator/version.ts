// What differs between the authentik versions the simulator imitates (see API-NOTES.md).

export type Generation = 'A' | 'B';

export interface Features {
  generation: Generation;
  version: string;
  /** 2025.4+: the 404 body names the model */
  namedNotFound: boolean;
  /** 2025.8+: paginated bodies carry `autocomplete: {}` */
  autocomplete: boolean;
  /** 2025.12+: default page size 20 instead of 100 */
  defaultPageSize: number;
  /** 2025.12+: `icon_url` (null) replaces `icon` (null) */
  iconUrl: boolean;
  /** 2025.8.x: task logs are called `messages` / `previous_messages` */
  logsKey: 'logs' | 'messages';
  /** 2025.10 to 2026.5: a finished task's aggregated_status is always `done` */
  doneBug: boolean;
  /** 2026.8+: pages blocked on others are `waiting_for_dependencies` */
  waitingForDependencies: boolean;
  /** 2024.10+: the Kerberos source exists */
  kerberos: boolean;
}

export const DEFAULT_VERSION: Record<Generation, string> = { A: '2024.8.3', B: '2026.8.3' };
export const MAX_PAGE_SIZE = 100;

/** `2025.10.4` → comparable number 2025_10 (patch ignored: nothing here changes within a minor). */
export function minorOf(version: string): number {
  const [year, month] = version.split('.').map((part) => Number.parseInt(part, 10));
  if (!year || month === undefined || Number.isNaN(month)) throw new Error(`not an authentik version: ${version}`);
  return year * 100 + month;
}

export function features(generation: Generation, version: string): Features {
  const v = minorOf(version);
  return {
    generation,
    version,
    namedNotFound: v >= 202504,
    autocomplete: v >= 202508,
    defaultPageSize: v >= 202512 ? 20 : 100,
    iconUrl: v >= 202512,
    logsKey: v < 202510 ? 'messages' : 'logs',
    doneBug: v >= 202510 && v <= 202605,
    waitingForDependencies: v >= 202608,
    kerberos: v >= 202410,
  };
}
