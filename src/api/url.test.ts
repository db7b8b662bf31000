import { describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import { ClientConfigError } from './config-error.js';
import { parseServerUrl } from './url.js';

describe('parseServerUrl', () => {
  it.each([
    ['https://auth.example.com', 'https://auth.example.com/api/v3'],
    ['https://auth.example.com/', 'https://auth.example.com/api/v3'],
    ['https://auth.example.com/api/v3', 'https://auth.example.com/api/v3'],
    ['https://auth.example.com/api/v3/', 'https://auth.example.com/api/v3'],
    ['  https://auth.example.com//  ', 'https://auth.example.com/api/v3'],
    ['HTTPS://Auth.Example.COM', 'https://auth.example.com/api/v3'],
    ['http://10.0.0.5:9000', 'http://10.0.0.5:9000/api/v3'],
    ['https://[::1]:9443/', 'https://[::1]:9443/api/v3'],
    ['https://example.com/authentik/', 'https://example.com/authentik/api/v3'],
    ['https://auth.example.com/api/v3/sources/ldap/', 'https://auth.example.com/api/v3'],
    ['https://auth.example.com/if/admin/', 'https://auth.example.com/api/v3'],
  ])('%s → %s', (input, baseUrl) => {
    const parsed = parseServerUrl(input);
    expect(parsed).toEqual({ ok: true, baseUrl, origin: new URL(baseUrl).origin });
  });

  it.each([
    ['auth.example.com', 'must start with https:// or http://, e.g. https://auth.example.com'],
    ['ftp://auth.example.com', 'must start with https:// or http://'],
    ['', 'empty'],
    ['https://', 'not a valid URL'],
    ['https://exa mple.com', 'not a valid URL'],
    ['https://admin:secret@auth.example.com', 'must not contain a user name or password'],
    ['https://auth.example.com/?next=/x', 'without ?query or #fragment'],
    ['https://auth.example.com/#/core', 'without ?query or #fragment'],
  ])('rejects %j with a sentence', (input, words) => {
    const parsed = parseServerUrl(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toContain(words);
      expect(parsed.reason).toMatch(/^[A-Z'].*\.$/);
    }
  });

  it('shows a rejected URL with its control characters made visible', () => {
    const parsed = parseServerUrl('https://bad\u001b[2Jhost');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).not.toContain('\u001b');
  });
});

describe('createClient options', () => {
  it('throws the URL sentence as a ClientConfigError', () => {
    expect(() => createClient({ url: 'auth.example.com', token: 'abc' })).toThrow(ClientConfigError);
    expect(() => createClient({ url: 'auth.example.com', token: 'abc' })).toThrow(/must start with https:\/\//);
  });

  it.each(['', 'two words', 'line\nbreak'])('rejects the unusable token %j without showing it', (token) => {
    let thrown: unknown;
    try {
      createClient({ url: 'https://auth.example.com', token });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ClientConfigError);
    if (token !== '') expect(String((thrown as Error).message)).not.toContain(token);
  });

  it('exposes the normalised base URL', () => {
    expect(createClient({ url: 'https://auth.example.com/api/v3/', token: 't' }).baseUrl).toBe('https://auth.example.com/api/v3');
  });
});
