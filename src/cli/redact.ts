// Last line of defence: any text that leaves through the catch-all error path has known secrets removed.
import { redactToken } from '../domain/redact.js';

const secrets = new Set<string>();

export function registerSecret(secret: string | null | undefined): void {
  if (secret) secrets.add(secret);
}

export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = redactToken(out, s);
  return out;
}
