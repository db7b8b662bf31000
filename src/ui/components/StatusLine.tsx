// The line above the footer: the question being asked, what is being typed, or the result of the last action.
import type { ScreenState } from '../screen-state.js';
import { useTheme } from '../theme-context.js';
import { Line, type Segment } from './Line.js';

export interface StatusLineProps {
  width: number;
  sourceName: string;
  editing: ScreenState['editing'];
  /** The text being typed (filter or search). */
  draft: string;
  confirmingSync: boolean;
  status: ScreenState['status'];
}

export function StatusLine({ width, sourceName, editing, draft, confirmingSync, status }: StatusLineProps) {
  const { glyphs, colors } = useTheme();
  let segments: Segment[] = [];
  if (confirmingSync) {
    segments = [{ text: `Start a sync of ${sourceName} now? `, bold: true }, { text: 'y/N', color: colors.accent, bold: true }];
  } else if (editing) {
    segments = [
      { text: editing === 'filter' ? 'filter: ' : 'search: ', color: colors.accent, bold: true },
      { text: `${draft}_` },
      { text: `   Enter keeps it ${glyphs.separator} Esc clears it`, color: colors.muted },
    ];
  } else if (status) {
    const color = status.tone === 'error' ? colors.critical : status.tone === 'ok' ? colors.ok : colors.muted;
    segments = [{ text: status.text, color }];
  }
  return <Line width={width} segments={segments} ellipsis={glyphs.ellipsis} />;
}
