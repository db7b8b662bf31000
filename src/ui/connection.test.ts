import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.js';
import { describeConnection, type ConnectionState } from './connection.js';

const T0 = new Date(2024, 8, 30, 14, 0, 0).getTime();
const base: ConnectionState = { phase: 'live', failures: 0, error: null, nextPollAt: null, unconfirmedSince: null, updatedAt: T0, refreshing: false };
const down = new ApiError('unreachable', 'auth.example.com is unreachable: connection refused.');

describe('describeConnection', () => {
  it('says live and when the data last changed', () => {
    const words = describeConnection(base, T0 + 1000, 5000);
    expect(words.state).toBe('live, every 5s');
    expect(words.updated).toBe('last change 14:00:00');
    expect(words.error).toBeNull();
  });

  it('counts down to the next retry and counts failures', () => {
    const words = describeConnection(
      { ...base, phase: 'retrying', failures: 3, error: down, nextPollAt: T0 + 20_000, unconfirmedSince: T0 },
      T0 + 12_500,
      5000,
    );
    expect(words.state).toBe('retrying in 8s (3 failures)');
    expect(words.error).toBe(down.message);
    expect(words.updated).toBe('last update 14:00:00');
  });

  it('says how stale the data is, with the error sentence', () => {
    const words = describeConnection({ ...base, phase: 'stale', failures: 7, error: down, unconfirmedSince: T0 }, T0 + 130_000, 5000);
    expect(words.state).toBe('stale 2m 10s');
    expect(words.tone).toBe('critical');
    expect(words.error).toContain('unreachable');
  });

  it('says paused', () => {
    expect(describeConnection({ ...base, phase: 'paused', unconfirmedSince: T0 }, T0, 5000).state).toBe('paused');
  });
});
