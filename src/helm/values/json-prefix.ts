/**
 * Decoding one JSON value from the front of a string, the way `--set-json` does it with Go's
 * json.Decoder: leading white space is skipped, the value ends where its grammar ends, and the
 * rest of the input is left for the strvals parser. Numbers become float64 (JS numbers),
 * objects `Map`s, arrays plain arrays. Invalid `\u` surrogates become U+FFFD as in Go.
 */
import type { GoValue } from '../../gotemplate/value.js';

/** The decoded value and the number of UTF-16 code units it took (leading space included). */
export interface JsonPrefix {
  readonly value: GoValue;
  readonly length: number;
}

class JsonPrefixError extends Error {}

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const MAX_DEPTH = 10000;

/** Decodes the JSON value at the start of `s`; undefined when there is none (Go: an error). */
export function decodeJsonPrefix(s: string): JsonPrefix | undefined {
  let i = 0;
  const skip = (): void => {
    while (i < s.length && WS.has(s[i])) i++;
  };
  const fail = (): never => {
    throw new JsonPrefixError();
  };
  const literal = (word: string, v: GoValue): GoValue => {
    if (s.startsWith(word, i)) {
      i += word.length;
      return v;
    }
    return fail();
  };
  const str = (): string => {
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= s.length) fail();
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return out;
      }
      if (c < 0x20) fail();
      if (c !== 0x5c) {
        out += s[i++];
        continue;
      }
      const e = s[i + 1];
      i += 2;
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          const hex = (at: number): number => {
            const h = s.slice(at, at + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(h)) fail();
            return parseInt(h, 16);
          };
          const u = hex(i);
          i += 4;
          if (u >= 0xd800 && u < 0xdc00 && s.startsWith('\\u', i)) {
            const lo = /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6)) ? parseInt(s.slice(i + 2, i + 6), 16) : -1;
            if (lo >= 0xdc00 && lo < 0xe000) {
              out += String.fromCharCode(u, lo);
              i += 6;
              break;
            }
          }
          out += u >= 0xd800 && u < 0xe000 ? '\ufffd' : String.fromCharCode(u);
          break;
        }
        default:
          fail();
      }
    }
  };
  const value = (depth: number): GoValue => {
    if (depth > MAX_DEPTH) fail();
    skip();
    if (i >= s.length) fail();
    const c = s[i];
    if (c === '{') {
      i++;
      const m = new Map<string, GoValue>();
      skip();
      if (s[i] === '}') {
        i++;
        return m;
      }
      for (;;) {
        skip();
        if (s[i] !== '"') fail();
        const k = str();
        skip();
        if (s[i] !== ':') fail();
        i++;
        m.set(k, value(depth + 1));
        skip();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === '}') {
          i++;
          return m;
        }
        fail();
      }
    }
    if (c === '[') {
      i++;
      const a: GoValue[] = [];
      skip();
      if (s[i] === ']') {
        i++;
        return a;
      }
      for (;;) {
        a.push(value(depth + 1));
        skip();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ']') {
          i++;
          return a;
        }
        fail();
      }
    }
    if (c === '"') return str();
    if (c === 't') return literal('true', true);
    if (c === 'f') return literal('false', false);
    if (c === 'n') return literal('null', null);
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(s);
    if (!m) return fail();
    i += m[0].length;
    // Go's scanner would take these as part of the number and then fail on what follows.
    if (s[i] === '.' || s[i] === 'e' || s[i] === 'E') fail();
    const n = Number(m[0]);
    // Go: "cannot unmarshal number 1e400 into Go value of type float64".
    if (!Number.isFinite(n)) fail();
    return n;
  };
  try {
    const v = value(0);
    return { value: v, length: i };
  } catch (e) {
    if (e instanceof JsonPrefixError || e instanceof RangeError) return undefined;
    throw e;
  }
}
