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
    expect(() => store.updateProfile('default', { set: { timeout: 5 } })).toThrow(ConfigFileError);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(content);
  });
});

describe('repairing invalid settings', () => {
  const broken = { profiles: { default: { url: 'https://ak.example.com', token: TOKEN, interval: 'fast' } } };

  it('says which command repairs the broken key, and that command is accepted', () => {
    const home = tempConfigHome();
    const file = writeConfigFile(home, broken);
    const store = openConfigStore({ env: { XDG_CONFIG_HOME: home } });
    expect(() => store.read()).toThrow(
      `The config file '${file}' has invalid settings: profiles.default.interval must be a number of seconds from 0.25 ` +
        'to 3600. To fix it, run `aksync config set interval SECONDS` or `aksync config unset interval`, or edit the ' +
        `file, or delete it: rm '${file}'`,
    );
    store.updateProfile('default', { set: { interval: 5 } });
    expect(store.read().profiles.default).toEqual({ url: 'https://ak.example.com', token: TOKEN, interval: 5 });
  });

  it('refuses an edit that repairs nothing, and keeps the file as it was', () => {
    const home = tempConfigHome();
    const file = writeConfigFile(home, broken);
    const before = fs.readFileSync(file, 'utf8');
    const store = openConfigStore({ env: { XDG_CONFIG_HOME: home } });
    expect(() => store.updateProfile('default', { set: { url: 'https://other.example.com' } })).toThrow(
      /^Nothing was saved\. The config file .* To fix it, run `aksync config set interval SECONDS`/,
    );
    expect(() => store.setDefaultProfile('default')).toThrow(ConfigFileError);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('accepts repairs one key at a time and names the profile when it is not the default', () => {
    const home = tempConfigHome();
    writeConfigFile(home, {
      profiles: { default: { url: 'https://a.example.com' }, staging: { interval: 'fast', insecure: 'no' } },
    });
    const store = openConfigStore({ env: { XDG_CONFIG_HOME: home } });
    expect(() => store.read()).toThrow(
      'run `aksync config set interval SECONDS --profile staging` or `aksync config unset interval --profile staging`, ' +
        'and `aksync config set insecure false --profile staging` or `aksync config unset insecure --profile staging`,',
    );
    store.updateProfile('staging', { unset: ['interval'] });
    expect(() => store.read()).toThrow(/profiles\.staging\.insecure must be true or false/);
    store.updateProfile('staging', { set: { insecure: false } });
    expect(store.read().profiles.staging).toEqual({ insecure: false });
  });

  it('repairs a default profile name with `use`, and leaves what only a hand can fix to the hand', () => {
    const home = tempConfigHome();
    const file = writeConfigFile(home, { defaultProfile: 'no such/name', profiles: { work: {} } });
    const store = openConfigStore({ env: { XDG_CONFIG_HOME: home } });
    expect(() => store.read()).toThrow('run `aksync config use NAME`');
    store.setDefaultProfile('work');
    expect(store.read().defaultProfile).toBe('work');
    writeConfigFile(home, { profiles: 'none' });
    expect(() => store.read()).toThrow(`profiles must be an object of profiles. To fix it, edit the file, or delete it: rm '${file}'`);
    expect(() => store.updateProfile('default', { set: { interval: 5 } })).toThrow(ConfigFileError);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ profiles: 'none' });
  });
});

describe('a config file or folder that is not aksync\'s own', () => {
  function outsideFile(content: unknown, mode = 0o644): string {
    const file = path.join(tempConfigHome(), 'dotfiles.json');
    fs.writeFileSync(file, JSON.stringify(content));
    fs.chmodSync(file, mode);
    return file;
  }

  it('refuses a config.json that is a symbolic link: no mode change, no token written through it', () => {
    const home = tempConfigHome();
    const target = outsideFile({ profiles: { default: { url: 'https://ak.example.com' } } });
    const before = fs.readFileSync(target, 'utf8');
    writeConfigFile(home, {}, 0o600, 0o755);
    const link = path.join(home, 'aksync', 'config.json');
    fs.rmSync(link);
    fs.symlinkSync(target, link);
    const store = openConfigStore({ env: { XDG_CONFIG_HOME: home } });
    // aksync's own folder is still tightened; the link and its target are not touched.
    expect(store.warnings).toEqual([`Permissions 0755 for '${path.dirname(link)}' were too open; fixed to 0700.`]);
    const message =
      `The config file '${link}' is a symbolic link (to '${target}'). aksync does not follow links for the file that ` +
      `holds the API token, so that no link can send the token elsewhere. Replace the link with the file: mv '${target}' '${link}'`;
    expect(() => store.read()).toThrow(message);
    expect(() => store.updateProfile('default', { set: { token: TOKEN } })).toThrow(message);
    expect(modeOf(target)).toBe(0o644);
    expect(fs.readFileSync(target, 'utf8')).toBe(before);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('refuses a dangling config.json link without creating its target', () => {
    const home = tempConfigHome();
    const target = path.join(tempConfigHome(), 'missing.json');
    fs.mkdirSync(path.join(home, 'aksync'), { mode: 0o700 });
    const link = path.join(home, 'aksync', 'config.json');
    fs.symlinkSync(target, link);
    const store = openConfigStore({ env: { XDG_CONFIG_HOME: home } });
    expect(() => store.updateProfile('default', { set: { token: TOKEN } })).toThrow(`Remove the link: rm '${link}'`);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('refuses a config folder that is a symbolic link and changes nothing in its target', () => {
    const home = tempConfigHome();
    const elsewhere = tempConfigHome();
    const realFile = writeConfigFile(elsewhere, { profiles: {} }, 0o644, 0o755);
    fs.symlinkSync(path.dirname(realFile), path.join(home, 'aksync'));
    const dir = path.join(home, 'aksync');
    const store = openConfigStore({ env: { XDG_CONFIG_HOME: home } });
    expect(store.warnings).toEqual([]);
    expect(() => store.read()).toThrow(
      `The config folder '${dir}' is a symbolic link (to '${path.dirname(realFile)}'). aksync keeps the API token only ` +
        `in a real folder of its own, so that no link can send it elsewhere. Replace the link with the folder: ` +
        `rm '${dir}' && mv '${path.dirname(realFile)}' '${dir}'`,
    );
    expect(() => store.updateProfile('default', { set: { token: TOKEN } })).toThrow(ConfigFileError);
    expect(modeOf(realFile)).toBe(0o644);
    expect(modeOf(path.dirname(realFile))).toBe(0o755);
    expect(fs.readdirSync(path.dirname(realFile))).toEqual(['config.json']);
    expect(JSON.parse(fs.readFileSync(realFile, 'utf8'))).toEqual({ profiles: {} });
  });

  it('refuses a file or folder owned by another user, saying how to take it back, and changes no mode', () => {
    const home = tempConfigHome();
    const file = writeConfigFile(home, { profiles: {} }, 0o644);
    const me = fs.statSync(file).uid;
    const store = openConfigStore({ env: { XDG_CONFIG_HOME: home }, uid: me + 1 });
    expect(store.warnings).toEqual([]);
    expect(() => store.read()).toThrow(
      `The config folder '${path.dirname(file)}' belongs to another user (uid ${me}), who could read or replace the API ` +
        `token in it; aksync uses only a config folder of your own. Make it yours: sudo chown -R "$(id -u)" '${path.dirname(file)}'`,
    );
    expect(() => store.updateProfile('default', { set: { token: TOKEN } })).toThrow(ConfigFileError);
    expect(modeOf(file)).toBe(0o644);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ profiles: {} });
  });

  it('refuses a folder in place of the file, and a file in place of the folder', () => {
    const home = tempConfigHome();
    fs.mkdirSync(path.join(home, 'aksync', 'config.json'), { recursive: true });
    expect(() => openConfigStore({ env: { XDG_CONFIG_HOME: home } }).read()).toThrow(
      /config\.json' is not a regular file\. Move it away: mv/,
    );
    const other = tempConfigHome();
    fs.writeFileSync(path.join(other, 'aksync'), 'x');
    expect(() => openConfigStore({ env: { XDG_CONFIG_HOME: other } }).updateProfile('default', { set: { interval: 5 } })).toThrow(
      /aksync' is not a folder; aksync keeps its settings in a folder of that name/,
    );
  });

  it('leaves the mode of a file with another name (a hard link) alone, saying so', () => {
    const home = tempConfigHome();
    const file = writeConfigFile(home, { profiles: {} }, 0o644);
    const otherName = path.join(tempConfigHome(), 'notes.txt');
    fs.linkSync(file, otherName);
    const store = openConfigStore({ env: { XDG_CONFIG_HOME: home } });
    expect(store.warnings).toEqual([
      `Permissions 0644 for '${file}' are too open, and the file has other names (hard links), so aksync leaves it alone; run: chmod 600 '${file}'`,
    ]);
    expect(modeOf(otherName)).toBe(0o644);
  });

  it('writes through a temporary file in the same folder that it renames over the old file, leaving nothing behind', () => {
    const home = tempConfigHome();
    const file = writeConfigFile(home, { profiles: { default: { url: 'https://ak.example.com' } } });
    const inode = fs.statSync(file).ino;
    const store = openConfigStore({ env: { XDG_CONFIG_HOME: home } });
    store.updateProfile('default', { set: { token: TOKEN } });
    expect(fs.statSync(file).ino).not.toBe(inode);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['config.json']);
    expect(modeOf(file)).toBe(0o600);
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
