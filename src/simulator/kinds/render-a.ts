// Generation A (2024.8 to 2025.6): one SystemTask row per provider (`name=<kind>_sync`, `uid=slugify(name)`) holding
// every page's messages, written when the run ends and always `successful` unless the run raised; one row shared by
// every Kerberos source (`kerberos_sync_single`, uid null), which the source's status endpoint never finds.

import { minorOf, type Features } from '../version.js';
import { HOUR, addMs, isoMicro } from '../time.js';
import { stableUuid } from '../prng.js';
import { KIND_INFO, slugify, type KindObject } from './catalog.js';
import { runFailure, type DroppedWrite, type KindRun, type ObjectFailure, type RunFailure } from './runs.js';

type LogEvent = Record<string, unknown>;

function log(at: Date, event: string, logger: string, level = 'info', attributes: object = {}, offsetMicros = 0): LogEvent {
  return { timestamp: isoMicro(at, offsetMicros), log_level: level, logger, event, attributes };
}

/** `Traceback (most recent call last): ... module.Class: text`, as `exception_to_string` writes it. */
export function traceback(failure: RunFailure, text: string): string {
  const frames = failure.frames.flatMap((f) => [`  File "${f.filename}", line ${f.lineno}, in ${f.name}`, `    ${f.line}`]);
  return ['Traceback (most recent call last):', ...frames, `${failure.excType}: ${text}`].join('\n');
}

/** `str(exc)` on this version: SCIM's exceptions print as the `Response` repr before 2026.2. */
export function excText(f: Features, item: { text: string; legacyText?: string }): string {
  return minorOf(f.version) < 202602 && item.legacyText !== undefined ? item.legacyText : item.text;
}

export function objAttribute(failure: ObjectFailure): Record<string, unknown> {
  return { app: 'authentik_core', model_name: failure.model.toLowerCase(), pk: failure.pk, name: failure.model === 'User' ? failure.displayName : failure.name };
}

/** `str(obj)`: the username of a user, `Group <name>` for a group. */
export const objectString = (failure: ObjectFailure): string => (failure.model === 'User' ? failure.name : `Group ${failure.name}`);

/** The StopSync detail: `Error <exc>, caused by <obj> (mapping <mapping>)`. */
export function stopDetail(f: Features, failure: ObjectFailure): string {
  const text = excText(f, failure);
  return `${text.startsWith('Error ') ? text : `Error ${text}`}, caused by ${objectString(failure)}${failure.mapping ? ` (mapping ${failure.mapping})` : ''}`;
}

/** A write dry-run mode dropped (both generations). */
export function droppedLine(write: DroppedWrite, at: Date, logger: string, offset: number): LogEvent {
  const obj = { app: 'authentik_core', model_name: write.model.toLowerCase(), pk: write.pk, name: write.displayName };
  const body = write.model === 'User' ? { primaryEmail: `${write.name}@corp.example.com`, name: { fullName: write.displayName } } : { name: write.name, email: 'staging-testers@corp.example.com' };
  return log(at, 'Dropping mutating request due to dry run', logger, 'info', { obj, method: write.method, url: write.url, body }, offset);
}

/** A page's line for one object it could not sync, in generation A's words. */
function failureLineA(f: Features, failure: ObjectFailure, at: Date, logger: string, offset: number): LogEvent {
  const obj = objAttribute(failure);
  switch (failure.kind) {
    case 'bad-request':
      return log(at, `Failed to sync ${failure.model} ${objectString(failure)} due to error: ${excText(f, failure)}`, logger, 'warning', { arguments: [], obj }, offset);
    case 'transient':
      return log(at, `Failed to sync ${failure.model} ${objectString(failure)} due to transient error: ${excText(f, failure)}`, logger, 'warning', { obj }, offset);
    case 'stop':
      return log(at, `Stopping sync due to error: ${stopDetail(f, failure)}`, logger, 'warning', { obj }, offset);
  }
}

/** The provider's row for a run that has ended, or null when the run wrote none (unassigned). */
export function providerSystemTask(f: Features, o: KindObject, run: KindRun, now: Date): Record<string, unknown> | null {
  const view = run.view(now);
  if (!view.completedAt || run.spec.unassigned) return null;
  const info = KIND_INFO[o.kind];
  const finish = view.completedAt;
  const uid = slugify(o.name);
  const failure = runFailure(run.spec);
  const parent = (event: string, i: number) => log(finish, event, info.taskNameA, 'info', {}, -1000 + i * 19);
  let messages: LogEvent[];
  if (failure) {
    // The exception replaces every page's messages.
    messages = [log(finish, traceback(failure, excText(f, failure)), info.taskNameA, 'error')];
  } else {
    const parallel = minorOf(f.version) >= 202506;
    messages = [parent('Starting full provider sync', 0)];
    let lines = 1;
    for (const model of ['user', 'group'] as const) {
      const plural = model === 'user' ? 'Users' : 'Groups';
      const logger = `${info.verboseName}@authentik.core.models.${model === 'user' ? 'User' : 'Group'}`;
      if (parallel) messages.push(parent(`Syncing ${plural.toLowerCase()}`, lines++));
      for (const placed of view.done.filter((p) => p.page.model === model)) {
        const { page, start, finish: pageEnd } = placed;
        if (parallel) messages.push(log(start, `Syncing page ${page.n} of ${plural}`, logger, 'info', {}, 400));
        else messages.push(parent(`Syncing page ${page.n} of ${plural.toLowerCase()}`, lines++));
        if (minorOf(f.version) >= 202504) {
          (page.dropped ?? []).forEach((write, i) => messages.push(droppedLine(write, pageEnd, logger, -5000 + i * 97)));
        }
        page.failures.forEach((failure, i) => messages.push(failureLineA(f, failure, pageEnd, logger, -(page.failures.length - i) * 211)));
      }
    }
  }
  const start = view.startedAt;
  // StopSync goes through set_error (expires in 6 h); any other exception through on_failure (9 h).
  const expiresIn = failure && !failure.excType.endsWith('.StopSync') ? 9 * HOUR : 6 * HOUR;
  return {
    uuid: stableUuid(`systemtask:${o.kind}:${uid}`),
    name: info.taskNameA,
    full_name: `${info.taskNameA}:${uid}`,
    uid,
    description: info.descriptionA,
    start_timestamp: isoMicro(start),
    finish_timestamp: isoMicro(finish),
    duration: (finish.getTime() - start.getTime()) / 1000 + (start.getTime() % 997) / 1e6,
    status: failure ? 'error' : 'successful',
    messages,
    expires: isoMicro(addMs(finish, expiresIn)),
    expiring: true,
  };
}

/** The one `kerberos_sync_single` row: the latest run of any Kerberos source (`uid` null, args not shown). */
export function kerberosSystemTask(f: Features, run: KindRun, now: Date): Record<string, unknown> | null {
  const view = run.view(now);
  if (!view.completedAt || run.spec.disabled) return null;
  const info = KIND_INFO.kerberos;
  const finish = view.completedAt;
  const failure = run.spec.failure;
  const messages = failure
    ? [log(finish, traceback(failure, failure.text), info.taskNameA, 'error')]
    : run.spec.notes.map((note, i) => log(finish, note, info.taskNameA, 'info', {}, -100 + i));
  const start = view.startedAt;
  return {
    uuid: stableUuid('systemtask:kerberos_sync_single'),
    name: info.taskNameA,
    full_name: info.taskNameA,
    uid: null,
    description: info.descriptionA,
    start_timestamp: isoMicro(start),
    finish_timestamp: isoMicro(finish),
    duration: (finish.getTime() - start.getTime()) / 1000 + (start.getTime() % 997) / 1e6,
    status: failure ? 'error' : 'successful',
    messages,
    expires: isoMicro(addMs(finish, failure ? 9 * HOUR : 6 * HOUR)),
    expiring: true,
  };
}

/** A row is gone once it expired (authentik's cleanup). */
export function expired(row: Record<string, unknown>, now: Date): boolean {
  return typeof row.expires === 'string' && new Date(row.expires).getTime() <= now.getTime();
}
