// Which sync object a thing is about: an LDAP or Kerberos source (by slug) or an outgoing provider (by its integer
// pk). Everything keyed per object (polls, history, metrics, `status KIND/ID`) uses this one reference.

export const SYNC_KINDS = ['ldap', 'kerberos', 'scim', 'google_workspace', 'microsoft_entra'] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];

export interface SyncObjectRef {
  readonly kind: SyncKind;
  /** The slug of a source, or a provider's pk written in decimal. */
  readonly id: string;
}

/** Sources are named by slug; providers by an integer pk. */
export function idIsSlug(kind: SyncKind): boolean {
  return kind === 'ldap' || kind === 'kerberos';
}

export function isSyncKind(text: string): text is SyncKind {
  return (SYNC_KINDS as readonly string[]).includes(text);
}

/** `ldap/corp-ad`, `scim/3`: the form `status KIND/ID` takes and the key history and metrics use. */
export function formatRef(ref: SyncObjectRef): string {
  return `${ref.kind}/${ref.id}`;
}

export function sameRef(a: SyncObjectRef, b: SyncObjectRef): boolean {
  return a.kind === b.kind && a.id === b.id;
}

export type ParsedRef = { ok: true; ref: SyncObjectRef } | { ok: false; reason: string };

const SLUG = /^[-a-zA-Z0-9_]+$/;
const PK = /^[1-9][0-9]{0,17}$/;

/**
 * Reads `KIND/ID` or a bare slug (an LDAP source, so every script written before other kinds keeps working).
 * Kind names also accept a dash (`google-workspace`).
 */
export function parseRef(text: string): ParsedRef {
  const slash = text.indexOf('/');
  if (slash === -1) {
    return SLUG.test(text)
      ? { ok: true, ref: { kind: 'ldap', id: text } }
      : { ok: false, reason: `"${text}" is not a source slug (letters, digits, - and _) or KIND/ID` };
  }
  const kindText = text.slice(0, slash).toLowerCase().replaceAll('-', '_');
  const id = text.slice(slash + 1);
  if (!isSyncKind(kindText)) {
    return { ok: false, reason: `"${text.slice(0, slash)}" is not a sync kind (one of ${SYNC_KINDS.join(', ')})` };
  }
  if (idIsSlug(kindText)) {
    return SLUG.test(id)
      ? { ok: true, ref: { kind: kindText, id } }
      : { ok: false, reason: `"${id}" is not a ${kindText} source slug (letters, digits, - and _)` };
  }
  return PK.test(id)
    ? { ok: true, ref: { kind: kindText, id } }
    : { ok: false, reason: `"${id}" is not a provider id: ${kindText} providers are named by their number (${kindText}/3)` };
}
