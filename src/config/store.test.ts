import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateJsonError } from './json-position.js';
import { ConfigFileError, defaultConfigPath, openConfigStore } from './store.js';
import { modeOf, tempConfigHome, writeConfigFile } from './test-helpers.js';

const TOKEN = 'tok_0123456789abcdefghij';

describe('config location', () => {
  it('lives in $XDG_CONFIG_HOME/aksync/config.json', () => {
    expect(defaultConfigPath({ XDG_CONFIG_HOME: '/x/conf' })).toBe('/x/conf/aksync/config.json');
    expect(defaultConfigPath({ HOME: '/home/ana' })).toBe('/home/ana/.config/aksync/config.json');
    const home = tempConfigHome();
    expect(openConfigStore({ env: { XDG_CONFIG_HOME: home } }).path).toBe(path.join(home, 'aksync', 'config.json'));
  });
});

describe('permissions', () => {
  it('fixes a 0644 file and a 0755 folder on open and says so', () => {
    const home = tempConfigHome();
    const file = writeConfigFile(home, { profiles: { default: { token: TOKEN } } }, 0o644, 0o755);
    const store = openConfigStore({ env: { XDG_CONFIG_HOME: home } });
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(path.dirname(file))).toBe(0o700);
    expect(store.warnings).toEqual([
      `Permissions 0755 for '${path.dirname(file)}' were too open; fixed to 0700.`,
      `Permissions 0644 for '${file}' were too open; fixed to 0600.`,
    ]);
  });

  it('says nothing when the modes are already tight', () => {
    const home = tempConfigHome();
    writeConfigFile(home, { profiles: {} });
    expect(openConfigStore({ env: { XDG_CONFIG_HOME: home } }).warnings).toEqual([]);
  });

  it('creates a new file 0600 in a new folder 0700', () => {
    const home = tempConfigHome();
    const store = openConfigStore({ env: { XDG_CONFIG_HOME: home } });
    store.updateProfile('default', { set: { url: 'https://ak.example.com', token: TOKEN } });
    expect(modeOf(store.path)).toBe(0o600);
    expect(modeOf(path.dirname(store.path))).toBe(0o700);
  });
});

describe('reading', () => {
  it('creates nothing on disk while only reading', () => {
    const home = tempConfigHome();
    const store = openConfigStore({ env: { XDG_CONFIG_HOME: home } });
    expect(store.read()).toEqual({ defaultProfile: 'default', profiles: {} });
    expect(fs.readdirSync(home)).toEqual([]);
  });

  it('leaves an existing valid file byte for byte as it was', () => {
    const home = tempConfigHome();
    const file = writeConfigFile(home, '{"profiles":{"default":{"url":"https://ak.example.com"}}}');
    const store = openConfigStore({ env: { XDG_CONFIG_HOME: home } });
    expect(store.read().profiles.default?.url).toBe('https://ak.example.com');
    expect(fs.readFileSync(file, 'utf8')).toBe('{"profiles":{"default":{"url":"https://ak.example.com"}}}');
  });

  it('reports malformed JSON with the line and the path, and keeps the file', () => {
    const home = tempConfigHome();
    const broken = `{\n  "profiles": {\n    "default": { "token": "${TOKEN}", }\n  }\n}\n`;
    const file = writeConfigFile(home, broken);
    const store = openConfigStore({ env: { XDG_CONFIG_HOME: home } });
    let error: unknown;
    try {
      store.read();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigFileError);
    const message = (error as Error).message;
    expect(message).toBe(
      `The config file '${file}' is not valid JSON (line 3, column 55). Fix it or delete it: rm '${file}'`,
    );
    expect(message).not.toContain(TOKEN);
    expect(fs.readFileSync(file, 'utf8')).toBe(broken);
  });

  it('reports values that break the schema, naming the key, and never writes over them', () => {
    const home = tempConfigHome();
    const content = { profiles: { default: { url: 'ftp://x', interval: 0.1, token: TOKEN } } };
    const file = writeConfigFile(home, content);
    const store = openConfigStore({ env: { XDG_CONFIG_HOME: home } });
    expect(() => store.read()).toThrow(/profiles\.default\.url must be an http/);
    expect(() => store.read()).toThrow(/profiles\.default\.interval must be a number of seconds from 0\.25 to 3600/);
    expect(() => store.updateProfile('default', { set: { interval: 5 } })).toThrow(ConfigFileError);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(content);
  });
});

describe('writing', () => {
  it('merges into one profile, keeps the others and keys it does not know', () => {
    const home = tempConfigHome();
    writeConfigFile(home, {
      defaultProfile: 'default',
      profiles: { default: { url: 'https://a.example.com', future: 1 }, staging: { url: 'https://s.example.com' } },
      extra: true,
    });
    const store = openConfigStore({ env: { XDG_CONFIG_HOME: home } });
    store.updateProfile('default', { set: { interval: 2 }, unset: ['url'] });
    expect(JSON.parse(fs.readFileSync(store.path, 'utf8'))).toEqual({
      defaultProfile: 'default',
      profiles: { default: { interval: 2, future: 1 }, staging: { url: 'https://s.example.com' } },
      extra: true,
    });
  });

  it('makes the first saved profile the default', () => {
    const home = tempConfigHome();
    const store = openConfigStore({ env: { XDG_CONFIG_HOME: home } });
    store.updateProfile('work', { set: { url: 'https://w.example.com' } });
    store.updateProfile('other', { set: { url: 'https://o.example.com' } });
    expect(store.read().defaultProfile).toBe('work');
    store.setDefaultProfile('other');
    expect(store.read().defaultProfile).toBe('other');
  });
});

describe('locateJsonError', () => {
  it('finds the first error or returns null for valid JSON', () => {
    expect(locateJsonError('{"a": [1, 2.5e3, true, null, "x\\u00e9"]}')).toBeNull();
    expect(locateJsonError('{"a":}')).toEqual({ line: 1, column: 6 });
    expect(locateJsonError('{\n"a": 1,\n}')).toEqual({ line: 3, column: 1 });
    expect(locateJsonError('')).toEqual({ line: 1, column: 1 });
    expect(locateJsonError('{"a":1} x')).toEqual({ line: 1, column: 9 });
  });
});
