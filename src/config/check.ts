// The credentials check that `config login` and the setup form run before saving. The CLI supplies the real one
// (client.me() and missingTaskPermissions); tests supply fakes.
import type { CurrentUser } from '../domain/model.js';
import { redactToken } from '../domain/redact.js';
import { safeLine } from '../domain/sanitize.js';

export type CredentialCheck =
  | { ok: true; user: CurrentUser; missingPermissions: string[] }
  | { ok: false; message: string };

/** Checks a token against `/core/users/me/`. Should resolve, not reject; a rejection is turned into a message. */
export type CheckCredentials = (url: string, token: string) => Promise<CredentialCheck>;

/** Runs the check and guarantees a result whose message is safe to print: one line, no token. */
export async function runCheck(check: CheckCredentials, url: string, token: string): Promise<CredentialCheck> {
  try {
    const result = await check(url, token);
    if (result.ok) return result;
    return { ok: false, message: safeLine(redactToken(result.message, token)) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: safeLine(redactToken(`The token could not be checked: ${detail}`, token)) };
  }
}

/** "Authenticated as jdoe (Jane Doe)." */
export function describeUser(user: CurrentUser): string {
  const name = user.name.trim() !== '' && user.name !== user.username ? ` (${safeLine(user.name)})` : '';
  return `Authenticated as ${safeLine(user.username)}${name}.`;
}

/** Whether the account can see sync tasks, as one sentence. */
export function describeTaskAccess(missingPermissions: string[]): string {
  if (missingPermissions.length === 0) return 'This account can see sync tasks.';
  return (
    `This account cannot see sync task detail: it lacks ${missingPermissions.map(safeLine).join(', ')}. ` +
    'The sync status is still shown; ask an administrator to grant the permission for the full picture.'
  );
}
