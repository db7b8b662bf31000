import { describe, expect, it } from 'vitest';
import { redactToken } from './redact.js';

const LONG = 'k3Jx9QpLm2VbN8wRt5YzA1cD';

describe('redactToken', () => {
  it('never touches letters inside words, whatever the token', () => {
    for (const token of ['t', 'a', 'Ga', 'Bad', '502', 'tewa']) {
      expect(redactToken('502 Bad Gateway from https://auth.example.com', token)).toBe('502 Bad Gateway from https://auth.example.com');
    }
  });

  it('replaces the exact token anywhere once it is long enough to be one', () => {
    expect(redactToken(`echo ${LONG} and x${LONG}y`, LONG)).toBe('echo [token] and x[token]y');
    expect(redactToken('the word password stays', 'password')).toBe('the word [token] stays');
  });

  it('replaces any Bearer credential, short tokens and other tokens included', () => {
    expect(redactToken('bad header: Bearer t', 't')).toBe('bad header: Bearer [token]');
    expect(redactToken('got Bearer someone-elses.token+/=, then more', 't')).toBe('got Bearer [token], then more');
    expect(redactToken('bearer abc.', 'x')).toBe('bearer [token].');
    expect(redactToken('Bearer a"b', 'a"b')).toBe('Bearer [token]');
  });

  it('leaves an authentication challenge alone: it holds no credential', () => {
    expect(redactToken('WWW-Authenticate: Bearer realm="authentik"', 't')).toBe('WWW-Authenticate: Bearer realm="authentik"');
  });

  it('replaces the value of an echoed Authorization header, in any spelling', () => {
    expect(redactToken('Authorization: Token abc123', 'x')).toBe('Authorization: Token [token]');
    expect(redactToken('authorization=s3cr3t; next', 'x')).toBe('authorization=[token]; next');
    expect(redactToken('{"Authorization": "Bearer zz9"}', 'x')).toBe('{"Authorization": "Bearer [token]"}');
    expect(redactToken('{"authorization":"zz9"}', 'x')).toBe('{"authorization":"[token]"}');
  });

  it('keeps prose about authorization readable', () => {
    expect(redactToken('Authorization header missing', 't')).toBe('Authorization header missing');
  });
});
