// Invalid settings in the config file: what is wrong, which command repairs each problem, and which edits may be
// saved meanwhile. An edit of an invalid file is saved only when it repairs at least one problem and adds none, so
// the commands the error advises work and nothing else is written over a broken file.
import type { z } from 'zod';
import { ConfigFileError, quoted } from './config-file-error.js';
import {
  type ConfigData,
  DEFAULT_PROFILE,
  type Profile,
  type ProfileKey,
  PROFILE_KEYS,
  configFileSchema,
  describeIssues,
  isProfileKey,
  profileFieldSchemas,
  profileNameSchema,
} from './schema.js';

export interface ProfileChange {
  set?: Partial<Profile>;
  unset?: ProfileKey[];
}

export interface SettingsProblem {
  /** Where it is, e.g. `profiles.default.interval`. */
  where: string;
  /** The sentence naming it, e.g. `profiles.default.interval must be a number of seconds from 0.25 to 3600`. */
  sentence: string;
  /** The commands that repair it, or null when only an edit by hand can. */
  commands: string[] | null;
}

const VALUE_PLACEHOLDER: Record<ProfileKey, string> = {
  url: 'URL',
  token: '-',
  source: 'SLUG',
  interval: 'SECONDS',
  insecure: 'false',
  timeout: 'SECONDS',
  bell: 'false',
  notify: 'false',
  title: 'false',
};

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The profile `set`, `unset` and `login` act on when no --profile is given. */
export function implicitProfile(raw: unknown, env: NodeJS.ProcessEnv): string {
  const fromEnv = env.AKSYNC_PROFILE?.trim();
  if (fromEnv) return fromEnv;
  const named = isPlainObject(raw) ? raw.defaultProfile : undefined;
  return profileNameSchema.safeParse(named).success ? (named as string) : DEFAULT_PROFILE;
}

function repairCommands(path: PropertyKey[], implicit: string): string[] | null {
  if (path.length === 1 && path[0] === 'defaultProfile') return ['aksync config use NAME'];
  const [top, profile, key] = path;
  if (path.length !== 3 || top !== 'profiles' || typeof key !== 'string' || !isProfileKey(key)) return null;
  if (!profileNameSchema.safeParse(profile).success) return null;
  const flag = profile === implicit ? '' : ` --profile ${String(profile)}`;
  return [`aksync config set ${key} ${VALUE_PLACEHOLDER[key]}${flag}`, `aksync config unset ${key}${flag}`];
}

/** The file's problems, none when its settings are valid. */
export function settingsProblems(raw: unknown, env: NodeJS.ProcessEnv): SettingsProblem[] {
  const result = configFileSchema.safeParse(raw);
  if (result.success) return [];
  const implicit = implicitProfile(raw, env);
  const sentences = describeIssues(result.error);
  const seen = new Set<string>();
  const problems: SettingsProblem[] = [];
  result.error.issues.forEach((issue: z.core.$ZodIssue, i) => {
    const where = issue.path.map(String).join('.');
    if (seen.has(where)) return;
    seen.add(where);
    problems.push({ where, sentence: sentences[i] ?? `${where} is not valid`, commands: repairCommands(issue.path, implicit) });
  });
  return problems;
}

/** "The config file … has invalid settings: …. To fix it, run `…` or `…`, or edit the file, or delete it: rm …" */
export function invalidSettingsError(file: string, problems: SettingsProblem[], lead = ''): ConfigFileError {
  const listed = problems.map((p) => p.sentence).join('; ');
  const runnable = problems.filter((p) => p.commands !== null);
  const runs = runnable.map((p) => (p.commands ?? []).map((c) => `\`${c}\``).join(' or ')).join(', and ');
  const them = problems.length === 1 ? 'it' : 'them';
  const fix =
    runnable.length === 0
      ? `To fix ${them}, edit the file`
      : runnable.length === problems.length
        ? `To fix ${them}, run ${runs}, or edit the file`
        : `To fix ${them}, run ${runs}, and edit the file for the rest`;
  return new ConfigFileError(
    `${lead}The config file ${quoted(file)} has invalid settings: ${listed}. ${fix}, or delete it: rm ${quoted(file)}`,
    file,
  );
}

/** Whether an edit from `before` to `after` may be saved: the result is valid, or it repairs and breaks nothing. */
export function editAllowed(before: SettingsProblem[], after: SettingsProblem[]): boolean {
  if (after.length === 0) return true;
  const earlier = new Set(before.map((p) => p.where));
  return after.length < before.length && after.every((p) => earlier.has(p.where));
}

/** The file with one profile changed, or null when the file's shape leaves no profile to change (edit by hand). */
export function withProfileChange(raw: unknown, name: string, change: ProfileChange): Record<string, unknown> | null {
  if (!isPlainObject(raw)) return null;
  if (raw.profiles !== undefined && !isPlainObject(raw.profiles)) return null;
  const profiles = { ...(raw.profiles ?? {}) } as Record<string, unknown>;
  const current = profiles[name];
  if (current !== undefined && !isPlainObject(current)) return null;
  const profile: Record<string, unknown> = { ...current, ...change.set };
  for (const key of change.unset ?? []) delete profile[key];
  const isFirstProfile = Object.keys(profiles).length === 0;
  profiles[name] = profile;
  const next: Record<string, unknown> = { ...raw, profiles };
  // The first profile saved becomes the default, so a lone `login --profile work` is used without flags.
  if (raw.defaultProfile === undefined) next.defaultProfile = isFirstProfile ? name : DEFAULT_PROFILE;
  return next;
}

/** What can be read of a file whose settings may be invalid: the valid values; an invalid one reads as not set. */
export function validParts(raw: unknown): ConfigData {
  const data: ConfigData = { defaultProfile: DEFAULT_PROFILE, profiles: {} };
  if (!isPlainObject(raw)) return data;
  if (profileNameSchema.safeParse(raw.defaultProfile).success) data.defaultProfile = raw.defaultProfile as string;
  if (!isPlainObject(raw.profiles)) return data;
  for (const [name, values] of Object.entries(raw.profiles)) {
    if (!profileNameSchema.safeParse(name).success || !isPlainObject(values)) continue;
    const profile: Record<string, unknown> = {};
    for (const key of PROFILE_KEYS) {
      if (profileFieldSchemas[key].safeParse(values[key]).success) profile[key] = values[key];
    }
    data.profiles[name] = profile as Profile;
  }
  return data;
}
