// The saved settings: `$XDG_CONFIG_HOME/aksync/config.json` (or `~/.config/aksync/config.json`).
// Every read re-reads the file (several monitors may share it) and validates it; nothing is written unless a user
// command asks, and a file that is not valid is reported, never replaced: while its settings are invalid, only an edit
// that repairs them is saved. The file is read and written only as a real file of the user's (see permissions.ts).
// (conf is not used: its atomic write resolves a symbolic link and replaces the link's target.)
import os from 'node:os';
import path from 'node:path';
import { ConfigFileError, quoted } from './config-file-error.js';
import { locateJsonError } from './json-position.js';
import { currentUid, readConfigFile, repairConfigPermissions, replaceConfigFile } from './permissions.js';
import {
  type ProfileChange,
  type SettingsProblem,
  editAllowed,
  invalidSettingsError,
  isPlainObject,
  settingsProblems,
  validParts,
  withProfileChange,
} from './repair.js';
import { type ConfigData, DEFAULT_PROFILE, type Profile, type ProfileKey, configFileSchema } from './schema.js';

export { ConfigFileError } from './config-file-error.js';
export type { ProfileChange } from './repair.js';

export const CONFIG_FILE_NAME = 'config.json';

/** The file as far as it can be read, for the commands that edit (and may repair) it. */
export interface EditableConfig {
  /** The valid settings; an invalid value reads as not set. */
  data: ConfigData;
  /** Whether the file holds `key` in profile `name`, valid or not. */
  holds(name: string, key: ProfileKey): boolean;
  /** Why an edit of these keys of profile `name` would not be saved (it repairs nothing while the file is invalid), or null. */
  refusal(name: string, keys: ProfileKey[]): ConfigFileError | null;
}

export interface ConfigStore {
  /** The config file's absolute path. */
  readonly path: string;
  /** Permission repairs made when the store was opened (print them to stderr). */
  readonly warnings: readonly string[];
  /** Reads and validates the file; a missing file is an empty config. Throws ConfigFileError. */
  read(): ConfigData;
  /** Reads the file for an edit: invalid settings are no error here. Throws ConfigFileError (not JSON, not usable). */
  readForEdit(): EditableConfig;
  /** Sets and removes keys of one profile (creating it) in one atomic write. Throws ConfigFileError. */
  updateProfile(name: string, change: ProfileChange): void;
  /** Makes an existing profile the default. Throws ConfigFileError. */
  setDefaultProfile(name: string): void;
}

export interface OpenConfigOptions {
  /** Supplies XDG_CONFIG_HOME / HOME / AKSYNC_PROFILE; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Use this folder instead of the XDG one (tests). */
  dir?: string;
  /** The user who must own the folder and file; defaults to the effective user (tests pass another). */
  uid?: number;
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

/** Parses the file's text; throws ConfigFileError with the line and column of the first mistake. */
function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const where = locateJsonError(text);
    const at = where ? ` (line ${where.line}, column ${where.column})` : '';
    throw new ConfigFileError(
      `The config file ${quoted(file)} is not valid JSON${at}. Fix it or delete it: rm ${quoted(file)}`,
      file,
    );
  }
}

class FileStore implements ConfigStore {
  readonly path: string;
  readonly warnings: readonly string[];

  constructor(
    private readonly dir: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly uid: number | undefined,
  ) {
    this.path = path.join(dir, CONFIG_FILE_NAME);
    this.warnings = repairConfigPermissions(dir, this.path, uid);
  }

  /** The parsed file, or undefined when there is none. */
  private readRaw(): unknown {
    const text = readConfigFile(this.dir, this.path, this.uid);
    return text === null ? undefined : parseJson(text, this.path);
  }

  private problems(raw: unknown): SettingsProblem[] {
    return settingsProblems(raw, this.env);
  }

  read(): ConfigData {
    const raw = this.readRaw();
    if (raw === undefined) return { defaultProfile: DEFAULT_PROFILE, profiles: {} };
    const problems = this.problems(raw);
    if (problems.length > 0) throw invalidSettingsError(this.path, problems);
    const result = configFileSchema.parse(raw);
    return {
      defaultProfile: result.defaultProfile ?? DEFAULT_PROFILE,
      profiles: (result.profiles ?? {}) as Record<string, Profile>,
    };
  }

  readForEdit(): EditableConfig {
    const raw = this.readRaw() ?? {};
    const before = this.problems(raw);
    return {
      data: validParts(raw),
      holds: (name, key) => {
        const profiles = isPlainObject(raw) ? raw.profiles : undefined;
        const profile = isPlainObject(profiles) ? profiles[name] : undefined;
        return isPlainObject(profile) && Object.hasOwn(profile, key);
      },
      refusal: (name, keys) => {
        if (before.length === 0) return null;
        // Setting a key to a valid value repairs it as removing it does.
        const next = withProfileChange(raw, name, { unset: keys });
        return next !== null && editAllowed(before, this.problems(next)) ? null : this.refused(before);
      },
    };
  }

  private refused(problems: SettingsProblem[]): ConfigFileError {
    return invalidSettingsError(this.path, problems, 'Nothing was saved. ');
  }

  private save(raw: unknown, next: Record<string, unknown> | null): void {
    const before = this.problems(raw);
    if (next === null) throw this.refused(before);
    const after = this.problems(next);
    if (!editAllowed(before, after)) throw this.refused(before.length > 0 ? before : after);
    replaceConfigFile(this.dir, this.path, `${JSON.stringify(next, null, 2)}\n`, this.uid);
  }

  updateProfile(name: string, change: ProfileChange): void {
    const raw = this.readRaw() ?? {};
    this.save(raw, withProfileChange(raw, name, change));
  }

  setDefaultProfile(name: string): void {
    const raw = this.readRaw() ?? {};
    this.save(raw, isPlainObject(raw) ? { ...raw, defaultProfile: name } : null);
  }
}

/**
 * Opens the store: fixes loose permissions on the folder and file (see `warnings`) but reads nothing yet, so a
 * command that does not need the file works even when it is broken. Reads and writes throw ConfigFileError.
 */
export function openConfigStore(options: OpenConfigOptions = {}): ConfigStore {
  const env = options.env ?? process.env;
  return new FileStore(options.dir ?? defaultConfigDir(env), env, options.uid ?? currentUid());
}
