// Sync runs, generation-neutral. A run is a list of page specs plus a way of progressing through time:
// TimedRun follows the simulator's clock (completed runs, the lively demo), SteppedRun reveals pages with each
// status poll (the `running` scenario and triggered syncs), so tests can walk through a run without waiting.

import { phaseOf } from './directory.js';
import type { PageMessage } from './messages.js';
import { addMs } from './time.js';

export interface PageSpec {
  /** the uid's type segment: users, groups, membership (or anything odd, in the hostile scenario) */
  type: string;
  pageId: string;
  /** SystemTask.uuid (A) / Task.message_id (B) */
  taskId: string;
  messages: PageMessage[];
  /** generation A status `error` */
  failed: boolean;
  durationMs: number;
  /** replaces the usual task description (hostile scenario) */
  description?: string;
}

export interface RunSpec {
  slug: string;
  pages: PageSpec[];
  /** The LDAP server was unreachable at enumeration: no pages; B's parent is retried 5 times, then rejected. */
  rejected?: { error: string };
}

export interface PlacedPage {
  spec: PageSpec;
  start: Date;
  finish: Date;
}

export interface RunView {
  /** the parent task's start: queued by the schedule or a trigger */
  queuedAt: Date;
  /** authentik is still enumerating the directory (A's is_running) */
  enumerating: boolean;
  /** when enumeration ended and the pages were queued */
  enumeratedAt: Date | null;
  /** pages finished by now, in finishing order */
  finished: PlacedPage[];
  /** pages queued but not finished */
  pending: PageSpec[];
  /** when the run finished (the last page, or the last retry of a rejected run); null while running */
  completedAt: Date | null;
}

export interface Run {
  /** the parent task's message_id (B) */
  readonly id: string;
  readonly spec: RunSpec;
  readonly queuedAt: Date;
  view(now: Date): RunView;
  /** A status poll for this run's source arrived. */
  onStatusPoll(now: Date): void;
}

export interface Timing {
  /** how long the parent enumerates before queueing pages */
  enumerationMs: number;
  /** time between two page completions */
  pageSpacingMs: number;
}

export const COMPLETED_RUN_TIMING: Timing = { enumerationMs: 4_000, pageSpacingMs: 800 };
/** A rejected run: 6 attempts with growing back-off. */
export const REJECTED_RUN_MS = 8 * 60_000;

export class TimedRun implements Run {
  private readonly placed: PlacedPage[];
  private readonly enumeratedAt: Date;
  private readonly completedAt: Date;

  constructor(
    readonly id: string,
    readonly spec: RunSpec,
    readonly queuedAt: Date,
    timing: Timing = COMPLETED_RUN_TIMING,
  ) {
    this.enumeratedAt = addMs(queuedAt, timing.enumerationMs);
    this.placed = [];
    for (const [i, page] of spec.pages.entries()) {
      this.placed.push(placePage(page, addMs(this.enumeratedAt, (i + 1) * timing.pageSpacingMs), phaseStart(this.placed, page, this.enumeratedAt)));
    }
    const last = this.placed.at(-1);
    this.completedAt = spec.rejected ? addMs(queuedAt, REJECTED_RUN_MS) : (last?.finish ?? this.enumeratedAt);
  }

  /** A run that finished at `finishedAt`. */
  static completedAt(id: string, spec: RunSpec, finishedAt: Date, timing: Timing = COMPLETED_RUN_TIMING): TimedRun {
    const length = spec.rejected ? REJECTED_RUN_MS : timing.enumerationMs + spec.pages.length * timing.pageSpacingMs;
    return new TimedRun(id, spec, addMs(finishedAt, -length), timing);
  }

  view(now: Date): RunView {
    const t = now.getTime();
    const enumerating = t < this.enumeratedAt.getTime();
    const finished = this.placed.filter((p) => p.finish.getTime() <= t);
    return {
      queuedAt: this.queuedAt,
      enumerating,
      enumeratedAt: enumerating ? null : this.enumeratedAt,
      finished,
      pending: enumerating ? [] : this.placed.slice(finished.length).map((p) => p.spec),
      completedAt: t >= this.completedAt.getTime() ? this.completedAt : null,
    };
  }

  onStatusPoll(): void {}
}

/** When a page could start: once its run was enumerated and every page of the phases before its own had finished. */
function phaseStart(placed: readonly PlacedPage[], page: PageSpec, enumeratedAt: Date): Date {
  const phase = phaseOf(page.type);
  let start = enumeratedAt;
  for (const p of placed) if (phaseOf(p.spec.type) < phase && p.finish > start) start = p.finish;
  return start;
}

/** A page that finished at `finish`, started no earlier than `notBefore`, and never ends before it starts. */
function placePage(spec: PageSpec, finish: Date, notBefore: Date): PlacedPage {
  const start = new Date(Math.max(finish.getTime() - spec.durationMs, notBefore.getTime()));
  return { spec, start, finish: finish < start ? start : finish };
}

/**
 * A run that moves one step per status poll: the first poll sees it enumerating, each later poll sees
 * `pagesPerPoll` more pages finished (stamped with the clock at that poll), until all are done.
 */
export class SteppedRun implements Run {
  private polls = 0;
  private readonly placed: PlacedPage[] = [];
  private enumeratedAt: Date | null = null;
  private completedAt: Date | null = null;

  constructor(
    readonly id: string,
    readonly spec: RunSpec,
    readonly queuedAt: Date,
    private readonly pagesPerPoll = 20,
  ) {}

  onStatusPoll(now: Date): void {
    if (this.completedAt) return;
    this.polls++;
    if (this.polls < 2) return;
    // Pages are queued after the parent started (real authentik's order), however fast the polls come.
    this.enumeratedAt ??= new Date(Math.min(now.getTime(), Math.max(now.getTime() - 500, this.queuedAt.getTime() + 250)));
    const enumeratedAt = this.enumeratedAt;
    if (this.spec.rejected) {
      this.completedAt = now;
      return;
    }
    const reveal = this.spec.pages.slice(this.placed.length, this.placed.length + this.pagesPerPoll);
    reveal.forEach((page, i) => this.placed.push(placePage(page, addMs(now, -(reveal.length - i) * 40), phaseStart(this.placed, page, enumeratedAt))));
    if (this.placed.length === this.spec.pages.length) this.completedAt = this.placed.at(-1)?.finish ?? now;
  }

  view(): RunView {
    return {
      queuedAt: this.queuedAt,
      enumerating: this.enumeratedAt === null,
      enumeratedAt: this.enumeratedAt,
      finished: [...this.placed],
      pending: this.enumeratedAt ? this.spec.pages.slice(this.placed.length) : [],
      completedAt: this.completedAt,
    };
  }
}
