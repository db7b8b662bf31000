// `aksync sources [--kind KIND]`: every sync object the token can see (LDAP and Kerberos sources, SCIM, Google
// Workspace and Microsoft Entra providers), with its kind and verdict: the same check as `status` without a slug.
import type { LdapSource } from '../../domain/model.js';
import { safeLine } from '../../domain/sanitize.js';
import type { Flags } from '../args.js';
import { checkAllSources, unavailableLine, type KindUnavailable } from '../check-all.js';
import { outcomeKind, outcomeName, outcomeSource, outcomeVerdict, type CheckOutcome } from '../check.js';
import { EXIT_UNKNOWN, fail, prepare } from '../context.js';
import { colourWanted, paint, safeJson, type Io, type Paint } from '../output.js';

export const SOURCES_JSON_SCHEMA = 'aksync.sources/1';

function connectivityText(source: LdapSource, p: Paint, kind: string): string {
  if (kind !== 'ldap' && kind !== 'kerberos') return '';
  if (!source.connectivity) return p.dim('not checked yet');
  const all = source.connectivity.length === 1 && source.connectivity[0]?.host === '__all__' ? source.connectivity[0] : undefined;
  if (all) return all.status === 'ok' ? p.green('ok') : p.red(safeLine(all.status));
  const servers = source.connectivity.filter((c) => c.host !== '__all__');
  const entries = servers.length > 0 ? servers : source.connectivity;
  return entries
    .map((c) => (c.status === 'ok' ? p.green(`${safeLine(c.host)} ok`) : p.red(`${safeLine(c.host)}: ${safeLine(c.status)}`)))
    .join(', ');
}

function syncs(source: LdapSource): string {
  const what = [source.syncUsers ? 'users' : '', source.syncGroups ? 'groups' : ''].filter(Boolean);
  return what.length ? what.join('+') : 'nothing';
}

/** Each listed source with its check's outcome. */
function listed(outcomes: readonly CheckOutcome[]): Array<{ source: LdapSource; outcome: CheckOutcome }> {
  return outcomes.flatMap((outcome) => {
    const source = outcomeSource(outcome);
    return source ? [{ source, outcome }] : [];
  });
}

function verdictWord(outcome: CheckOutcome): string {
  const { level, running } = outcomeVerdict(outcome);
  return running ? `${level} (sync running)` : level;
}

const VERDICT_COLUMN = 2;

/** The kinds that could not be listed, one quiet line each (a loud one when the reason is not the kind's absence). */
function unavailableLines(unavailable: readonly KindUnavailable[], p: Paint): string[] {
  return unavailable.map((entry) => (entry.quiet ? p.dim(safeLine(unavailableLine(entry))) : `${p.verdict('UNKNOWN')}: ${safeLine(unavailableLine(entry))}`));
}

/** `unavailable` absent: only LDAP sources were asked for (the table then keeps its LDAP-only words). */
export function sourcesText(outcomes: readonly CheckOutcome[], p: Paint, unavailable?: readonly KindUnavailable[]): string {
  const sources = listed(outcomes);
  const notes = unavailableLines(unavailable ?? [], p);
  if (sources.length === 0) {
    const none = unavailable === undefined ? 'The token sees no LDAP sources on this server.' : 'The token sees no sync objects on this server.';
    return `${[none, ...notes].join('\n')}\n`;
  }
  // The SLUG column holds what `aksync status` takes: a source's slug, or KIND/ID for any other kind.
  const rows = sources.map(({ source: s, outcome }) => [safeLine(s.name), safeLine(outcomeName(outcome) ?? s.slug), verdictWord(outcome), s.enabled ? 'yes' : 'no', outcomeKind(outcome), syncs(s)]);
  const head = ['NAME', 'SLUG', 'VERDICT', 'ENABLED', 'KIND', 'SYNCS'];
  const widths = head.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))));
  const cell = (text: string, i: number) => {
    const w = widths[i] ?? 10;
    return (text.length > w ? `${text.slice(0, w - 1)}…` : text).padEnd(w);
  };
  const lines = [p.dim(`${head.map(cell).join('  ')}  CONNECTIVITY`)];
  sources.forEach(({ source, outcome }, index) => {
    const cells = (rows[index] ?? []).map((text, i) => (i === VERDICT_COLUMN ? p.verdict(outcomeVerdict(outcome).level, cell(text, i)) : cell(text, i)));
    lines.push(`${cells.join('  ')}  ${connectivityText(source, p, outcomeKind(outcome))}`.trimEnd());
  });
  const reasons = sources.filter(({ outcome }) => outcomeVerdict(outcome).level !== 'OK');
  if (reasons.length > 0) lines.push('', ...reasons.map(({ source, outcome }) => `${safeLine(outcomeName(outcome) ?? source.slug)}: ${safeLine(outcomeVerdict(outcome).reason)}`));
  if (notes.length > 0) lines.push('', ...notes);
  return `${lines.join('\n')}\n`;
}

export function sourcesJson(outcomes: readonly CheckOutcome[], unavailable?: readonly KindUnavailable[]): object {
  return {
    schema: SOURCES_JSON_SCHEMA,
    sources: listed(outcomes).map(({ source: s, outcome }) => ({
      kind: outcomeKind(outcome),
      id: s.slug,
      pk: s.pk,
      name: s.name,
      slug: s.slug,
      enabled: s.enabled,
      sync_users: s.syncUsers,
      sync_groups: s.syncGroups,
      connectivity: s.connectivity,
      verdict: outcomeVerdict(outcome).level,
      reason: outcomeVerdict(outcome).reason,
      running: outcomeVerdict(outcome).running,
      ...((s as { dryRun?: boolean }).dryRun !== undefined ? { dry_run: (s as { dryRun?: boolean }).dryRun } : {}),
    })),
    ...(unavailable ? { unavailable: unavailable.map(({ kind, failure, quiet }) => ({ kind, quiet, error: { kind: failure.kind, message: failure.message } })) } : {}),
  };
}

export async function runSources(flags: Flags, io: Io): Promise<number> {
  const connection = prepare(flags, undefined, io);
  if (typeof connection === 'number') return connection;
  const all = await checkAllSources(connection.api, flags.kinds ? { kinds: flags.kinds } : {});
  if (!all.listed) {
    fail(io, all.failure?.message ?? 'The list of sources could not be read.');
    return EXIT_UNKNOWN;
  }
  const p = paint(!flags.json && colourWanted(io.stdout, io.env, flags.noColor));
  io.stdout.write(flags.json ? `${safeJson(sourcesJson(all.outcomes, all.unavailable))}\n` : sourcesText(all.outcomes, p, all.unavailable));
  return 0;
}
