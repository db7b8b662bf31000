// What each command loads from the build (dist/, which `npm test` builds first): the one-shot commands must not load
// the screens' code (React, ink, yoga), and no command loads Node's HTTP/2 (undici's h2 client is left out).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const STATIC = /(?:from|import)\s*"(\.\.?\/[^"]+\.js)"/g;
const DYNAMIC = /import\("(\.\.?\/[^"]+\.js)"\)/g;

/** Files loaded, statically, from `file`. */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(STATIC)) staticGraph(path.resolve(path.dirname(file), spec!), seen);
  return seen;
}

/** What `aksync COMMAND` loads: main's graph, then the command's chunk (main imports it when the command runs). */
function commandGraph(command: string): Set<string> {
  const main = path.join(DIST, 'cli', 'main.js');
  const graph = staticGraph(main);
  const dynamic = [...graph].flatMap((file) => [...readFileSync(file, 'utf8').matchAll(DYNAMIC)].map(([, spec]) => path.resolve(path.dirname(file), spec!)));
  const chunk = dynamic.find((file) => path.basename(file).startsWith(`${command}-`));
  expect(chunk, `the ${command} command's chunk`).toBeDefined();
  return staticGraph(chunk!, graph);
}

const screens = (files: Set<string>) =>
  [...files].filter((file) => /node_modules\/(react|react-reconciler|ink|yoga-layout)\//.test(readFileSync(file, 'utf8')));

describe('the build', () => {
  it.each(['status', 'sources'])('`aksync %s` loads no React, ink or yoga', (command) => {
    const graph = commandGraph(command);
    expect(screens(graph).map((file) => path.relative(DIST, file))).toEqual([]);
  });

  it('the screens are in the chunk the monitor imports when it draws (so the check above can see them)', () => {
    const runApp = readdirSync(path.join(DIST, 'chunks')).find((name) => name.startsWith('run-app-'));
    expect(screens(new Set([path.join(DIST, 'chunks', runApp!)]))).toHaveLength(1);
  });

  it('no file requires node:http2', () => {
    const files = readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.js'));
    const loading = files.filter((name) => /(?:require\(|from\s*|import\()\s*["'](?:node:)?http2["']/.test(readFileSync(path.join(DIST, name), 'utf8')));
    expect(loading).toEqual([]);
  });
});
