// Semantic colour tokens and glyph sets. Components ask for "critical" or "selected", never for "red" or "▶",
// so --no-color / NO_COLOR and --ascii (or a non-UTF-8 locale) change the whole screen in one place.
import type { VerdictLevel } from '../domain/verdict.js';

/** A colour ink understands, or undefined for "terminal default" (the no-colour theme uses only undefined). */
export type Color = string | undefined;

export interface ColorTokens {
  ok: Color;
  warning: Color;
  critical: Color;
  unknown: Color;
  muted: Color;
  accent: Color;
  running: Color;
  /** Log levels, lower-cased server words; anything else uses `info`. */
  levels: { debug: Color; info: Color; warning: Color; error: Color };
}

export interface Glyphs {
  selected: string;
  ellipsis: string;
  separator: string;
  ok: string;
  problems: string;
  warning: string;
  error: string;
  running: string;
  queued: string;
  unknown: string;
  arrowRight: string;
  /** A text field's cursor when there is no inverse video to mark it (no colour). */
  cursor: string;
  /**
   * ink-spinner type, one column wide. Each step redraws the whole frame (about 4 kB at 120×40), so the Unicode set
   * uses the slowest one-column spinner: 4 steps a second, not dots' 12.
   */
  spinner: 'toggle' | 'line';
}

export interface Theme {
  color: boolean;
  ascii: boolean;
  colors: ColorTokens;
  glyphs: Glyphs;
}

const COLORS: ColorTokens = {
  ok: 'green',
  warning: 'yellow',
  critical: 'red',
  unknown: 'magenta',
  muted: 'gray',
  accent: 'cyan',
  running: 'blue',
  levels: { debug: 'gray', info: undefined, warning: 'yellow', error: 'red' },
};

const NO_COLORS: ColorTokens = {
  ok: undefined,
  warning: undefined,
  critical: undefined,
  unknown: undefined,
  muted: undefined,
  accent: undefined,
  running: undefined,
  levels: { debug: undefined, info: undefined, warning: undefined, error: undefined },
};

export const UNICODE_GLYPHS: Glyphs = {
  selected: '▶',
  ellipsis: '…',
  separator: '·',
  ok: '✓',
  problems: '!',
  warning: '▲',
  error: '✗',
  running: '●',
  queued: '○',
  unknown: '?',
  arrowRight: '→',
  cursor: '▏',
  spinner: 'toggle',
};

export const ASCII_GLYPHS: Glyphs = {
  selected: '>',
  ellipsis: '~',
  separator: '|',
  ok: '+',
  problems: '!',
  warning: '^',
  error: 'x',
  running: '*',
  queued: 'o',
  unknown: '?',
  arrowRight: '->',
  cursor: '|',
  spinner: 'line',
};

export function createTheme(options: { color: boolean; ascii: boolean }): Theme {
  return {
    color: options.color,
    ascii: options.ascii,
    colors: options.color ? COLORS : NO_COLORS,
    glyphs: options.ascii ? ASCII_GLYPHS : UNICODE_GLYPHS,
  };
}

/** True when the locale does not promise UTF-8 (LC_ALL beats LC_CTYPE beats LANG, as in POSIX). */
export function localeIsAscii(env: NodeJS.ProcessEnv): boolean {
  const locale = [env.LC_ALL, env.LC_CTYPE, env.LANG].find((v) => v !== undefined && v !== '');
  if (locale === undefined) return true;
  return !/utf-?8/i.test(locale);
}

/** NO_COLOR (any non-empty value) turns colour off, as https://no-color.org asks. */
export function colorAllowed(env: NodeJS.ProcessEnv): boolean {
  return (env.NO_COLOR ?? '') === '';
}

export function verdictColor(theme: Theme, level: VerdictLevel): Color {
  switch (level) {
    case 'OK':
      return theme.colors.ok;
    case 'WARNING':
      return theme.colors.warning;
    case 'CRITICAL':
      return theme.colors.critical;
    case 'UNKNOWN':
      return theme.colors.unknown;
  }
}

export function levelColor(theme: Theme, level: string): Color {
  switch (level.toLowerCase()) {
    case 'debug':
    case 'notset':
      return theme.colors.levels.debug;
    case 'warning':
    case 'warn':
      return theme.colors.levels.warning;
    case 'error':
    case 'exception':
    case 'critical':
      return theme.colors.levels.error;
    default:
      return theme.colors.levels.info;
  }
}
