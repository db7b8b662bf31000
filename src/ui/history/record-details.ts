// What Enter on a past run shows: its summary and its problems grouped by kind (the run history keeps the groups,
// not every message). Pure, so the wording is tested without a terminal. Record text is already made safe when
// stored; the pane makes it safe again (a store is a file anyone with the account could have edited).
import { formatDuration, formatTime, plural } from '../../domain/format.js';
import type { RunRecord } from '../../domain/run-record.js';
import type { PaneBlock } from '../components/DetailPane.js';
import type { ColorTokens } from '../theme.js';

function date(iso: string | null): Date | null {
  if (iso === null) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function recordTitle(record: RunRecord): string {
  return `Run of ${formatTime(date(record.start) ?? date(record.finish))}: ${record.verdict}`;
}

export function recordDetails(record: RunRecord, colors: ColorTokens): PaneBlock[] {
  const start = date(record.start);
  const finish = date(record.finish);
  const blocks: PaneBlock[] = [
    {
      heading: `Verdict: ${record.verdict}`,
      text: [
        `${formatTime(start)} to ${formatTime(finish, start ?? undefined)}, took ${formatDuration(record.duration_seconds)}.`,
        `${plural(record.pages, 'page')}, ${plural(record.objects, 'object')} synced, ${plural(record.problems, 'problem message')}, ${plural(record.errors, 'error')}.`,
        record.origin === 'backfill' ? 'Read afterwards from the tasks authentik still kept.' : 'Seen by aksync as it ended.',
      ].join('\n'),
    },
  ];
  if (record.first_error) blocks.push({ heading: 'First error', text: record.first_error, color: colors.critical });
  if (record.problem_groups.length === 0) {
    blocks.push({ heading: 'Problems', text: record.problems > 0 ? 'Not kept for this run.' : 'None.' });
  } else {
    const kept = record.problem_groups.reduce((n, g) => n + g.count, 0);
    blocks.push({
      heading: `Problems, grouped (${plural(record.problem_groups.length, 'kind')}${kept < record.problems ? `, the ${kept} most frequent of ${record.problems}` : ''})`,
      text: record.problem_groups.map((g) => `${g.count}x ${g.pattern}${g.example && g.example !== g.pattern ? `\n    e.g. ${g.example}` : ''}`).join('\n'),
      color: colors.warning,
    });
  }
  return blocks;
}
