// `aksync status` without a slug: every source in one report. The plugin status line carries the worst verdict and
// the counts, each source has a long-output line and its own perfdata; the JSON holds one `aksync.status/1` object
// per source, so a script reads a source's result the same way in both.
import { safeLine } from '../domain/sanitize.js';
import { VERDICT_EXIT_CODES, VERDICT_SEVERITY } from '../domain/verdict.js';
import { countLevels, overallVerdict, unavailableLine, type AllChecks } from './check-all.js';
import { outcomeName, outcomeVerdict } from './check.js';
import type { HistoryFacts } from '../history/recorder.js';
import type { Paint } from './output.js';
import { renderPlugin } from './plugin-output.js';
import { checkPerfdata, failureJson, outcomeLine, statusJson } from './status-report.js';

export const STATUS_ALL_JSON_SCHEMA = 'aksync.status-all/1';

/** The run history's facts per source slug, when history is kept. */
export type FactsBySlug = ReadonlyMap<string | null, HistoryFacts>;

export function statusAllText(all: AllChecks, p: Paint, serverLabel: string, facts: FactsBySlug | null = null): string {
  const { level, reason } = overallVerdict(all);
  const status = `${p.verdict(level)}: ${safeLine(reason)}`;
  if (all.failure) return renderPlugin({ status, perfdata: [], long: [] });
  const worstFirst = [...all.outcomes].sort((a, b) => VERDICT_SEVERITY[outcomeVerdict(b).level] - VERDICT_SEVERITY[outcomeVerdict(a).level]);
  const server = `Server    ${serverLabel}${all.version ? `, authentik ${safeLine(all.version.version)}` : ''}`;
  return renderPlugin({
    status,
    perfdata: all.outcomes.flatMap((outcome) => checkPerfdata(outcome, `${outcomeName(outcome) ?? ''}_`, facts?.get(outcomeName(outcome)) ?? null)),
    long: [
      '',
      ...worstFirst.map((outcome) => outcomeLine(outcome, p, true)),
      ...(all.unavailable ?? []).map((entry) => (entry.quiet ? p.dim(safeLine(unavailableLine(entry))) : `${p.verdict('UNKNOWN')}: ${safeLine(unavailableLine(entry))}`)),
      '',
      server,
    ],
  });
}

export function statusAllJson(all: AllChecks, serverUrl: string | null, facts: FactsBySlug | null = null): object {
  const { level, reason } = overallVerdict(all);
  const counts = countLevels(all.outcomes);
  return {
    schema: STATUS_ALL_JSON_SCHEMA,
    checked_at: all.checkedAt.toISOString(),
    verdict: level,
    exit_code: VERDICT_EXIT_CODES[level],
    reason,
    server: { url: serverUrl, version: all.version?.version ?? null, generation: all.version?.generation ?? null },
    counts: { total: all.outcomes.length, ok: counts.OK, warning: counts.WARNING, critical: counts.CRITICAL, unknown: counts.UNKNOWN },
    checks: all.outcomes.map((outcome) => statusJson(outcome, serverUrl, facts?.get(outcomeName(outcome)))),
    error: all.failure ? failureJson(all.failure) : null,
    // Once the kinds were listed: those that could not be (`quiet`: the server lacks the kind or the token may not see it).
    ...(all.unavailable ? { unavailable: all.unavailable.map(({ kind, failure, quiet }) => ({ kind, quiet, error: failureJson(failure) })) } : {}),
  };
}
