// Server strings are untrusted: a directory's data can carry escape sequences that would retitle the window,
// write the clipboard or clear the screen. Everything from the server passes through here before output.

// C0 controls, DEL, C1 controls, and the Unicode bidi overrides/isolates that can reorder what a line appears to say.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_KEEP_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function visible(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code === 0x0a) return '\\n';
  if (code === 0x0d) return '\\r';
  if (code === 0x09) return '\\t';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of safe text: every control character, newlines included, shown visibly (`\x1b`, `\n`). */
export function safeLine(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** Safe multi-line text: newlines kept (CRLF becomes LF), tabs become two spaces, every other control shown visibly. */
export function safeText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(/\t/g, '  ').replace(UNSAFE_KEEP_LINES, visible);
}
