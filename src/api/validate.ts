// The boundary: raw JSON in, typed data out, or a bad_response naming the first field that is wrong.
import type { z } from 'zod';
import { safeLine } from '../domain/sanitize.js';
import { ApiError } from './errors.js';

export interface Answer {
  origin: string;
  /** what was asked, for the message: `/api/v3/sources/ldap/corp/sync/status/` */
  shownPath: string;
}

export function parseAnswer<S extends z.ZodType>(schema: S, data: unknown, answer: Answer): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue === undefined ? '' : fieldPath(issue.path);
  const problem = issue === undefined ? 'unexpected shape' : describeIssue(issue, data);
  const where = path === '' ? 'the body' : `field ${path}`;
  return failShape(answer, `${where}: ${problem}`);
}

export function failShape(answer: Answer, what: string): never {
  throw new ApiError(
    'bad_response',
    `${answer.origin} answered ${answer.shownPath} with an unexpected shape: ${safeLine(what)} (is it authentik 2024.8 or newer?).`,
  );
}

/** `tasks[3].status`, `["odd key"]` */
export function fieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) text += text === '' ? key : `.${key}`;
    else text += `[${JSON.stringify(String(key)).slice(0, 40)}]`;
  }
  return text;
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  if (issue.code === 'invalid_type') {
    const actual = valueAt(data, issue.path);
    return actual === MISSING ? `missing (expected ${issue.expected})` : `expected ${issue.expected}, got ${kindOf(actual)}`;
  }
  if (issue.code === 'custom') return issue.message;
  return issue.message.replace(/^Invalid input: /, '');
}

const MISSING = Symbol('missing');

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !(key in current)) return MISSING;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current === undefined ? MISSING : current;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}
