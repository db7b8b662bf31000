// The README's pictures, rendered from real frames: `aksync demo` runs in a 120x36 pseudo-terminal, xterm.js
// parses its output, and the screen's cells (characters, colours, bold, inverse) are written out as SVG and text.
//
//   npm run build && node scripts/screenshot.mjs
//
// writes docs/monitor.svg and .txt (the task table while a run is in progress) and docs/monitor-log.svg and .txt
// (a failed page's log with its traceback), and docs/overview.svg and .txt (every kind of sync object, with the
// strip of their last runs from a week of history). The demo starts a run every minute, so this takes a few minutes.
// `node scripts/screenshot.mjs overview` renders only the overview.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HAS_DATA, REPO_ROOT, spawnInTerminal } from './bench/lib.mjs';

const COLS = 120;
const ROWS = 36;
const DOCS = path.join(REPO_ROOT, 'docs');

// A dark theme (VS Code's terminal colours) for the 16 ANSI colours; 16-255 are xterm's standard cube and greys.
const BACKGROUND = '#1e1e1e';
const FOREGROUND = '#cccccc';
const ANSI = [
  '#000000', '#cd3131', '#0dbc79', '#e5e510', '#2472c8', '#bc3fbc', '#11a8cd', '#e5e5e5',
  '#666666', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#ffffff',
];

function paletteColor(index) {
  if (index < 16) return ANSI[index];
  if (index < 232) {
    const i = index - 16;
    const level = (v) => (v === 0 ? 0 : 55 + v * 40);
    return rgb(level(Math.floor(i / 36)), level(Math.floor(i / 6) % 6), level(i % 6));
  }
  const grey = 8 + (index - 232) * 10;
  return rgb(grey, grey, grey);
}

function rgb(r, g, b) {
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

function cellColor(cell, which) {
  const isDefault = which === 'fg' ? cell.isFgDefault() : cell.isBgDefault();
  if (isDefault) return null;
  const value = which === 'fg' ? cell.getFgColor() : cell.getBgColor();
  const isRgb = which === 'fg' ? cell.isFgRGB() : cell.isBgRGB();
  return isRgb ? rgb((value >> 16) & 255, (value >> 8) & 255, value & 255) : paletteColor(value);
}

/** The style a cell is drawn with: colours after inverse and dim, and the font weight. */
function cellStyle(cell) {
  let fg = cellColor(cell, 'fg') ?? FOREGROUND;
  let bg = cellColor(cell, 'bg');
  if (cell.isInverse()) [fg, bg] = [bg ?? BACKGROUND, fg];
  return { fg, bg, bold: Boolean(cell.isBold()), dim: Boolean(cell.isDim()), italic: Boolean(cell.isItalic()), underline: Boolean(cell.isUnderline()) };
}

const sameStyle = (a, b) =>
  a.fg === b.fg && a.bold === b.bold && a.dim === b.dim && a.italic === b.italic && a.underline === b.underline;

const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The visible screen as SVG: one rect per background run, one text element per run of same-styled characters. */
export function screenToSvg(term) {
  const cw = 8.4;
  const lh = 18;
  const pad = 12;
  const buffer = term.buffer.active;
  const cell = buffer.getNullCell();
  const rects = [];
  const texts = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    if (!line) continue;
    let run = null;
    // One rectangle per run of cells with the same background: adjacent small ones leave seams when scaled.
    let background = null;
    const flushBackground = () => {
      if (background) {
        const { start, end, fill } = background;
        rects.push(`<rect x="${(pad + start * cw).toFixed(1)}" y="${pad + y * lh}" width="${((end - start) * cw).toFixed(1)}" height="${lh}" fill="${fill}"/>`);
      }
      background = null;
    };
    const flush = () => {
      if (run && run.text.trim() !== '') {
        const attrs = [`x="${(pad + run.x * cw).toFixed(1)}"`, `y="${pad + y * lh + 13}"`, `fill="${run.style.fg}"`];
        if (run.style.bold) attrs.push('font-weight="bold"');
        if (run.style.dim) attrs.push('opacity="0.6"');
        if (run.style.italic) attrs.push('font-style="italic"');
        if (run.style.underline) attrs.push('text-decoration="underline"');
        // Each run is pinned to its columns, so a font with other metrics cannot push later text out of line.
        attrs.push(`textLength="${(run.columns * cw).toFixed(1)}"`, 'lengthAdjust="spacingAndGlyphs"');
        texts.push(`<text ${attrs.join(' ')}>${escapeXml(run.text)}</text>`);
      }
      run = null;
    };
    for (let x = 0; x < term.cols; x++) {
      line.getCell(x, cell);
      const width = cell.getWidth();
      if (width === 0) continue; // the right half of a wide character
      const style = cellStyle(cell);
      if (style.bg && background?.fill === style.bg && background.end === x) background.end = x + width;
      else {
        flushBackground();
        if (style.bg) background = { start: x, end: x + width, fill: style.bg };
      }
      const chars = cell.getChars() || ' ';
      // Wide characters get a run of their own: fonts disagree on their advance.
      if (!run || !sameStyle(run.style, style) || width > 1 || run.wide) {
        flush();
        run = { x, style, text: '', columns: 0, wide: width > 1 };
      }
      run.text += chars;
      run.columns += width;
    }
    flush();
    flushBackground();
  }
  const width = Math.ceil(pad * 2 + term.cols * cw);
  const height = pad * 2 + term.rows * lh;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" rx="6" fill="${BACKGROUND}"/>`,
    '<g shape-rendering="crispEdges">',
    ...rects,
    '</g>',
    `<g font-family="'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace" font-size="14" xml:space="preserve">`,
    ...texts,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}

function save(name, terminal) {
  writeFileSync(path.join(DOCS, `${name}.svg`), screenToSvg(terminal.term));
  writeFileSync(path.join(DOCS, `${name}.txt`), `${terminal.screenText().replace(/\n+$/, '')}\n`);
  console.log(`wrote docs/${name}.svg and docs/${name}.txt`);
}

mkdirSync(DOCS, { recursive: true });
const only = process.argv[2] ?? null;

// The overview of every kind: generation B keeps a month of runs, which aksync reads into a fresh history, so the
// strip shows a week of runs (failed ones among them) without waiting for them.
if (only === null || only === 'overview') {
  const state = mkdtempSync(path.join(tmpdir(), 'aksync-shot-'));
  const overview = spawnInTerminal(['demo', '--generation', 'b', '--scenario', 'week'], { cols: COLS, rows: ROWS, env: { XDG_STATE_HOME: state } });
  try {
    await overview.waitFor(HAS_DATA, 20_000);
    overview.press('\x1b');
    await overview.waitFor(/Sync objects \d+[\s\S]*[✓⚠]{3}[\s\S]*SCIM providers[\s\S]*✗/, 120_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    save('overview', overview);
  } finally {
    await overview.close();
    rmSync(state, { recursive: true, force: true });
  }
}
if (only === 'overview') process.exit(0);

const terminal = spawnInTerminal(['demo'], { cols: COLS, rows: ROWS });
try {
  await terminal.waitFor(HAS_DATA, 20_000);
  // A run in progress with a good part of its pages in and a problem among them: the spinner, live counts and the
  // kinds of rows a user meets. About half the demo's runs have a problem page, so this may take a few minutes.
  await terminal.waitFor(/sync running[\s\S]*\nRun [^\n]*\b([4-9]\d|100) pages[^\n]* [1-9]\d* problems? /, 300_000);
  save('monitor', terminal);
} finally {
  await terminal.close();
}

// A failed page's log: the errors scenario, sorted by status (failed pages first), the first one opened, wrapped.
const errors = spawnInTerminal(['demo', '--scenario', 'errors'], { cols: COLS, rows: ROWS });
try {
  await errors.waitFor(HAS_DATA, 20_000);
  errors.press('s');
  await errors.waitFor(/sort status/, 5_000);
  errors.press('\r');
  await errors.waitFor(/ page \w+ \(/, 5_000);
  errors.press('w'); // whole messages: the traceback
  await errors.waitFor(/ page \w+ \([^\n]*wrapped[\s\S]*Traceback/, 5_000);
  save('monitor-log', errors);
} finally {
  await errors.close();
}
