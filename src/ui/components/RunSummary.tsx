// The run at a glance, in its kind's own terms: its window and length, then
// - LDAP: per page type the pages, objects, problems and errors;
// - an outgoing provider: per object type pushed (users, groups) the pages, failed objects and errors, then the
//   failed objects by name;
// - Kerberos: its one task, which reads every principal and reports none of them.
import { Box } from 'ink';
import type { ObjectFailure } from '../../domain/object-failures.js';
import type { RunProgress } from '../../domain/run-state.js';
import type { SyncKind } from '../../domain/sync-object-ref.js';
import type { RunSummary as Summary, TypeSummary } from '../../domain/verdict.js';
import { kindTerms } from '../kind-terms.js';
import { useTheme } from '../theme-context.js';
import type { Theme } from '../theme.js';
import { formatClock, formatCount, formatDuration, plural } from '../../domain/format.js';
import { fit, widthOf } from '../text.js';
import { Line, type Segment } from './Line.js';

export type RunLabel = 'current' | 'previous' | 'none';

export interface RunSummaryProps {
  width: number;
  summary: Summary | null;
  label: RunLabel;
  /** The state of the source's latest run (the one shown, unless the label is `previous`). */
  progress: RunProgress;
  mode: 'full' | 'compact';
  /** Exactly this many lines are drawn (from the layout). */
  height: number;
  /** The object's kind (LDAP when absent). */
  kind?: SyncKind;
  /** An outgoing provider's objects that failed (see objectFailures). */
  failures?: readonly ObjectFailure[];
}

/** Failed objects named under a provider's summary, at most; the last line says how many more. */
export const MAX_FAILURE_LINES = 5;

function failureLineCount(failures: readonly ObjectFailure[]): number {
  return Math.min(failures.length, MAX_FAILURE_LINES);
}

/**
 * Lines of the full summary for a kind's run: LDAP's run line, column header, one per type and the total; a
 * provider's the same plus its failed objects; Kerberos's run line and what its one task does.
 */
export function fullSummaryLines(kind: SyncKind, summary: Summary, failures: readonly ObjectFailure[] = []): number {
  const run = kindTerms(kind).run;
  if (run === 'single') return 2;
  if (run === 'pages') return summary.byType.length + 3;
  const types = summary.byType.filter((t) => t.pages > 0 || t.type === 'users' || t.type === 'groups');
  return types.length + 3 + failureLineCount(failures);
}

const NUMBER_WIDTH = 9;

function numbers(t: TypeSummary): string[] {
  // One space always separates the columns.
  return [t.pages, t.objects, t.problems, t.errors].map((n) => fit(formatCount(n, NUMBER_WIDTH - 1), NUMBER_WIDTH, 'right'));
}

/** Where the run line's window ends: the run shown may still be going on, unless it is the previous one. */
function windowEnd(summary: Summary, label: RunLabel, progress: RunProgress): string {
  if (label === 'previous') return formatClock(summary.finish);
  if (progress === 'running') return 'now';
  if (progress === 'maybe-running') return `${formatClock(summary.finish)} so far`;
  return formatClock(summary.finish);
}

export function RunSummary(props: RunSummaryProps) {
  const { width, summary, label, progress, mode, height } = props;
  const theme = useTheme();
  const { glyphs } = theme;
  const kind = props.kind ?? 'ldap';
  const run = kindTerms(kind).run;
  const lines =
    run === 'pages' || !summary || summary.tasks.length === 0
      ? pagesLines(theme, summary, label, progress, mode)
      : run === 'push'
        ? pushLines(theme, kind, summary, label, progress, mode, props.failures ?? [])
        : singleLines(theme, summary, label, progress);
  while (lines.length < height) lines.push([]);

  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {lines.slice(0, height).map((segments, i) => (
        <Line key={i} width={width} segments={segments} ellipsis={glyphs.ellipsis} />
      ))}
    </Box>
  );
}

function runWindow(theme: Theme, summary: Summary, label: RunLabel, progress: RunProgress): Segment[] {
  const { glyphs, colors } = theme;
  const sep = ` ${glyphs.separator} `;
  const end = windowEnd(summary, label, progress);
  return [
    label === 'previous' ? { text: 'Previous run ', bold: true, color: colors.warning } : { text: 'Run ', bold: true },
    { text: `${formatClock(summary.start)} ${glyphs.arrowRight} ${end}` },
    { text: sep + formatDuration(summary.durationSeconds) },
  ];
}

/** An outgoing provider: pages pushed per object type, the objects that failed, named. */
function pushLines(theme: Theme, kind: SyncKind, summary: Summary, label: RunLabel, progress: RunProgress, mode: 'full' | 'compact', failures: readonly ObjectFailure[]): Segment[][] {
  const { glyphs, colors } = theme;
  const sep = ` ${glyphs.separator} `;
  const { totals } = summary;
  const otherProblems = totals.problems - failures.length;
  const runLine: Segment[] = [
    ...runWindow(theme, summary, label, progress),
    { text: sep + plural(totals.pages, 'page') },
    { text: `${sep}${plural(failures.length, 'object')} failed`, color: failures.length > 0 ? colors.warning : undefined },
  ];
  if (otherProblems > 0) runLine.push({ text: sep + plural(otherProblems, 'other problem'), color: colors.warning });
  runLine.push({ text: sep + plural(totals.errors, 'error'), color: totals.errors > 0 ? colors.critical : undefined });

  // A provider pushes users and groups: LDAP's other page types never appear here.
  const types = summary.byType.filter((t) => t.pages > 0 || t.type === 'users' || t.type === 'groups');
  const failedOf = (type: string) => failures.filter((f) => (type === 'total' ? true : f.view.task.type === type)).length;
  const rows = [...types, totals];
  const direction = `authentik ${glyphs.arrowRight} ${kindTerms(kind).title}`;
  const lines: Segment[][] = [runLine];
  if (mode === 'full') {
    const first = Math.max(16, widthOf(direction) + 1);
    lines.push([{ text: fit(direction, first) + ['pages', 'failed', 'errors'].map((h) => fit(h, NUMBER_WIDTH, 'right')).join(''), color: colors.muted }]);
    for (const t of rows) {
      const failed = failedOf(t.type);
      lines.push([
        { text: fit(t.type, first, 'left', glyphs.ellipsis), bold: t.type === 'total' },
        { text: fit(formatCount(t.pages, NUMBER_WIDTH - 1), NUMBER_WIDTH, 'right') },
        { text: fit(formatCount(failed, NUMBER_WIDTH - 1), NUMBER_WIDTH, 'right'), color: failed > 0 ? colors.warning : undefined },
        { text: fit(formatCount(t.errors, NUMBER_WIDTH - 1), NUMBER_WIDTH, 'right'), color: t.errors > 0 ? colors.critical : undefined },
      ]);
    }
    const shown = failureLineCount(failures);
    failures.slice(0, shown).forEach((f, i) => {
      const more = failures.length - shown;
      if (i === shown - 1 && more > 0) {
        lines.push([{ text: `${glyphs.problems} and ${plural(more + 1, 'more failed object')}: i on a page lists them all`, color: colors.warning }]);
        return;
      }
      lines.push([
        { text: `${glyphs.problems} `, color: colors.warning },
        { text: `${f.type} ${f.name}`, bold: true },
        { text: `: ${f.reason}`, color: colors.muted },
      ]);
    });
  } else {
    lines.push([
      { text: `${direction}: ` },
      ...types.flatMap((t, i): Segment[] => [
        { text: `${i === 0 ? '' : sep}${t.type} ${t.pages}p` },
        { text: ` ${failedOf(t.type)} failed`, color: failedOf(t.type) > 0 ? colors.warning : undefined },
      ]),
    ]);
  }
  return lines;
}

/** Kerberos: one task reads every principal of the realm; authentik reports no principal by name. */
function singleLines(theme: Theme, summary: Summary, label: RunLabel, progress: RunProgress): Segment[][] {
  const { glyphs, colors } = theme;
  const sep = ` ${glyphs.separator} `;
  const { totals } = summary;
  return [
    [
      ...runWindow(theme, summary, label, progress),
      { text: sep + 'one task' },
      { text: sep + plural(totals.problems, 'problem'), color: totals.problems > 0 ? colors.warning : undefined },
      { text: sep + plural(totals.errors, 'error'), color: totals.errors > 0 ? colors.critical : undefined },
    ],
    [{ text: `realm principals ${glyphs.arrowRight} authentik users, in one task: authentik names no principal that failed`, color: colors.muted }],
  ];
}

function pagesLines(theme: Theme, summary: Summary | null, label: RunLabel, progress: RunProgress, mode: 'full' | 'compact'): Segment[][] {
  const { glyphs, colors } = theme;
  const sep = ` ${glyphs.separator} `;

  const runLine: Segment[] = [];
  if (!summary || summary.tasks.length === 0) {
    runLine.push({ text: 'No run to show', bold: true }, { text: sep + 'authentik keeps a run\'s tasks for about 2 hours after it ends', color: colors.muted });
  } else {
    const end = windowEnd(summary, label, progress);
    runLine.push(
      label === 'previous' ? { text: 'Previous run ', bold: true, color: colors.warning } : { text: 'Run ', bold: true },
      { text: `${formatClock(summary.start)} ${glyphs.arrowRight} ${end}` },
      { text: sep + formatDuration(summary.durationSeconds) },
      { text: sep + plural(summary.totals.pages, 'page') + sep + plural(summary.totals.objects, 'object') },
      { text: sep + plural(summary.totals.problems, 'problem'), color: summary.totals.problems > 0 ? colors.warning : undefined },
      { text: sep + plural(summary.totals.errors, 'error'), color: summary.totals.errors > 0 ? colors.critical : undefined },
    );
  }

  const lines: Segment[][] = [runLine];
  if (summary && summary.tasks.length > 0) {
    if (mode === 'full') {
      lines.push([{ text: fit('type', 16) + ['pages', 'objects', 'problems', 'errors'].map((h) => fit(h, NUMBER_WIDTH, 'right')).join(''), color: colors.muted }]);
      for (const t of [...summary.byType, summary.totals]) {
        const [pages, objects, problems, errors] = numbers(t);
        lines.push([
          { text: fit(t.type, 16, 'left', glyphs.ellipsis), bold: t.type === 'total' },
          { text: `${pages}${objects}` },
          { text: problems ?? '', color: t.problems > 0 ? colors.warning : undefined },
          { text: errors ?? '', color: t.errors > 0 ? colors.critical : undefined },
        ]);
      }
    } else {
      lines.push(
        summary.byType.flatMap((t, i) => [
          { text: `${i === 0 ? '' : sep}${t.type} ` },
          { text: `${t.pages}p ${t.objects}o` },
          { text: ` ${t.problems}!`, color: t.problems > 0 ? colors.warning : undefined },
          { text: ` ${t.errors}${glyphs.error}`, color: t.errors > 0 ? colors.critical : undefined },
        ]),
      );
    }
  }
  return lines;
}
