// `aksync config path | show | set KEY VALUE | unset KEY | use NAME | login`.
// Exit codes: 0 done; 1 failed (the file cannot be read or written, the server refused the token, input missing);
// 2 usage error (unknown subcommand, key or option, a value out of range); 130 login cancelled with Ctrl-C.
import { safeLine } from '../domain/sanitize.js';
import { type CheckCredentials, describeTaskAccess, describeUser, runCheck } from './check.js';
import { maskToken } from './mask.js';
import { type InputStream, type OutputStream, isInteractive, readAll, readLine } from './prompt.js';
import {
  type ConfigData,
  PROFILE_KEYS,
  type Profile,
  isProfileKey,
  parseProfileValue,
  profileNameSchema,
  urlProblem,
} from './schema.js';
import { plainHttpWarning } from './settings.js';
import { ConfigFileError, type ConfigStore, type EditableConfig } from './store.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_CANCELLED = 130;

export interface CommandIo {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: InputStream;
}

export interface ConfigCommandInput {
  /** The words after `config`, e.g. `['set', 'url', 'https://…', '--profile', 'staging']`. */
  args: string[];
  store: ConfigStore;
  io: CommandIo;
  /** For AKSYNC_PROFILE; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Checks a token before `login` saves it. */
  check: CheckCredentials;
}

export const CONFIG_USAGE = `Usage: aksync config <command>

  path                     print where the settings are saved
  show [--profile NAME]    print the saved profiles (tokens masked)
  set KEY VALUE            save one setting; KEY is ${PROFILE_KEYS.join(', ')}
  set token -              read the token from standard input (hidden in a terminal)
  unset KEY                remove one setting
  use NAME                 make profile NAME the default
  login [--url URL]        ask for the URL and token, check them, then save them

set, unset, show and login act on --profile NAME, else $AKSYNC_PROFILE, else the default profile.
`;

class UsageError extends Error {}

interface ParsedArgs {
  words: string[];
  profile?: string;
  url?: string;
}

function parseArgs(args: string[]): ParsedArgs {
  const parsed: ParsedArgs = { words: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const match = /^--(profile|url)(?:=(.*))?$/.exec(arg);
    if (match) {
      const value = match[2] ?? args[++i];
      if (value === undefined) throw new UsageError(`--${match[1]} needs a value.`);
      parsed[match[1] as 'profile' | 'url'] = value;
    } else if (arg.startsWith('--') && arg !== '--') {
      throw new UsageError(`Unknown option ${safeLine(arg)}.`);
    } else {
      parsed.words.push(arg);
    }
  }
  return parsed;
}

function checkProfileName(name: string): string {
  if (!profileNameSchema.safeParse(name).success) {
    throw new UsageError(`Profile names may hold only letters, digits, "-" and "_".`);
  }
  return name;
}

function targetProfile(parsed: ParsedArgs, env: NodeJS.ProcessEnv, data: ConfigData): string {
  const fromEnv = env.AKSYNC_PROFILE?.trim();
  return checkProfileName(parsed.profile ?? (fromEnv ? fromEnv : data.defaultProfile));
}

function expectWords(words: string[], count: number, usage: string): void {
  if (words.length !== count) throw new UsageError(`Usage: aksync config ${usage}`);
}

function formatValue(key: string, value: unknown): string {
  if (key === 'token') return maskToken(String(value));
  return safeLine(typeof value === 'string' ? value : JSON.stringify(value));
}

function showProfiles(data: ConfigData, only: string | undefined, path: string, out: OutputStream): number {
  out.write(`Config file: ${safeLine(path)}\n`);
  const names = Object.keys(data.profiles).filter((name) => only === undefined || name === only);
  if (only !== undefined && names.length === 0) {
    throw new UsageError(`There is no profile '${only}'. Saved profiles: ${Object.keys(data.profiles).join(', ') || 'none'}.`);
  }
  if (names.length === 0) {
    out.write('No profiles are saved yet. Run `aksync config login` to add one.\n');
    return EXIT_OK;
  }
  const width = Math.max(...PROFILE_KEYS.map((k) => k.length));
  for (const name of names) {
    const isDefault = name === data.defaultProfile;
    out.write(`${isDefault ? '*' : ' '} ${safeLine(name)}${isDefault ? ' (default)' : ''}\n`);
    const profile = data.profiles[name] as Record<string, unknown>;
    const keys = PROFILE_KEYS.filter((key) => profile[key] !== undefined);
    if (keys.length === 0) out.write('    (empty)\n');
    for (const key of keys) out.write(`    ${key.padEnd(width)}  ${formatValue(key, profile[key])}\n`);
  }
  return EXIT_OK;
}

async function readToken(io: CommandIo, prompt: string): Promise<string | null> {
  if (isInteractive(io.stdin)) return readLine(io.stdin, io.stderr, prompt, false);
  const text = await readAll(io.stdin);
  return text.split(/\r?\n/).map((line) => line.trim()).find((line) => line !== '') ?? '';
}

function tokenProblem(token: string): string | null {
  if (parseProfileValue('token', token).ok) return null;
  return token.trim() === '' ? 'No token was given.' : 'The token must not contain spaces.';
}

/**
 * The token, validated; null when cancelled. In a terminal a malformed answer is explained and asked again; from a
 * pipe it throws UsageError.
 */
async function askToken(io: CommandIo, prompt: string): Promise<string | null> {
  for (;;) {
    const token = await readToken(io, prompt);
    if (token === null) return null;
    const problem = tokenProblem(token);
    if (problem === null) return token.trim();
    if (!isInteractive(io.stdin)) throw new UsageError(problem);
    io.stderr.write(`${problem}\n`);
  }
}

/** Asks for the URL until it is one; `offered` is shown for editing. Null when cancelled. */
async function askUrl(io: CommandIo, offered: string): Promise<string | null> {
  let answer = offered;
  for (;;) {
    const typed = await readLine(io.stdin, io.stderr, 'authentik URL (e.g. https://authentik.example.com): ', true, answer);
    if (typed === null) return null;
    answer = typed.trim();
    const problem = urlProblem(answer);
    if (problem === null) return answer;
    io.stderr.write(`The URL ${problem}. Correct it, or press Ctrl-U to clear it.\n`);
  }
}

async function setKey(input: ConfigCommandInput, parsed: ParsedArgs, file: EditableConfig): Promise<number> {
  const { io, store } = input;
  expectWords(parsed.words, 3, 'set KEY VALUE [--profile NAME]');
  const [, key, text] = parsed.words as [string, string, string];
  if (!isProfileKey(key)) throw new UsageError(`Unknown key '${safeLine(key)}'. Keys: ${PROFILE_KEYS.join(', ')}.`);
  const profile = targetProfile(parsed, input.env ?? process.env, file.data);
  const refusal = file.refusal(profile, [key]);
  if (refusal) throw refusal;
  let value: Profile[keyof Profile];
  if (key === 'token') {
    if (text !== '-') {
      throw new UsageError(
        'A token typed on the command line stays in your shell history. Use `aksync config login`, ' +
          'or `aksync config set token -` to read it from standard input.',
      );
    }
    const token = await askToken(io, 'API token (input hidden): ');
    if (token === null) {
      io.stderr.write('Cancelled; nothing was saved.\n');
      return EXIT_CANCELLED;
    }
    value = token;
  } else {
    const result = parseProfileValue(key, text);
    if (!result.ok) throw new UsageError(result.message);
    value = result.value;
  }
  store.updateProfile(profile, { set: { [key]: value } });
  if (key === 'url') {
    const warning = plainHttpWarning(value as string);
    if (warning) io.stderr.write(`Warning: ${warning}\n`);
  }
  io.stdout.write(`Saved ${key} = ${formatValue(key, value)} in profile '${profile}' (${safeLine(store.path)}).\n`);
  return EXIT_OK;
}

function unsetKey(input: ConfigCommandInput, parsed: ParsedArgs, file: EditableConfig): number {
  expectWords(parsed.words, 2, 'unset KEY [--profile NAME]');
  const key = parsed.words[1] as string;
  if (!isProfileKey(key)) throw new UsageError(`Unknown key '${safeLine(key)}'. Keys: ${PROFILE_KEYS.join(', ')}.`);
  const profile = targetProfile(parsed, input.env ?? process.env, file.data);
  if (!file.holds(profile, key)) {
    input.io.stdout.write(`${key} is not set in profile '${profile}'; nothing changed.\n`);
    return EXIT_OK;
  }
  input.store.updateProfile(profile, { unset: [key] });
  input.io.stdout.write(`Removed ${key} from profile '${profile}'.\n`);
  return EXIT_OK;
}

function useProfile(input: ConfigCommandInput, parsed: ParsedArgs, file: EditableConfig): number {
  expectWords(parsed.words, 2, 'use NAME');
  const name = checkProfileName(parsed.words[1] as string);
  if (!file.data.profiles[name]) {
    const names = Object.keys(file.data.profiles);
    throw new UsageError(
      `There is no profile '${name}'. ${names.length ? `Saved profiles: ${names.join(', ')}.` : 'No profiles are saved yet.'} ` +
        `Create it with \`aksync config login --profile ${name}\`.`,
    );
  }
  input.store.setDefaultProfile(name);
  input.io.stdout.write(`Profile '${name}' is now the default.\n`);
  return EXIT_OK;
}

function cancelled(io: CommandIo): number {
  io.stderr.write('Cancelled; nothing was saved.\n');
  return EXIT_CANCELLED;
}

/**
 * Asks for what is missing, checks the URL and token against the server, and saves them only when they work. In a
 * terminal every wrong answer (not a URL, no token, a token the server refuses) is explained and asked again.
 */
async function login(input: ConfigCommandInput, parsed: ParsedArgs, file: EditableConfig): Promise<number> {
  const { io, store } = input;
  expectWords(parsed.words, 1, 'login [--url URL] [--profile NAME]');
  const profile = targetProfile(parsed, input.env ?? process.env, file.data);
  // A file with invalid settings is refused before anything is asked, unless login repairs it.
  const refusal = file.refusal(profile, ['url', 'token']);
  if (refusal) throw refusal;
  const interactive = isInteractive(io.stdin);
  if (parsed.url !== undefined) {
    const problem = urlProblem(parsed.url);
    if (problem) throw new UsageError(`The URL from --url ${problem}.`);
  }
  let url = parsed.url ?? file.data.profiles[profile]?.url;
  if (url === undefined && !interactive) {
    throw new UsageError('Pass --url URL: standard input is not a terminal, so only the token is read from it.');
  }
  for (;;) {
    if (url === undefined) {
      const answer = await askUrl(io, '');
      if (answer === null) return cancelled(io);
      url = answer;
    }
    const clear = plainHttpWarning(url);
    if (clear) io.stderr.write(`Warning: ${clear}\n`);

    const token = await askToken(io, `API token for ${safeLine(url)} (input hidden): `);
    if (token === null) return cancelled(io);
    const result = await runCheck(input.check, url, token);
    if (result.ok) {
      io.stdout.write(`${describeUser(result.user)}\n${describeTaskAccess(result.missingPermissions)}\n`);
      store.updateProfile(profile, { set: { url, token } });
      io.stdout.write(`Saved profile '${profile}' to ${safeLine(store.path)} (readable only by you).\n`);
      return EXIT_OK;
    }
    if (!interactive) {
      io.stderr.write(`${result.message}\nNothing was saved.\n`);
      return EXIT_FAILURE;
    }
    // The URL may be what is wrong (a refused connection, the wrong server): it is offered again for editing.
    io.stderr.write(`${result.message}\nNothing was saved; try again, or press Ctrl-C to stop.\n`);
    const again = await askUrl(io, url);
    if (again === null) return cancelled(io);
    url = again;
  }
}

/** Runs one `aksync config` subcommand; returns the exit code (see the top of this file). */
export async function runConfigCommand(input: ConfigCommandInput): Promise<number> {
  const { io, store } = input;
  try {
    const parsed = parseArgs(input.args);
    const command = parsed.words[0];
    if (command === undefined) {
      io.stderr.write(CONFIG_USAGE);
      return EXIT_USAGE;
    }
    if (command === 'help') {
      io.stdout.write(CONFIG_USAGE);
      return EXIT_OK;
    }
    if (command === 'path') {
      expectWords(parsed.words, 1, 'path');
      io.stdout.write(`${safeLine(store.path)}\n`);
      return EXIT_OK;
    }
    // Every other command reads the file first: a broken one is reported and never overwritten, and while its
    // settings are invalid only the edits that repair them are saved.
    switch (command) {
      case 'show':
        expectWords(parsed.words, 1, 'show [--profile NAME]');
        return showProfiles(store.read(), parsed.profile && checkProfileName(parsed.profile), store.path, io.stdout);
      case 'set':
        return await setKey(input, parsed, store.readForEdit());
      case 'unset':
        return unsetKey(input, parsed, store.readForEdit());
      case 'use':
        return useProfile(input, parsed, store.readForEdit());
      case 'login':
        return await login(input, parsed, store.readForEdit());
      default:
        throw new UsageError(`Unknown command 'config ${safeLine(command)}'. Run \`aksync config help\`.`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof ConfigFileError) {
      io.stderr.write(`${error.message}\n`);
      return EXIT_FAILURE;
    }
    if (error instanceof Error) {
      // Only stream and file-system errors reach here; none carries the token.
      io.stderr.write(`${safeLine(error.message)}\n`);
      return EXIT_FAILURE;
    }
    throw error;
  }
}
