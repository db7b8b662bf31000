// V8 doubles the young generation whenever a scavenge finds much of it surviving, up to 32 MB that it then keeps:
// a long-running screen's short-lived garbage never needs that much. Held at its first size, resident memory after a
// minute of fast polls is ~25 MB lower (BENCHMARKS.md). The screens (the monitor command, the demo) and the exporter
// set it as they start; one-shot commands do not load node:v8 at all.
//
// The flag exists on every Node.js line aksync supports (20, 22, 24, 26); V8 prints an unknown flag to stdout, so
// a new line must be checked before it is added to package.json's engines. Node 20 sets V8's flags back to their
// defaults whenever it starts a worker thread: call this again after each.
import { setFlagsFromString } from 'node:v8';

export function holdYoungGeneration(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
