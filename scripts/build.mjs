// The build: one esbuild pass, split into chunks so each command loads only what it needs. `--version`, `status`
// and `sources` never load React, ink or yoga; the monitor loads a few files instead of about a thousand modules.
// Type checking is `npm run typecheck` (tsc); this only bundles.
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { applyPatch, inkOutputCache, inkTextWidthCache, yogaInlineWasm } from './patches/ink-output-cache.mjs';
import { stringWidthNarrow } from './patches/string-width-narrow.mjs';

/** Applies our reviewed changes to dependencies while bundling them (see scripts/patches/). */
const patches = [inkOutputCache, inkTextWidthCache, yogaInlineWasm, await stringWidthNarrow()];
const patchDependencies = {
  name: 'patch-dependencies',
  setup(build) {
    for (const patch of patches) {
      build.onLoad({ filter: patch.file }, ({ path }) =>
        patch.skip?.test(path) ? undefined : { contents: applyPatch(patch, readFileSync(path, 'utf8'), path), loader: 'js' },
      );
    }
  },
};

/**
 * `undici` in the bundle is its Agent and fetch only (scripts/shims/undici.cjs says why); `zod` is a `z` of the members
 * the sources use (scripts/shims/zod-members.mjs), from zod's classic API file.
 */
const zodClassic = path.join(path.dirname(createRequire(import.meta.url).resolve('zod/package.json')), 'v4', 'classic', 'external.js');
const leanDependencies = {
  name: 'lean-dependencies',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: fileURLToPath(new URL('./shims/undici.cjs', import.meta.url)) }));
    build.onResolve({ filter: /^zod$/ }, () => ({ path: fileURLToPath(new URL('./shims/zod.mjs', import.meta.url)) }));
    build.onResolve({ filter: /^aksync-zod-classic$/ }, () => ({ path: zodClassic }));
    // undici's HTTP/2 client loads node:http2 (~9 ms of start-up) even though aksync never offers h2 (undici's
    // allowH2 is off by default): it already copes with an http2 that cannot be loaded, so here it cannot.
    build.onResolve({ filter: /^node:http2$/ }, (args) =>
      /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client-h2\.js$/.test(args.importer) ? { path: 'http2', namespace: 'aksync-no-http2' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'aksync-no-http2' }, () => ({
      contents: "throw new Error('node:http2 is not part of aksync');",
      loader: 'js',
    }));
  },
};

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: {
    'cli/main': 'src/cli/main.ts',
    // The monitor's status reader, a worker thread of its own (src/poll/worker/).
    'poll/status-worker': 'src/poll/worker/status-worker.ts',
    // The simulator, for the benchmarks and `node dist/simulator/serve.js`.
    'simulator/index': 'src/simulator/index.ts',
    'simulator/serve': 'src/simulator/serve.ts',
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // React and its reconciler pick their production builds at load time; settle it at build time.
  define: { 'process.env.NODE_ENV': '"production"' },
  // CommonJS dependencies bundled into ESM still call require() for Node's built-ins.
  banner: { js: "import { createRequire as __aksyncCreateRequire } from 'node:module'; const require = __aksyncCreateRequire(import.meta.url);" },
  // ink loads React DevTools only with DEV=true, which the bin removes.
  external: ['react-devtools-core'],
  jsx: 'automatic',
  legalComments: 'none',
  plugins: [patchDependencies, leanDependencies],
  logLevel: 'warning',
});
