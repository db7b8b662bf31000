// Public types of the simulated authentik.

export const SCENARIO_NAMES = ['healthy', 'problems', 'errors', 'running', 'empty', 'lively', 'hostile', 'big', 'week'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** Limits a fault to requests whose path (query included) contains `path`, and/or to the next matching request. */
export interface FaultScope {
  path?: string;
  once?: boolean;
}

export type Fault = FaultScope &
  (
    | { kind: 'status'; status: 500 | 502 | 503 | 504 }
    | { kind: 'html-login' }
    | { kind: 'invalid-json' }
    | { kind: 'wrong-shape' }
    | { kind: 'hang' }
    | { kind: 'reset' }
    | { kind: 'huge' }
  );

export type Permissions = string[] | 'superuser';

/** The enterprise licence's state, as `/enterprise/license/summary/` reports it. */
export type LicenseStatus = 'valid' | 'expired' | 'unlicensed' | 'read_only';

export interface SimulatorOptions {
  /** default 'A' */
  generation?: 'A' | 'B';
  /** default '2024.8.3' for A, '2026.8.3' for B */
  version?: string;
  /** default DEMO_TOKEN; requests need `Authorization: Bearer <token>` */
  token?: string;
  /** default 'healthy' */
  scenario?: ScenarioName;
  /** the simulator's clock (default: real time); `Simulator.advance` moves it on */
  now?: () => Date;
  /** how many times faster than `now` the simulator's clock runs (default 1), e.g. 720: a week in 14 minutes */
  speed?: number;
  /**
   * the enterprise licence (default 'valid'): 'expired' keeps Google Workspace and Entra providers readable and
   * syncing but refuses saving them (so A's PATCH trigger); 'unlicensed' has none of them; 'read_only' refuses
   * every write (400 denied_license)
   */
  license?: LicenseStatus;
  /** what /core/users/me/ reports and what the token may see (default superuser) */
  permissions?: Permissions;
  /** default 0 (ephemeral) */
  port?: number;
}

export interface LoggedRequest {
  method: string;
  /** path including the query string */
  path: string;
  authorization?: string;
}

export interface Simulator {
  /** http://127.0.0.1:<port> (no /api/v3) */
  url: string;
  token: string;
  setScenario(name: ScenarioName): void;
  /** Applies to every request until cleared, or to the next matching one with `once: true`. */
  setFault(fault: Fault | null): void;
  setPermissions(p: Permissions): void;
  setLicense(status: LicenseStatus): void;
  /** The simulator's clock now. */
  now(): Date;
  /**
   * Moves the simulator's clock on by `ms` (scheduled runs happen in between: in the `week` scenario, advancing
   * 2 h at a time plays one LDAP run per step; generation A shows only what the latest run left).
   */
  advance(ms: number): void;
  /** The most recent requests (at most 2000), oldest first. */
  requests: LoggedRequest[];
  /** Closes promptly, destroying hung and keep-alive connections. */
  close(): Promise<void>;
}

export const DEMO_TOKEN = 'aksync-demo-0d5f3c1e9b7a4f2c8e6d1b3a5c7e9f0a2b4d6f8e1c3a5b7d9f0e2c4a6b8d';
