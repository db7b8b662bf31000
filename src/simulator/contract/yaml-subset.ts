// A reader for the YAML subset authentik's schema.yml uses: block mappings and sequences (a sequence may sit at
// its key's indent), plain and quoted scalars (plain ones may continue on deeper lines), `|`/`|-`/`|+` block
// scalars, and the empty flow collections `{}` and `[]`. Anchors, tags and other flow collections are refused.

type Yaml = null | boolean | number | string | Yaml[] | { [key: string]: Yaml };

interface Line {
  indent: number;
  text: string;
  raw: string;
}

class Reader {
  private i = 0;
  constructor(private readonly lines: Line[]) {}

  peek(): Line | undefined {
    return this.lines[this.i];
  }
  take(): Line {
    const line = this.lines[this.i++];
    if (!line) throw new Error('unexpected end of YAML');
    return line;
  }
}

function splitLines(source: string): Line[] {
  return source.split(/\r?\n/).map((raw) => {
    const indent = raw.length - raw.trimStart().length;
    return { indent, text: raw.trim(), raw };
  });
}

function isContent(line: Line | undefined): line is Line {
  return line !== undefined && line.text !== '' && !line.text.startsWith('#');
}

function skipBlank(r: Reader): void {
  while (r.peek() && !isContent(r.peek())) r.take();
}

const KEY = /^('([^']*)'|"([^"]*)"|[^'"#][^:]*?):(?:\s+(.*))?$/;

function scalar(text: string): Yaml {
  if (text.startsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  if (text.startsWith('"')) return JSON.parse(text) as string;
  if (text === '{}') return {};
  if (text === '[]') return [];
  if (/^[[{&*!]/.test(text)) throw new Error(`unsupported YAML: ${text}`);
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null' || text === '~') return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

function blockScalar(r: Reader, parentIndent: number, style: string): string {
  const body: string[] = [];
  let indent: number | null = null;
  while (r.peek() && (r.peek()!.text === '' || r.peek()!.indent > parentIndent)) {
    const line = r.take();
    if (line.text !== '') indent ??= line.indent;
    body.push(line.text === '' ? '' : line.raw.slice(indent ?? 0));
  }
  let text = body.join('\n');
  if (style === '|-') return text.replace(/\n+$/, '');
  text = text.replace(/\n+$/, '\n');
  return style === '|+' ? body.join('\n') + '\n' : text;
}

/** The value after `key:` (or `- `): inline, block scalar, or a nested block on the following lines. */
function value(r: Reader, rest: string | undefined, ownerIndent: number): Yaml {
  if (rest !== undefined && rest !== '') {
    if (/^\|[-+]?$/.test(rest)) return blockScalar(r, ownerIndent, rest);
    let text = rest;
    // A plain scalar continues on deeper lines (folded with spaces).
    while (!/^['"]/.test(rest) && isContent(r.peek()) && r.peek()!.indent > ownerIndent) text += ` ${r.take().text}`;
    return scalar(text);
  }
  skipBlank(r);
  const next = r.peek();
  if (!next) return null;
  if (next.indent > ownerIndent) return block(r, next.indent);
  if (next.indent === ownerIndent && next.text.startsWith('- ')) return sequence(r, ownerIndent);
  return null;
}

function sequence(r: Reader, indent: number): Yaml[] {
  const items: Yaml[] = [];
  for (skipBlank(r); r.peek()?.indent === indent && r.peek()!.text.startsWith('-'); skipBlank(r)) {
    const line = r.take();
    const rest = line.text.slice(1).trimStart();
    const itemIndent = indent + (line.text.length - rest.length);
    if (KEY.test(rest)) {
      items.push(mapping(r, itemIndent, { indent: itemIndent, text: rest, raw: rest }));
    } else {
      items.push(value(r, rest, indent));
    }
  }
  return items;
}

function mapping(r: Reader, indent: number, first?: Line): { [key: string]: Yaml } {
  const out: { [key: string]: Yaml } = {};
  let line: Line | undefined = first;
  for (;;) {
    if (!line) {
      skipBlank(r);
      if (r.peek()?.indent !== indent || r.peek()!.text.startsWith('- ')) return out;
      line = r.take();
    }
    const match = KEY.exec(line.text);
    if (!match) throw new Error(`not a mapping entry: ${line.text}`);
    const key = match[2] ?? match[3] ?? match[1] ?? '';
    out[key] = value(r, match[4], indent);
    line = undefined;
  }
}

function block(r: Reader, indent: number): Yaml {
  skipBlank(r);
  return r.peek()?.text.startsWith('- ') ? sequence(r, indent) : mapping(r, indent);
}

export function parseYaml(source: string): Yaml {
  const r = new Reader(splitLines(source));
  skipBlank(r);
  return block(r, r.peek()?.indent ?? 0);
}

export type { Yaml };
