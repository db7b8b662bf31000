// Bytes written to the terminal per frame: a spinner step while a run is in progress, and one `j` in the task table
// (a move of the selection, and a move that scrolls the list), at 120x40 against the demo's lively scenario.
// Usage: npm run build && node scripts/bench/frame-bytes.mjs [--seconds 10]
import { FRAME_BEGIN, HAS_DATA, option, sleep, spawnInTerminal, startSimulator, stats } from './lib.mjs';

const seconds = Number(option('seconds', '10'));

/** Byte sizes of the frames (begin marker to end marker) written in [from, to). */
function frameSizes(chunks, from, to) {
  const text = Buffer.concat(chunks.filter((c) => c.at >= from && c.at < to).map((c) => c.bytes)).toString('latin1');
  return text.split(FRAME_BEGIN).slice(1).map((frame) => FRAME_BEGIN.length + frame.length);
}

export async function measureFrameBytes() {
  const sim = await startSimulator('lively');
  const t = spawnInTerminal(['corp-ad', '--url', sim.url, '--interval', '5'], { cols: 120, rows: 40, env: { AUTHENTIK_TOKEN: sim.token } });
  try {
    await t.waitFor(HAS_DATA);
    await t.waitFor(/sync running|run may still be in progress/, 120_000);
    await sleep(1_000);
    const from = performance.now();
    await sleep(seconds * 1000);
    const to = performance.now();
    const spinner = stats(frameSizes(t.chunks, from, to));
    const perSecond = t.bytesBetween(from, to) / ((to - from) / 1000);

    const keys = [];
    for (let i = 0; i < 40; i++) {
      const at = performance.now();
      t.press('j');
      await sleep(150);
      keys.push(t.bytesBetween(at, performance.now()));
    }
    return { spinner, perSecond, keys: stats(keys), keysMax: Math.max(...keys) };
  } finally {
    await t.close();
    await sim.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await measureFrameBytes();
  console.log(`frame while running: median ${r.spinner.median.toFixed(0)} B (${r.spinner.min}…${r.spinner.max}, ${r.spinner.n} frames)`);
  console.log(`output while running: ${r.perSecond.toFixed(0)} B/s`);
  console.log(`per j (selection and scroll, spinner frames included): median ${r.keys.median.toFixed(0)} B, max ${r.keysMax} B`);
}
