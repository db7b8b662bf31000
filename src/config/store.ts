// The saved settings: `$XDG_CONFIG_HOME/aksync/config.json` (or `~/.config/aksync/config.json`), read through conf.
// Every read re-reads the file (several monitors may share it) and validates it; nothing is written unless a user
// command asks, and a file that is not valid is reported, never replaced.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { safeLine } from '../domain/sanitize.js';
import { locateJsonError } from './json-position.js';
import { CONFIG_FILE_MODE, ensureConfigDir, repairConfigPermissions } from './permissions.js';
import {
  type ConfigData,
  DEFAULT_PROFILE,
  type Profile,
  type ProfileKey,
  configFileSchema,
  describeIssues,
} from './schema.js';

export const CONFIG_FILE_NAME = 'config.json';

/** The config file cannot be used as it is. The message names the file and the fix; it never quotes the content. */
export class ConfigFileError extends Error {
  override readonly name = 'ConfigFileError';
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

export interface ProfileChange {
  set?: Partial<Profile>;
  unset?: ProfileKey[];
}

export interface ConfigStore {
  /** The config file's absolute path. */
  readonly path: string;
  /** Permission repairs made when the store was opened (print them to stderr). */
  readonly warnings: readonly string[];
  /** Reads and validates the file; a missing file is an empty config. Throws ConfigFileError. */
  read(): ConfigData;
  /** Sets and removes keys of one profile (creating it) in one atomic write. Throws ConfigFileError. */
  updateProfile(name: string, change: ProfileChange): void;
  /** Makes an existing profile the default. Throws ConfigFileError. */
  setDefaultProfile(name: string): void;
}

export interface OpenConfigOptions {
  /** Supplies XDG_CONFIG_HOME / HOME; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Use this folder instead of the XDG one (tests). */
  dir?: string;
}

/** `$XDG_CONFIG_HOME/aksync`, or `~/.config/aksync`, on every platform. */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(env.HOME || os.homedir(), '.config');
  return path.join(base, 'aksync');
}

export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(defaultConfigDir(env), CONFIG_FILE_NAME);
}

function quoted(file: string): string {
  return `'${safeLine(file)}'`;
}

/** Parses and validates the file's text; throws ConfigFileError with a sentence a user can act on. */
function parseConfigText(text: string, file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const where = locateJsonError(text);
    const at = where ? ` (line ${where.line}, column ${where.column})` : '';
    throw new ConfigFileError(
      `The config file ${quoted(file)} is not valid JSON${at}. Fix it or delete it: rm ${quoted(file)}`,
      file,
    );
  }
  const result = configFileSchema.safeParse(parsed);
  if (!result.success) {
    const problems = describeIssues(result.error).map(safeLine).join('; ');
    throw new ConfigFileError(
      `The config file ${quoted(file)} has invalid settings: ${problems}. ` +
        `Fix it with \`aksync config set\` or by hand, or delete it: rm ${quoted(file)}`,
      file,
    );
  }
  return parsed as Record<string, unknown>;
}

function toConfigData(raw: Record<string, unknown>): ConfigData {
  const result = configFileSchema.parse(raw);
  return {
    defaultProfile: result.defaultProfile ?? DEFAULT_PROFILE,
    profiles: (result.profiles ?? {}) as Record<string, Profile>,
  };
}

class ConfFileStore implements ConfigStore {
  readonly path: string;
  readonly warnings: readonly string[];
  private readonly dir: string;
  private conf: Conf<Record<string, unknown>> | null = null;

  constructor(dir: string) {
    this.dir = dir;
    this.path = path.join(dir, CONFIG_FILE_NAME);
    this.warnings = repairConfigPermissions(dir, this.path);
  }

  // Conf creates a missing folder (0755) even to read, so it is only constructed once the file or a write needs it.
  private open(): Conf<Record<string, unknown>> {
    if (this.conf) return this.conf;
    const file = this.path;
    this.conf = new Conf<Record<string, unknown>>({
      projectName: 'aksync',
      projectSuffix: '',
      cwd: this.dir,
      configName: 'config',
      configFileMode: CONFIG_FILE_MODE,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      deserialize: (text) => parseConfigText(text, file),
    });
    return this.conf;
  }

  private readRaw(): Record<string, unknown> {
    if (!fs.existsSync(this.path)) return {};
    try {
      return { ...this.open().store };
    } catch (error) {
      if (error instanceof ConfigFileError) throw error;
      const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new ConfigFileError(`The config file ${quoted(this.path)} cannot be read (${reason}).`, this.path);
    }
  }

  read(): ConfigData {
    return toConfigData(this.readRaw());
  }

  private write(next: Record<string, unknown>): void {
    parseConfigText(JSON.stringify(next), this.path);
    ensureConfigDir(this.dir);
    try {
      this.open().store = next;
      fs.chmodSync(this.path, CONFIG_FILE_MODE);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new ConfigFileError(`The config file ${quoted(this.path)} cannot be written (${reason}).`, this.path);
    }
  }

  updateProfile(name: string, change: ProfileChange): void {
    const raw = this.readRaw();
    const profiles = { ...((raw.profiles as Record<string, Record<string, unknown>> | undefined) ?? {}) };
    const isFirstProfile = Object.keys(profiles).length === 0;
    const profile: Record<string, unknown> = { ...(profiles[name] ?? {}), ...change.set };
    for (const key of change.unset ?? []) delete profile[key];
    profiles[name] = profile;
    const next: Record<string, unknown> = { ...raw, profiles };
    // The first profile saved becomes the default, so a lone `login --profile work` is used without flags.
    if (raw.defaultProfile === undefined) next.defaultProfile = isFirstProfile ? name : DEFAULT_PROFILE;
    this.write(next);
  }

  setDefaultProfile(name: string): void {
    const raw = this.readRaw();
    this.write({ ...raw, defaultProfile: name });
  }
}

/**
 * Opens the store: fixes loose permissions on the folder and file (see `warnings`) but reads nothing yet, so a
 * command that does not need the file works even when it is broken. Reads and writes throw ConfigFileError.
 */
export function openConfigStore(options: OpenConfigOptions = {}): ConfigStore {
  return new ConfFileStore(options.dir ?? defaultConfigDir(options.env ?? process.env));
}
