import { safeLine } from '../domain/sanitize.js';

/** The config file cannot be used as it is. The message names the file and the fix; it never quotes the content. */
export class ConfigFileError extends Error {
  override readonly name = 'ConfigFileError';
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

/** A path as messages show it: one safe line, in single quotes, ready to paste into a shell command. */
export function quoted(file: string): string {
  return `'${safeLine(file)}'`;
}
