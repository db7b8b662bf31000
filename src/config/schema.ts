// The one definition of what a saved profile may hold. The file reader, `config set`, the settings resolver and the
// setup form all validate through these schemas, so a value accepted in one place is accepted everywhere.
import { z } from 'zod';

export const SLUG_PATTERN = /^[-a-zA-Z0-9_]+$/;

export const PROFILE_KEYS = ['url', 'token', 'source', 'interval', 'insecure', 'timeout', 'bell', 'notify', 'title'] as const;
/** Keys that hold true or false. */
export const BOOLEAN_KEYS: readonly ProfileKey[] = ['insecure', 'bell', 'notify', 'title'];
export type ProfileKey = (typeof PROFILE_KEYS)[number];

export const INTERVAL_SECONDS = { min: 0.25, max: 3600, default: 5 } as const;
export const TIMEOUT_SECONDS = { min: 1, max: 300, default: 10 } as const;

/** Why a URL is not acceptable, or null when it is: http(s), a host, no user name or password in it. */
export function urlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an http:// or https:// URL, e.g. https://authentik.example.com';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'must start with http:// or https://';
  }
  if (url.hostname === '') return 'must name a host';
  if (url.username !== '' || url.password !== '') {
    return 'must not contain a user name or password (the token is enough)';
  }
  return null;
}

const URL_MESSAGE = 'must be an http:// or https:// URL without a user name or password';
const TOKEN_MESSAGE = 'must be a non-empty token without spaces';
const SLUG_MESSAGE = 'must be a slug: letters, digits, "-" and "_" only';
const INTERVAL_MESSAGE = `must be a number of seconds from ${INTERVAL_SECONDS.min} to ${INTERVAL_SECONDS.max}`;
const TIMEOUT_MESSAGE = `must be a number of seconds from ${TIMEOUT_SECONDS.min} to ${TIMEOUT_SECONDS.max}`;
const BOOLEAN_MESSAGE = 'must be true or false';

export const profileFieldSchemas = {
  url: z.string({ error: URL_MESSAGE }).refine((v) => urlProblem(v) === null, { error: URL_MESSAGE }),
  token: z.string({ error: TOKEN_MESSAGE }).regex(/^\S+$/, { error: TOKEN_MESSAGE }),
  source: z.string({ error: SLUG_MESSAGE }).regex(SLUG_PATTERN, { error: SLUG_MESSAGE }),
  interval: z
    .number({ error: INTERVAL_MESSAGE })
    .min(INTERVAL_SECONDS.min, { error: INTERVAL_MESSAGE })
    .max(INTERVAL_SECONDS.max, { error: INTERVAL_MESSAGE }),
  insecure: z.boolean({ error: BOOLEAN_MESSAGE }),
  bell: z.boolean({ error: BOOLEAN_MESSAGE }),
  notify: z.boolean({ error: BOOLEAN_MESSAGE }),
  title: z.boolean({ error: BOOLEAN_MESSAGE }),
  timeout: z
    .number({ error: TIMEOUT_MESSAGE })
    .min(TIMEOUT_SECONDS.min, { error: TIMEOUT_MESSAGE })
    .max(TIMEOUT_SECONDS.max, { error: TIMEOUT_MESSAGE }),
} satisfies Record<ProfileKey, z.ZodType>;

// Loose objects: keys a newer aksync wrote are kept on rewrite instead of being dropped.
export const profileSchema = z.looseObject({
  url: profileFieldSchemas.url.optional(),
  token: profileFieldSchemas.token.optional(),
  source: profileFieldSchemas.source.optional(),
  interval: profileFieldSchemas.interval.optional(),
  insecure: profileFieldSchemas.insecure.optional(),
  timeout: profileFieldSchemas.timeout.optional(),
  bell: profileFieldSchemas.bell.optional(),
  notify: profileFieldSchemas.notify.optional(),
  title: profileFieldSchemas.title.optional(),
});

const RESERVED_NAMES = ['__proto__', 'constructor', 'prototype'];

export const profileNameSchema = z
  .string()
  .regex(SLUG_PATTERN, { error: 'profile names must be letters, digits, "-" and "_" only' })
  .refine((name) => !RESERVED_NAMES.includes(name), { error: 'is a reserved name' });

export const configFileSchema = z.looseObject(
  {
    defaultProfile: profileNameSchema.optional(),
    profiles: z.record(profileNameSchema, profileSchema, { error: 'must be an object of profiles' }).optional(),
  },
  { error: 'must be a JSON object' },
);

export interface Profile {
  url?: string;
  token?: string;
  source?: string;
  interval?: number;
  insecure?: boolean;
  timeout?: number;
  /** Calling for attention (issue 13): the bell, a desktop notification, the window title. */
  bell?: boolean;
  notify?: boolean;
  title?: boolean;
}

export interface ConfigData {
  defaultProfile: string;
  profiles: Record<string, Profile>;
}

export const DEFAULT_PROFILE = 'default';

export function isProfileKey(key: string): key is ProfileKey {
  return (PROFILE_KEYS as readonly string[]).includes(key);
}

/** One sentence per problem, naming where it is (`profiles.default.interval must be …`). Never quotes a value. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = issue.path.map(String).join('.');
    const message = issue.code === 'invalid_key' ? 'is not a valid profile name (letters, digits, "-" and "_")' : issue.message;
    return where === '' ? `the file ${message}` : `${where} ${message}`;
  });
}

const TRUE_WORDS = ['true', '1', 'yes', 'on'];
const FALSE_WORDS = ['false', '0', 'no', 'off'];

/** A boolean from a word (true/1/yes/on, false/0/no/off), or null for anything else. */
export function parseBooleanWord(text: string): boolean | null {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  return null;
}

export type ParsedValue<T> = { ok: true; value: T } | { ok: false; message: string };

/** Turns what a user typed for `key` into a validated value, or a sentence saying what is wrong. */
export function parseProfileValue(key: ProfileKey, text: string): ParsedValue<Profile[ProfileKey]> {
  const raw = text.trim();
  let candidate: unknown = raw;
  if (key === 'interval' || key === 'timeout') candidate = raw === '' ? Number.NaN : Number(raw);
  if (BOOLEAN_KEYS.includes(key)) candidate = parseBooleanWord(raw);
  const result = profileFieldSchemas[key].safeParse(candidate);
  if (result.success) return { ok: true, value: result.data };
  const specific = key === 'url' ? urlProblem(raw) : null;
  return { ok: false, message: `${key} ${specific ?? result.error.issues[0]?.message ?? 'is not valid'}.` };
}
