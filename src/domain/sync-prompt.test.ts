import { describe, expect, it } from 'vitest';
import { promptText, syncPrompt } from './sync-prompt.js';

describe('syncPrompt', () => {
  it('asks plainly when no run is going on', () => {
    const prompt = syncPrompt('Corp AD (corp-ad)', { progress: 'complete', evidence: 'membership 8 of 8 pages' }, 'A');
    expect(prompt).toEqual({ notice: null, question: 'Start a sync of Corp AD (corp-ad) now?' });
  });

  it('says a run is going on and what a second start does on each generation, in a line that fits 80 columns', () => {
    const running = { progress: 'running' as const, evidence: 'membership pages have not started' };
    const a = promptText(syncPrompt('Corp AD (corp-ad)', running, 'A'));
    expect(a).toBe('A sync is running; a second one deletes its tasks. Start anyway?');
    expect(promptText(syncPrompt('Corp AD', running, 'B'))).toBe('A sync is running; a second one is queued behind it. Start anyway?');
    expect(promptText(syncPrompt('Corp AD', running, null))).toMatch(/deletes its tasks \(authentik 2024\.8 to 2025\.6\) or is queued behind it \(2025\.8\+\)/);
    expect(`${a} y/N`.length).toBeLessThanOrEqual(80);
  });

  it('warns too when the run may still be in progress', () => {
    const prompt = syncPrompt('Corp AD', { progress: 'maybe-running', evidence: 'the last page finished 4s ago' }, 'A');
    expect(prompt.notice).toBe('A sync may still be running; a second one deletes its tasks.');
  });
});
