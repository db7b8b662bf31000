// `aksync help [COMMAND]` as a user runs it: the exit code and where the text goes.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo } from './io.js';

describe('aksync help', () => {
  it('help for a command prints its text to stdout and exits 0', async () => {
    const io = captureIo({});
    expect(await main(['help', 'sync'], io)).toBe(0);
    expect(io.out()).toMatch(/^aksync sync SLUG/);
  });

  it("help for a command that does not exist says so on stderr, names the nearest command and exits 2", async () => {
    const io = captureIo({});
    expect(await main(['help', 'bogus'], io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toContain("aksync: no command 'bogus'.");
    const near = captureIo({});
    expect(await main(['help', 'confg'], near)).toBe(2);
    expect(near.err()).toContain("no command 'confg'. Did you mean 'config'?");
  });
});
