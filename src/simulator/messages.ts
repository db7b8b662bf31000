// What a sync page can log, as data. The renderers for each generation turn these into LogEvents using the
// exact strings from authentik's code (API-NOTES.md, EXAMPLES.md).

export const LDAP_REFUSED = 'socket connection error while opening: [Errno 111] Connection refused';

export type PageMessage =
  | { kind: 'synced'; count: number }
  | { kind: 'uniqueness'; dn: string }
  | { kind: 'group-no-uniqueness'; dn: string }
  | { kind: 'group-missing'; dn: string }
  | { kind: 'sync-disabled'; what: 'User' | 'Group' }
  | { kind: 'password-reset'; username: string }
  /** an exception: the LDAP server went away mid-run */
  | { kind: 'exception'; text: string }
  | { kind: 'page-cache-miss'; pageId: string }
  /** hostile or otherwise odd text, sent as-is */
  | { kind: 'raw'; event: string; level: string; logger?: string };

export const USER_ATTRIBUTES = ['objectClass', 'cn', 'distinguishedName', 'displayName', 'mail', 'whenCreated', 'whenChanged'];

/** The event text common to both generations (A appends `; DN: <dn>` to the uniqueness message). */
export function eventText(message: PageMessage): string {
  switch (message.kind) {
    case 'synced':
      return `Synced ${message.count} objects.`;
    case 'uniqueness':
      return `Uniqueness field not found/not set in attributes: '${message.dn}'`;
    case 'group-no-uniqueness':
      return `Group does not have a uniqueness attribute: '${message.dn}'`;
    case 'group-missing':
      return `Group does not exist in our DB yet, run sync_groups first: '${message.dn}'`;
    case 'sync-disabled':
      return `${message.what} syncing is disabled for this Source`;
    case 'password-reset':
      return `'${message.username}': Reset user's password`;
    case 'exception':
      return message.text;
    case 'page-cache-miss':
      return `Could not find page in cache: goauthentik.io/sources/ldap/page/${message.pageId}. Try increasing ldap.task_timeout_hours`;
    case 'raw':
      return message.event;
  }
}

/** Generation A's traceback for an LDAP server that went away (ldap3-internal frames omitted, as in EXAMPLES). */
export function pythonTraceback(text: string): string {
  return [
    'Traceback (most recent call last):',
    '  File "/authentik/sources/ldap/tasks.py", line 116, in ldap_sync',
    '    sync_inst: BaseLDAPSynchronizer = sync(source)',
    '                                      ^^^^^^^^^^^^',
    '  File "/authentik/sources/ldap/sync/users.py", line 27, in __init__',
    '    super().__init__(source)',
    '  File "/authentik/sources/ldap/sync/base.py", line 27, in __init__',
    '    self._connection = source.connection()',
    '                       ^^^^^^^^^^^^^^^^^^^',
    '  File "/authentik/sources/ldap/models.py", line 224, in connection',
    '    successful = conn.bind()',
    '                 ^^^^^^^^^^^',
    `ldap3.core.exceptions.LDAPSocketOpenError: ${text}`,
  ].join('\n');
}

/** Generation B's structured exception attribute (as in EXAMPLES). */
export function exceptionAttribute(text: string): Record<string, unknown> {
  const frame = (lineno: number, name: string, filename: string) => ({ filename, lineno, name, locals: null });
  return {
    exception: [
      {
        exc_type: 'LDAPSocketOpenError',
        exc_value: text,
        exc_notes: [],
        syntax_error: null,
        is_cause: false,
        frames: [
          frame(70, 'ldap_sync', '/authentik/sources/ldap/tasks.py'),
          frame(118, 'ldap_sync_paginator', '/authentik/sources/ldap/tasks.py'),
          frame(35, '__init__', '/authentik/sources/ldap/sync/users.py'),
          frame(35, '__init__', '/authentik/sources/ldap/sync/base.py'),
          frame(284, 'connection', '/authentik/sources/ldap/models.py'),
        ],
        is_group: false,
        exceptions: [],
      },
    ],
  };
}
