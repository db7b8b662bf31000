import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsError, missingSettingsMessage, resolveSettings } from './settings.js';
import { openConfigStore } from './store.js';
import { tempConfigHome, writeConfigFile } from './test-helpers.js';

const SAVED = {
  defaultProfile: 'default',
  profiles: {
    default: { url: 'https://saved.example.com', token: 'saved-token-123456', source: 'corp', interval: 30, timeout: 20 },
    staging: { url: 'https://staging.example.com', token: 'staging-token-123456', insecure: true },
  },
};

function storeWith(content: unknown) {
  const home = tempConfigHome();
  writeConfigFile(home, content);
  return openConfigStore({ env: { XDG_CONFIG_HOME: home } });
}

describe('resolveSettings precedence', () => {
  it('uses the default profile when nothing else is given', () => {
    const s = resolveSettings({ flags: {}, env: {}, store: storeWith(SAVED) });
    expect(s).toMatchObject({
      profile: 'default',
      url: 'https://saved.example.com',
      token: 'saved-token-123456',
      tokenOrigin: 'profile',
      source: 'corp',
      intervalSeconds: 30,
      timeoutSeconds: 20,
      insecure: false,
      warnings: [],
    });
  });

  it('calls for attention only when asked: flag beats AKSYNC_BELL/NOTIFY/TITLE beats the saved key; off by default', () => {
    expect(resolveSettings({ flags: {}, env: {}, store: storeWith(SAVED) }).attention).toEqual({ bell: false, notify: false, title: false });
    const saved = storeWith({ ...SAVED, profiles: { default: { ...SAVED.profiles.default, bell: true, notify: true, title: true } } });
    expect(resolveSettings({ flags: {}, env: {}, store: saved }).attention).toEqual({ bell: true, notify: true, title: true });
    const env = { AKSYNC_BELL: 'no', AKSYNC_NOTIFY: 'off', AKSYNC_TITLE: 'maybe' };
    const fromEnv = resolveSettings({ flags: {}, env, store: saved });
    expect(fromEnv.attention).toEqual({ bell: false, notify: false, title: true });
    expect(fromEnv.warnings).toContain('AKSYNC_TITLE is neither true/1/yes nor false/0/no; it is ignored.');
    expect(resolveSettings({ flags: { bell: true, title: false }, env, store: saved }).attention).toEqual({ bell: true, notify: false, title: false });
  });

  it('lets the environment beat the profile, and flags beat both', () => {
    const store = storeWith(SAVED);
    const env = { AUTHENTIK_URL: 'https://env.example.com', AUTHENTIK_TOKEN: 'env-token-123456', AKSYNC_SOURCE: 'envsrc' };
    const fromEnv = resolveSettings({ flags: {}, env, store });
    expect(fromEnv).toMatchObject({ url: 'https://env.example.com', token: 'env-token-123456', tokenOrigin: 'env', source: 'envsrc' });

    const home = tempConfigHome();
    const tokenFile = path.join(home, 'token');
    fs.writeFileSync(tokenFile, 'file-token-123456\n', { mode: 0o600 });
    const fromFlags = resolveSettings({
      flags: { url: 'https://flag.example.com', tokenFile, source: 'flagsrc', intervalSeconds: 1, timeoutSeconds: 3 },
      env,
      store,
    });
    expect(fromFlags).toMatchObject({
      url: 'https://flag.example.com',
      token: 'file-token-123456',
      tokenOrigin: 'token-file',
      source: 'flagsrc',
      intervalSeconds: 1,
      timeoutSeconds: 3,
    });
  });

  it('accepts AUTHENTIK_HOST as the URL, with AUTHENTIK_URL winning when both are set', () => {
    const store = storeWith(SAVED);
    expect(resolveSettings({ flags: {}, env: { AUTHENTIK_HOST: 'https://host.example.com' }, store }).url).toBe(
      'https://host.example.com',
    );
    const both = { AUTHENTIK_HOST: 'https://host.example.com', AUTHENTIK_URL: 'https://url.example.com' };
    expect(resolveSettings({ flags: {}, env: both, store }).url).toBe('https://url.example.com');
  });

  it('selects a profile by flag or AKSYNC_PROFILE, the flag first', () => {
    const store = storeWith(SAVED);
    expect(resolveSettings({ flags: {}, env: { AKSYNC_PROFILE: 'staging' }, store }).url).toBe('https://staging.example.com');
    expect(resolveSettings({ flags: { profile: 'default' }, env: { AKSYNC_PROFILE: 'staging' }, store }).profile).toBe('default');
  });

  it('names the saved profiles when an unknown one is asked for', () => {
    const store = storeWith(SAVED);
    expect(() => resolveSettings({ flags: { profile: 'prod' }, env: {}, store })).toThrow(
      new SettingsError("There is no profile 'prod': saved profiles: default, staging."),
    );
  });

  it('turns insecure on from the environment and off again with the flag', () => {
    const store = storeWith(SAVED);
    const on = resolveSettings({ flags: {}, env: { AUTHENTIK_INSECURE: 'yes' }, store });
    expect(on.insecure).toBe(true);
    expect(on.warnings).toContain('TLS verification is off (--insecure): anyone on the network path could read the token.');
    const off = resolveSettings({ flags: { insecure: false }, env: { AKSYNC_PROFILE: 'staging' }, store });
    expect(off.insecure).toBe(false);
    expect(off.warnings).toEqual([]);
  });

  it('rejects flag values out of range with a sentence', () => {
    expect(() => resolveSettings({ flags: { intervalSeconds: 0.1 }, env: {}, store: null })).toThrow(
      '--interval must be a number of seconds from 0.25 to 3600.',
    );
    expect(() => resolveSettings({ flags: { url: 'ftp://x' }, env: {}, store: null })).toThrow(
      'The URL from --url must start with http:// or https://.',
    );
  });
});

describe('plain http warning', () => {
  it('warns for a remote host and not for localhost', () => {
    const remote = resolveSettings({ flags: { url: 'http://ak.example.com:9000' }, env: {}, store: null });
    expect(remote.warnings).toEqual([
      'http://ak.example.com:9000 uses plain http: the token travels in clear text. Use https:// unless you trust every network in between.',
    ]);
    for (const url of ['http://localhost:9000', 'http://127.0.0.1', 'http://[::1]:9000']) {
      expect(resolveSettings({ flags: { url }, env: {}, store: null }).warnings).toEqual([]);
    }
  });
});

describe('--token-file', () => {
  it('trims the trailing newline and warns when others can read the file', () => {
    const home = tempConfigHome();
    const file = path.join(home, 'token');
    fs.writeFileSync(file, 'secret-token-abcdef\r\n');
    fs.chmodSync(file, 0o644);
    const s = resolveSettings({ flags: { tokenFile: file }, env: {}, store: null });
    expect(s.token).toBe('secret-token-abcdef');
    expect(s.warnings).toEqual([
      `The token file '${file}' is readable by other users (mode 0644); run: chmod 600 '${file}'`,
    ]);
    fs.chmodSync(file, 0o600);
    expect(resolveSettings({ flags: { tokenFile: file }, env: {}, store: null }).warnings).toEqual([]);
  });

  it('says so when the file is missing or empty', () => {
    const home = tempConfigHome();
    const missing = path.join(home, 'nope');
    expect(() => resolveSettings({ flags: { tokenFile: missing }, env: {}, store: null })).toThrow(
      `The token file '${missing}' does not exist.`,
    );
    const empty = path.join(home, 'empty');
    fs.writeFileSync(empty, '\n', { mode: 0o600 });
    expect(() => resolveSettings({ flags: { tokenFile: empty }, env: {}, store: null })).toThrow('is empty');
  });
});

describe('a broken config file', () => {
  it('is an error when the run needs it, and only a warning when flags and environment give everything', () => {
    const store = storeWith('{ nope');
    expect(() => resolveSettings({ flags: {}, env: {}, store })).toThrow(/is not valid JSON \(line 1, column 3\)/);
    const s = resolveSettings({
      flags: {},
      env: { AUTHENTIK_URL: 'https://env.example.com', AUTHENTIK_TOKEN: 'env-token-123456' },
      store,
    });
    expect(s.url).toBe('https://env.example.com');
    expect(s.warnings[0]).toMatch(/is not valid JSON/);
  });
});

describe('missingSettingsMessage', () => {
  const base = resolveSettings({ flags: {}, env: {}, store: null });

  it('says how to provide what is missing', () => {
    expect(missingSettingsMessage(base)).toBe(
      'No authentik URL or API token is set. Run `aksync config login` to save them, or set AUTHENTIK_URL and AUTHENTIK_TOKEN (or pass --url URL and --token-file PATH).',
    );
    expect(missingSettingsMessage({ ...base, url: 'https://a.example.com', profile: 'staging' })).toBe(
      'No API token is set. Set AUTHENTIK_TOKEN, pass --token-file PATH, or save one with `aksync config login --profile staging`.',
    );
    expect(missingSettingsMessage({ ...base, token: 't' })).toMatch(/^No authentik URL is set\. Pass --url/);
    expect(missingSettingsMessage({ ...base, url: 'https://a.example.com', token: 't' })).toBeNull();
  });

  it('uses the defaults and the XDG path when nothing is saved', () => {
    expect(base).toMatchObject({ profile: 'default', intervalSeconds: 5, timeoutSeconds: 10, insecure: false });
    expect(resolveSettings({ flags: {}, env: { XDG_CONFIG_HOME: '/c' }, store: null }).configPath).toBe('/c/aksync/config.json');
  });
});
