// Where authentik's schema excerpts are: `shared/` sits beside the repository (in CI too), outside it on purpose.
import { existsSync } from 'node:fs';
import path from 'node:path';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

export function schemaDir(): string {
  const candidates = [process.env.AKSYNC_SCHEMA_DIR, path.resolve(REPO_ROOT, '../shared/authentik'), '/work/shared/authentik'];
  const found = candidates.find((dir): dir is string => dir !== undefined && existsSync(path.join(dir, 'schema-2024.8-ldap-sync.yaml')));
  if (!found) {
    throw new Error(`authentik's schema excerpts were not found (looked in ${candidates.filter(Boolean).join(', ')}); set AKSYNC_SCHEMA_DIR.`);
  }
  return found;
}
