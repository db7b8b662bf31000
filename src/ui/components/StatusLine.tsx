// The line above the footer: the question being asked, what is being typed, or the result of the last action.
import { promptText, type SyncPrompt } from '../../domain/sync-prompt.js';
import type { ScreenState } from '../screen-state.js';
import { widthOf } from '../text.js';
import { useTheme } from '../theme-context.js';
import { fieldSegments } from './field-view.js';
import { Line, type Segment } from './Line.js';

/** The typed text keeps at least this many columns; the hint after it goes first. */
const MIN_FIELD_WIDTH = 20;

export interface StatusLineProps {
  width: number;
  editing: ScreenState['editing'];
  /** The text being typed (filter or search). */
  draft: string;
  /** Where the cursor is in the draft. */
  cursor: number;
  /** The question before starting a sync, while it is asked. */
  syncPrompt: SyncPrompt | null;
  status: ScreenState['status'];
}

export function StatusLine({ width, editing, draft, cursor, syncPrompt, status }: StatusLineProps) {
  const theme = useTheme();
  const { glyphs, colors } = theme;
  let segments: Segment[] = [];
  if (syncPrompt) {
    segments = [
      { text: `${promptText(syncPrompt)} `, bold: true, color: syncPrompt.notice ? colors.warning : undefined },
      { text: 'y/N', color: colors.accent, bold: true },
    ];
  } else if (editing) {
    const label = editing === 'filter' ? 'filter: ' : 'search: ';
    const hint = `   Enter keeps it ${glyphs.separator} Esc clears it`;
    const room = width - widthOf(label);
    const withHint = room - widthOf(hint) >= MIN_FIELD_WIDTH;
    segments = [
      { text: label, color: colors.accent, bold: true },
      ...fieldSegments({ value: draft, cursor }, withHint ? room - widthOf(hint) : room, theme),
      ...(withHint ? [{ text: hint, color: colors.muted }] : []),
    ];
  } else if (status) {
    const color = status.tone === 'error' ? colors.critical : status.tone === 'ok' ? colors.ok : colors.muted;
    segments = [{ text: status.text, color }];
  }
  return <Line width={width} segments={segments} ellipsis={glyphs.ellipsis} />;
}
