// The build gives the sources a `z` holding only the members scripts/shims/zod-members.mjs lists (zod's locales and
// JSON Schema code stay out of start-up). The tests run the sources against the whole of zod, so a member used but
// not listed would fail only in the built app: this test catches it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Names that appear only in types (`z.output<typeof schema>`, `z.core.$ZodIssue`): erased, never looked up. */
const TYPE_ONLY = new Set(['core', 'output', 'input', 'infer']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

describe("the build's lean zod", () => {
  it('has every member of z the sources use', () => {
    const shim = readFileSync(path.join(ROOT, 'scripts', 'shims', 'zod-members.mjs'), 'utf8');
    const listed = new Set(/export \{([^}]*)\}/.exec(shim)?.[1]?.split(',').map((name) => name.trim()).filter(Boolean) ?? []);
    expect(listed.size).toBeGreaterThan(5);
    const used = new Set<string>();
    for (const file of sourceFiles(path.join(ROOT, 'src'))) {
      const text = readFileSync(file, 'utf8');
      if (!/from 'zod'/.test(text)) continue;
      for (const [, name] of text.matchAll(/\bz\.([A-Za-z_$][\w$]*)/g)) if (name && !TYPE_ONLY.has(name)) used.add(name);
    }
    expect(used.size).toBeGreaterThan(5);
    expect([...used].filter((name) => !listed.has(name))).toEqual([]);
  });
});
