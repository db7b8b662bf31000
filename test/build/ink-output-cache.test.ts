// The build patches ink's Output so its tokenise/width caches outlive a frame. If ink changes, the patch must fail
// loudly (the build stops) rather than silently drop the speed-up; and the patched Output must share bounded caches.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyPatch, inkOutputCache, inkTextWidthCache, yogaInlineWasm } from '../../scripts/patches/ink-output-cache.mjs';

// ink's main entry is build/index.js, beside output.js.
const inkBuild = path.dirname(createRequire(import.meta.url).resolve('ink'));
const outputJs = path.join(inkBuild, 'output.js');

describe("the build's patch of ink's Output", () => {
  it('applies to the installed ink', () => {
    expect(inkOutputCache.file.test(outputJs)).toBe(true);
    const patched = applyPatch(inkOutputCache, readFileSync(outputJs, 'utf8'), outputJs);
    expect(patched).toContain('caches = sharedOutputCaches();');
  });

  it("applies to the installed ink's text measurement too", () => {
    const renderJs = path.join(inkBuild, 'render-node-to-output.js');
    expect(inkTextWidthCache.file.test(renderJs)).toBe(true);
    expect(applyPatch(inkTextWidthCache, readFileSync(renderJs, 'utf8'), renderJs)).toContain('output.caches.getWidestLine(text)');
  });

  it("applies to the installed yoga's WebAssembly loader (decode inline, compile at once)", () => {
    // Beside ink in node_modules (yoga-layout's exports map hides the file from resolve()).
    const loader = path.join(inkBuild, '..', '..', 'yoga-layout', 'dist', 'binaries', 'yoga-wasm-base64-esm.js');
    expect(yogaInlineWasm.file.test(loader)).toBe(true);
    const patched = applyPatch(yogaInlineWasm, readFileSync(loader, 'utf8'), loader);
    expect(patched).toContain('function ya(){return true?');
    expect(patched).toContain('new WebAssembly.Module(f)');
  });

  it('draws a row that changed anew, and one cut to a clipping box, from frame to frame', async () => {
    const file = path.join(inkBuild, `output.aksync-rows-${process.pid}.js`);
    writeFileSync(file, applyPatch(inkOutputCache, readFileSync(outputJs, 'utf8'), outputJs));
    try {
      type Frame = { write(x: number, y: number, text: string, options: { transformers: unknown[] }): void; clip(clip: object): void; unclip(): void; get(): { output: string } };
      const { default: Output } = (await import(pathToFileURL(file).href)) as { default: new (options: { width: number; height: number }) => Frame };
      const frame = (rows: string[], clipped = '') => {
        const output = new Output({ width: 12, height: 3 });
        rows.forEach((row, y) => output.write(0, y, row, { transformers: [] }));
        if (clipped) {
          output.clip({ x1: 2, x2: 6, y1: 2, y2: 3 });
          output.write(0, 2, clipped, { transformers: [] });
          output.unclip();
        }
        return output.get().output;
      };
      expect(frame(['one', '\u001b[1mtwo\u001b[22m'], 'abcdefgh')).toBe('one\n\u001b[1mtwo\u001b[22m\n  cdef');
      expect(frame(['one', '\u001b[1mtwo\u001b[22m'], 'abcdefgh')).toBe('one\n\u001b[1mtwo\u001b[22m\n  cdef');
      expect(frame(['one', 'two'], 'abXdefgh')).toBe('one\ntwo\n  Xdef');
      expect(frame(['', 'two'])).toBe('\ntwo\n');
      // In a box from the left edge: a line that fits is drawn whole (styles and all), one that does not is cut.
      const inBox = (text: string) => {
        const output = new Output({ width: 12, height: 1 });
        output.clip({ x1: 0, x2: 6, y1: 0, y2: 1 });
        output.write(0, 0, text, { transformers: [] });
        output.unclip();
        return output.get().output;
      };
      expect(inBox('ab\u001b[1mcd\u001b[22m')).toBe('ab\u001b[1mcd\u001b[22m');
      expect(inBox('abcdefgh')).toBe('abcdef');
      expect(inBox('\u001b[1mabcdefgh\u001b[22m')).toBe('\u001b[1mabcdef\u001b[22m');
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('refuses, naming the file, when ink no longer has the line it replaces', () => {
    expect(() => applyPatch(inkOutputCache, 'export default class Output {}', outputJs)).toThrow(/no longer applies/);
  });

  it('gives every frame the same caches, and new ones once they hold 20,000 entries', async () => {
    const file = path.join(inkBuild, `output.aksync-test-${process.pid}.js`);
    writeFileSync(file, applyPatch(inkOutputCache, readFileSync(outputJs, 'utf8'), outputJs));
    try {
      const { default: Output } = (await import(pathToFileURL(file).href)) as {
        default: new (options: { width: number; height: number }) => { caches: { widths: Map<string, number> }; write(x: number, y: number, text: string, options: { transformers: unknown[] }): void; get(): { output: string } };
      };
      const first = new Output({ width: 20, height: 2 });
      first.write(0, 0, 'hello', { transformers: [] });
      expect(first.get().output.trimEnd()).toBe('hello');
      const second = new Output({ width: 20, height: 2 });
      expect(second.caches).toBe(first.caches);
      for (let i = 0; i <= 20_000; i++) second.caches.widths.set(`x${i}`, 1);
      expect(new Output({ width: 20, height: 2 }).caches).not.toBe(first.caches);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
