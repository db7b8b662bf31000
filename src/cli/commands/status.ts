import { isApiError } from '../../api/errors.js';
import type { AuthentikApi } from '../../api/types.js';
import { safeLine } from '../../domain/sanitize.js';
import { VERDICT_EXIT_CODES } from '../../domain/verdict.js';
import type { Flags } from '../args.js';
import { checkSource } from '../check.js';
import { EXIT_UNKNOWN, fail, prepare } from '../context.js';
import { colourWanted, paint, safeJson, type Io } from '../output.js';
import { failedStatusJson, failureText, statusJson, statusText } from '../status-report.js';

/** The slug to check: given, saved, or the only source there is. */
export async function chooseSlug(api: AuthentikApi, given: string | null): Promise<{ slug: string } | { message: string }> {
  if (given) return { slug: given };
  const sources = await api.listSources();
  if (sources.length === 1 && sources[0]) return { slug: sources[0].slug };
  if (sources.length === 0) return { message: 'The token sees no LDAP sources on this server.' };
  const slugs = sources.map((s) => safeLine(s.slug)).join(', ');
  return { message: `Name a source: aksync status SLUG (one of: ${slugs}), or save a default with \`aksync config set source SLUG\`.` };
}

export async function runStatus(positionals: string[], flags: Flags, io: Io): Promise<number> {
  const p = paint(!flags.json && colourWanted(io.stdout, io.env, flags.noColor));
  const started = new Date();
  const connection = prepare(flags, positionals[0], io, (message) => {
    fail(io, message);
    if (flags.json) io.stdout.write(`${safeJson(failedStatusJson({ kind: 'settings', message }, positionals[0] ?? null, started))}\n`);
  });
  if (typeof connection === 'number') return connection;
  const { api, settings, serverLabel } = connection;
  let slug: string | null = settings.source;
  try {
    const chosen = await chooseSlug(api, slug);
    if ('message' in chosen) throw { kind: 'usage', message: chosen.message };
    slug = chosen.slug;
    const check = await checkSource(api, slug);
    io.stdout.write(flags.json ? `${safeJson(statusJson(check, serverLabel))}\n` : statusText(check, p, serverLabel));
    return VERDICT_EXIT_CODES[check.assessment.verdict.level];
  } catch (error) {
    const failure = isApiError(error)
      ? { kind: error.kind, message: error.message }
      : typeof error === 'object' && error !== null && 'kind' in error && 'message' in error
        ? (error as { kind: string; message: string })
        : null;
    if (!failure) throw error;
    if (flags.json) io.stdout.write(`${safeJson(failedStatusJson(failure, slug, started))}\n`);
    else io.stdout.write(failureText(failure, p, slug));
    return EXIT_UNKNOWN;
  }
}
