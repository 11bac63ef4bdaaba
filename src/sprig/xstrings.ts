/**
 * The case conversions Sprig takes from huandu/xstrings v1.5: camelcase (upper camel case with
 * `_`, `-` and whitespace as connectors), snakecase and kebabcase (word splitting that keeps
 * abbreviations together: "HTTPServer" -> "http_server", numbers attach as "Bld4Floor3rd" ->
 * "bld4_floor_3rd").
 */
import { runes, type RuneStep } from '../gotemplate/bytes.js';
import { isLetter, isNumber, isPunct, isSpace, isUpper, toLower, toUpper } from './unicode.js';

const RUNE_ERROR = 0xfffd;
const ch = (r: number): string => String.fromCodePoint(r);

function isConnector(r: number): boolean {
  return r === 0x2d || r === 0x5f || isSpace(r);
}

/** A letter that is not one of the CJK ideograph ranges xstrings excludes. */
function isAlphabet(r: number): boolean {
  if (!isLetter(r)) return false;
  if (r < 0x3400) return true;
  if (r >= 0x4e00 && r <= 0x9fcc) return false;
  if (r >= 0x3400 && r <= 0x4d85) return false;
  if (r >= 0x20000 && r <= 0x2b81d) return false;
  return true;
}

/** Upper camel case: `http_server` -> `HttpServer`, `GOLANG_IS_GREAT` -> `GolangIsGreat`. */
export function camelCase(str: string): string {
  if (str === '') return '';
  const rs = [...runes(str)].map((u) => u.rune);
  let out = '';
  let i = 0;
  let r0 = 0;
  let firstUpper = false;
  while (i < rs.length) {
    r0 = rs[i++];
    if (!isConnector(r0)) {
      firstUpper = isUpper(r0);
      r0 = toUpper(r0);
      break;
    }
    out += ch(r0);
  }
  if (i >= rs.length) return out + ch(r0);
  while (i < rs.length) {
    const r1 = r0;
    r0 = rs[i++];
    if (isConnector(r0) && isConnector(r1)) {
      out += ch(r1);
      continue;
    }
    if (isConnector(r1)) {
      firstUpper = isUpper(r0);
      r0 = toUpper(r0);
    } else {
      if (firstUpper) {
        if (isUpper(r0)) r0 = toLower(r0);
        else firstUpper = false;
      }
      out += ch(r1);
    }
  }
  return out + ch(r0);
}

const enum W {
  Invalid,
  Number,
  Upper,
  Alphabet,
  Connector,
  Punct,
  Other,
}

interface Word {
  wt: W;
  start: number;
  end: number;
}

/** The next rune that is not an invalid byte (or U+FFFD), and how many units it took. */
function nextValid(u: readonly RuneStep[], pos: number, prev: number): [number, number] {
  for (let k = pos; k < u.length; k++) {
    if (u[k].rune !== RUNE_ERROR) return [u[k].rune, k - pos + 1];
  }
  return [prev, u.length - pos];
}

function nextWord(u: readonly RuneStep[], pos: number): Word {
  if (pos >= u.length) return { wt: W.Invalid, start: pos, end: pos };
  let off = pos;
  let [r, size] = nextValid(u, off, RUNE_ERROR);
  off += size;
  if (r === RUNE_ERROR) return { wt: W.Invalid, start: pos, end: off };
  const consumeWhile = (ok: (x: number) => boolean): void => {
    while (off < u.length) {
      [r, size] = nextValid(u, off, r);
      if (!ok(r)) break;
      off += size;
    }
  };
  let wt: W;
  if (isConnector(r)) {
    wt = W.Connector;
    consumeWhile(isConnector);
  } else if (isPunct(r)) {
    wt = W.Punct;
    consumeWhile(isPunct);
  } else if (isUpper(r)) {
    wt = W.Upper;
    if (off < u.length) {
      [r, size] = nextValid(u, off, r);
      if (isUpper(r)) {
        let prevSize = size;
        off += size;
        while (off < u.length) {
          [r, size] = nextValid(u, off, r);
          if (!isUpper(r)) break;
          prevSize = size;
          off += size;
        }
        // "HTTPStatus" splits as "HTTP" + "Status".
        if (off < u.length && isAlphabet(r)) off -= prevSize;
      } else if (isAlphabet(r)) {
        off += size;
        consumeWhile((x) => isAlphabet(x) && !isUpper(x));
      }
    }
  } else if (isAlphabet(r)) {
    wt = W.Alphabet;
    consumeWhile((x) => isAlphabet(x) && !isUpper(x));
  } else if (isNumber(r)) {
    wt = W.Number;
    consumeWhile(isNumber);
  } else {
    wt = W.Other;
    consumeWhile((x) => !(isConnector(x) || isAlphabet(x) || isNumber(x) || isPunct(x)));
  }
  return { wt, start: pos, end: off };
}

/** snake_case / kebab-case with the given connector. */
export function caseToLower(str: string, connector: '_' | '-'): string {
  if (str === '') return '';
  const u = [...runes(str)];
  let out = '';
  const lower = (w: Word): void => {
    if (w.wt !== W.Upper && w.wt !== W.Connector) {
      if (w.start < w.end) out += str.slice(u[w.start].start, u[w.end - 1].end);
      return;
    }
    for (let k = w.start; k < w.end; k++) {
      const r = u[k].rune;
      if (isConnector(r)) out += connector;
      else if (isUpper(r)) out += ch(toLower(r));
      else out += u[k].invalid ? ch(RUNE_ERROR) : str.slice(u[k].start, u[k].end);
    }
  };
  let w = nextWord(u, 0);
  while (w.end < u.length) {
    if (w.wt !== W.Connector) lower(w);
    const prev = w;
    w = nextWord(u, w.end);
    switch (prev.wt) {
      case W.Number:
        while (w.wt === W.Alphabet || w.wt === W.Number) {
          lower(w);
          w = nextWord(u, w.end);
        }
        if (w.wt !== W.Invalid && w.wt !== W.Punct && w.wt !== W.Connector) out += connector;
        break;
      case W.Connector:
        lower(prev);
        break;
      case W.Punct:
        break;
      default: {
        if (w.wt !== W.Number) {
          if (w.wt !== W.Connector && w.wt !== W.Punct) out += connector;
          break;
        }
        if (w.end >= u.length) break;
        const num = w;
        w = nextWord(u, w.end);
        if (w.wt !== W.Alphabet) {
          // A number right after a word belongs to it: "Bld4Floor" -> "bld4_floor".
          lower({ ...num, wt: W.Number });
          if (w.wt !== W.Connector && w.wt !== W.Punct) out += connector;
          break;
        }
        // Lower-case letters after a number start a new word: "HTTP2xx" -> "http_2xx".
        out += connector;
        lower({ ...num, wt: W.Number });
        while (w.wt === W.Alphabet || w.wt === W.Number) {
          lower(w);
          w = nextWord(u, w.end);
        }
        if (w.wt !== W.Invalid && w.wt !== W.Connector && w.wt !== W.Punct) out += connector;
      }
    }
  }
  lower(w);
  return out;
}
