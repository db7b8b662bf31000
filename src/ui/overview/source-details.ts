// What `i` on the overview shows for the selected source: its verdict's whole reason, the error that stops it
// being read, the LDAP server's error, and its last run. Pure, so the wording is tested without a terminal.
import { formatAge, formatDuration, formatTime, plural } from '../../domain/format.js';
import type { PaneBlock } from '../components/DetailPane.js';
import type { ColorTokens } from '../theme.js';
import { rowWord, type SourceRow } from './source-rows.js';

export function sourceDetails(row: SourceRow | null, now: number, colors: ColorTokens): { title: string; blocks: PaneBlock[] } {
  if (!row) return { title: 'Details', blocks: [{ heading: 'No source selected', text: 'The list has no source to show.' }] };
  const blocks: PaneBlock[] = [];
  blocks.push(
    row.verdict
      ? { heading: `Verdict: ${row.verdict.level}`, text: row.verdict.reason }
      : { heading: `Verdict: ${rowWord(row)}`, text: row.error ? 'not known: the sync status could not be read' : 'waiting for the first answer from authentik' },
  );
  if (row.error) {
    const age = row.phase === 'stale' && row.unconfirmedSince !== null ? ` (the data shown is ${formatAge(now - row.unconfirmedSince)} old)` : '';
    blocks.push({ heading: `Error${age}`, text: row.error.message, color: colors.critical });
  }
  // The verdict often is the LDAP server's error already: said once.
  if (row.ldap === 'down' && row.ldapError && !row.verdict?.reason.includes(row.ldapError)) blocks.push({ heading: 'LDAP server', text: row.ldapError, color: colors.critical });
  if (row.runStart) {
    const took = row.running ? ', still running' : row.runSeconds !== null ? `, took ${formatDuration(row.runSeconds)}` : '';
    blocks.push({
      heading: 'Last run',
      text: `${formatTime(row.runStart)}${took}: ${plural(row.problems, 'problem message')}, ${plural(row.errors, 'error')}. Enter opens its monitor.`,
    });
  }
  return { title: `${row.name} (${row.slug})${row.enabled ? '' : ', disabled'}`, blocks };
}
