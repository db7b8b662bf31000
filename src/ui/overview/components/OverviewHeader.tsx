// Three lines: where (server, version, who), what (verdicts at a glance, or first of all what the token cannot
// see), how fresh (the connection in the monitor's words, sources failing, the last poll's error).
import { Box } from 'ink';
import { isServerWide } from '../../../api/errors.js';
import type { CurrentUser, ServerVersion } from '../../../domain/model.js';
import type { VerdictLevel } from '../../../domain/verdict.js';
import { Line, type Segment } from '../../components/Line.js';
import { connectionColor } from '../../components/Header.js';
import { describeConnection, type ConnectionState } from '../../connection.js';
import { useNotices } from '../../notices-context.js';
import { useTheme } from '../../theme-context.js';
import { verdictColor } from '../../theme.js';
import { plural } from '../../../domain/format.js';
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
  /** What the rows are: LDAP `source`s, or `sync object`s once other kinds are listed. */
  noun?: 'source' | 'sync object';
  counts: RowCounts;
  intervalMs: number;
  /** The overview's connection (its list's poll; stale counts from the newest answer of any poll). */
  connection: ConnectionState;
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
  const noun = props.noun ?? 'source';
  where.push({ text: `${sep}all ${noun}s`, bold: true });

  const what: Segment[] = [];
  if (props.missingPermissions.length > 0) {
    what.push(
      { text: `${glyphs.warning} The token cannot see sync tasks: it lacks the permission ${props.missingPermissions.join(' and ')}`, color: colors.warning, bold: true },
      { text: sep },
    );
  }
  if (props.total === null) {
    const failed = props.connection.error !== null;
    what.push({ text: failed ? 'the list of LDAP sources could not be read' : 'reading the list of LDAP sources', color: failed ? colors.critical : colors.muted });
  } else {
    what.push({ text: plural(props.total, noun) });
    for (const level of LEVELS) {
      const n = props.counts.levels[level];
      if (n > 0) what.push({ text: sep }, { text: `${n} ${level}`, color: verdictColor(theme, level), bold: true });
    }
    if (props.counts.checking > 0) what.push({ text: `${sep}${props.counts.checking} checking`, color: colors.muted });
    if (props.counts.running > 0) what.push({ text: `${sep}${props.counts.running} running`, color: colors.running });
  }

  const c = describeConnection(props.connection, props.now, props.intervalMs);
  const how: Segment[] = [];
  for (const notice of notices) how.push({ text: `${glyphs.warning} ${notice}${sep}`, color: colors.warning });
  how.push({ text: c.state, color: connectionColor(theme, c.tone), bold: c.tone === 'critical' });
  if (props.counts.failing > 0) how.push({ text: `${sep}${props.counts.failing} of ${plural(props.total ?? 0, noun)} failing`, color: colors.critical, bold: true });
  if (c.updated) how.push({ text: sep + c.updated, color: colors.muted });
  // Last: the sentence can be long, and the line is cut at the terminal's width. The server's own failures stand
  // alone; any other is the list's.
  const error = props.connection.error;
  if (c.error && error) how.push({ text: `${sep}${isServerWide(error) ? '' : 'source list: '}${c.error}`, color: colors.critical });

  return (
    <Box flexDirection="column" width={props.width} height={3} overflow="hidden">
      <Line width={props.width} segments={where} ellipsis={glyphs.ellipsis} />
      <Line width={props.width} segments={what} ellipsis={glyphs.ellipsis} />
      <Line width={props.width} segments={how} ellipsis={glyphs.ellipsis} />
    </Box>
  );
}
