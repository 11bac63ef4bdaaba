/**
 * A fast reader for the plain block YAML that templates and values files are made of: block
 * mappings and sequences, one-line plain and quoted scalars, one-line flow collections, literal
 * block scalars (`|`, `|-`) and comments. It decodes into the same Raw tree as the full reader
 * (load.ts over the `yaml` package), roughly twenty times faster, which matters because helm
 * parses every rendered document and every values file on every render.
 *
 * It is deliberately narrow: on anything outside that subset (anchors, aliases, tags, merge keys,
 * folded or kept block scalars, multi-line plain or quoted scalars, tabs, document markers,
 * unusual characters, and every error) it answers NOT_FAST and the full reader decides, error
 * messages included. test/yaml/fastpath.test.ts checks that both readers agree wherever the
 * fast one answers.
 */
import { fromResolved, RawMap, type Raw } from './raw.js';

export const NOT_FAST: unique symbol = Symbol('not fast');
type Result = Raw | typeof NOT_FAST;

/** Thrown inside the reader to give up; never escapes fastParse. */
class GiveUp {}
const GIVE_UP = new GiveUp();
function giveUp(): never {
  throw GIVE_UP;
}

/**
 * Characters the fast reader leaves to the full one: tabs, CR, other controls, NEL/LS/PS line
 * breaks, BOM, surrogates (astral characters and invalid-byte escapes) and non-characters.
 */
const UNUSUAL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]/;

/** Decodes one YAML document, or NOT_FAST when the full reader must do it. */
export function fastParse(text: string): Result {
  if (UNUSUAL.test(text)) return NOT_FAST;
  try {
    return new Reader(text).document();
  } catch (e) {
    // Nesting too deep for the stack is the full reader's to report, like any other doubt.
    if (e === GIVE_UP || e instanceof RangeError) return NOT_FAST;
    throw e;
  }
}

function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

/** Blank (spaces only) or a comment line: no structure on it. */
function isInsignificant(line: string): boolean {
  const i = indentOf(line);
  return i === line.length || line.charCodeAt(i) === 35; /* # */
}

function isSeqEntry(line: string, indent: number): boolean {
  return line.charCodeAt(indent) === 45 /* - */ && (line.length === indent + 1 || line.charCodeAt(indent + 1) === 32);
}

/** Text left after a value: must be nothing or a comment (` #...`). */
function checkTrailing(rest: string): void {
  const t = rest.trimStart();
  if (t !== '' && !(t.startsWith('#') && rest.length > t.length)) giveUp();
}

/** Plain scalars may not start with these (some only when followed by a space). */
const NEVER_FIRST = new Set([',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);

/** The text of a one-line plain scalar in block context, comment removed; gives up on doubt. */
function plainText(s: string): string {
  const c = s[0] ?? '';
  if (NEVER_FIRST.has(c)) giveUp();
  if ((c === '-' || c === '?' || c === ':') && (s.length === 1 || s[1] === ' ')) giveUp();
  let end = s.length;
  const hash = s.indexOf(' #');
  if (hash >= 0) end = hash;
  const text = s.slice(0, end).trimEnd();
  // `: ` inside (or a trailing `:`) would be a mapping where none is allowed: an error.
  if (text.includes(': ') || text.endsWith(':')) giveUp();
  return text;
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_LEN: Record<string, number> = { x: 2, u: 4, U: 8 };

/** A double-quoted scalar starting at s[i] === '"' and closing on the same line. */
function doubleQuoted(s: string, i: number): { value: string; end: number } {
  let out = '';
  let j = i + 1;
  while (j < s.length) {
    const c = s[j];
    if (c === '"') return { value: out, end: j + 1 };
    if (c === '\\') {
      const e = s[j + 1] ?? '';
      const simple = ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        j += 2;
        continue;
      }
      const n = HEX_LEN[e];
      if (n === undefined) giveUp();
      const hex = s.slice(j + 2, j + 2 + n);
      if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) giveUp();
      const cp = parseInt(hex, 16);
      if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) giveUp();
      out += String.fromCodePoint(cp);
      j += 2 + n;
      continue;
    }
    out += c;
    j++;
  }
  return giveUp();
}

/** A single-quoted scalar starting at s[i] === "'" and closing on the same line. */
function singleQuoted(s: string, i: number): { value: string; end: number } {
  let out = '';
  let j = i + 1;
  while (j < s.length) {
    const c = s[j];
    if (c === "'") {
      if (s[j + 1] === "'") {
        out += "'";
        j += 2;
        continue;
      }
      return { value: out, end: j + 1 };
    }
    out += c;
    j++;
  }
  return giveUp();
}

function quoted(s: string, i: number): { value: string; end: number } {
  return s[i] === '"' ? doubleQuoted(s, i) : singleQuoted(s, i);
}

/** One-line flow collections: `[a, "b", {c: d}]`, `{}`; anything fancier gives up. */
class FlowReader {
  i = 0;
  constructor(private readonly s: string) {}

  private skipSpaces(): void {
    while (this.s[this.i] === ' ') this.i++;
  }

  node(): Raw {
    this.skipSpaces();
    const c = this.s[this.i];
    if (c === '[') return this.seq();
    if (c === '{') return this.map();
    if (c === '"' || c === "'") {
      const q = quoted(this.s, this.i);
      this.i = q.end;
      return q.value;
    }
    return fromResolved(this.plain());
  }

  private plain(): string {
    const start = this.i;
    const c = this.s[start] ?? '';
    if (NEVER_FIRST.has(c) || c === '-' || c === '?' || c === ':') giveUp();
    while (this.i < this.s.length) {
      const ch = this.s[this.i];
      if (ch === ',' || ch === '[' || ch === ']' || ch === '{' || ch === '}' || ch === '#' || ch === ':') break;
      this.i++;
    }
    const ch = this.s[this.i];
    if (ch === '#' || ch === '[' || ch === '{') giveUp();
    const text = this.s.slice(start, this.i).trimEnd();
    if (text === '') giveUp();
    return text;
  }

  private seq(): Raw[] {
    this.i++;
    const out: Raw[] = [];
    this.skipSpaces();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.node());
      this.skipSpaces();
      const c = this.s[this.i];
      this.i++;
      if (c === ']') return out;
      if (c !== ',') giveUp();
      this.skipSpaces();
      if (this.s[this.i] === ']') giveUp(); // trailing comma
    }
  }

  private map(): RawMap {
    this.i++;
    const out = new RawMap();
    this.skipSpaces();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.skipSpaces();
      const c = this.s[this.i];
      let key: Raw;
      if (c === '"' || c === "'") {
        const q = quoted(this.s, this.i);
        this.i = q.end;
        key = q.value;
      } else if (c === '[' || c === '{') {
        return giveUp();
      } else {
        key = fromResolved(this.plain());
      }
      this.skipSpaces();
      if (this.s[this.i] !== ':' || this.s[this.i + 1] !== ' ') giveUp();
      this.i++;
      if (typeof key === 'string' && key === '<<') giveUp();
      out.set(key, this.node());
      this.skipSpaces();
      const e = this.s[this.i];
      this.i++;
      if (e === '}') return out;
      if (e !== ',') giveUp();
      this.skipSpaces();
      if (this.s[this.i] === '}') giveUp();
    }
  }
}

function flow(s: string): Raw {
  const r = new FlowReader(s);
  const v = r.node();
  checkTrailing(s.slice(r.i));
  return v;
}

class Reader {
  private readonly lines: string[];
  private pos = 0;

  constructor(private readonly text: string) {
    this.lines = text.split('\n');
    for (const line of this.lines) {
      if (line.startsWith('---') || line.startsWith('...') || line.startsWith('%')) giveUp();
    }
  }

  document(): Raw {
    const at = this.nextSignificant();
    if (at >= this.lines.length) giveUp();
    this.pos = at;
    const line = this.lines[at] as string;
    const v = this.node(indentOf(line), -1);
    if (this.nextSignificant() < this.lines.length) giveUp();
    return v;
  }

  /** Index of the next line (from pos) with structure on it. */
  private nextSignificant(): number {
    let i = this.pos;
    while (i < this.lines.length && isInsignificant(this.lines[i] as string)) i++;
    return i;
  }

  /** The node whose first line is lines[pos], indented by `indent`, inside a block at `parent`. */
  private node(indent: number, parent: number): Raw {
    const line = this.lines[this.pos] as string;
    if (isSeqEntry(line, indent)) return this.sequence(indent);
    if (this.entryColon(line, indent) >= 0) return this.mapping(indent);
    // A scalar on a line of its own (e.g. under `key:`); block scalars there are left alone.
    if (line[indent] === '|') giveUp();
    return this.inlineValue(line.slice(indent), parent);
  }

  /**
   * Where the `:` of a mapping entry on this line is (index in the line), or -1 when the line is
   * not a mapping entry. Quoted keys are read here too.
   */
  private entryColon(line: string, indent: number): number {
    const c = line[indent];
    if (c === '"' || c === "'") {
      const q = quoted(line, indent);
      let j = q.end;
      while (line[j] === ' ') j++;
      return line[j] === ':' && (j + 1 === line.length || line[j + 1] === ' ') ? j : -1;
    }
    const hash = line.indexOf(' #', indent);
    const limit = hash >= 0 ? hash : line.length;
    const k = line.indexOf(': ', indent);
    if (k >= 0 && k < limit) return k;
    const body = line.slice(indent, limit).trimEnd();
    return body.length > 1 && body.endsWith(':') ? indent + body.length - 1 : -1;
  }

  private key(line: string, indent: number, colon: number): Raw {
    const c = line[indent];
    if (c === '"' || c === "'") return quoted(line, indent).value;
    const text = line.slice(indent, colon).trimEnd();
    const first = text[0] ?? '';
    if (text === '' || NEVER_FIRST.has(first)) giveUp();
    if ((first === '-' || first === '?' || first === ':') && (text.length === 1 || text[1] === ' ')) giveUp();
    if (text === '<<') giveUp();
    const k = fromResolved(text);
    if (k === null) giveUp();
    return k;
  }

  private mapping(indent: number): RawMap {
    const m = new RawMap();
    for (;;) {
      const at = this.nextSignificant();
      if (at >= this.lines.length) return m;
      const line = this.lines[at] as string;
      const ind = indentOf(line);
      if (ind < indent) return m;
      if (ind > indent) giveUp();
      if (isSeqEntry(line, ind)) giveUp(); // compact sequences are read with their key
      const colon = this.entryColon(line, ind);
      if (colon < 0) giveUp();
      this.pos = at;
      const key = this.key(line, ind, colon);
      const rest = line.slice(colon + 1);
      m.set(key, this.valueAfterIndicator(rest, indent, true));
    }
  }

  private sequence(indent: number): Raw[] {
    const out: Raw[] = [];
    for (;;) {
      const at = this.nextSignificant();
      if (at >= this.lines.length) return out;
      const line = this.lines[at] as string;
      const ind = indentOf(line);
      if (ind < indent) return out;
      if (ind > indent) giveUp();
      if (!isSeqEntry(line, ind)) return out; // the next key after a compact sequence
      this.pos = at;
      const after = line.slice(ind + 1);
      const content = after.trimStart();
      if (content === '' || content.startsWith('#')) {
        out.push(this.valueAfterIndicator(after, indent, false));
        continue;
      }
      const col = ind + 1 + (after.length - content.length);
      if (isSeqEntry(content, 0)) giveUp(); // `- - x`
      const virtual = ' '.repeat(col) + content;
      if (this.entryColon(virtual, col) >= 0) {
        // `- key: value` starts a mapping whose entries line up under `key`.
        this.lines[at] = virtual;
        out.push(this.mapping(col));
        continue;
      }
      out.push(this.inlineValue(content, indent));
    }
  }

  /**
   * The value after `key:` or `-` (rest = text after the indicator) on lines[pos]. An empty rest
   * means the value is the block below (or null).
   */
  private valueAfterIndicator(rest: string, indent: number, inMapping: boolean): Raw {
    const content = rest.trimStart();
    if (content === '' || content.startsWith('#')) {
      if (content !== '' && rest.length === content.length) giveUp();
      this.pos++;
      const at = this.nextSignificant();
      if (at >= this.lines.length) return null;
      const line = this.lines[at] as string;
      const ind = indentOf(line);
      if (ind > indent) {
        this.pos = at;
        return this.node(ind, indent);
      }
      if (inMapping && ind === indent && isSeqEntry(line, ind)) {
        this.pos = at;
        return this.sequence(ind);
      }
      return null;
    }
    if (rest.length === content.length && inMapping) giveUp(); // `key:value` is not an entry
    return this.inlineValue(content, indent);
  }

  /** A scalar, flow collection or block scalar written on lines[pos] (content = its text). */
  private inlineValue(content: string, parent: number): Raw {
    const c = content[0];
    if (c === '|') return this.literal(content, parent);
    if (c === '"' || c === "'") {
      const q = quoted(content, 0);
      checkTrailing(content.slice(q.end));
      this.pos++;
      this.noContinuation(parent);
      return q.value;
    }
    if (c === '[' || c === '{') {
      const v = flow(content);
      this.pos++;
      this.noContinuation(parent);
      return v;
    }
    const text = plainText(content);
    this.pos++;
    this.noContinuation(parent);
    return fromResolved(text);
  }

  /**
   * A one-line value inside a block at `parent` must not be followed by a line indented deeper
   * than `parent`: that would continue the scalar, or be an error.
   */
  private noContinuation(parent: number): void {
    const at = this.nextSignificant();
    if (at < this.lines.length && indentOf(this.lines[at] as string) > parent) giveUp();
  }

  /** `|`, `|-` literal block scalars; `|+`, indentation indicators and folding give up. */
  private literal(content: string, parent: number): string {
    let header = content.slice(1);
    let strip = false;
    if (header.startsWith('-')) {
      strip = true;
      header = header.slice(1);
    }
    checkTrailing(header);
    const start = this.pos + 1;
    let n = -1;
    let i = start;
    const body: string[] = [];
    for (; i < this.lines.length; i++) {
      const line = this.lines[i] as string;
      const ind = indentOf(line);
      if (ind === line.length) {
        // Blank line: spaces beyond the content indentation would be content; left alone.
        if (n >= 0 ? ind > n : ind > 0) giveUp();
        body.push('');
        continue;
      }
      if (n < 0) {
        if (ind <= parent) break;
        n = ind;
      }
      if (ind < n) {
        if (ind > parent) giveUp();
        break;
      }
      body.push(line.slice(n));
    }
    this.pos = i;
    // Leading blank lines belong to the scalar; trailing ones are chomped.
    let last = body.length - 1;
    while (last >= 0 && body[last] === '') last--;
    if (last < 0) {
      if (i >= this.lines.length && !this.text.endsWith('\n')) giveUp();
      return '';
    }
    const kept = body.slice(0, last + 1).join('\n');
    if (strip) return kept;
    // Clip: one final line break, unless the scalar's last line ends the text without one.
    const lastLine = start + last;
    if (lastLine === this.lines.length - 1) return kept;
    if (i >= this.lines.length && lastLine < this.lines.length - 1 && !this.text.endsWith('\n')) giveUp();
    return kept + '\n';
  }
}
