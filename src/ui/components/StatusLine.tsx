// The line above the footer: the question being asked, what is being typed, or the result of the last action.
import type { ScreenState } from '../screen-state.js';
import { widthOf } from '../text.js';
import { useTheme } from '../theme-context.js';
import { fieldSegments } from './field-view.js';
import { Line, type Segment } from './Line.js';

/** The typed text keeps at least this many columns; the hint after it goes first. */
const MIN_FIELD_WIDTH = 20;

export interface StatusLineProps {
  width: number;
  sourceName: string;
  editing: ScreenState['editing'];
  /** The text being typed (filter or search). */
  draft: string;
  /** Where the cursor is in the draft. */
  cursor: number;
  confirmingSync: boolean;
  status: ScreenState['status'];
}

export function StatusLine({ width, sourceName, editing, draft, cursor, confirmingSync, status }: StatusLineProps) {
  const theme = useTheme();
  const { glyphs, colors } = theme;
  let segments: Segment[] = [];
  if (confirmingSync) {
    segments = [{ text: `Start a sync of ${sourceName} now? `, bold: true }, { text: 'y/N', color: colors.accent, bold: true }];
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
