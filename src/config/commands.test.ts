import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '../domain/model.js';
import type { CheckCredentials } from './check.js';
import { runConfigCommand } from './commands.js';
import { openConfigStore } from './store.js';
import { modeOf, tempConfigHome, writeConfigFile } from './test-helpers.js';

const TOKEN = 'abcdEFGH1234secretSECRET5678';
const USER: CurrentUser = { username: 'akadmin', name: 'authentik Default Admin', isSuperuser: false, permissions: [] };

class Capture {
  text = '';
  write = (chunk: string): boolean => {
    this.text += chunk;
    return true;
  };
}

interface Harness {
  stdout: Capture;
  stderr: Capture;
  stdin: PassThrough & { isTTY?: boolean; setRawMode?: (mode: boolean) => void };
  rawModes: boolean[];
  all(): string;
}

function harness(options: { tty?: boolean; input?: string } = {}): Harness {
  const stdin = new PassThrough() as Harness['stdin'];
  const rawModes: boolean[] = [];
  if (options.tty) {
    stdin.isTTY = true;
    stdin.setRawMode = (mode: boolean) => {
      rawModes.push(mode);
    };
  } else {
    stdin.end(options.input ?? '');
  }
  const stdout = new Capture();
  const stderr = new Capture();
  return { stdout, stderr, stdin, rawModes, all: () => stdout.text + stderr.text };
}

function setup(content?: unknown) {
  const home = tempConfigHome();
  if (content !== undefined) writeConfigFile(home, content);
  return openConfigStore({ env: { XDG_CONFIG_HOME: home } });
}

const acceptingCheck: CheckCredentials = async () => ({ ok: true, user: USER, missingPermissions: [] });

function run(args: string[], store: ReturnType<typeof setup>, h: Harness, check: CheckCredentials = acceptingCheck) {
  return runConfigCommand({ args, store, io: h, env: {}, check });
}

/** Lets the command reach its next await (the prompt). */
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Waits until `text` has been written `count` times to stderr (a prompt shown again). */
async function prompted(h: Harness, text: string, count = 1): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (h.stderr.text.split(text).length - 1 < count) {
    if (Date.now() > deadline) throw new Error(`no prompt ${JSON.stringify(text)} (x${count}) in: ${h.stderr.text}`);
    await tick();
  }
}

describe('config path and show', () => {
  it('prints the path', async () => {
    const store = setup();
    const h = harness();
    expect(await run(['path'], store, h)).toBe(0);
    expect(h.stdout.text).toBe(`${store.path}\n`);
  });

  it('masks tokens to four characters, marks the default, and never prints a full token', async () => {
    const store = setup({
      defaultProfile: 'staging',
      profiles: {
        default: { url: 'https://ak.example.com', token: TOKEN, interval: 2 },
        staging: { url: 'https://s.example.com', token: 'short7c' },
      },
    });
    const h = harness();
    expect(await run(['show'], store, h)).toBe(0);
    expect(h.stdout.text).toBe(
      [
        `Config file: ${store.path}`,
        '  default',
        '    url       https://ak.example.com',
        '    token     abcd…',
        '    interval  2',
        '* staging (default)',
        '    url       https://s.example.com',
        '    token     …',
        '',
      ].join('\n'),
    );
    expect(h.all()).not.toContain(TOKEN);
    expect(h.all()).not.toContain('short7c');
  });

  it('reports a corrupt file with its path, exit 1, and leaves it alone', async () => {
    const store = setup(`{"profiles": {"default": {"token": "${TOKEN}"}}`);
    const before = fs.readFileSync(store.path, 'utf8');
    for (const args of [['show'], ['set', 'interval', '3'], ['login', '--url', 'https://a.example.com']]) {
      const h = harness({ input: `${TOKEN}\n` });
      expect(await run(args, store, h)).toBe(1);
      expect(h.stderr.text).toContain(`'${store.path}' is not valid JSON`);
      expect(h.stderr.text).toContain(`rm '${store.path}'`);
      expect(h.all()).not.toContain(TOKEN);
    }
    expect(fs.readFileSync(store.path, 'utf8')).toBe(before);
  });
});

describe('config set, unset, use', () => {
  it('saves valid values with their types', async () => {
    const store = setup();
    for (const args of [
      ['set', 'url', 'https://ak.example.com'],
      ['set', 'interval', '0.5'],
      ['set', 'timeout', '30'],
      ['set', 'insecure', 'yes'],
      ['set', 'source', 'corp-ldap', '--profile', 'default'],
    ]) {
      expect(await run(args, store, harness())).toBe(0);
    }
    expect(store.read().profiles.default).toEqual({
      url: 'https://ak.example.com',
      interval: 0.5,
      timeout: 30,
      insecure: true,
      source: 'corp-ldap',
    });
    expect(modeOf(store.path)).toBe(0o600);
  });

  it.each([
    [['set', 'url', 'ftp://ak.example.com'], 'url must start with http:// or https://.'],
    [['set', 'url', 'https://admin:pw@ak.example.com'], 'url must not contain a user name or password (the token is enough).'],
    [['set', 'interval', '0.1'], 'interval must be a number of seconds from 0.25 to 3600.'],
    [['set', 'interval', 'fast'], 'interval must be a number of seconds from 0.25 to 3600.'],
    [['set', 'timeout', '301'], 'timeout must be a number of seconds from 1 to 300.'],
    [['set', 'insecure', 'maybe'], 'insecure must be true or false.'],
    [['set', 'source', 'has space'], 'source must be a slug: letters, digits, "-" and "_" only.'],
    [['set', 'colour', 'red'], "Unknown key 'colour'. Keys: url, token, source, interval, insecure, timeout, bell, notify, title."],
    [['set', 'url'], 'Usage: aksync config set KEY VALUE [--profile NAME]'],
    [['set', 'token', TOKEN], 'A token typed on the command line stays in your shell history.'],
    [['frobnicate'], "Unknown command 'config frobnicate'."],
  ])('rejects %j with a sentence and exit 2, writing nothing', async (args, sentence) => {
    const store = setup();
    const h = harness();
    expect(await run(args, store, h)).toBe(2);
    expect(h.stderr.text).toContain(sentence);
    expect(h.all()).not.toContain(TOKEN);
    expect(fs.existsSync(store.path)).toBe(false);
  });

  it('reads `set token -` from standard input without echoing it', async () => {
    const store = setup();
    const h = harness({ input: `${TOKEN}\n` });
    expect(await run(['set', 'token', '-'], store, h)).toBe(0);
    expect(store.read().profiles.default?.token).toBe(TOKEN);
    expect(h.all()).not.toContain(TOKEN);
    expect(h.stdout.text).toContain('Saved token = abcd… in profile');
  });

  it('unsets a key and switches the default profile with `use`', async () => {
    const store = setup({ profiles: { default: { url: 'https://a.example.com', timeout: 5 }, staging: {} } });
    expect(await run(['unset', 'timeout'], store, harness())).toBe(0);
    expect(store.read().profiles.default).toEqual({ url: 'https://a.example.com' });
    expect(await run(['use', 'staging'], store, harness())).toBe(0);
    expect(store.read().defaultProfile).toBe('staging');
    const h = harness();
    expect(await run(['use', 'prod'], store, h)).toBe(2);
    expect(h.stderr.text).toContain("There is no profile 'prod'. Saved profiles: default, staging.");
  });
});

describe('repairing a config file with an invalid value', () => {
  const broken = { profiles: { default: { url: 'https://ak.example.com', token: TOKEN, interval: 'fast' } } };

  it('`config set` and `config unset` work on the broken key, as the error advises', async () => {
    const store = setup(broken);
    const shown = harness();
    expect(await run(['show'], store, shown)).toBe(1);
    expect(shown.stderr.text).toContain('To fix it, run `aksync config set interval SECONDS` or `aksync config unset interval`');
    const set = harness();
    expect(await run(['set', 'interval', '5'], store, set)).toBe(0);
    expect(set.stdout.text).toContain("Saved interval = 5 in profile 'default'");
    expect(store.read().profiles.default).toEqual({ url: 'https://ak.example.com', token: TOKEN, interval: 5 });

    const again = setup(broken);
    const unset = harness();
    expect(await run(['unset', 'interval'], again, unset)).toBe(0);
    expect(unset.stdout.text).toContain("Removed interval from profile 'default'.");
    expect(again.read().profiles.default).toEqual({ url: 'https://ak.example.com', token: TOKEN });
  });

  it('refuses other edits until the broken key is fixed, saying which command fixes it', async () => {
    const store = setup(broken);
    const before = fs.readFileSync(store.path, 'utf8');
    for (const args of [['set', 'timeout', '30'], ['unset', 'url'], ['use', 'default']]) {
      const h = harness();
      expect(await run(args, store, h)).toBe(1);
      expect(h.stderr.text).toContain('profiles.default.interval must be a number of seconds from 0.25 to 3600.');
      expect(h.stderr.text).toContain('`aksync config set interval SECONDS`');
      expect(h.all()).not.toContain(TOKEN);
    }
    const login = harness({ input: `${TOKEN}\n` });
    const check = vi.fn<CheckCredentials>(acceptingCheck);
    expect(await run(['login', '--url', 'https://ak.example.com'], store, login, check)).toBe(1);
    expect(check).not.toHaveBeenCalled(); // refused before asking for anything
    expect(fs.readFileSync(store.path, 'utf8')).toBe(before);
  });

  it('login repairs a broken token', async () => {
    const store = setup({ profiles: { default: { url: 'https://ak.example.com', token: 'has space' } } });
    const h = harness({ input: `${TOKEN}\n` });
    expect(await run(['login'], store, h)).toBe(0);
    expect(store.read().profiles.default).toEqual({ url: 'https://ak.example.com', token: TOKEN });
  });
});

describe('a config file that is a symbolic link', () => {
  it('is refused with why and how to fix it; the token goes nowhere', async () => {
    const store = setup({ profiles: {} });
    const target = `${store.path}.real`;
    fs.renameSync(store.path, target);
    fs.chmodSync(target, 0o644);
    fs.symlinkSync(target, store.path);
    const h = harness({ input: `${TOKEN}\n` });
    expect(await run(['set', 'token', '-'], store, h)).toBe(1);
    expect(h.stderr.text).toContain(`is a symbolic link (to '${target}')`);
    expect(h.stderr.text).toContain(`Replace the link with the file: mv '${target}' '${store.path}'`);
    expect(h.all()).not.toContain(TOKEN);
    expect(fs.readFileSync(target, 'utf8')).not.toContain(TOKEN);
    expect(modeOf(target)).toBe(0o644);
  });
});

describe('config login', () => {
  it('reads the token from piped stdin, checks it, reports the account and saves', async () => {
    const store = setup();
    const check = vi.fn<CheckCredentials>(async () => ({
      ok: true,
      user: USER,
      missingPermissions: ['authentik_events.view_systemtask'],
    }));
    const h = harness({ input: `${TOKEN}\n` });
    expect(await run(['login', '--url', 'https://ak.example.com', '--profile', 'work'], store, h, check)).toBe(0);
    expect(check).toHaveBeenCalledWith('https://ak.example.com', TOKEN);
    expect(h.stdout.text).toContain('Authenticated as akadmin (authentik Default Admin).');
    expect(h.stdout.text).toContain('cannot see sync task detail: it lacks authentik_events.view_systemtask');
    expect(store.read()).toEqual({
      defaultProfile: 'work',
      profiles: { work: { url: 'https://ak.example.com', token: TOKEN } },
    });
    expect(h.all()).not.toContain(TOKEN);
  });

  it('saves nothing when the server refuses the token, even if the message quotes it', async () => {
    const store = setup();
    const check: CheckCredentials = async (_url, token) => ({ ok: false, message: `Token ${token} is not valid.` });
    const h = harness({ input: `${TOKEN}\n` });
    expect(await run(['login', '--url', 'https://ak.example.com'], store, h, check)).toBe(1);
    expect(h.stderr.text).toContain('Token [token] is not valid.\nNothing was saved.');
    expect(h.all()).not.toContain(TOKEN);
    expect(fs.existsSync(store.path)).toBe(false);
  });

  it('needs --url when stdin is a pipe and no URL is saved', async () => {
    const h = harness({ input: `${TOKEN}\n` });
    expect(await run(['login'], setup(), h)).toBe(2);
    expect(h.stderr.text).toContain('Pass --url URL');
  });

  it('asks for the URL and a hidden token in a terminal, handling backspace and paste', async () => {
    const store = setup();
    const h = harness({ tty: true });
    const done = run(['login'], store, h);
    await tick();
    expect(h.stderr.text).toContain('authentik URL');
    h.stdin.write('https://ak.example.comX\u007f\r');
    await tick();
    expect(h.stderr.text).toContain('API token for https://ak.example.com (input hidden): ');
    h.stdin.write(`${TOKEN}Z`); // a paste arrives as one chunk
    h.stdin.write('\u007f');
    h.stdin.write('\r');
    expect(await done).toBe(0);
    expect(store.read().profiles.default).toEqual({ url: 'https://ak.example.com', token: TOKEN });
    expect(h.all()).not.toContain(TOKEN);
    expect(h.all()).not.toContain('abcd'); // nothing of the hidden input is echoed
    expect(h.rawModes).toEqual([true, false, true, false]);
  });

  it('asks again after a URL that is not one, instead of ending', async () => {
    const store = setup();
    const h = harness({ tty: true });
    const done = run(['login'], store, h);
    await prompted(h, 'authentik URL');
    h.stdin.write('authentik.example.com\r');
    await prompted(h, 'authentik URL', 2);
    expect(h.stderr.text).toContain('The URL must be an http:// or https:// URL, e.g. https://authentik.example.com.');
    expect(fs.existsSync(store.path)).toBe(false);
    h.stdin.write('\u0015https://ak.example.com\r'); // the bad answer is offered for editing; Ctrl-U clears it
    await prompted(h, 'API token for https://ak.example.com');
    h.stdin.write(`${TOKEN}\r`);
    expect(await done).toBe(0);
    expect(store.read().profiles.default).toEqual({ url: 'https://ak.example.com', token: TOKEN });
    expect(h.all()).not.toContain(TOKEN);
  });

  it('asks again after an empty token and after a token the server refuses, saving only the good one', async () => {
    const store = setup();
    const check = vi.fn<CheckCredentials>(async (_url, token) =>
      token === TOKEN ? { ok: true, user: USER, missingPermissions: [] } : { ok: false, message: 'The token was refused (401).' },
    );
    const h = harness({ tty: true });
    const done = run(['login', '--url', 'https://ak.example.com'], store, h, check);
    await prompted(h, 'API token for');
    h.stdin.write('\r');
    await prompted(h, 'API token for', 2);
    expect(h.stderr.text).toContain('No token was given.');
    h.stdin.write('wrong-token\r');
    await prompted(h, 'authentik URL');
    expect(h.stderr.text).toContain('The token was refused (401).\nNothing was saved; try again, or press Ctrl-C to stop.');
    expect(fs.existsSync(store.path)).toBe(false);
    h.stdin.write('\r'); // keeps the URL offered
    await prompted(h, 'API token for', 3);
    h.stdin.write(`${TOKEN}\r`);
    expect(await done).toBe(0);
    expect(check).toHaveBeenCalledTimes(2);
    expect(store.read().profiles.default).toEqual({ url: 'https://ak.example.com', token: TOKEN });
    expect(h.all()).not.toContain(TOKEN);
  });

  it('a bad --url is still a usage error (exit 2), asked nothing', async () => {
    const h = harness({ tty: true });
    expect(await run(['login', '--url', 'ftp://ak.example.com'], setup(), h)).toBe(2);
    expect(h.stderr.text).toContain('The URL from --url must start with http:// or https://.');
  });

  it('cancels on Ctrl-C without writing and restores the terminal', async () => {
    const store = setup({ profiles: { default: { url: 'https://ak.example.com' } } });
    const before = fs.readFileSync(store.path, 'utf8');
    const check = vi.fn<CheckCredentials>(acceptingCheck);
    const h = harness({ tty: true });
    const done = run(['login'], store, h, check);
    await tick();
    h.stdin.write('abc\u0003');
    expect(await done).toBe(130);
    expect(h.stderr.text).toContain('Cancelled; nothing was saved.');
    expect(check).not.toHaveBeenCalled();
    expect(fs.readFileSync(store.path, 'utf8')).toBe(before);
    expect(h.rawModes).toEqual([true, false]);
  });
});
