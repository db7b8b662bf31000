// Generation A's sync status: `{is_running, tasks}`, every page task of the source's latest run.

import { json } from './http.js';
import { PERM } from './permissions.js';
import { Prng } from './prng.js';
import { systemTask } from './render-a.js';
import type { Route, RouteContext } from './route.js';
import { COMMON_ROUTES, STATUS_PATTERN, withSource } from './routes-common.js';
import { SOURCES } from './sources.js';
import { KIND_ROUTES_A } from './kinds/routes.js';

function statusA(ctx: RouteContext, [slug]: string[]) {
  return withSource(ctx, slug, (source) => {
    const { state, now } = ctx;
    state.statusPolled(source.slug);
    const isRunning = state.latestRun(source.slug)?.view(now).enumerating ?? false;
    // Without view_systemtask the tasks are filtered out silently.
    if (!state.can(PERM.viewSystemTask)) return json(200, { is_running: isRunning, tasks: [] });
    // The server selects `uid startswith slug`: `corp` also gets `corp-eu`'s and `corp-ad`'s tasks.
    const tasks = SOURCES.filter((s) => s.slug.startsWith(source.slug)).flatMap((s) => {
      const run = state.latestRun(s.slug);
      return run ? run.view(now).finished.map((placed) => systemTask(s.slug, placed)) : [];
    });
    return json(200, { is_running: isRunning, tasks: unordered(tasks, source.slug) });
  });
}

/** The server applies no ordering; a stable shuffle keeps clients from relying on one. */
function unordered<T>(items: T[], seed: string): T[] {
  const rng = new Prng(`order:${seed}:${items.length}`);
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [shuffled[i], shuffled[j]] = [shuffled[j] as T, shuffled[i] as T];
  }
  return shuffled;
}

export const ROUTES_A: Route[] = [...COMMON_ROUTES, { pattern: STATUS_PATTERN, methods: { GET: statusA } }, ...KIND_ROUTES_A];
