// Three lines: where (server, version, who), what (verdicts at a glance, or first of all what the token cannot
// see), how fresh (live, paused, sources failing, the source list's own state).
import { Box } from 'ink';
import type { ApiError } from '../../../api/errors.js';
import type { CurrentUser, ServerVersion } from '../../../domain/model.js';
import type { VerdictLevel } from '../../../domain/verdict.js';
import type { PollPhase } from '../../../poll/poller.js';
import { Line, type Segment } from '../../components/Line.js';
import { useNotices } from '../../notices-context.js';
import { useTheme } from '../../theme-context.js';
import { verdictColor } from '../../theme.js';
import { formatAge, formatClock, plural } from '../../../domain/format.js';
import type { RowCounts } from '../source-rows.js';

export interface OverviewHeaderProps {
  width: number;
  serverLabel: string;
  version: ServerVersion | null;
  user: CurrentUser | null;
  /** Permissions the token lacks to see sync tasks: said first, so an empty run never reads as "no run". */
  missingPermissions: readonly string[];
  /** Null until the source list has answered. */
  total: number | null;
  counts: RowCounts;
  paused: boolean;
  intervalMs: number;
  /** The source list's poll. */
  listPhase: PollPhase;
  listError: ApiError | null;
  listConfirmedAt: number | null;
  lastChange: number | null;
  now: number;
}

const LEVELS: readonly VerdictLevel[] = ['CRITICAL', 'UNKNOWN', 'WARNING', 'OK'];

export function OverviewHeader(props: OverviewHeaderProps) {
  const theme = useTheme();
  const notices = useNotices();
  const { glyphs, colors } = theme;
  const sep = ` ${glyphs.separator} `;

  const where: Segment[] = [
    { text: 'aksync', bold: true, color: colors.accent },
    { text: sep + props.serverLabel },
    { text: sep + (props.version ? `authentik ${props.version.version} (generation ${props.version.generation})` : 'authentik version unknown'), color: colors.muted },
  ];
  if (props.user) where.push({ text: `${sep}as ${props.user.username}`, color: colors.muted });
  where.push({ text: `${sep}all sources`, bold: true });

  const what: Segment[] = [];
  if (props.missingPermissions.length > 0) {
    what.push(
      { text: `${glyphs.warning} The token cannot see sync tasks: it lacks the permission ${props.missingPermissions.join(' and ')}`, color: colors.warning, bold: true },
      { text: sep },
    );
  }
  if (props.total === null) {
    what.push({ text: 'reading the list of LDAP sources', color: colors.muted });
  } else {
    what.push({ text: plural(props.total, 'source') });
    for (const level of LEVELS) {
      const n = props.counts.levels[level];
      if (n > 0) what.push({ text: sep }, { text: `${n} ${level}`, color: verdictColor(theme, level), bold: true });
    }
    if (props.counts.checking > 0) what.push({ text: `${sep}${props.counts.checking} checking`, color: colors.muted });
    if (props.counts.running > 0) what.push({ text: `${sep}${props.counts.running} running`, color: colors.running });
  }

  const how: Segment[] = [];
  for (const notice of notices) how.push({ text: `${glyphs.warning} ${notice}${sep}`, color: colors.warning });
  if (props.paused) how.push({ text: 'paused', color: colors.warning });
  else if (props.total === null && props.listError === null) how.push({ text: 'connecting', color: colors.muted });
  else if (props.counts.failing > 0) how.push({ text: `${props.counts.failing} of ${plural(props.total ?? 0, 'source')} failing`, color: colors.critical, bold: true });
  else how.push({ text: `live, every ${props.intervalMs / 1000}s`, color: colors.ok });
  if (props.listError && props.listPhase !== 'live') {
    const age = props.listPhase === 'stale' && props.listConfirmedAt !== null ? ` (stale ${formatAge(props.now - props.listConfirmedAt)})` : '';
    how.push({ text: `${sep}source list${age}: ${props.listError.message}`, color: colors.critical });
  }
  if (props.lastChange !== null) how.push({ text: `${sep}last change ${formatClock(new Date(props.lastChange))}`, color: colors.muted });

  return (
    <Box flexDirection="column" width={props.width} height={3} overflow="hidden">
      <Line width={props.width} segments={where} ellipsis={glyphs.ellipsis} />
      <Line width={props.width} segments={what} ellipsis={glyphs.ellipsis} />
      <Line width={props.width} segments={how} ellipsis={glyphs.ellipsis} />
    </Box>
  );
}
