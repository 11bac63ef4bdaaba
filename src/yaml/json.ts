/**
 * Go's encoding/json as helm's and Sprig's template functions use it: `toJson` (json.Marshal:
 * sorted keys, `<>&` and U+2028/U+2029 escaped), `toRawJson` (no HTML escaping), `toPrettyJson`
 * (two-space indent), and decoding for `fromJson`, `fromJsonArray`, `mustFromJson` with Go's
 * exact syntax and type error messages. Decoded numbers are float64.
 */
import { utf8Encode } from '../gotemplate/bytes.js';
import { GoError } from '../gotemplate/errors.js';
import { quote } from '../gotemplate/strconv.js';
import { GoStruct, type GoFuncSpec, type GoTypeInfo, type GoValue } from '../gotemplate/value.js';
import { JsonMarshalError, JsonNumber, nilCollection, toJsonTree, toValidUtf8, type JsonValue } from './jsontree.js';

export interface JsonEncodeOptions {
  /** Escape `<`, `>`, `&` as \u003c... (json.Marshal does; toRawJson does not). Default true. */
  readonly html?: boolean;
  /** Indent per level (json.MarshalIndent with prefix ""), e.g. "  ". Default: compact. */
  readonly indent?: string;
}

const HEX = '0123456789abcdef';

const NEEDS_ESCAPE_HTML = /[\u0000-\u001f"\\<>&\u2028\u2029\ud800-\udfff]/;
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\u2028\u2029\ud800-\udfff]/;

function encodeString(s: string, html: boolean): string {
  if (!(html ? NEEDS_ESCAPE_HTML : NEEDS_ESCAPE).test(s)) return '"' + s + '"';
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | null = null;
    if (c < 0x20) {
      switch (c) {
        case 0x08:
          esc = '\\b';
          break;
        case 0x0c:
          esc = '\\f';
          break;
        case 0x0a:
          esc = '\\n';
          break;
        case 0x0d:
          esc = '\\r';
          break;
        case 0x09:
          esc = '\\t';
          break;
        default:
          esc = '\\u00' + HEX[c >> 4] + HEX[c & 15];
      }
    } else if (c === 0x22) esc = '\\"';
    else if (c === 0x5c) esc = '\\\\';
    else if (html && (c === 0x3c || c === 0x3e || c === 0x26)) esc = '\\u00' + HEX[c >> 4] + HEX[c & 15];
    else if (c === 0x2028) esc = '\\u2028';
    else if (c === 0x2029) esc = '\\u2029';
    else if (c >= 0xd800 && c <= 0xdfff) {
      // A surrogate pair is a real character; a lone one is an invalid byte: Go writes \ufffd.
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      esc = '\\ufffd';
    }
    if (esc !== null) {
      out += s.slice(start, i) + esc;
      start = i + 1;
    }
  }
  return out + s.slice(start) + '"';
}

/** A string as Go's json.Marshal writes it (HTML-safe: `<`, `>`, `&` as \u00XX). */
export function goJsonString(s: string): string {
  return encodeString(s, true);
}

/** Writes a JSON tree as Go's encoder does. */
export function writeJson(tree: JsonValue, opts: JsonEncodeOptions = {}): string {
  const html = opts.html ?? true;
  const indent = opts.indent;
  const parts: string[] = [];
  const write = (v: JsonValue, depth: number): void => {
    if (v === null) parts.push('null');
    else if (typeof v === 'boolean') parts.push(v ? 'true' : 'false');
    else if (typeof v === 'string') parts.push(encodeString(v, html));
    else if (v instanceof JsonNumber) parts.push(v.text);
    else if (Array.isArray(v)) {
      if (v.length === 0) {
        parts.push('[]');
        return;
      }
      parts.push('[');
      v.forEach((x, i) => {
        if (i > 0) parts.push(',');
        if (indent !== undefined) parts.push('\n' + indent.repeat(depth + 1));
        write(x, depth + 1);
      });
      if (indent !== undefined) parts.push('\n' + indent.repeat(depth));
      parts.push(']');
    } else {
      if (v.size === 0) {
        parts.push('{}');
        return;
      }
      parts.push('{');
      let first = true;
      for (const [k, x] of v) {
        if (!first) parts.push(',');
        first = false;
        if (indent !== undefined) parts.push('\n' + indent.repeat(depth + 1));
        parts.push(encodeString(k, html), indent !== undefined ? ': ' : ':');
        write(x, depth + 1);
      }
      if (indent !== undefined) parts.push('\n' + indent.repeat(depth));
      parts.push('}');
    }
  };
  write(tree, 0);
  return parts.join('');
}

/** json.Marshal (or MarshalIndent / an Encoder without HTML escaping). Throws JsonMarshalError. */
export function marshalJson(v: GoValue, opts: JsonEncodeOptions = {}): string {
  return writeJson(toJsonTree(v), opts);
}

function orEmpty(f: () => string): string {
  try {
    return f();
  } catch (e) {
    if (e instanceof JsonMarshalError) return '';
    throw e;
  }
}

function orGoError(f: () => string): string {
  try {
    return f();
  } catch (e) {
    if (e instanceof JsonMarshalError) throw new GoError(e.message);
    throw e;
  }
}

/** helm's `toJson` (errors give ""). */
export function toJson(v: GoValue): string {
  return orEmpty(() => marshalJson(v));
}
/** helm 4's `mustToJson`: throws GoError with json.Marshal's message. */
export function mustToJson(v: GoValue): string {
  return orGoError(() => marshalJson(v));
}
/** Sprig's `toRawJson` (no HTML escaping; errors give ""). */
export function toRawJson(v: GoValue): string {
  return orEmpty(() => marshalJson(v, { html: false }));
}
/** Sprig's `mustToRawJson`. */
export function mustToRawJson(v: GoValue): string {
  return orGoError(() => marshalJson(v, { html: false }));
}
/** Sprig's `toPrettyJson` (two-space indent, HTML escaping; errors give ""). */
export function toPrettyJson(v: GoValue): string {
  return orEmpty(() => marshalJson(v, { indent: '  ' }));
}
/** Sprig's `mustToPrettyJson`. */
export function mustToPrettyJson(v: GoValue): string {
  return orGoError(() => marshalJson(v, { indent: '  ' }));
}

// ---------------------------------------------------------------------------------------------
// Decoding

/** A json.Unmarshal error; `message` is Go's text. */
export class JsonSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

/** Go's quoteChar for a byte in scanner messages: 'x', '\'', '"', '\t', '\x01', 'Ã'. */
function quoteChar(b: number): string {
  if (b === 0x27) return "'\\''";
  if (b === 0x22) return '\'"\'';
  const q = quote(String.fromCharCode(b));
  return "'" + q.slice(1, -1) + "'";
}

const END = 'unexpected end of JSON input';

/** Parses JSON bytes into a Go value (float64 numbers), collecting Go's first type error. */
class JsonParser {
  private i = 0;
  /** The first error json.Unmarshal saves and keeps decoding past (number out of range). */
  saved: string | null = null;

  constructor(private readonly b: Uint8Array) {}

  /**
   * Go's scanner error at the current byte. At the end of the input Go feeds the scanner one
   * space: contexts that reject a space report it (`invalid character ' ' in numeric literal`),
   * the others report `unexpected end of JSON input`.
   */
  private fail(context: string, rejectsSpace = false): never {
    if (this.i >= this.b.length) {
      if (rejectsSpace) throw new JsonSyntaxError(`invalid character ' ' ${context}`);
      throw new JsonSyntaxError(END);
    }
    throw new JsonSyntaxError(`invalid character ${quoteChar(this.b[this.i])} ${context}`);
  }

  private ws(): void {
    const b = this.b;
    while (this.i < b.length) {
      const c = b[this.i];
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.i++;
      else break;
    }
  }

  /** The JSON kind of the top-level value, as Go's type errors name it. */
  topKind = '';

  parseTop(): GoValue {
    this.ws();
    const c = this.b[this.i];
    this.topKind = c === 0x7b ? 'object' : c === 0x5b ? 'array' : c === 0x22 ? 'string' : c === 0x74 || c === 0x66 ? 'bool' : c === 0x6e ? 'null' : 'number';
    const v = this.value();
    this.ws();
    if (this.i < this.b.length) this.fail('after top-level value');
    return v;
  }

  private value(): GoValue {
    const b = this.b;
    if (this.i >= b.length) throw new JsonSyntaxError(END);
    const c = b[this.i];
    if (c === 0x7b) return this.object();
    if (c === 0x5b) return this.array();
    if (c === 0x22) return this.string();
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    if (c === 0x74) return this.literal('true', true);
    if (c === 0x66) return this.literal('false', false);
    if (c === 0x6e) return this.literal('null', null);
    return this.fail('looking for beginning of value');
  }

  private literal(word: string, v: GoValue): GoValue {
    for (let k = 0; k < word.length; k++) {
      if (this.i >= this.b.length || this.b[this.i] !== word.charCodeAt(k)) {
        this.fail(`in literal ${word} (expecting ${quoteChar(word.charCodeAt(k))})`, true);
      }
      this.i++;
    }
    return v;
  }

  private object(): Map<string, GoValue> {
    const m = new Map<string, GoValue>();
    this.i++;
    this.ws();
    if (this.b[this.i] === 0x7d) {
      this.i++;
      return m;
    }
    while (true) {
      this.ws();
      if (this.i >= this.b.length) throw new JsonSyntaxError(END);
      if (this.b[this.i] !== 0x22) this.fail('looking for beginning of object key string');
      const k = this.string();
      this.ws();
      if (this.i >= this.b.length) throw new JsonSyntaxError(END);
      if (this.b[this.i] !== 0x3a) this.fail('after object key');
      this.i++;
      this.ws();
      const v = this.value();
      m.delete(k);
      m.set(k, v);
      this.ws();
      if (this.i >= this.b.length) throw new JsonSyntaxError(END);
      const c = this.b[this.i];
      if (c === 0x2c) {
        this.i++;
        continue;
      }
      if (c === 0x7d) {
        this.i++;
        return m;
      }
      this.fail('after object key:value pair');
    }
  }

  private array(): GoValue[] {
    const a: GoValue[] = [];
    this.i++;
    this.ws();
    if (this.b[this.i] === 0x5d) {
      this.i++;
      return a;
    }
    while (true) {
      this.ws();
      a.push(this.value());
      this.ws();
      if (this.i >= this.b.length) throw new JsonSyntaxError(END);
      const c = this.b[this.i];
      if (c === 0x2c) {
        this.i++;
        continue;
      }
      if (c === 0x5d) {
        this.i++;
        return a;
      }
      this.fail('after array element');
    }
  }

  private hex4(): number {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      if (this.i >= this.b.length) this.fail('in \\u hexadecimal character escape', true);
      const c = this.b[this.i];
      let d: number;
      if (c >= 0x30 && c <= 0x39) d = c - 0x30;
      else if (c >= 0x61 && c <= 0x66) d = c - 0x57;
      else if (c >= 0x41 && c <= 0x46) d = c - 0x37;
      else return this.fail('in \\u hexadecimal character escape');
      v = v * 16 + d;
      this.i++;
    }
    return v;
  }

  private string(): string {
    const b = this.b;
    this.i++;
    let out = '';
    let run: number[] = [];
    const flushRun = (): void => {
      if (run.length) out += toValidUtf8(new TextDecoderShim(run).text);
      run = [];
    };
    while (true) {
      if (this.i >= b.length) throw new JsonSyntaxError(END);
      const c = b[this.i];
      if (c === 0x22) {
        this.i++;
        flushRun();
        return out;
      }
      if (c < 0x20) this.fail('in string literal');
      if (c === 0x5c) {
        flushRun();
        this.i++;
        if (this.i >= b.length) this.fail('in string escape code', true);
        const e = b[this.i];
        const simple: Record<number, string> = { 0x22: '"', 0x5c: '\\', 0x2f: '/', 0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t' };
        if (e in simple) {
          out += simple[e];
          this.i++;
          continue;
        }
        if (e !== 0x75) this.fail('in string escape code');
        this.i++;
        let r = this.hex4();
        if (r >= 0xd800 && r < 0xdc00) {
          // A high surrogate: combined with a following \uDC00..\uDFFF escape, else U+FFFD.
          const save = this.i;
          if (b[this.i] === 0x5c && b[this.i + 1] === 0x75) {
            this.i += 2;
            const r2 = this.hex4();
            if (r2 >= 0xdc00 && r2 < 0xe000) {
              out += String.fromCharCode(r, r2);
              continue;
            }
            this.i = save;
          }
          r = 0xfffd;
        } else if (r >= 0xdc00 && r < 0xe000) r = 0xfffd;
        out += String.fromCharCode(r);
        continue;
      }
      run.push(c);
      this.i++;
    }
  }

  private number(): GoValue {
    const b = this.b;
    const start = this.i;
    if (b[this.i] === 0x2d) {
      this.i++;
      if (this.i >= b.length || !(b[this.i] >= 0x30 && b[this.i] <= 0x39)) this.fail('in numeric literal', true);
    }
    if (b[this.i] === 0x30) this.i++;
    else while (this.i < b.length && b[this.i] >= 0x30 && b[this.i] <= 0x39) this.i++;
    if (b[this.i] === 0x2e) {
      this.i++;
      if (this.i >= b.length || !(b[this.i] >= 0x30 && b[this.i] <= 0x39)) this.fail('after decimal point in numeric literal', true);
      while (this.i < b.length && b[this.i] >= 0x30 && b[this.i] <= 0x39) this.i++;
    }
    if (b[this.i] === 0x65 || b[this.i] === 0x45) {
      this.i++;
      if (b[this.i] === 0x2b || b[this.i] === 0x2d) this.i++;
      if (this.i >= b.length || !(b[this.i] >= 0x30 && b[this.i] <= 0x39)) this.fail('in exponent of numeric literal', true);
      while (this.i < b.length && b[this.i] >= 0x30 && b[this.i] <= 0x39) this.i++;
    }
    const text = String.fromCharCode(...b.subarray(start, this.i));
    const v = Number(text);
    if (!Number.isFinite(v)) {
      this.saved ??= `json: cannot unmarshal number ${text} into Go value of type float64`;
      return null;
    }
    return v;
  }
}

/** Raw string bytes to a JS string with Go's per-byte U+FFFD for invalid UTF-8. */
class TextDecoderShim {
  readonly text: string;
  constructor(bytes: number[]) {
    let s = '';
    for (let i = 0; i < bytes.length; ) {
      const b0 = bytes[i];
      let cp = -1;
      let w = 1;
      if (b0 < 0x80) {
        cp = b0;
      } else if (b0 >= 0xc2 && b0 <= 0xdf && isCont(bytes[i + 1])) {
        cp = ((b0 & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
        w = 2;
      } else if (b0 >= 0xe0 && b0 <= 0xef) {
        const lo = b0 === 0xe0 ? 0xa0 : 0x80;
        const hi = b0 === 0xed ? 0x9f : 0xbf;
        if (bytes[i + 1] >= lo && bytes[i + 1] <= hi && isCont(bytes[i + 2])) {
          cp = ((b0 & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
          w = 3;
        }
      } else if (b0 >= 0xf0 && b0 <= 0xf4) {
        const lo = b0 === 0xf0 ? 0x90 : 0x80;
        const hi = b0 === 0xf4 ? 0x8f : 0xbf;
        if (bytes[i + 1] >= lo && bytes[i + 1] <= hi && isCont(bytes[i + 2]) && isCont(bytes[i + 3])) {
          cp = ((b0 & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f);
          w = 4;
        }
      }
      s += cp < 0 ? '\ufffd' : String.fromCodePoint(cp);
      i += w;
    }
    this.text = s;
  }
}

function isCont(b: number | undefined): boolean {
  return b !== undefined && b >= 0x80 && b <= 0xbf;
}


/** json.Unmarshal into interface{}: the value, or throws JsonSyntaxError (Go's message). */
export function unmarshalJson(text: string): { value: GoValue; error: string | null; kind: string } {
  const p = new JsonParser(utf8Encode(text));
  const value = p.parseTop();
  return { value, error: p.saved, kind: p.topKind };
}

/** helm's `fromJson`: a map; errors under the key "Error". */
export function fromJson(text: string): Map<string, GoValue> {
  let r: { value: GoValue; error: string | null; kind: string };
  try {
    r = unmarshalJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return new Map<string, GoValue>([['Error', e.message]]);
    throw e;
  }
  const v = r.value;
  if (r.kind === 'null') return nilCollection(new Map<string, GoValue>());
  if (!(v instanceof Map)) {
    return new Map<string, GoValue>([['Error', `json: cannot unmarshal ${r.kind} into Go value of type map[string]interface {}`]]);
  }
  if (r.error !== null) v.set('Error', r.error);
  return v;
}

/** helm's `fromJsonArray`: a list; an error becomes the only element. */
export function fromJsonArray(text: string): GoValue[] {
  let r: { value: GoValue; error: string | null; kind: string };
  try {
    r = unmarshalJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return [e.message];
    throw e;
  }
  const v = r.value;
  if (r.kind === 'null') return nilCollection<GoValue[]>([]);
  if (!Array.isArray(v)) return [`json: cannot unmarshal ${r.kind} into Go value of type []interface {}`];
  if (r.error !== null) return [r.error];
  return v;
}

/** Sprig's `mustFromJson` (into interface{}): throws GoError with Go's message. */
export function mustFromJson(text: string): GoValue {
  try {
    const r = unmarshalJson(text);
    if (r.error !== null) throw new GoError(r.error);
    return r.value;
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new GoError(e.message);
    throw e;
  }
}

/**
 * Go's JSON of a struct with json tags: an object whose keys keep field order (json.Marshal
 * writes struct fields in declaration order, a map's keys sorted). A hidden struct whose
 * MarshalJSON writes `fields` in order; give it as a GoTypeInfo's jsonValue, templates never see it.
 */
export function orderedJsonObject(fields: Map<string, GoValue>): GoStruct {
  return new GoStruct(ORDERED_JSON_TYPE, fields);
}

const ORDERED_JSON_TYPE: GoTypeInfo = {
  name: 'orderedJSON',
  kind: 'struct',
  methods: new Map<string, GoFuncSpec>([
    [
      'MarshalJSON',
      {
        name: 'MarshalJSON',
        params: [],
        results: ['[]uint8', 'error'],
        fn: (recv) => {
          const parts: string[] = [];
          for (const [k, v] of (recv as GoStruct).fields) parts.push(`${writeJson(k)}:${marshalJson(v)}`);
          return `{${parts.join(',')}}`;
        },
      },
    ],
  ]),
};
