// Three lines: where (server, version, source), what (verdict, run in progress, reason), how fresh (connection).
// The reason and the connection's error sentence wrap onto the rows the layout lends (see headerExtraLines).
import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import type { LdapSource, Schedule, ServerVersion } from '../../domain/model.js';
import type { RunProgress } from '../../domain/run-state.js';
import type { Verdict } from '../../domain/verdict.js';
import { describeConnection, type ConnectionState, type ConnectionTone } from '../connection.js';
import type { RunTrend } from '../history/trend.js';
import { useNotices } from '../notices-context.js';
import { useTheme } from '../theme-context.js';
import { verdictColor, type Theme } from '../theme.js';
import { formatClock, formatShortAge } from '../../domain/format.js';
import { widthOf } from '../text.js';
import { Line, wrapSegments, type Segment } from './Line.js';

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
  /** The run's duration against the median of the last runs (run history), when known. */
  trend?: RunTrend | null;
}

export function connectionColor(theme: Theme, tone: ConnectionTone) {
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

/** `in 1h 42m (14:30)`: the countdown reads at a glance, the clock time stays for the record. */
function nextRunText(nextRun: Date, now: number): string {
  const left = nextRun.getTime() - now;
  return `${left > 0 ? `in ${formatShortAge(left)}` : 'due'} (${formatClock(nextRun).slice(0, 5)})`;
}

/** At most this many rows for the verdict's reason, and for the connection line: enough for a sentence. */
const MAX_SENTENCE_LINES = 3;

export interface HeaderContent {
  where: Segment[];
  /** The verdict word and the space after it. */
  word: Segment[];
  running: boolean;
  reason: Segment[];
  how: Segment[];
}

/** The header's segments; a pure function of its props, so the screen can ask how many rows they want. */
export function headerContent(props: Omit<HeaderProps, 'width'>, theme: Theme, notices: readonly string[]): HeaderContent {
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
  const running = props.progress === 'running' || props.progress === 'maybe-running';
  const reason: Segment[] = [];
  if (running) {
    reason.push({ text: props.progress === 'running' ? 'sync running' : 'run may still be in progress', color: colors.running }, { text: sep });
  }
  reason.push({ text: props.verdict?.reason ?? 'waiting for the first answer from authentik' });

  const c = describeConnection(props.connection, props.now, props.intervalMs);
  const how: Segment[] = [{ text: c.state, color: connectionColor(theme, c.tone), bold: c.tone === 'critical' }];
  if (props.trend) {
    how.push({ text: sep + props.trend.text, color: props.trend.slow ? colors.warning : colors.muted, bold: props.trend.slow });
    if (props.trend.flag) how.push({ text: ` ${glyphs.warning} ${props.trend.flag}`, color: colors.warning, bold: true });
  }
  if (props.missingPermissions.length > 0) {
    how.push({ text: `${sep}${glyphs.warning} the token cannot see sync tasks: it lacks ${props.missingPermissions.join(' and ')}`, color: colors.warning, bold: true });
  }
  for (const notice of notices) how.push({ text: `${sep}${glyphs.warning} ${notice}`, color: colors.warning });
  if (c.updated) how.push({ text: sep + c.updated, color: colors.muted });
  if (props.schedule) {
    const next = props.schedule.paused ? 'schedule paused' : `next run ${props.schedule.nextRun ? nextRunText(props.schedule.nextRun, props.now) : 'not scheduled'}`;
    how.push({ text: sep + next, color: colors.muted });
  }
  // Last: the sentence can be long, and the line is cut at the terminal's width.
  if (c.error) how.push({ text: sep + c.error, color: colors.critical });
  return { where, word: [{ text: word, color: wordColor, bold: true }, { text: ' ' }], running, reason, how };
}

/** Columns before the reason: the verdict word, a space, and the spinner while a run goes on. */
function reasonIndent(content: HeaderContent): number {
  return widthOf(content.word.map((s) => s.text).join('')) + (content.running ? 2 : 0);
}

function sentenceLines(content: HeaderContent, width: number, maxReason: number, maxHow: number) {
  return {
    reason: wrapSegments(content.reason, Math.max(1, width - reasonIndent(content)), maxReason),
    how: wrapSegments(content.how, width, maxHow),
  };
}

/** Rows beyond its three the header would use to show the reason and the error sentence whole (up to a few). */
export function headerExtraLines(content: HeaderContent, width: number): number {
  const { reason, how } = sentenceLines(content, width, MAX_SENTENCE_LINES, MAX_SENTENCE_LINES);
  return reason.length - 1 + how.length - 1;
}

/** `height`: three rows, plus those the layout lent for wrapping (see headerExtraLines). */
export function Header(props: HeaderProps & { height?: number }) {
  const theme = useTheme();
  const notices = useNotices();
  const { glyphs, colors } = theme;
  const content = headerContent(props, theme, notices);
  const height = Math.max(3, props.height ?? 3);
  // The reason first: it says what is wrong; the connection line gets the rows left.
  const wanted = sentenceLines(content, props.width, MAX_SENTENCE_LINES, MAX_SENTENCE_LINES);
  const reasonRows = Math.min(wanted.reason.length, height - 2);
  const { reason, how } = sentenceLines(content, props.width, reasonRows, Math.min(MAX_SENTENCE_LINES, height - 1 - reasonRows));
  const indent = reasonIndent(content);
  const verdictWidth = indent - (content.running ? 2 : 0);

  return (
    <Box flexDirection="column" width={props.width} height={height} overflow="hidden">
      <Line width={props.width} segments={content.where} ellipsis={glyphs.ellipsis} />
      <Box width={props.width} height={1} overflow="hidden">
        <Line width={verdictWidth} segments={content.word} />
        {content.running ? (
          <Text color={colors.running}>
            <Spinner type={glyphs.spinner} />{' '}
          </Text>
        ) : null}
        <Line width={Math.max(1, props.width - indent)} segments={reason[0] ?? []} ellipsis={glyphs.ellipsis} />
      </Box>
      {reason.slice(1).map((segments, i) => (
        <Line key={`reason-${i}`} width={props.width} segments={[{ text: ' '.repeat(indent) }, ...segments]} ellipsis={glyphs.ellipsis} />
      ))}
      {how.map((segments, i) => (
        <Line key={`how-${i}`} width={props.width} segments={segments} ellipsis={glyphs.ellipsis} />
      ))}
    </Box>
  );
}
