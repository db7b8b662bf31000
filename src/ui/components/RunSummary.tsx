// The run at a glance: its window and length, then per page type the pages, objects, problems and errors.
import { Box } from 'ink';
import type { RunProgress } from '../../domain/run-state.js';
import type { RunSummary as Summary, TypeSummary } from '../../domain/verdict.js';
import { useTheme } from '../theme-context.js';
import { formatClock, formatCount, formatDuration, plural } from '../../domain/format.js';
import { fit } from '../text.js';
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

export function RunSummary({ width, summary, label, progress, mode, height }: RunSummaryProps) {
  const { glyphs, colors } = useTheme();
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
  while (lines.length < height) lines.push([]);

  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {lines.slice(0, height).map((segments, i) => (
        <Line key={i} width={width} segments={segments} ellipsis={glyphs.ellipsis} />
      ))}
    </Box>
  );
}
