// Where a JSON text first goes wrong. JSON.parse's own messages quote the file's content (which may hold a token)
// and on Node 20 often give no position, so the location is found with a small scanner instead.

export interface JsonErrorLocation {
  line: number;
  column: number;
}

class Stop {
  constructor(readonly offset: number) {}
}

/** The 1-based line and column of the first syntax error, or null when the text is valid JSON. */
export function locateJsonError(text: string): JsonErrorLocation | null {
  let pos = 0;
  const fail = (): never => {
    throw new Stop(pos);
  };
  const skipSpace = (): void => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos] as string)) pos++;
  };
  const expect = (word: string): void => {
    for (const ch of word) {
      if (text[pos] !== ch) fail();
      pos++;
    }
  };
  const string = (): void => {
    expect('"');
    for (;;) {
      const ch = text[pos];
      if (ch === undefined || ch < ' ') fail();
      pos++;
      if (ch === '"') return;
      if (ch === '\\') {
        const escaped = text[pos];
        if (escaped === 'u') {
          pos++;
          for (let i = 0; i < 4; i++) {
            if (!/[0-9a-fA-F]/.test(text[pos] ?? '')) fail();
            pos++;
          }
        } else if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) {
          pos++;
        } else {
          fail();
        }
      }
    }
  };
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos));
    if (!match) fail();
    pos += (match as RegExpExecArray)[0].length;
  };
  const sequence = (open: string, close: string, item: () => void): void => {
    expect(open);
    skipSpace();
    if (text[pos] === close) {
      pos++;
      return;
    }
    for (;;) {
      item();
      skipSpace();
      if (text[pos] === ',') {
        pos++;
        skipSpace();
        continue;
      }
      expect(close);
      return;
    }
  };
  const value = (): void => {
    skipSpace();
    const ch = text[pos];
    if (ch === '{') {
      sequence('{', '}', () => {
        string();
        skipSpace();
        expect(':');
        value();
      });
    } else if (ch === '[') {
      sequence('[', ']', value);
    } else if (ch === '"') string();
    else if (ch === 't') expect('true');
    else if (ch === 'f') expect('false');
    else if (ch === 'n') expect('null');
    else number();
  };

  try {
    value();
    skipSpace();
    if (pos < text.length) fail();
    return null;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, error.offset);
    const lines = before.split('\n');
    return { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 };
  }
}
