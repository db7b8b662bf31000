// What `i` on the task table shows: the verdict's whole reason, the connection's error, and the selected task's
// problem messages in full. Pure, so the wording is tested without a terminal.
import { formatClock, plural } from '../domain/format.js';
import { taskLabel } from '../domain/model.js';
import { isErrorLevel, type TaskView, type Verdict } from '../domain/verdict.js';
import type { PaneBlock } from './components/DetailPane.js';
import { taskStatus } from './task-rows.js';
import type { ColorTokens } from './theme.js';

/** A task with a huge log: the pane shows this many problems, the log (Enter, then e) has them all. */
const MAX_PROBLEMS = 100;

/** `users page 7f75080c (problems)`: how the log and the pane name a task. */
export function taskTitle(view: TaskView): string {
  return `${taskLabel(view.task)} (${taskStatus(view)})`;
}

export function taskDetails(
  view: TaskView | null,
  verdict: Verdict | null,
  connectionError: string | null,
  colors: ColorTokens,
): { title: string; blocks: PaneBlock[] } {
  const blocks: PaneBlock[] = [];
  if (verdict) blocks.push({ heading: `Verdict: ${verdict.level}`, text: verdict.reason });
  if (connectionError) blocks.push({ heading: 'Connection', text: connectionError, color: colors.critical });
  if (!view) return { title: 'Details', blocks: [...blocks, { heading: 'No task selected', text: 'The table has no task to show.' }] };

  const { task, problems } = view;
  if (view.isError && !problems.some((m) => isErrorLevel(m.level))) {
    blocks.push({ heading: 'authentik says', text: `the task ended ${task.rawStatus}`, color: colors.critical });
  }
  if (problems.length === 0) {
    blocks.push({ heading: 'No problem messages', text: view.headline === '' ? 'The task logged nothing.' : `Its last message: ${view.headline}` });
  }
  for (const m of problems.slice(0, MAX_PROBLEMS)) {
    blocks.push({ heading: `${formatClock(m.timestamp)} ${m.level} ${m.logger}`, text: m.event, color: isErrorLevel(m.level) ? colors.critical : undefined });
  }
  if (problems.length > MAX_PROBLEMS) {
    blocks.push({ heading: `and ${plural(problems.length - MAX_PROBLEMS, 'more problem message')}`, text: 'Enter opens the log; e there shows only problems.' });
  }
  return { title: `${taskTitle(view)} · ${plural(problems.length, 'problem message')}`, blocks };
}
