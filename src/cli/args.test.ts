import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './args.js';

describe('parseCommandLine', () => {
  it('a bare slug opens the monitor on it', () => {
    expect(parseCommandLine(['corp-ad'])).toMatchObject({ kind: 'run', command: 'monitor', positionals: ['corp-ad'] });
  });
  it('KIND/ID opens the monitor on any sync object; a bad one is a sentence, not a monitor', () => {
    expect(parseCommandLine(['scim/7'])).toMatchObject({ kind: 'run', command: 'monitor', positionals: ['scim/7'] });
    expect(parseCommandLine(['monitor', 'kerberos/corp-krb'])).toMatchObject({ kind: 'run', command: 'monitor', positionals: ['kerberos/corp-krb'] });
    expect(parseCommandLine(['okta/3'])).toMatchObject({ kind: 'usage-error' });
  });
  it('no arguments opens the monitor without a slug (overview)', () => {
    expect(parseCommandLine([])).toMatchObject({ kind: 'run', command: 'monitor', positionals: [] });
  });
  it('parses status with --json and decimal intervals', () => {
    expect(parseCommandLine(['status', 'corp-ad', '--json'])).toMatchObject({ command: 'status', positionals: ['corp-ad'], flags: { json: true } });
    expect(parseCommandLine(['corp-ad', '--interval', '0.25'])).toMatchObject({ flags: { intervalSeconds: 0.25 } });
  });
  it('rejects an interval under 0.25 s with a sentence', () => {
    const r = parseCommandLine(['--interval', '0.1']);
    expect(r).toMatchObject({ kind: 'usage-error' });
    if (r.kind === 'usage-error') expect(r.message).toContain('0.25');
  });
  it('an unknown flag is a one-line error with a hint', () => {
    const r = parseCommandLine(['sources', '--token', 'abc']);
    expect(r).toEqual({ kind: 'usage-error', message: 'unknown option --token', hint: "Run 'aksync --help' for usage.", check: null });
  });
  it('a usage error of a check (status, sync --wait) says so, with the output it asked for and the slug it names', () => {
    expect(parseCommandLine(['status', '--token', 'abc'])).toEqual({
      kind: 'usage-error',
      message: 'unknown option --token',
      hint: "Run 'aksync status --help' for usage.",
      check: { command: 'status', json: false, noColor: false, slug: null },
    });
    expect(parseCommandLine(['status', 'corp-ad', '--json', '--bogus'])).toMatchObject({ check: { command: 'status', json: true, slug: 'corp-ad' } });
    expect(parseCommandLine(['sync', 'corp-ad', '--wait', '--interval', '0'])).toMatchObject({ check: { command: 'sync', slug: 'corp-ad' } });
    expect(parseCommandLine(['status', 'corp-ad', '--all'])).toMatchObject({ kind: 'usage-error', check: { command: 'status' } });
    expect(parseCommandLine(['sync', 'corp-ad', '--bogus'])).toMatchObject({ kind: 'usage-error', check: null });
  });
  it('a flag of another command is refused, naming the command', () => {
    expect(parseCommandLine(['sources', '--wait'])).toMatchObject({ kind: 'usage-error', message: "--wait is not an option of 'sources'" });
  });
  it('a misspelt command is an error that suggests the command, not a slug', () => {
    const r = parseCommandLine(['stauts']);
    expect(r.kind).toBe('usage-error');
    if (r.kind === 'usage-error') expect(r.message).toContain("Did you mean 'status'?");
  });
  it('monitor SLUG reaches a slug that looks like a command', () => {
    expect(parseCommandLine(['monitor', 'stauts'])).toMatchObject({ kind: 'run', command: 'monitor', positionals: ['stauts'] });
  });
  it('--help and --version follow convention, per command too', () => {
    expect(parseCommandLine(['--help'])).toEqual({ kind: 'help', command: null });
    expect(parseCommandLine(['status', '-h'])).toEqual({ kind: 'help', command: 'status' });
    expect(parseCommandLine(['help', 'sync'])).toEqual({ kind: 'help', command: 'sync' });
    expect(parseCommandLine(['-V'])).toEqual({ kind: 'version' });
  });
  it('help for a command that does not exist is a usage error naming the nearest command', () => {
    expect(parseCommandLine(['help', 'stauts'])).toMatchObject({
      kind: 'usage-error',
      message: "no command 'stauts'. Did you mean 'status'?",
    });
    const far = parseCommandLine(['help', 'bogus']);
    expect(far.kind).toBe('usage-error');
    if (far.kind === 'usage-error') {
      expect(far.message).toMatch(/^no command 'bogus'\. Commands: monitor, status, sources, sync, history, config, demo, exporter, help\.$/);
      expect(far.hint).toBe("Run 'aksync help' for usage.");
    }
  });
  it('takes --profile more than once only for the exporter (one server per profile)', () => {
    expect(parseCommandLine(['exporter', '--profile', 'prod', '--profile', 'staging', '--profile', 'prod'])).toMatchObject({
      kind: 'run',
      flags: { profiles: ['prod', 'staging'], profile: 'staging' },
    });
    expect(parseCommandLine(['status', '--profile', 'prod', '--profile', 'staging'])).toMatchObject({ kind: 'usage-error', message: expect.stringMatching(/^--profile is given once/) });
    expect(parseCommandLine(['status', '--profile', 'prod'])).toMatchObject({ kind: 'run', flags: { profile: 'prod', profiles: ['prod'] } });
  });
  it('status --format: plugin, json (as --json) or openmetrics', () => {
    expect(parseCommandLine(['status', '--format', 'openmetrics'])).toMatchObject({ kind: 'run', flags: { format: 'openmetrics', json: false } });
    expect(parseCommandLine(['status', '--format', 'json'])).toMatchObject({ kind: 'run', flags: { json: true } });
    expect(parseCommandLine(['status', '--format', 'xml'])).toMatchObject({ kind: 'usage-error', message: expect.stringMatching(/--format is plugin, json, openmetrics/) });
    expect(parseCommandLine(['status', '--json', '--format', 'openmetrics'])).toMatchObject({ kind: 'usage-error' });
    expect(parseCommandLine(['sources', '--format', 'openmetrics'])).toMatchObject({ kind: 'usage-error' });
  });
  it('refuses extra arguments and non-slug text', () => {
    expect(parseCommandLine(['status', 'a', 'b'])).toMatchObject({ kind: 'usage-error', message: "unexpected argument 'b'" });
    expect(parseCommandLine(['status', 'a/b'])).toMatchObject({ kind: 'usage-error' });
  });
  it('demo takes a generation', () => {
    expect(parseCommandLine(['demo', '--generation', 'b'])).toMatchObject({ flags: { generation: 'B' } });
    expect(parseCommandLine(['demo', '--generation', 'c']).kind).toBe('usage-error');
  });
});
