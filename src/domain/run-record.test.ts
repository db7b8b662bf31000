import { describe, expect, it } from 'vitest';
import { MAX_RECORD_BYTES, parseRecord, problemPattern, recordRun, sameRun, serverOrigin } from './run-record.js';
import { message, pageTask, TRACEBACK } from './testing/factories.js';

const REF = { kind: 'ldap', id: 'corp-ad' } as const;
const at = (s: number) => new Date(Date.UTC(2026, 10, 30, 2, 0, s));

function run() {
  return [
    pageTask('corp-ad', 'users', [message('Synced 50 objects.')], { start: at(0), finish: at(20) }),
    pageTask('corp-ad', 'groups', [message("Group does not exist in our DB yet, run sync_groups first: 'cn=a,dc=corp'"), message('Synced 49 objects.')], { start: at(1), finish: at(30) }),
    pageTask('corp-ad', 'membership', [message("Group does not exist in our DB yet, run sync_groups first: 'cn=b,dc=corp'"), message("Uniqueness field not found/not set in attributes: 'cn=c'; DN: cn=c")], { start: at(31), finish: at(64) }),
  ];
}

describe('a run record', () => {
  it('holds the run: span, counts, its own verdict, problems grouped by kind', () => {
    const record = recordRun({ server: 'https://auth.example.com/api/v3/', ref: REF, generation: 'A', tasks: run(), recordedAt: at(90) });
    expect(record).toMatchObject({
      v: 1,
      server: 'https://auth.example.com',
      kind: 'ldap',
      id: 'corp-ad',
      start: at(0).toISOString(),
      finish: at(64).toISOString(),
      duration_seconds: 64,
      pages: 3,
      objects: 99,
      problems: 3,
      errors: 0,
      verdict: 'WARNING',
      first_error: null,
      origin: 'seen',
    });
    expect(record?.problem_groups).toEqual([
      { pattern: "Group does not exist in our DB yet, run sync_groups first: '…'", count: 2, example: "Group does not exist in our DB yet, run sync_groups first: 'cn=a,dc=corp'" },
      { pattern: "Uniqueness field not found/not set in attributes: '…'", count: 1, example: "Uniqueness field not found/not set in attributes: 'cn=c'; DN: cn=c" },
    ]);
    expect(parseRecord(JSON.stringify(record))).toEqual(record);
  });

  it('a failed run is CRITICAL with its error sentence (a traceback’s last line), made safe', () => {
    const tasks = [pageTask('corp-ad', 'users', [message(`${TRACEBACK}\u001b]0;owned\u0007`, 'error')], { state: 'error', rawStatus: 'error', start: at(0), finish: at(3) })];
    const record = recordRun({ server: 'https://auth.example.com', ref: REF, generation: 'A', tasks, recordedAt: at(9) });
    expect(record?.verdict).toBe('CRITICAL');
    expect(record?.first_error).toBe('ldap3.core.exceptions.LDAPSocketOpenError: socket connection error while opening: [Errno 111] Connection refused\\x1b]0;owned\\x07');
    expect(JSON.stringify(record)).not.toMatch(/\u001b/);
  });

  it('stays one short line however many problems a run had', () => {
    const many = Array.from({ length: 400 }, (_, i) => message(`Problem kind ${'x'.repeat(i % 37)} number ${i} ${'y'.repeat(300)}`));
    const record = recordRun({ server: 'https://a.example', ref: REF, generation: 'A', tasks: [pageTask('corp-ad', 'users', many, { start: at(0), finish: at(1) })], recordedAt: at(2) });
    expect(Buffer.byteLength(`${JSON.stringify(record)}\n`)).toBeLessThanOrEqual(MAX_RECORD_BYTES);
    expect(record?.problems).toBe(400);
  });

  it('keeps no credentials of the URL', () => {
    expect(serverOrigin('https://user:secret@auth.example.com:8443/api/v3/?token=x')).toBe('https://auth.example.com:8443');
  });

  it('groups messages by their sentence, not by the object they name', () => {
    expect(problemPattern("Uniqueness field not found/not set in attributes: 'cn=x'; DN: cn=x")).toBe(problemPattern("Uniqueness field not found/not set in attributes: 'cn=y'; DN: cn=y"));
    expect(problemPattern(TRACEBACK)).toBe('ldap3.core.exceptions.LDAPSocketOpenError: socket connection error while opening: [Errno N] Connection refused');
  });

  it('knows one run seen twice: same id, or overlapping spans', () => {
    const a = recordRun({ server: 'https://a.example', ref: REF, generation: 'A', tasks: run(), recordedAt: at(90) });
    const expired = recordRun({ server: 'https://a.example', ref: REF, generation: 'A', tasks: run().slice(2), recordedAt: at(99) });
    if (!a || !expired) throw new Error('no record');
    expect(a.run_id).not.toBe(expired.run_id);
    expect(sameRun(a, expired)).toBe(true);
    expect(sameRun(a, { ...expired, run_id: 'x', start: at(200).toISOString(), finish: at(260).toISOString() })).toBe(false);
  });

  it('a line that is not a record is not read as one', () => {
    expect(parseRecord('{"v":1,"run_id":"x"')).toBeNull();
    expect(parseRecord('{"v":2}')).toBeNull();
    expect(parseRecord('null')).toBeNull();
  });
});
