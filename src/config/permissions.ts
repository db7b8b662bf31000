// The config file holds an API token: it must be readable by its owner only. conf creates 0644/0755 by default and an
// old file keeps its mode, so every start checks both and tightens them, saying so the way ssh does.
import fs from 'node:fs';
import { safeLine } from '../domain/sanitize.js';

export const CONFIG_FILE_MODE = 0o600;
export const CONFIG_DIR_MODE = 0o700;

export function octal(mode: number): string {
  return (mode & 0o777).toString(8).padStart(4, '0');
}

/** Tightens `target` to `wanted` when group or others have any access; returns a warning sentence, or null. */
function tighten(target: string, wanted: number): string | null {
  let mode: number;
  try {
    mode = fs.statSync(target).mode & 0o777;
  } catch {
    return null; // not there yet: it will be created with the right mode
  }
  if ((mode & 0o077) === 0) return null;
  const shown = `'${safeLine(target)}'`;
  try {
    fs.chmodSync(target, wanted);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return `Permissions ${octal(mode)} for ${shown} are too open and could not be fixed (${reason}); run: chmod ${octal(wanted).slice(1)} ${shown}`;
  }
  return `Permissions ${octal(mode)} for ${shown} were too open; fixed to ${octal(wanted)}.`;
}

/** Fixes the folder (0700) and the file (0600) when they are looser; one warning line per fix. */
export function repairConfigPermissions(dir: string, file: string): string[] {
  return [tighten(dir, CONFIG_DIR_MODE), tighten(file, CONFIG_FILE_MODE)].filter((w): w is string => w !== null);
}

/** Creates the folder with mode 0700 (its parents as usual) when it is missing. */
export function ensureConfigDir(dir: string): void {
  if (fs.existsSync(dir)) return;
  fs.mkdirSync(dir, { recursive: true, mode: CONFIG_DIR_MODE });
  fs.chmodSync(dir, CONFIG_DIR_MODE);
}
