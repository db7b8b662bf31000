// Response bodies copied verbatim from /work/shared/authentik/EXAMPLES.md (realistic authentik answers).
import { readFileSync } from 'node:fs';

export type ExampleName =
  | 'a-completed'
  | 'a-warning-like'
  | 'a-errors'
  | 'a-enumerating'
  | 'a-trickle'
  | 'b-status-variants'
  | 'b-tasks-2026.8.3';

/** A fresh copy each call, so a test may edit it. */
export function example(name: ExampleName): any {
  return JSON.parse(readFileSync(new URL(`./examples/${name}.json`, import.meta.url), 'utf8'));
}
