// The effective settings of one run, highest first: flags, environment, the selected saved profile, defaults.
import fs from 'node:fs';
import { safeLine } from '../domain/sanitize.js';
import { parseRef } from '../domain/sync-object-ref.js';
import { octal } from './permissions.js';
import {
  DEFAULT_PROFILE,
  INTERVAL_SECONDS,
  type Profile,
  TIMEOUT_SECONDS,
  parseBooleanWord,
  profileFieldSchemas,
  profileNameSchema,
  urlProblem,
} from './schema.js';
import { ConfigFileError, type ConfigStore, defaultConfigPath } from './store.js';

export interface SettingsFlags {
  url?: string;
  tokenFile?: string;
  insecure?: boolean;
  timeoutSeconds?: number;
  intervalSeconds?: number;
  profile?: string;
  /** the positional source slug */
  source?: string;
  bell?: boolean;
  notify?: boolean;
  title?: boolean;
}

/** Calling for attention when a verdict gets worse (all off by default). */
export interface AttentionSettings {
  /** The terminal bell, once per worsening. */
  bell: boolean;
  /** A desktop notification through the terminal (OSC 9 / OSC 777). */
  notify: boolean;
  /** The window title shows the worst verdict, restored on exit. */
  title: boolean;
}

export type TokenOrigin = 'env' | 'token-file' | 'profile';

export interface Settings {
  profile: string;
  url: string | null;
  token: string | null;
  tokenOrigin: TokenOrigin | null;
  source: string | null;
  intervalSeconds: number;
  timeoutSeconds: number;
  insecure: boolean;
  attention: AttentionSettings;
  configPath: string;
  /** One sentence each; the CLI prints them to stderr. */
  warnings: string[];
}

/** A setting cannot be used; the message says which and how to fix it. Never contains the token. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

export interface ResolveInput {
  flags: SettingsFlags;
  env: NodeJS.ProcessEnv;
  store: ConfigStore | null;
}

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The warning for a token sent over plain http to another machine, or null. */
export function plainHttpWarning(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' || LOCAL_HOSTS.has(parsed.hostname)) return null;
  return `${safeLine(parsed.origin)} uses plain http: the token travels in clear text. Use https:// unless you trust every network in between.`;
}

function readTokenFile(file: string, warnings: string[]): string {
  const shown = `'${safeLine(file)}'`;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SettingsError(`The token file ${shown} does not exist.`);
    if (code === 'EACCES') throw new SettingsError(`The token file ${shown} cannot be read (permission denied).`);
    if (code === 'EISDIR') throw new SettingsError(`${shown} is a folder, not a token file.`);
    throw new SettingsError(`The token file ${shown} cannot be read (${code ?? 'unknown error'}).`);
  }
  const token = text.replace(/^\uFEFF/, '').trim();
  if (token === '') throw new SettingsError(`The token file ${shown} is empty.`);
  if (/\s/.test(token)) {
    throw new SettingsError(`The token file ${shown} holds more than the token; put only the token in it, on one line.`);
  }
  const mode = fs.statSync(file).mode & 0o777;
  if ((mode & 0o044) !== 0) {
    warnings.push(`The token file ${shown} is readable by other users (mode ${octal(mode)}); run: chmod 600 ${shown}`);
  }
  return token;
}

function checkUrl(url: string, from: string): string {
  const problem = urlProblem(url);
  if (problem) throw new SettingsError(`The URL from ${from} ${problem}.`);
  return url;
}

function checkRange(value: number, range: { min: number; max: number }, from: string): number {
  if (!Number.isFinite(value) || value < range.min || value > range.max) {
    throw new SettingsError(`${from} must be a number of seconds from ${range.min} to ${range.max}.`);
  }
  return value;
}

/** A source slug, or any sync object as KIND/ID (`scim/3`). */
function checkSlug(source: string, from: string): string {
  if (source.includes('/')) {
    const ref = parseRef(source);
    if (!ref.ok) throw new SettingsError(`The sync object from ${from}: ${ref.reason}.`);
    return source;
  }
  if (!profileFieldSchemas.source.safeParse(source).success) {
    throw new SettingsError(`The source slug from ${from} may hold only letters, digits, "-" and "_".`);
  }
  return source;
}

function listProfiles(names: string[]): string {
  return names.length === 0 ? 'no profiles are saved yet' : `saved profiles: ${names.map(safeLine).join(', ')}`;
}

interface SelectedProfile {
  name: string;
  values: Profile;
}

function selectProfile(input: ResolveInput, needsFile: boolean, warnings: string[]): SelectedProfile {
  const explicit = input.flags.profile ?? envValue(input.env, 'AKSYNC_PROFILE');
  const origin = input.flags.profile !== undefined ? '--profile' : 'AKSYNC_PROFILE';
  if (explicit !== undefined && !profileNameSchema.safeParse(explicit).success) {
    throw new SettingsError(`The profile name from ${origin} may hold only letters, digits, "-" and "_".`);
  }
  if (!input.store) {
    if (explicit !== undefined) throw new SettingsError(`There is no profile '${explicit}': ${listProfiles([])}.`);
    return { name: DEFAULT_PROFILE, values: {} };
  }
  let data;
  try {
    data = input.store.read();
  } catch (error) {
    // Flags and environment may give everything needed; then a broken file is only worth a warning.
    if (error instanceof ConfigFileError && !needsFile && explicit === undefined) {
      warnings.push(error.message);
      return { name: DEFAULT_PROFILE, values: {} };
    }
    throw error instanceof ConfigFileError ? new SettingsError(error.message) : error;
  }
  const names = Object.keys(data.profiles);
  if (explicit !== undefined) {
    const values = data.profiles[explicit];
    if (!values) throw new SettingsError(`There is no profile '${explicit}': ${listProfiles(names)}.`);
    return { name: explicit, values };
  }
  return { name: data.defaultProfile, values: data.profiles[data.defaultProfile] ?? {} };
}

/** `--bell` beats AKSYNC_BELL beats the saved `bell`; off by default. */
function attentionSetting(key: 'bell' | 'notify' | 'title', flag: boolean | undefined, env: NodeJS.ProcessEnv, saved: boolean | undefined, warnings: string[]): boolean {
  if (flag !== undefined) return flag;
  const name = `AKSYNC_${key.toUpperCase()}`;
  const fromEnv = envValue(env, name);
  if (fromEnv !== undefined) {
    const parsed = parseBooleanWord(fromEnv);
    if (parsed !== null) return parsed;
    warnings.push(`${name} is neither true/1/yes nor false/0/no; it is ignored.`);
  }
  return saved ?? false;
}

/** The bell, notification and title settings: each flag beats its AKSYNC_ variable beats the saved key; off by default. */
export function resolveAttention(flags: Pick<SettingsFlags, 'bell' | 'notify' | 'title'>, env: NodeJS.ProcessEnv, saved: Profile = {}, warnings: string[] = []): AttentionSettings {
  return {
    bell: attentionSetting('bell', flags.bell, env, saved.bell, warnings),
    notify: attentionSetting('notify', flags.notify, env, saved.notify, warnings),
    title: attentionSetting('title', flags.title, env, saved.title, warnings),
  };
}

/** Resolves flags > environment > saved profile > defaults. Throws SettingsError with a sentence to show the user. */
export function resolveSettings(input: ResolveInput): Settings {
  const { flags, env } = input;
  const warnings: string[] = [...(input.store?.warnings ?? [])];

  const urlFromFlagOrEnv =
    flags.url !== undefined
      ? checkUrl(flags.url.trim(), '--url')
      : (() => {
          const fromUrl = envValue(env, 'AUTHENTIK_URL');
          if (fromUrl !== undefined) return checkUrl(fromUrl, 'AUTHENTIK_URL');
          const fromHost = envValue(env, 'AUTHENTIK_HOST');
          return fromHost !== undefined ? checkUrl(fromHost, 'AUTHENTIK_HOST') : undefined;
        })();

  let token: string | null = null;
  let tokenOrigin: TokenOrigin | null = null;
  if (flags.tokenFile !== undefined) {
    token = readTokenFile(flags.tokenFile, warnings);
    tokenOrigin = 'token-file';
  } else {
    const fromEnv = envValue(env, 'AUTHENTIK_TOKEN');
    if (fromEnv !== undefined) {
      if (/\s/.test(fromEnv)) throw new SettingsError('AUTHENTIK_TOKEN must hold only the token, without spaces.');
      token = fromEnv;
      tokenOrigin = 'env';
    }
  }

  const profile = selectProfile(input, urlFromFlagOrEnv === undefined || token === null, warnings);
  const saved = profile.values;

  const url = urlFromFlagOrEnv ?? saved.url ?? null;
  if (token === null && saved.token !== undefined) {
    token = saved.token;
    tokenOrigin = 'profile';
  }

  const sourceFromEnv = envValue(env, 'AKSYNC_SOURCE');
  const source =
    flags.source !== undefined
      ? checkSlug(flags.source, 'the command line')
      : sourceFromEnv !== undefined
        ? checkSlug(sourceFromEnv, 'AKSYNC_SOURCE')
        : (saved.source ?? null);

  const intervalSeconds =
    flags.intervalSeconds !== undefined
      ? checkRange(flags.intervalSeconds, INTERVAL_SECONDS, '--interval')
      : (saved.interval ?? INTERVAL_SECONDS.default);
  const timeoutSeconds =
    flags.timeoutSeconds !== undefined
      ? checkRange(flags.timeoutSeconds, TIMEOUT_SECONDS, '--timeout')
      : (saved.timeout ?? TIMEOUT_SECONDS.default);

  let insecure = saved.insecure ?? false;
  const insecureEnv = envValue(env, 'AUTHENTIK_INSECURE');
  if (insecureEnv !== undefined) {
    const parsed = parseBooleanWord(insecureEnv);
    if (parsed === null) warnings.push('AUTHENTIK_INSECURE is neither true/1/yes nor false/0/no; it is ignored.');
    else insecure = parsed;
  }
  if (flags.insecure !== undefined) insecure = flags.insecure;

  const attention = resolveAttention(flags, env, saved, warnings);

  if (url !== null) {
    const clear = plainHttpWarning(url);
    if (clear) warnings.push(clear);
  }
  if (insecure) {
    warnings.push('TLS verification is off (--insecure): anyone on the network path could read the token.');
  }

  return {
    profile: profile.name,
    url,
    token,
    tokenOrigin,
    source,
    intervalSeconds,
    timeoutSeconds,
    insecure,
    attention,
    configPath: input.store?.path ?? defaultConfigPath(env),
    warnings,
  };
}

/** How to provide what is missing, as one sentence; null when both URL and token are known. */
export function missingSettingsMessage(s: Settings): string | null {
  const profileFlag = s.profile === DEFAULT_PROFILE ? '' : ` --profile ${safeLine(s.profile)}`;
  const login = `aksync config login${profileFlag}`;
  if (s.url === null && s.token === null) {
    return (
      `No authentik URL or API token is set. Run \`${login}\` to save them, ` +
      'or set AUTHENTIK_URL and AUTHENTIK_TOKEN (or pass --url URL and --token-file PATH).'
    );
  }
  if (s.url === null) {
    return (
      'No authentik URL is set. Pass --url https://authentik.example.com, set AUTHENTIK_URL, ' +
      `or save it with \`aksync config set url URL${profileFlag}\`.`
    );
  }
  if (s.token === null) {
    return `No API token is set. Set AUTHENTIK_TOKEN, pass --token-file PATH, or save one with \`${login}\`.`;
  }
  return null;
}
