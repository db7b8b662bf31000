import { describe, expect, it } from 'vitest';
import { SYNC_KINDS } from '../domain/sync-object-ref.js';
import { KIND_LIST, KINDS } from './registry.js';

describe('the kind registry', () => {
  it('describes every sync kind once, sources before providers, each with its own rules', () => {
    expect(KIND_LIST.map((k) => k.kind)).toEqual([...SYNC_KINDS]);
    for (const kind of SYNC_KINDS) {
      expect(KINDS[kind].kind).toBe(kind);
      expect(KINDS[kind].rules.kind).toBe(kind);
      expect(KINDS[kind].listPath).toMatch(/^\/(sources|providers)\/[a-z_]+\/$/);
    }
  });
});
