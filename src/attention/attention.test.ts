import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../poll/test-support/fake-clock.js';
import { createAttention, titleText } from './controller.js';
import { attentionText, BELL, notifySequence, POP_TITLE, PUSH_TITLE, tmuxPassthrough } from './sequences.js';
import { watchVerdicts, type Observation, type WatchedState } from './watch.js';
import type { VerdictLevel } from '../domain/verdict.js';

const look = (level: VerdictLevel, unreachable = false, key = 'ldap/corp-ad'): Observation => ({ key, label: key.slice(5), level, unreachable });

function sequence(levels: Array<[VerdictLevel, boolean?]>): boolean[] {
  let states: Map<string, WatchedState> = new Map();
  return levels.map(([level, unreachable], i) => {
    const result = watchVerdicts(states, [look(level, unreachable ?? false)], i);
    states = result.states;
    return result.changes.some((c) => c.worse);
  });
}

describe('what counts as getting worse', () => {
  it('OK → WARNING → CRITICAL each once; staying, or getting better, is not', () => {
    expect(sequence([['OK'], ['OK'], ['WARNING'], ['WARNING'], ['CRITICAL'], ['CRITICAL'], ['OK'], ['CRITICAL']])).toEqual([false, false, true, false, true, false, false, true]);
  });

  it('the first look is no change, whatever it shows', () => {
    expect(sequence([['CRITICAL'], ['CRITICAL']])).toEqual([false, false]);
  });

  it('becoming unreachable past the stale threshold is; an UNKNOWN between two CRITICALs is not', () => {
    expect(sequence([['OK'], ['OK', true], ['OK', true], ['OK']])).toEqual([false, true, false, false]);
    expect(sequence([['CRITICAL'], ['UNKNOWN'], ['CRITICAL'], ['UNKNOWN'], ['WARNING'], ['UNKNOWN'], ['CRITICAL']])).toEqual([false, false, false, false, false, false, true]);
  });
});

describe('the bytes', () => {
  it('keep only aksync’s own plain words: no control character, no separator can end the sequence early', () => {
    expect(attentionText('corp\u001b]2;owned\u0007 is CRITICAL')).toBe('corp??2?owned? is CRITICAL');
    expect(notifySequence('aksync', 'corp-ad is CRITICAL (was OK)', 'osc9')).toBe('\u001b]9;aksync: corp-ad is CRITICAL (was OK)\u0007');
    expect(notifySequence('aksync', 'a;b', 'osc777')).toBe('\u001b]777;notify;aksync;a?b\u0007');
    expect(tmuxPassthrough('\u001b]9;x\u0007')).toBe('\u001bPtmux;\u001b\u001b]9;x\u0007\u001b\\');
  });

  it('the title names the worst verdict and its objects', () => {
    expect(titleText([look('OK'), look('CRITICAL', false, 'ldap/b'), look('WARNING', false, 'ldap/c')])).toBe('aksync: CRITICAL b');
    expect(titleText([look('OK')])).toBe('aksync: OK');
    expect(titleText([look('OK', true)])).toBe('aksync: UNREACHABLE corp-ad');
  });
});

describe('the attention controller', () => {
  function controller(settings = { bell: true, notify: true, title: true }, env: NodeJS.ProcessEnv = {}) {
    const clock = createFakeClock(0);
    let written = '';
    const attention = createAttention({ settings, env, clock, write: (bytes) => (written += bytes) });
    return { attention, clock, written: () => written };
  }

  it('rings once per worsening, notifies with the object and its new verdict, and sets the title after saving the old one', () => {
    const { attention, written } = controller();
    attention.observe([look('OK')]);
    expect(written()).toBe(`${PUSH_TITLE}\u001b]2;aksync: OK\u0007`);
    attention.observe([look('WARNING')]);
    attention.observe([look('WARNING')]);
    attention.observe([look('CRITICAL')]);
    expect(written().split(BELL).length - 1 - 3 - 2).toBe(2); // 3 titles and 2 notifications end in BEL too
    expect(written()).toContain('\u001b]9;aksync: corp-ad is WARNING (was OK)\u0007');
    expect(written()).toContain('\u001b]9;aksync: corp-ad is CRITICAL (was WARNING)\u0007');
    expect(written().endsWith('\u001b]2;aksync: CRITICAL corp-ad\u0007')).toBe(true);
    expect(attention.restore()).toBe(POP_TITLE);
    expect(attention.restore()).toBe('');
  });

  it('writes nothing that was not asked for', () => {
    const { attention, written } = controller({ bell: false, notify: false, title: false });
    attention.observe([look('OK')]);
    attention.observe([look('CRITICAL')]);
    expect(written()).toBe('');
    expect(attention.restore()).toBe('');
  });

  it('inside tmux the notification goes through its passthrough', () => {
    const { attention, written } = controller({ bell: false, notify: true, title: false }, { TMUX: '/tmp/tmux-1000/default,1,0' });
    attention.observe([look('OK')]);
    attention.observe([look('WARNING')]);
    expect(written()).toBe(tmuxPassthrough('\u001b]9;aksync: corp-ad is WARNING (was OK)\u0007'));
  });

  it('marks a changed object for a minute, and says when the mark goes', async () => {
    const { attention, clock } = controller({ bell: false, notify: false, title: false });
    let told = 0;
    attention.subscribe(() => (told += 1));
    attention.observe([look('OK'), look('OK', false, 'ldap/b')]);
    await clock.advance(5000);
    attention.observe([look('WARNING'), look('OK', false, 'ldap/b')]);
    expect([...attention.marked()]).toEqual(['ldap/corp-ad']);
    expect(told).toBe(1);
    await clock.advance(59_000);
    expect(attention.isMarked('ldap/corp-ad')).toBe(true);
    await clock.advance(1000);
    expect(attention.marked().size).toBe(0);
    expect(told).toBe(2);
  });
});
