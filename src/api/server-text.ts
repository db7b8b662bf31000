// Server text that ends up inside an error message: one safe, short line that never carries the token
// (a proxy's error page may echo request headers back).
import { redactToken } from '../domain/redact.js';
import { safeLine } from '../domain/sanitize.js';

export const MAX_SERVER_TEXT = 200;

export function serverLine(text: string, secret: string): string {
  const redacted = redactToken(text, secret);
  const line = safeLine(redacted.replace(/\s+/g, ' ').trim());
  return line.length > MAX_SERVER_TEXT ? `${line.slice(0, MAX_SERVER_TEXT - 1)}…` : line;
}

export function looksLikeHtml(body: string, contentType: string | null): boolean {
  if (contentType !== null && /\bx?html\b/i.test(contentType)) return true;
  return /^\s*(<!doctype html|<html|<head|<body|<title)/i.test(stripBom(body));
}

/** The page's `<title>`, else its first `<h1>`, as plain text; '' when it has neither. */
export function htmlHeadline(html: string): string {
  for (const tag of ['title', 'h1']) {
    const match = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'i').exec(html);
    const text = match?.[1] === undefined ? '' : decodeEntities(match[1].replace(/<[^>]*>/g, '')).trim();
    if (text !== '') return text;
  }
  return '';
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}
