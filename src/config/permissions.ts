// The config file holds an API token, so aksync uses it only as a real file, in a real folder, both owned by the user
// and private (0600 in 0700), the way ssh treats ~/.ssh/config:
// - a symbolic link is never followed, as the file or as the folder: it could send the token anywhere;
// - a file or folder owned by another user is refused: they could read or replace the token;
// - modes are tightened only through a descriptor opened without following links, so nothing outside the folder is
//   ever changed; reads check the open file itself, leaving no gap between the check and the read;
// - writes go to a new file in the same folder (O_EXCL, O_NOFOLLOW) that is renamed over the old one: rename
//   replaces a link instead of following it, and a reader sees either the old file or the new one.
// Swapping the folder for a link between the check and the write needs write access to its parent, which only the
// user (or root) has.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigFileError, quoted } from './config-file-error.js';

export const CONFIG_FILE_MODE = 0o600;
export const CONFIG_DIR_MODE = 0o700;
const MAX_FILE_BYTES = 1024 * 1024;

const POSIX = process.platform !== 'win32';
const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL } = fs.constants;
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const O_DIRECTORY = fs.constants.O_DIRECTORY ?? 0;
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

export function octal(mode: number): string {
  return (mode & 0o777).toString(8).padStart(4, '0');
}

/** The user who must own the folder and the file: the effective user (none to check on Windows). */
export function currentUid(): number | undefined {
  return process.geteuid?.();
}

function code(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unknown error';
}

function linkTarget(link: string): string | null {
  try {
    return path.resolve(path.dirname(link), fs.readlinkSync(link));
  } catch {
    return null;
  }
}

function linkError(what: 'file' | 'folder', at: string): ConfigFileError {
  const target = linkTarget(at);
  const to = target === null ? '' : ` (to ${quoted(target)})`;
  const why =
    what === 'file'
      ? 'aksync does not follow links for the file that holds the API token, so that no link can send the token elsewhere.'
      : 'aksync keeps the API token only in a real folder of its own, so that no link can send it elsewhere.';
  const targetExists = target !== null && fs.existsSync(target);
  const fix = !targetExists
    ? `Remove the link: rm ${quoted(at)}`
    : what === 'file'
      ? `Replace the link with the file: mv ${quoted(target)} ${quoted(at)}`
      : `Replace the link with the folder: rm ${quoted(at)} && mv ${quoted(target)} ${quoted(at)}`;
  return new ConfigFileError(`The config ${what} ${quoted(at)} is a symbolic link${to}. ${why} ${fix}`, at);
}

function ownerError(what: 'file' | 'folder', at: string, owner: number): ConfigFileError {
  return new ConfigFileError(
    `The config ${what} ${quoted(at)} belongs to another user (uid ${owner}), who could read or replace the API token ` +
      `in it; aksync uses only a config ${what} of your own. Make it yours: sudo chown ${what === 'folder' ? '-R ' : ''}"$(id -u)" ${quoted(at)}`,
    at,
  );
}

function moveAwayError(at: string, what: string): ConfigFileError {
  return new ConfigFileError(`${what} Move it away: mv ${quoted(at)} ${quoted(`${at}.old`)}`, at);
}

/** Whether the folder exists; throws ConfigFileError when it is a link, not a folder, or another user's. */
export function checkFolder(dir: string, uid: number | undefined): boolean {
  let stats: fs.Stats;
  try {
    stats = fs.lstatSync(dir);
  } catch (error) {
    if (code(error) === 'ENOENT') return false;
    throw new ConfigFileError(`The config folder ${quoted(dir)} cannot be read (${code(error)}).`, dir);
  }
  if (stats.isSymbolicLink()) throw linkError('folder', dir);
  if (!stats.isDirectory()) {
    throw moveAwayError(dir, `${quoted(dir)} is not a folder; aksync keeps its settings in a folder of that name.`);
  }
  if (uid !== undefined && stats.uid !== uid) throw ownerError('folder', dir, stats.uid);
  return true;
}

interface OpenFile {
  fd: number;
  stats: fs.Stats;
}

/** Opens the config file for reading without following a link; null when there is none. Throws ConfigFileError. */
function openConfigFile(file: string, uid: number | undefined): OpenFile | null {
  // Without O_NOFOLLOW (Windows) a link is caught by lstat instead.
  if (O_NOFOLLOW === 0 && fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) throw linkError('file', file);
  let fd: number;
  try {
    fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    if (code(error) === 'ENOENT') return null;
    if (code(error) === 'ELOOP') throw linkError('file', file);
    if (code(error) === 'EACCES') throw new ConfigFileError(`The config file ${quoted(file)} cannot be read (permission denied).`, file);
    throw new ConfigFileError(`The config file ${quoted(file)} cannot be read (${code(error)}).`, file);
  }
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) throw moveAwayError(file, `The config file ${quoted(file)} is not a regular file.`);
    if (uid !== undefined && stats.uid !== uid) throw ownerError('file', file, stats.uid);
    if (stats.size > MAX_FILE_BYTES) {
      throw moveAwayError(file, `The config file ${quoted(file)} is larger than 1 MiB, so it is not aksync's.`);
    }
    return { fd, stats };
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
}

/** The config file's text, or null when there is none. Throws ConfigFileError (a link, another user's, unreadable). */
export function readConfigFile(dir: string, file: string, uid: number | undefined): string | null {
  if (!checkFolder(dir, uid)) return null;
  const opened = openConfigFile(file, uid);
  if (opened === null) return null;
  try {
    return fs.readFileSync(opened.fd, 'utf8');
  } catch (error) {
    throw new ConfigFileError(`The config file ${quoted(file)} cannot be read (${code(error)}).`, file);
  } finally {
    fs.closeSync(opened.fd);
  }
}

/** Tightens an open file or folder to `wanted` when group or others have any access; a warning sentence, or null. */
function tighten(fd: number, stats: fs.Stats, at: string, wanted: number): string | null {
  const mode = stats.mode & 0o777;
  if (!POSIX || (mode & 0o077) === 0) return null;
  const shown = quoted(at);
  if (stats.isFile() && stats.nlink > 1) {
    // Another name (a hard link) shares this file; its mode is not aksync's to change.
    return `Permissions ${octal(mode)} for ${shown} are too open, and the file has other names (hard links), so aksync leaves it alone; run: chmod ${octal(wanted).slice(1)} ${shown}`;
  }
  try {
    fs.fchmodSync(fd, wanted);
  } catch (error) {
    return `Permissions ${octal(mode)} for ${shown} are too open and could not be fixed (${code(error)}); run: chmod ${octal(wanted).slice(1)} ${shown}`;
  }
  return `Permissions ${octal(mode)} for ${shown} were too open; fixed to ${octal(wanted)}.`;
}

/** Opens the folder itself (never a link) and tightens it to 0700; a warning sentence, or null. */
function tightenFolder(dir: string): string | null {
  if (!POSIX) return null;
  let fd: number;
  try {
    fd = fs.openSync(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
  } catch {
    return null; // replaced since it was checked: the next read reports it
  }
  try {
    return tighten(fd, fs.fstatSync(fd), dir, CONFIG_DIR_MODE);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Fixes the folder (0700) and the file (0600) when they are looser; one warning line per fix. A folder or file that
 * is refused (a link, another user's) is left as it is: the first read reports it.
 */
export function repairConfigPermissions(dir: string, file: string, uid: number | undefined): string[] {
  const warnings: Array<string | null> = [];
  try {
    if (!checkFolder(dir, uid)) return [];
    warnings.push(tightenFolder(dir));
    const opened = openConfigFile(file, uid);
    if (opened) {
      try {
        warnings.push(tighten(opened.fd, opened.stats, file, CONFIG_FILE_MODE));
      } finally {
        fs.closeSync(opened.fd);
      }
    }
  } catch (error) {
    if (!(error instanceof ConfigFileError)) throw error;
  }
  return warnings.filter((w): w is string => w !== null);
}

/** Creates the folder 0700 (its parents as usual) when it is missing; checks it when it is there. */
function ensureFolder(dir: string, uid: number | undefined): void {
  if (checkFolder(dir, uid)) return;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: CONFIG_DIR_MODE });
  } catch (error) {
    throw new ConfigFileError(`The config folder ${quoted(dir)} cannot be created (${code(error)}).`, dir);
  }
  checkFolder(dir, uid);
  tightenFolder(dir); // mkdir's mode is reduced by the umask only, but be exact
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
}

/** Replaces the config file with `text` (0600) through a temporary file in the same folder. Throws ConfigFileError. */
export function replaceConfigFile(dir: string, file: string, text: string, uid: number | undefined): void {
  ensureFolder(dir, uid);
  const existing = openConfigFile(file, uid); // refuses a link or another user's file in its place
  if (existing) fs.closeSync(existing.fd);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, CONFIG_FILE_MODE);
    try {
      if (POSIX) fs.fchmodSync(fd, CONFIG_FILE_MODE);
      writeAll(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw new ConfigFileError(`The config file ${quoted(file)} cannot be written (${code(error)}).`, file);
  }
}
