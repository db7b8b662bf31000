// Three lines: where (server, version, source), what (verdict, run in progress, reason), how fresh (connection).
import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import type { LdapSource, Schedule, ServerVersion } from '../../domain/model.js';
import type { RunProgress } from '../../domain/run-state.js';
import type { Verdict } from '../../domain/verdict.js';
import { describeConnection, type ConnectionState, type ConnectionTone } from '../connection.js';
import { useNotices } from '../notices-context.js';
import { useTheme } from '../theme-context.js';
import { verdictColor, type Theme } from '../theme.js';
import { formatClock } from '../../domain/format.js';
import { Line, type Segment } from './Line.js';

export interface HeaderProps {
  width: number;
  serverLabel: string;
  slug: string;
  version: ServerVersion | null;
  source: LdapSource | null;
  verdict: Verdict | null;
  /** Whether the run shown is going on: a spinner and `sync running` (or `run may still be in progress`). */
  progress: RunProgress;
  connection: ConnectionState;
  intervalMs: number;
  now: number;
  /** Generation B: the source's schedule (next run). */
  schedule: Schedule | null;
  /** Permissions the token lacks to see sync tasks: said up front, not left to look like "no run". */
  missingPermissions: readonly string[];
}

function toneColor(theme: Theme, tone: ConnectionTone) {
  switch (tone) {
    case 'ok':
      return theme.colors.ok;
    case 'warning':
      return theme.colors.warning;
    case 'critical':
      return theme.colors.critical;
    case 'muted':
      return theme.colors.muted;
  }
}

export function Header(props: HeaderProps) {
  const theme = useTheme();
  const notices = useNotices();
  const { glyphs, colors } = theme;
  const sep = ` ${glyphs.separator} `;
  // Most telling first: a narrow terminal cuts the end of the line.
  const where: Segment[] = [
    { text: 'aksync', bold: true, color: colors.accent },
    { text: sep + (props.source ? `${props.source.name} (${props.slug})` : props.slug), bold: true },
  ];
  if (props.source && !props.source.enabled) where.push({ text: ' disabled', color: colors.warning });
  where.push(
    { text: sep + props.serverLabel },
    { text: sep + (props.version ? `authentik ${props.version.version} (generation ${props.version.generation})` : 'authentik version unknown'), color: colors.muted },
  );

  const word = props.verdict ? props.verdict.level : 'CHECKING';
  const wordColor = props.verdict ? verdictColor(theme, props.verdict.level) : colors.muted;
  const verdictWidth = word.length + 1;
  const running = props.progress === 'running' || props.progress === 'maybe-running';
  const runningWidth = running ? 2 : 0;
  const reason: Segment[] = [];
  if (running) {
    reason.push({ text: props.progress === 'running' ? 'sync running' : 'run may still be in progress', color: colors.running }, { text: sep });
  }
  reason.push({ text: props.verdict?.reason ?? 'waiting for the first answer from authentik' });

  const c = describeConnection(props.connection, props.now, props.intervalMs);
  const how: Segment[] = [{ text: c.state, color: toneColor(theme, c.tone), bold: c.tone === 'critical' }];
  if (props.missingPermissions.length > 0) {
    how.push({ text: `${sep}${glyphs.warning} the token cannot see sync tasks: it lacks ${props.missingPermissions.join(' and ')}`, color: colors.warning, bold: true });
  }
  for (const notice of notices) how.push({ text: `${sep}${glyphs.warning} ${notice}`, color: colors.warning });
  if (c.updated) how.push({ text: sep + c.updated, color: colors.muted });
  if (props.schedule) {
    const next = props.schedule.paused ? 'schedule paused' : `next run ${props.schedule.nextRun ? formatClock(props.schedule.nextRun) : 'not scheduled'}`;
    how.push({ text: sep + next, color: colors.muted });
  }
  // Last: the sentence can be long, and the line is cut at the terminal's width.
  if (c.error) how.push({ text: sep + c.error, color: colors.critical });

  return (
    <Box flexDirection="column" width={props.width} height={3} overflow="hidden">
      <Line width={props.width} segments={where} ellipsis={glyphs.ellipsis} />
      <Box width={props.width} height={1} overflow="hidden">
        <Line width={verdictWidth} segments={[{ text: word, color: wordColor, bold: true }, { text: ' ' }]} />
        {running ? (
          <Text color={colors.running}>
            <Spinner type={glyphs.spinner} />{' '}
          </Text>
        ) : null}
        <Line width={Math.max(1, props.width - verdictWidth - runningWidth)} segments={reason} ellipsis={glyphs.ellipsis} />
      </Box>
      <Line width={props.width} segments={how} ellipsis={glyphs.ellipsis} />
    </Box>
  );
}
