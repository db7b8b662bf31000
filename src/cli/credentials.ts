// The real credentials check behind `config login` and the first-run form: who is this token, and can it see tasks?
import { isApiError } from '../api/errors.js';
import { createClient } from '../api/client.js';
import type { CheckCredentials } from '../config/check.js';
import { missingTaskPermissions } from '../domain/model.js';

export function credentialCheck(options: { timeoutSeconds: number; insecure: boolean }): CheckCredentials {
  return async (url, token) => {
    try {
      const api = createClient({ url, token, timeoutMs: options.timeoutSeconds * 1000, insecure: options.insecure });
      const [user, version] = await Promise.all([api.me(), api.version()]);
      return { ok: true, user, missingPermissions: missingTaskPermissions(user, version.generation) };
    } catch (error) {
      if (isApiError(error)) return { ok: false, message: error.message };
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  };
}
