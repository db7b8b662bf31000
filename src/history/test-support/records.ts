// Run records for tests: one run of `ldap/corp-ad` on https://auth.example.com, ending at `finish`, lasting `seconds`.
import type { RunRecord } from '../../domain/run-record.js';

export const SERVER = 'https://auth.example.com';

export function runRecord(finish: number, overrides: Partial<RunRecord> = {}, seconds = 60): RunRecord {
  return {
    v: 1,
    run_id: `run-${finish}`,
    server: SERVER,
    kind: 'ldap',
    id: 'corp-ad',
    start: new Date(finish - seconds * 1000).toISOString(),
    finish: new Date(finish).toISOString(),
    duration_seconds: seconds,
    pages: 101,
    objects: 5576,
    problems: 0,
    errors: 0,
    verdict: 'OK',
    first_error: null,
    problem_groups: [],
    recorded_at: new Date(finish + 5000).toISOString(),
    origin: 'seen',
    ...overrides,
  };
}
