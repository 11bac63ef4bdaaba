/**
 * values.schema.json as Go's encoding/json reads it: the JSON tree both schema libraries work on,
 * and Go's syntax-error texts, which helm prints unchanged when the file is not valid JSON.
 *
 * Numbers keep their source text (both libraries decode with UseNumber), objects are Maps (a
 * key such as `__proto__` stays data; a repeated key keeps its last value, as Go's map decoding
 * does).
 *
 * Measured on helm 3.17.3 and 4.1.4: empty or blank file -> `EOF`; cut short -> `unexpected EOF`;
 * a bad byte -> `invalid character 'x' looking for beginning of value` and the other scanner
 * contexts. Only the first value is read by helm 3 (trailing text is ignored); helm 4 rejects
 * any trailing text with `invalid character after top-level value`.
 */

import { goJsonString } from '../../yaml/json.js';

/** A JSON number with its source text (Go's json.Number). */
export class JsonNumber {
  constructor(readonly text: string) {}
}

export type Json = null | boolean | string | JsonNumber | Json[] | Map<string, Json>;

export type JsonParse = { readonly ok: true; readonly value: Json; readonly trailing: boolean } | { readonly ok: false; readonly error: string };

class JsonSyntaxError {
  constructor(readonly message: string) {}
}

/** Go's quoteChar from encoding/json's scanner. */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const code = c.charCodeAt(0);
  let inner: string;
  if (code < 0x20 || code === 0x7f) {
    const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
    inner = named[code] ?? `\\x${code.toString(16).padStart(2, '0')}`;
  } else if (c === '\\') {
    inner = '\\\\';
  } else {
    inner = c;
  }
  return `'${inner}'`;
}

class Parser {
  pos = 0;
  constructor(readonly s: string) {}

  fail(context: string): never {
    if (this.pos >= this.s.length) throw new JsonSyntaxError('unexpected EOF');
    throw new JsonSyntaxError(`invalid character ${quoteChar(this.s[this.pos])} ${context}`);
  }

  skipWs(): void {
    while (this.pos < this.s.length) {
      const c = this.s[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else break;
    }
  }

  value(): Json {
    this.skipWs();
    const c = this.s[this.pos];
    switch (c) {
      case '{':
        return this.object();
      case '[':
        return this.array();
      case '"':
        return this.string();
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
      default:
        if (c === '-' || (c >= '0' && c <= '9')) return this.number();
        return this.fail('looking for beginning of value');
    }
  }

  literal(word: string, v: Json): Json {
    for (let i = 0; i < word.length; i++) {
      if (this.s[this.pos] !== word[i]) this.fail(`in literal ${word} (expecting ${quoteChar(word[i])})`);
      this.pos++;
    }
    return v;
  }

  number(): Json {
    const start = this.pos;
    const digit = (): boolean => this.pos < this.s.length && this.s[this.pos] >= '0' && this.s[this.pos] <= '9';
    if (this.s[this.pos] === '-') {
      this.pos++;
      if (!digit()) this.fail('in numeric literal');
    }
    if (this.s[this.pos] === '0') this.pos++;
    else while (digit()) this.pos++;
    if (this.s[this.pos] === '.') {
      this.pos++;
      if (!digit()) this.fail('after decimal point in numeric literal');
      while (digit()) this.pos++;
    }
    if (this.s[this.pos] === 'e' || this.s[this.pos] === 'E') {
      this.pos++;
      if (this.s[this.pos] === '+' || this.s[this.pos] === '-') this.pos++;
      if (!digit()) this.fail('in exponent of numeric literal');
      while (digit()) this.pos++;
    }
    return new JsonNumber(this.s.slice(start, this.pos));
  }

  string(): string {
    this.pos++; // opening quote
    let out = '';
    for (;;) {
      if (this.pos >= this.s.length) this.fail('in string literal');
      const c = this.s[this.pos];
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c.charCodeAt(0) < 0x20) this.fail('in string literal');
      if (c === '\\') {
        this.pos++;
        const e = this.s[this.pos];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          this.pos++;
        } else if (e === 'u') {
          this.pos++;
          let hex = '';
          for (let i = 0; i < 4; i++) {
            const h = this.s[this.pos];
            if (h === undefined || !/[0-9a-fA-F]/.test(h)) this.fail('in \\u hexadecimal character escape');
            hex += h;
            this.pos++;
          }
          out += String.fromCharCode(parseInt(hex, 16));
        } else {
          this.fail('in string escape code');
        }
        continue;
      }
      out += c;
      this.pos++;
    }
  }

  object(): Json {
    this.pos++;
    const m = new Map<string, Json>();
    this.skipWs();
    if (this.s[this.pos] === '}') {
      this.pos++;
      return m;
    }
    for (;;) {
      this.skipWs();
      if (this.s[this.pos] !== '"') this.fail('looking for beginning of object key string');
      const k = this.string();
      this.skipWs();
      if (this.s[this.pos] !== ':') this.fail('after object key');
      this.pos++;
      m.delete(k);
      m.set(k, this.value());
      this.skipWs();
      const c = this.s[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') {
        this.pos++;
        return m;
      }
      this.fail('after object key:value pair');
    }
  }

  array(): Json {
    this.pos++;
    const a: Json[] = [];
    this.skipWs();
    if (this.s[this.pos] === ']') {
      this.pos++;
      return a;
    }
    for (;;) {
      a.push(this.value());
      this.skipWs();
      const c = this.s[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ']') {
        this.pos++;
        return a;
      }
      this.fail('after array element');
    }
  }
}

/** Parses the first JSON value of `text` the way Go's json.Decoder does. */
export function parseGoJson(text: string): JsonParse {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const p = new Parser(s);
  p.skipWs();
  if (p.pos >= s.length) return { ok: false, error: 'EOF' };
  try {
    const value = p.value();
    p.skipWs();
    return { ok: true, value, trailing: p.pos < s.length };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false, error: e.message };
    if (e instanceof RangeError) return { ok: false, error: 'exceeded max depth' };
    throw e;
  }
}

export function isObject(v: Json | undefined): v is Map<string, Json> {
  return v instanceof Map;
}

/** Go's encoding/json text of a value (map keys sorted, numbers as written). */
export function jsonText(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return goJsonString(v);
  if (v instanceof JsonNumber) return v.text;
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  const keys = [...v.keys()].sort(compareBytes);
  return `{${keys.map((k) => `${goJsonString(k)}:${jsonText(v.get(k) as Json)}`).join(',')}}`;
}


/**
 * Byte-wise (UTF-8) string order, as Go sorts map keys. UTF-8 byte order is code point order,
 * which is UTF-16 code unit order except where a surrogate (a code point above U+FFFF) meets a
 * unit at or above U+E000; that one case is decided explicitly, without encoding the strings.
 */
export function compareBytes(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const sx = x >= 0xd800 && x <= 0xdfff;
    const sy = y >= 0xd800 && y <= 0xdfff;
    if (sx === sy) return x - y;
    return sx ? 1 : -1;
  }
  return a.length - b.length;
}
