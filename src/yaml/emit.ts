/**
 * `toYaml`: sigs.k8s.io/yaml's Marshal as helm calls it. The value goes through json.Marshal
 * (jsontree.ts), the JSON is read back by go-yaml v2 (integral numbers become ints, the rest
 * float64) and written by go-yaml v2's emitter (a port of libyaml) in block style with an
 * 80-column line width. This module reproduces that emitter's output for JSON-shaped trees:
 * its scalar analysis (which of plain / single-quoted / double-quoted / literal is allowed), its
 * style choice, its line folding, its indentation and its key order.
 */
import { GoError } from '../gotemplate/errors.js';
import type { GoValue } from '../gotemplate/value.js';
import { formatFloat } from '../gotemplate/strconv.js';
import { JsonMarshalError, JsonNumber, toJsonTree, toValidUtf8, type JsonValue } from './jsontree.js';
import { goRunes } from '../gotemplate/bytes.js';
import { sortKeys } from './keyorder.js';
import { isBase60Float, resolvePlain } from './resolve.js';

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

type Style = 'plain' | 'single' | 'double' | 'literal';

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

function isBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function isBlankz(c: number): boolean {
  return isBlank(c) || isBreak(c) || c === 0;
}

function isPrintable(c: number): boolean {
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
}

function utf8Length(cps: number[]): number {
  let n = 0;
  for (const c of cps) n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  return n;
}

/** libyaml's yaml_emitter_analyze_scalar, reduced to the flags block-style emitting needs. */
function analyze(v: number[], v3 = false): Analysis {
  if (v.length === 0) {
    return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  let blockIndicators = false;
  if (v.length >= 3 && ((v[0] === 45 && v[1] === 45 && v[2] === 45) || (v[0] === 46 && v[1] === 46 && v[2] === 46))) {
    blockIndicators = true;
  }
  let lineBreaks = false;
  let special = false;
  let tabs = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  const n = v.length;
  for (let i = 0; i < n; i++) {
    const c = v[i];
    const followedByWhitespace = i + 1 >= n || isBlank(v[i + 1]);
    if (i === 0) {
      switch (c) {
        case 0x23: case 0x2c: case 0x5b: case 0x5d: case 0x7b: case 0x7d: case 0x26: case 0x2a:
        case 0x21: case 0x7c: case 0x3e: case 0x27: case 0x22: case 0x25: case 0x40: case 0x60:
          blockIndicators = true;
          break;
        case 0x3f: case 0x3a:
          if (followedByWhitespace) blockIndicators = true;
          break;
        case 0x2d:
          if (followedByWhitespace) blockIndicators = true;
          break;
      }
    } else {
      if (c === 0x3a && followedByWhitespace) blockIndicators = true;
      else if (c === 0x23 && precededByWhitespace) blockIndicators = true;
    }
    // goyaml.v3 allows tabs in block scalars (not in plain or single-quoted ones).
    if (v3 && c === 0x09) tabs = true;
    else if (!isPrintable(c)) special = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === n - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === n - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
  }
  const a: Analysis = { multiline: lineBreaks, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || special || tabs) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || special) a.blockAllowed = false;
  if (lineBreaks) a.blockPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

/** The style go-yaml v2's encoder asks for a string. */
function requestedStyle(s: string): Style {
  if (s.includes('\n')) return 'literal';
  const r = resolvePlain(s);
  return r.tag === 'str' && !isBase60Float(s) ? 'plain' : 'double';
}

/** A scalar written plain as is (numbers, booleans and null of the goyaml.v3 path). */
export class PlainScalar {
  constructor(readonly text: string) {}
}

/** A string with an explicit tag (`!!binary` for invalid UTF-8 in goyaml.v3). */
export class TaggedString {
  constructor(
    readonly tag: string,
    readonly value: string,
  ) {}
}

/** A mapping written in insertion order (goyaml.v3 writes struct fields in declaration order). */
export class OrderedMapping extends Map<string, EmitNode> {}

/** What the emitter writes: JSON-shaped trees, plus pre-formatted plain scalars. */
export type EmitNode = JsonValue | PlainScalar | TaggedString | EmitNode[] | Map<string, EmitNode>;

export interface EmitterOptions {
  /** goyaml.v3 (toYamlPretty): sequences indented under keys, v3 key order. */
  readonly v3?: boolean;
}

export class Emitter {
  /** Line width for folding; goyaml.v3 never folds. */
  private readonly bestWidth: number;

  constructor(private readonly opts: EmitterOptions = {}) {
    this.bestWidth = opts.v3 ? Infinity : BEST_WIDTH;
  }

  private out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];
  private mappingContext = false;
  private simpleKeyContext = false;

  result(): string {
    return this.out;
  }

  private put(s: string): void {
    this.out += s;
    this.column += 1;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  private writeCp(c: number): void {
    this.out += String.fromCodePoint(c);
    this.column += 1;
  }

  private writeBreak(c: number): void {
    if (c === 0x0a) {
      this.putBreak();
    } else {
      this.out += String.fromCodePoint(c);
      this.column = 0;
    }
  }

  private writeIndent(): void {
    const indent = this.indent < 0 ? 0 : this.indent;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    if (this.column < indent) {
      this.out += ' '.repeat(indent - this.column);
      this.column = indent;
    }
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(ind: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.out += ind;
    this.column += ind.length;
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop() as number;
  }

  node(v: EmitNode, mapping: boolean, simpleKey: boolean): void {
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    if (v === null) return this.scalar('null', 'plain');
    if (typeof v === 'boolean') return this.scalar(v ? 'true' : 'false', 'plain');
    if (typeof v === 'string') return this.scalar(v, requestedStyle(v));
    if (v instanceof JsonNumber) return this.scalar(yamlNumber(v.text), 'plain');
    if (v instanceof PlainScalar) return this.scalar(v.text, 'plain');
    if (v instanceof TaggedString) return this.tagged(v);
    if (Array.isArray(v)) return this.sequence(v);
    return this.mapping(v);
  }

  private tagged(t: TaggedString): void {
    // An explicit tag is written before the scalar; the scalar then cannot be plain-implicit.
    this.writeIndicator(t.tag, true, false, false);
    this.scalar(t.value, t.value.includes('\n') ? 'literal' : 'plain');
  }

  private sequence(items: EmitNode[]): void {
    if (items.length === 0) {
      this.writeIndicator('[', true, true, false);
      this.writeIndicator(']', false, false, false);
      return;
    }
    this.increaseIndent(false, !this.opts.v3 && this.mappingContext && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, false, false);
    }
    this.popIndent();
  }

  private mapping(m: Map<string, EmitNode>): void {
    if (m.size === 0) {
      this.writeIndicator('{', true, true, false);
      this.writeIndicator('}', false, false, false);
      return;
    }
    const keys = m instanceof OrderedMapping ? [...m.keys()] : sortKeys([...m.keys()], this.opts.v3 ?? false);
    this.increaseIndent(false, false);
    for (const k of keys) {
      this.writeIndent();
      const cps = goRunes(k);
      const a = analyze(cps, this.opts.v3);
      if (!a.multiline && utf8Length(cps) <= 128) {
        this.mappingContext = true;
        this.simpleKeyContext = true;
        this.scalarAnalyzed(cps, a, requestedStyle(k));
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.mappingContext = true;
        this.simpleKeyContext = false;
        this.scalarAnalyzed(cps, a, requestedStyle(k));
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(m.get(k) as EmitNode, true, false);
    }
    this.popIndent();
  }

  private scalar(s: string, requested: Style): void {
    if (requested === 'plain' && SIMPLE.test(s) && !s.startsWith('...')) {
      // No spaces, breaks, indicators or special characters: written as is.
      if (!this.whitespace) this.put(' ');
      this.out += s;
      this.column += s.length;
      this.whitespace = false;
      this.indention = false;
      return;
    }
    const cps = goRunes(s);
    this.scalarAnalyzed(cps, analyze(cps, this.opts.v3), requested);
  }

  private scalarAnalyzed(v: number[], a: Analysis, requested: Style): void {
    let style = requested;
    if (this.simpleKeyContext && a.multiline) style = 'double';
    if (style === 'plain') {
      if (!a.blockPlainAllowed) style = 'single';
      if (v.length === 0 && this.simpleKeyContext) style = 'single';
    }
    if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || this.simpleKeyContext)) style = 'double';
    this.increaseIndent(true, false);
    const allowBreaks = !this.simpleKeyContext;
    switch (style) {
      case 'plain':
        this.writePlain(v, allowBreaks);
        break;
      case 'single':
        this.writeSingle(v, allowBreaks);
        break;
      case 'double':
        this.writeDouble(v, allowBreaks);
        break;
      case 'literal':
        this.writeLiteral(v);
        break;
    }
    this.popIndent();
  }

  private writePlain(v: number[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; i++) {
      const c = v[i];
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > this.bestWidth && v[i + 1] !== 0x20) {
          this.writeIndent();
        } else {
          this.writeCp(c);
        }
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeCp(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingle(v: number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; i++) {
      const c = v[i];
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > this.bestWidth && i > 0 && i < v.length - 1 && v[i + 1] !== 0x20) {
          this.writeIndent();
        } else {
          this.writeCp(c);
        }
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) this.put("'");
        this.writeCp(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
  }

  private writeDouble(v: number[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    // go-yaml's BOM test looks at the start of the value, whatever the position: a value that
    // starts with U+FEFF has every character escaped.
    const bomStart = v[0] === 0xfeff;
    let spaces = false;
    for (let i = 0; i < v.length; i++) {
      const c = v[i];
      if (bomStart || !isPrintable(c) || isBreak(c) || c === 0x22 || c === 0x5c) {
        this.put('\\');
        const esc = ESCAPES.get(c);
        if (esc !== undefined) {
          this.put(esc);
        } else {
          const [p, w] = c <= 0xff ? ['x', 2] : c <= 0xffff ? ['u', 4] : ['U', 8];
          const hex = c.toString(16).toUpperCase().padStart(w, '0');
          this.out += p + hex;
          this.column += 1 + w;
        }
        spaces = false;
      } else if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > this.bestWidth && i !== 0 && i !== v.length - 1) {
          this.writeIndent();
          if (v[i + 1] === 0x20) this.put('\\');
        } else {
          this.writeCp(c);
        }
        spaces = true;
      } else {
        this.writeCp(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
  }

  private writeLiteral(v: number[]): void {
    this.writeIndicator('|', true, false, false);
    // Block scalar hints: an indentation indicator when the text starts with a space or a break,
    // then the chomping indicator.
    if (v.length > 0 && (v[0] === 0x20 || isBreak(v[0]))) this.writeIndicator(String(BEST_INDENT), false, false, false);
    let chomp = '';
    if (v.length === 0 || !isBreak(v[v.length - 1])) chomp = '-';
    else if (v.length === 1 || isBreak(v[v.length - 2])) chomp = '+';
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of v) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeCp(c);
        this.indention = false;
        breaks = false;
      }
    }
  }

  endDocument(): void {
    this.writeIndent();
  }
}

/** Scalars the analysis would allow plain without any folding opportunity. */
const SIMPLE = /^[A-Za-z0-9_./][A-Za-z0-9_./=+-]*$/;

const ESCAPES = new Map<number, string>([
  [0x00, '0'],
  [0x07, 'a'],
  [0x08, 'b'],
  [0x09, 't'],
  [0x0a, 'n'],
  [0x0b, 'v'],
  [0x0c, 'f'],
  [0x0d, 'r'],
  [0x1b, 'e'],
  [0x22, '"'],
  [0x5c, '\\'],
  [0x85, 'N'],
  [0xa0, '_'],
  [0x2028, 'L'],
  [0x2029, 'P'],
]);

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** How a JSON number reads back in go-yaml v2 and is written again: ints plainly, floats as 'g'. */
function yamlNumber(text: string): string {
  if (/^-?[0-9]+$/.test(text)) {
    const b = BigInt(text);
    if (b >= INT64_MIN && b <= UINT64_MAX) return b.toString();
  }
  return formatFloat(Number(text), 'g', -1, 64);
}

/** An error go-yaml v2 reports while reading the JSON text back. */
export class YamlReadBackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YamlReadBackError';
  }
}

const LONE_SURROGATE = /[\ud800-\udfff]/;
const NEEDS_READ_BACK = /[\u007f-\u009f\ufffe\uffff]/;
const FORBIDDEN = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

/**
 * A JSON string as go-yaml v2 reads it back from the JSON text. encoding/json leaves DEL, C1
 * controls and U+FFFE/U+FFFF raw, which libyaml's reader rejects; a raw NEL (U+0085) is a line
 * break inside the double-quoted scalar and is folded like one.
 */
function readBack(s: string): string {
  // Invalid UTF-8 was written to JSON as \ufffd.
  if (LONE_SURROGATE.test(s)) s = toValidUtf8(s);
  if (!NEEDS_READ_BACK.test(s)) return s;
  if (FORBIDDEN.test(s)) throw new YamlReadBackError('yaml: control characters are not allowed');
  let out = '';
  let i = 0;
  const n = s.length;
  let whitespaces = '';
  while (i < n) {
    // Non-blank run.
    while (i < n && s[i] !== ' ' && s[i] !== '\u0085') out += s[i++];
    if (i >= n) break;
    let leadingBlanks = false;
    let trailingBreaks = '';
    whitespaces = '';
    let atLineStart = false;
    while (i < n && (s[i] === ' ' || s[i] === '\u0085')) {
      if (s[i] === ' ') {
        if (!leadingBlanks) whitespaces += ' ';
      } else {
        if (!leadingBlanks) {
          whitespaces = '';
          leadingBlanks = true;
        } else {
          trailingBreaks += '\n';
        }
        atLineStart = true;
      }
      i++;
      if (atLineStart && s[i - 1] === '\u0085' && (s.startsWith('---', i) || s.startsWith('...', i))) {
        const after = s[i + 3];
        if (after === ' ' || after === '\u0085') {
          throw new YamlReadBackError('yaml: found unexpected document indicator');
        }
      }
    }
    if (leadingBlanks) out += trailingBreaks === '' ? ' ' : trailingBreaks;
    else out += whitespaces;
  }
  return out;
}

function countNel(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\u0085'); i >= 0; i = s.indexOf('\u0085', i + 1)) n++;
  return n;
}

/** The tree as go-yaml reads its JSON back; unchanged subtrees are shared, not copied. */
function readBackTree(v: JsonValue, lines = { n: 0 }): JsonValue {
  if (typeof v === 'string') {
    if (v.includes('\u0085')) lines.n += countNel(v);
    return readBack(v);
  }
  if (Array.isArray(v)) {
    let out: JsonValue[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const x = readBackTree(v[i], lines);
      if (x !== v[i]) {
        out ??= v.slice();
        out[i] = x;
      }
    }
    return out ?? v;
  }
  if (v instanceof Map) {
    let changed = false;
    const entries: [string, JsonValue][] = [];
    for (const [k, x] of v) {
      // A raw NEL makes the JSON key span lines, which a key in a flow mapping cannot.
      if (k.includes('\u0085')) {
        lines.n += countNel(k);
        throw new YamlReadBackError(`yaml: line ${lines.n}: did not find expected ',' or '}'`);
      }
      const key = readBack(k);
      const val = readBackTree(x, lines);
      if (key !== k || val !== x) changed = true;
      entries.push([key, val]);
    }
    if (!changed) return v;
    const out = new Map<string, JsonValue>();
    for (const [k, x] of entries) {
      out.delete(k);
      out.set(k, x);
    }
    return out;
  }
  return v;
}

/** go-yaml v2 output for an already JSON-converted tree (with the trailing newline). */
export function emitJsonTree(tree: JsonValue): string {
  const e = new Emitter();
  e.node(readBackTree(tree), false, false);
  e.endDocument();
  return e.result();
}

/** sigs.k8s.io/yaml Marshal: throws JsonMarshalError (Go's json.Marshal message) on unsupported values. */
export function marshalYaml(v: GoValue): string {
  return emitJsonTree(toJsonTree(v, false));
}

/** helm 4's `mustToYaml`: Marshal with the trailing newline trimmed; errors as GoError. */
export function mustToYaml(v: GoValue): string {
  let s: string;
  try {
    s = marshalYaml(v);
  } catch (e) {
    if (e instanceof JsonMarshalError) throw new GoError('error marshaling into JSON: ' + e.message);
    if (e instanceof YamlReadBackError) throw new GoError(e.message);
    throw e;
  }
  return s.endsWith('\n') ? s.slice(0, -1) : s;
}

/**
 * helm's `toYaml`: Marshal, trailing newline trimmed, errors swallowed to "".
 */
export function toYaml(v: GoValue): string {
  let s: string;
  try {
    s = marshalYaml(v);
  } catch (e) {
    if (e instanceof JsonMarshalError || e instanceof YamlReadBackError) return '';
    throw e;
  }
  return s.endsWith('\n') ? s.slice(0, -1) : s;
}
