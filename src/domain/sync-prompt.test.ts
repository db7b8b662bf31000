import { describe, expect, it } from 'vitest';
import { promptText, syncPrompt } from './sync-prompt.js';

describe('syncPrompt', () => {
  it('asks plainly when no run is going on', () => {
    const prompt = syncPrompt('Corp AD (corp-ad)', { progress: 'complete', evidence: 'membership 8 of 8 pages' }, 'A');
    expect(prompt).toEqual({ notice: null, question: 'Start a sync of Corp AD (corp-ad) now?', warning: null });
  });

  it('says a run is going on and what a second start does on each generation', () => {
    const running = { progress: 'running' as const, evidence: 'membership pages have not started' };
    expect(promptText(syncPrompt('Corp AD (corp-ad)', running, 'A'))).toBe('A sync of Corp AD (corp-ad) is already running. Start another now?');
    expect(syncPrompt('Corp AD', running, 'A').warning).toBe("authentik 2024.8–2025.6 deletes the running sync's tasks (they vanish from view) and syncs again from the start.");
    expect(syncPrompt('Corp AD', running, 'B').warning).toBe('authentik 2025.8+ queues a second run.');
    expect(syncPrompt('Corp AD', running, null).warning).toMatch(/2024\.8–2025\.6 deletes .*; 2025\.8\+ queues a second run/);
  });

  it('warns too when the run may still be in progress', () => {
    const prompt = syncPrompt('Corp AD', { progress: 'maybe-running', evidence: 'the last page finished 4s ago' }, 'A');
    expect(prompt.notice).toBe('A sync of Corp AD may still be running.');
    expect(prompt.warning).not.toBeNull();
  });
});
