// Arguments → one command and its flags. node:util's parseArgs does the parsing; this file owns the vocabulary:
// which flags each command takes, and the one-line errors (exit 2) for everything else.
import { parseArgs } from 'node:util';
import { safeLine } from '../domain/sanitize.js';
import { parseRef, SYNC_KINDS, type SyncKind } from '../domain/sync-object-ref.js';
import { parseSince } from '../domain/trends.js';

export const COMMANDS = ['monitor', 'status', 'sources', 'sync', 'history', 'config', 'demo', 'exporter', 'help'] as const;
export type CommandName = (typeof COMMANDS)[number];

const FLAG_SPECS = {
  url: { type: 'string' },
  'token-file': { type: 'string' },
  insecure: { type: 'boolean' },
  timeout: { type: 'string' },
  interval: { type: 'string' },
  profile: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  format: { type: 'string' },
  listen: { type: 'string' },
  kind: { type: 'string', multiple: true },
  all: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  ascii: { type: 'boolean' },
  'no-alt-screen': { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  wait: { type: 'boolean' },
  serve: { type: 'boolean' },
  generation: { type: 'string' },
  scenario: { type: 'string' },
  since: { type: 'string' },
  bell: { type: 'boolean' },
  notify: { type: 'boolean' },
  title: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

type FlagName = keyof typeof FLAG_SPECS;

const CONNECTION: FlagName[] = ['url', 'token-file', 'insecure', 'timeout', 'profile', 'no-color'];
const SCREEN: FlagName[] = ['interval', 'ascii', 'no-alt-screen', 'bell', 'notify', 'title'];

/** Which flags each command accepts, besides --help and --version. */
export const COMMAND_FLAGS: Record<CommandName, FlagName[]> = {
  monitor: [...CONNECTION, ...SCREEN],
  status: [...CONNECTION, 'json', 'all', 'format'],
  sources: [...CONNECTION, 'json', 'kind'],
  sync: [...CONNECTION, 'yes', 'wait', 'interval', 'json'],
  history: ['url', 'profile', 'no-color', 'json', 'since'],
  config: ['profile', 'url', 'insecure', 'timeout', 'no-color'],
  demo: ['serve', 'generation', 'scenario', 'no-color', ...SCREEN],
  exporter: [...CONNECTION, 'interval', 'listen'],
  help: [],
};

export interface Flags {
  /** sources: only these kinds (`--kind scim`, repeatable); absent: every kind. */
  kinds?: SyncKind[];
  url?: string;
  tokenFile?: string;
  insecure?: boolean;
  timeoutSeconds?: number;
  intervalSeconds?: number;
  profile?: string;
  /** exporter: every --profile given, in order, each once. */
  profiles: string[];
  json: boolean;
  /** status: `openmetrics` prints the exporter's metrics once (for node_exporter's textfile collector). */
  format?: StatusFormat;
  /** exporter: HOST:PORT as given. */
  listen?: string;
  /** status: every source, even when a default source is saved. */
  all: boolean;
  noColor: boolean;
  ascii: boolean;
  altScreen: boolean;
  yes: boolean;
  wait: boolean;
  serve: boolean;
  generation?: 'A' | 'B';
  scenario?: string;
  /** history: only runs that ended within this many ms. */
  sinceMs?: number;
  /** Calling for attention; undefined: as the environment or the saved profile says. */
  bell?: boolean;
  notify?: boolean;
  title?: boolean;
}

export const STATUS_FORMATS = ['plugin', 'json', 'openmetrics'] as const;
export type StatusFormat = (typeof STATUS_FORMATS)[number];

export type ParsedArgs =
  | { kind: 'run'; command: CommandName; positionals: string[]; flags: Flags }
  | { kind: 'help'; command: CommandName | null }
  | { kind: 'version' }
  | { kind: 'usage-error'; message: string; hint: string; check: CheckUsage | null };

/**
 * A usage error of a check (`status`, `sync --wait`) is reported as the check's UNKNOWN, on stdout, in the output
 * the command line asked for: monitoring systems read only stdout and treat exit 2 as CRITICAL.
 */
export interface CheckUsage {
  json: boolean;
  noColor: boolean;
  /** The slug the command line names, if any: it decides between the one-source and the all-sources report. */
  slug: string | null;
  command: 'status' | 'sync';
}

const SLUG = /^[-a-zA-Z0-9_]+$/;

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

export function closestCommand(word: string): CommandName | null {
  let best: CommandName | null = null;
  let bestDistance = 3;
  for (const c of COMMANDS) {
    const d = editDistance(word.toLowerCase(), c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function usage(message: string, command: CommandName | null): ParsedArgs {
  return { kind: 'usage-error', message, hint: `Run 'aksync ${command && command !== 'monitor' ? `${command} ` : ''}--help' for usage.`, check: null };
}

/** `aksync help [TOPIC]`: the topic's help, or a usage error naming the nearest command. */
function helpFor(topic: string | undefined): ParsedArgs {
  if (topic === undefined) return { kind: 'help', command: null };
  if ((COMMANDS as readonly string[]).includes(topic)) return { kind: 'help', command: topic as CommandName };
  const near = closestCommand(topic);
  const hint = near ? `Did you mean '${near}'?` : `Commands: ${COMMANDS.join(', ')}.`;
  return { kind: 'usage-error', message: `no command '${safeLine(topic)}'. ${hint}`, hint: "Run 'aksync help' for usage.", check: null };
}

function seconds(name: string, text: string | undefined, min: number, max: number): number | string | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    return `--${name} takes a number of seconds from ${min} to ${max}, not '${text}'.`;
  }
  return value;
}

/** Whether a command line that failed to parse asked for a check, read as leniently as possible. */
function checkUsage(argv: string[]): CheckUsage | null {
  let lenient;
  try {
    lenient = parseArgs({ args: argv, options: FLAG_SPECS, allowPositionals: true, strict: false, tokens: true });
  } catch {
    return null;
  }
  // A word right after an unknown option may be that option's value (`--token x`), not a slug.
  const positionals = lenient.tokens.flatMap((token, i) => {
    const before = lenient.tokens[i - 1];
    const valueOfUnknown = before?.kind === 'option' && !(before.name in FLAG_SPECS) && before.inlineValue === undefined;
    return token.kind === 'positional' && !valueOfUnknown ? [token.value] : [];
  });
  const [command, slug] = positionals;
  const bool = (value: unknown) => value === true;
  if (command !== 'status' && !(command === 'sync' && bool(lenient.values.wait))) return null;
  const named = slug !== undefined && (SLUG.test(slug) || parseRef(slug).ok) ? slug : null;
  return { command, json: bool(lenient.values.json), noColor: bool(lenient.values['no-color']), slug: named };
}

export function parseCommandLine(argv: string[]): ParsedArgs {
  const parsed = parseStrictly(argv);
  if (parsed.kind !== 'usage-error') return parsed;
  const check = checkUsage(argv);
  return check ? { ...parsed, hint: `Run 'aksync ${check.command} --help' for usage.`, check } : parsed;
}

function parseStrictly(argv: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: FLAG_SPECS, allowPositionals: true, strict: true });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '([^']+)'/.exec(text);
    if (unknown) return usage(`unknown option ${unknown[1]}`, null);
    const missing = /Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(text);
    if (missing) return usage(`${missing[1]} needs a value`, null);
    return usage(text.split('\n')[0] ?? text, null);
  }
  const { values, positionals } = parsed;

  let command: CommandName = 'monitor';
  let rest = positionals;
  const first = positionals[0];
  if (first !== undefined) {
    if ((COMMANDS as readonly string[]).includes(first)) {
      command = first as CommandName;
      rest = positionals.slice(1);
    } else {
      const near = closestCommand(first);
      const isRef = first.includes('/') && parseRef(first).ok;
      if ((!SLUG.test(first) && !isRef) || near) {
        const hint = near ? ` Did you mean '${near}'? To monitor a source with this slug: aksync monitor ${first}` : '';
        return { kind: 'usage-error', message: `unknown command '${first}'.${hint}`, hint: "Run 'aksync --help' for usage.", check: null };
      }
    }
  }

  if (values.version) return { kind: 'version' };
  if (command === 'help') return helpFor(rest[0]);
  if (values.help) return { kind: 'help', command: first === undefined ? null : command };

  const allowed = new Set<string>([...COMMAND_FLAGS[command], 'help', 'version']);
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && !allowed.has(name)) {
      return usage(`--${name} is not an option of '${command}'`, command);
    }
  }

  const timeout = seconds('timeout', values.timeout, 1, 300);
  if (typeof timeout === 'string') return usage(timeout, command);
  const interval = seconds('interval', values.interval, 0.25, 3600);
  if (typeof interval === 'string') return usage(interval, command);
  let generation: 'A' | 'B' | undefined;
  if (values.generation !== undefined) {
    const g = values.generation.toUpperCase();
    if (g !== 'A' && g !== 'B') return usage(`--generation is 'a' (authentik 2024.8–2025.6) or 'b' (2025.8 and newer), not '${values.generation}'`, command);
    generation = g;
  }

  const profiles = [...new Set(values.profile ?? [])];
  if (profiles.length > 1 && command !== 'exporter') return usage(`--profile is given once, except to 'exporter' (one server per profile)`, command);
  let format: StatusFormat | undefined;
  if (values.format !== undefined) {
    if (!(STATUS_FORMATS as readonly string[]).includes(values.format)) return usage(`--format is ${STATUS_FORMATS.join(', ')}, not '${values.format}'`, command);
    format = values.format as StatusFormat;
    if (values.json && format !== 'json') return usage(`--json and --format ${format} ask for two outputs: give one`, command);
  }

  const maxPositionals: Record<CommandName, number> = { monitor: 1, status: 1, sources: 0, sync: 1, history: 1, config: 3, demo: 0, exporter: 0, help: 1 };
  if (rest.length > maxPositionals[command]) {
    return usage(`unexpected argument '${rest[maxPositionals[command]]}'`, command);
  }
  if (values.all && rest.length > 0) return usage(`--all checks every source: give no slug (or leave out --all to check '${rest[0]}')`, command);
  let sinceMs: number | undefined;
  if (values.since !== undefined) {
    sinceMs = parseSince(values.since) ?? undefined;
    if (sinceMs === undefined) return usage(`--since takes a time like 7d, 24h, 90m or 2w, not '${values.since}'`, command);
  }
  if (command === 'history') {
    if (rest[0] === undefined) return usage('name the sync object: aksync history [KIND/]ID (ldap/corp-ad, or just corp-ad)', command);
    const ref = parseRef(rest[0]);
    if (!ref.ok) return usage(ref.reason, command);
  }
  for (const slug of command === 'config' || command === 'history' ? [] : rest) {
    // The monitor, status and sync name any sync object (`scim/3`, `kerberos/corp-krb`); a bare slug is an LDAP source.
    if ((command === 'status' || command === 'sync' || command === 'monitor') && slug.includes('/')) {
      const ref = parseRef(slug);
      if (!ref.ok) return usage(ref.reason, command);
      continue;
    }
    if (!SLUG.test(slug)) return usage(`'${slug}' is not a source slug (letters, digits, - and _)`, command);
  }
  let kinds: SyncKind[] | undefined;
  if (values.kind !== undefined) {
    kinds = [];
    for (const text of values.kind.flatMap((k) => k.split(','))) {
      const kind = text.trim().toLowerCase().replaceAll('-', '_');
      if (!(SYNC_KINDS as readonly string[]).includes(kind)) return usage(`--kind is one of ${SYNC_KINDS.join(', ')}, not '${text}'`, command);
      if (!kinds.includes(kind as SyncKind)) kinds.push(kind as SyncKind);
    }
  }

  const flags: Flags = {
    url: values.url,
    tokenFile: values['token-file'],
    insecure: values.insecure,
    timeoutSeconds: timeout,
    intervalSeconds: interval,
    profile: profiles.at(-1),
    profiles,
    json: (values.json ?? false) || format === 'json',
    format,
    listen: values.listen,
    all: values.all ?? false,
    noColor: values['no-color'] ?? false,
    ascii: values.ascii ?? false,
    altScreen: !(values['no-alt-screen'] ?? false),
    yes: values.yes ?? false,
    wait: values.wait ?? false,
    serve: values.serve ?? false,
    generation,
    scenario: values.scenario,
    ...(sinceMs !== undefined ? { sinceMs } : {}),
    ...(values.bell !== undefined ? { bell: values.bell } : {}),
    ...(values.notify !== undefined ? { notify: values.notify } : {}),
    ...(values.title !== undefined ? { title: values.title } : {}),
    ...(kinds ? { kinds } : {}),
  };
  return { kind: 'run', command, positionals: rest, flags };
}
