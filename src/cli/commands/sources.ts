import { isApiError } from '../../api/errors.js';
import type { LdapSource } from '../../domain/model.js';
import { safeLine } from '../../domain/sanitize.js';
import type { Flags } from '../args.js';
import { EXIT_UNKNOWN, fail, prepare } from '../context.js';
import { colourWanted, paint, safeJson, type Io, type Paint } from '../output.js';

export const SOURCES_JSON_SCHEMA = 'aksync.sources/1';

function connectivityText(source: LdapSource, p: Paint): string {
  if (!source.connectivity) return p.dim('not checked yet');
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

export function sourcesText(sources: LdapSource[], p: Paint): string {
  if (sources.length === 0) return 'The token sees no LDAP sources on this server.\n';
  const rows = sources.map((s) => [safeLine(s.name), safeLine(s.slug), s.enabled ? 'yes' : 'no', syncs(s)]);
  const head = ['NAME', 'SLUG', 'ENABLED', 'SYNCS'];
  const widths = head.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))));
  const cell = (text: string, i: number) => {
    const w = widths[i] ?? 10;
    return (text.length > w ? `${text.slice(0, w - 1)}…` : text).padEnd(w);
  };
  const lines = [p.dim(`${head.map(cell).join('  ')}  CONNECTIVITY`)];
  sources.forEach((s, index) => lines.push(`${(rows[index] ?? []).map(cell).join('  ')}  ${connectivityText(s, p)}`));
  return `${lines.join('\n')}\n`;
}

export function sourcesJson(sources: LdapSource[]): object {
  return {
    schema: SOURCES_JSON_SCHEMA,
    sources: sources.map((s) => ({
      pk: s.pk,
      name: s.name,
      slug: s.slug,
      enabled: s.enabled,
      sync_users: s.syncUsers,
      sync_groups: s.syncGroups,
      connectivity: s.connectivity,
    })),
  };
}

export async function runSources(flags: Flags, io: Io): Promise<number> {
  const connection = prepare(flags, undefined, io);
  if (typeof connection === 'number') return connection;
  try {
    const sources = await connection.api.listSources();
    const p = paint(!flags.json && colourWanted(io.stdout, io.env, flags.noColor));
    io.stdout.write(flags.json ? `${safeJson(sourcesJson(sources))}\n` : sourcesText(sources, p));
    return 0;
  } catch (error) {
    if (!isApiError(error)) throw error;
    fail(io, error.message);
    return EXIT_UNKNOWN;
  }
}
