import { describe, expect, it } from 'vitest';
import { formatRef, parseRef } from './sync-object-ref.js';

describe('parseRef', () => {
  it('reads a bare slug as an LDAP source, so scripts written for LDAP keep working', () => {
    expect(parseRef('corp-ad')).toEqual({ ok: true, ref: { kind: 'ldap', id: 'corp-ad' } });
  });

  it('reads KIND/ID for sources and providers, with dashes allowed in the kind', () => {
    expect(parseRef('kerberos/corp-krb')).toEqual({ ok: true, ref: { kind: 'kerberos', id: 'corp-krb' } });
    expect(parseRef('scim/3')).toEqual({ ok: true, ref: { kind: 'scim', id: '3' } });
    expect(parseRef('google-workspace/12')).toEqual({ ok: true, ref: { kind: 'google_workspace', id: '12' } });
  });

  it('says what is wrong with an unknown kind or a provider named by something other than its number', () => {
    const kind = parseRef('okta/3');
    expect(kind.ok).toBe(false);
    if (!kind.ok) expect(kind.reason).toContain('not a sync kind');
    const id = parseRef('scim/slack');
    expect(id.ok).toBe(false);
    if (!id.ok) expect(id.reason).toContain('scim/3');
  });

  it('round-trips through formatRef', () => {
    expect(formatRef({ kind: 'microsoft_entra', id: '7' })).toBe('microsoft_entra/7');
    const parsed = parseRef('microsoft_entra/7');
    expect(parsed.ok && formatRef(parsed.ref)).toBe('microsoft_entra/7');
  });
});
