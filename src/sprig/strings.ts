/**
 * Sprig's string functions. Go strings are bytes: trunc/substr/abbrev/wrap/nospace/initials
 * work on bytes exactly as the Go originals do; case functions use Go's simple per-rune maps.
 */
import {
  GoInt,
  STRING_MAP_TYPE,
  STRING_SLICE_TYPE,
  compareGoStrings,
  withType,
  type GoFuncSpec,
  type GoValue,
} from '../gotemplate/value.js';
import { byteLength, byteSlice, goRunes, isAscii, runes, runesToString, utf8Decode, utf8Encode } from '../gotemplate/bytes.js';
import { isSliceValue, strslice, strval } from './conversion.js';
import { formatValue } from '../gotemplate/fmt.js';
import { quote as quoteGo } from '../gotemplate/strconv.js';
import { isLetter, isDigit, isLower, isSpace, isTitle, isUpper, mapRunes, toLower, toTitle, toUpper } from './unicode.js';
import { camelCase, caseToLower } from './xstrings.js';
import { panic } from './panic.js';

const n = (v: GoValue): number => Number((v as GoInt).value);
const s = (v: GoValue): string => v as string;


/** strings.Repeat with Go's panic for a negative count. */
export function goRepeat(str: string, count: number | bigint): string {
  const c = BigInt(count);
  if (c < 0n) panic('strings: negative Repeat count');
  const total = BigInt(byteLength(str)) * c;
  if (total > 2n ** 63n - 1n) panic('strings: Repeat output length overflow');
  // Go cannot allocate more than 2^48 bytes on amd64.
  if (total > 2n ** 48n) panic('runtime error: makeslice: len out of range');
  return str.repeat(Number(c));
}

/** Go's s[lo:hi] on a string, with Go's runtime panics for bad bounds. */
function sliceString(str: string, lo: number | undefined, hi: number | undefined): string {
  const len = byteLength(str);
  const l = lo ?? 0;
  const h = hi ?? len;
  if (hi !== undefined && h < 0) panic(`runtime error: slice bounds out of range [:${h}]`);
  if (hi !== undefined && h > len) panic(`runtime error: slice bounds out of range [:${h}] with length ${len}`);
  if (l < 0 || l > h) panic(`runtime error: slice bounds out of range [${l}:${h}]`);
  return byteSlice(str, l, h);
}

/** goutils AbbreviateFull (errors give ""). */
function abbreviateFull(str: string, offset: number, maxWidth: number): string {
  if (str === '') return '';
  if (maxWidth < 4) return '';
  const len = byteLength(str);
  if (len <= maxWidth) return str;
  let off = Math.min(offset, len);
  if (len - off < maxWidth - 3) off = len - (maxWidth - 3);
  if (off <= 4) return byteSlice(str, 0, maxWidth - 3) + '...';
  if (maxWidth < 7) return '';
  if (off + maxWidth - 3 < len) return '...' + abbreviateFull(byteSlice(str, off), 0, maxWidth - 3);
  return '...' + byteSlice(str, len - (maxWidth - 3));
}

/** Latin-1 style re-encoding that goutils does when it writes single bytes as runes. */
function bytesAsRunes(bytes: number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.slice(i, i + 8192));
  return out;
}

/** goutils DeleteWhiteSpace: byte by byte; kept non-ASCII bytes are re-encoded as runes. */
function nospace(str: string): string {
  const bytes = utf8Encode(str);
  const kept = Array.from(bytes).filter((b) => !isSpace(b));
  if (kept.length === bytes.length) return str;
  return bytesAsRunes(kept);
}

/** goutils Initials: byte by byte, whitespace-delimited. */
function initials(str: string): string {
  if (str === '') return str;
  const out: number[] = [];
  let gap = true;
  for (const b of utf8Encode(str)) {
    if (isSpace(b)) gap = true;
    else if (gap) {
      out.push(b);
      gap = false;
    }
  }
  return bytesAsRunes(out);
}

/** goutils SwapCase (word based: a lower-case letter after whitespace becomes title case). */
function swapCase(str: string): string {
  if (str === '') return str;
  const rs = goRunes(str);
  let ws = true;
  for (let i = 0; i < rs.length; i++) {
    const c = rs[i];
    if (isUpper(c) || isTitle(c)) {
      rs[i] = toLower(c);
      ws = false;
    } else if (isLower(c)) {
      rs[i] = ws ? toTitle(c) : toUpper(c);
      ws = false;
    } else {
      ws = isSpace(c);
    }
  }
  return runesToString(rs);
}

/** goutils Uncapitalize: lower-cases the first rune of every whitespace-separated word. */
function uncapitalize(str: string): string {
  if (str === '') return str;
  const rs = goRunes(str);
  let next = true;
  for (let i = 0; i < rs.length; i++) {
    if (isSpace(rs[i])) next = true;
    else if (next) {
      rs[i] = toLower(rs[i]);
      next = false;
    }
  }
  return runesToString(rs);
}

/** strings.Title's word separator test. */
function isSeparator(r: number): boolean {
  if (r <= 0x7f) {
    if ((r >= 0x30 && r <= 0x39) || (r >= 0x61 && r <= 0x7a) || (r >= 0x41 && r <= 0x5a) || r === 0x5f) return false;
    return true;
  }
  if (isLetter(r) || isDigit(r)) return false;
  return isSpace(r);
}

function title(str: string): string {
  let prev = 0x20;
  return mapRunes(str, (r) => {
    const out = isSeparator(prev) ? toTitle(r) : r;
    prev = r;
    return out;
  });
}

/** strings.TrimSpace. */
export function trimSpace(str: string): string {
  // Every Go space is a BMP character and no surrogate is one, so astral runes and escaped
  // invalid bytes stop the scan as they stop Go's. Only the trimmed ends are looked at.
  let a = 0;
  let b = str.length;
  while (a < b && isSpace(str.charCodeAt(a))) a++;
  while (b > a && isSpace(str.charCodeAt(b - 1))) b--;
  return a === 0 && b === str.length ? str : str.slice(a, b);
}

/** strings.Trim(str, cutset). */
function trimCutset(str: string, cutset: string): string {
  if (str === '' || cutset === '') return str;
  const set = new Set(goRunes(cutset));
  const all = [...runes(str)];
  let a = 0;
  let b = all.length;
  while (a < b && set.has(all[a].rune)) a++;
  while (b > a && set.has(all[b - 1].rune)) b--;
  if (a === b) return '';
  return str.slice(all[a].start, all[b - 1].end);
}

/** goutils WrapCustom, on bytes. */
function wrapCustom(str: string, wrapLength: number, newLine: string, wrapLong: boolean): string {
  if (str === '') return '';
  const nl = newLine === '' ? '\n' : newLine;
  const width = wrapLength < 1 ? 1 : wrapLength;
  const b = utf8Encode(str);
  const len = b.length;
  const piece = (lo: number, hi: number): string => utf8Decode(b.subarray(lo, hi));
  let offset = 0;
  let out = '';
  while (len - offset > width) {
    if (b[offset] === 0x20) {
      offset++;
      continue;
    }
    let space = b.subarray(offset, width + offset + 1).lastIndexOf(0x20);
    if (space >= 0) {
      space += offset;
      out += piece(offset, space) + nl;
      offset = space + 1;
    } else if (wrapLong) {
      out += piece(offset, width + offset) + nl;
      offset += width;
    } else {
      const end = width + offset;
      const idx = b.subarray(end).indexOf(0x20);
      if (idx >= 0) {
        out += piece(offset, idx + end) + nl;
        offset = idx + end + 1;
      } else {
        out += piece(offset, len);
        offset = len;
      }
    }
  }
  return out + piece(offset, len);
}

function indent(spaces: bigint, v: string): string {
  const pad = goRepeat(' ', spaces);
  return pad + v.split('\n').join('\n' + pad);
}

/** The units Go's strings.Split(s, "") yields: one per UTF-8 sequence or invalid byte. */
function explode(str: string, limit: number): string[] {
  const parts: string[] = [];
  const all = [...runes(str)];
  for (let i = 0; i < all.length; i++) {
    if (limit > 0 && parts.length === limit - 1) {
      parts.push(str.slice(all[i].start));
      break;
    }
    parts.push(str.slice(all[i].start, all[i].end));
  }
  return parts;
}

/**
 * Substring operations must match bytes. Our strings hold valid UTF-8 as characters, so plain
 * JavaScript string operations agree with Go's byte operations unless a string holds escaped
 * invalid bytes (a pattern cut from inside a character can match part of a valid one). Then the
 * operation runs on one char per byte instead.
 */
const ESCAPED_BYTE = /[\udc80-\udcff]/;
const toBin = (x: string): string => latin1(utf8Encode(x));
const fromBin = (b: string): string => utf8Decode(Uint8Array.from(b, (c) => c.charCodeAt(0)));
function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}
function onBytes<T>(strs: string[], op: (...xs: string[]) => T, back: (r: T) => T): T {
  if (!strs.some((x) => ESCAPED_BYTE.test(x))) return op(...strs);
  return back(op(...strs.map(toBin)));
}
const same = <T>(r: T): T => r;
const backStrings = (r: string[]): string[] => r.map(fromBin);

/** strings.SplitN(str, sep, limit) (limit < 0: all). */
export function goSplit(str: string, sep: string, limit = -1): string[] {
  if (limit === 0) return [];
  if (sep === '') return explode(str, limit);
  return onBytes(
    [str, sep],
    (x, y) => {
      const all = x.split(y);
      if (limit < 0 || all.length <= limit) return all;
      return [...all.slice(0, limit - 1), all.slice(limit - 1).join(y)];
    },
    backStrings,
  );
}

/** strings.Replace(src, old, new, -1). */
function replaceAll(src: string, old: string, repl: string): string {
  if (old === '') {
    const units = explode(src, -1);
    return repl + units.map((u) => u + repl).join('');
  }
  return onBytes([src, old, repl], (x, o, r) => x.split(o).join(r), fromBin);
}

function toMap(parts: string[]): Map<string, GoValue> {
  const m = new Map<string, GoValue>();
  parts.forEach((p, i) => m.set('_' + i, p));
  return withType(m, STRING_MAP_TYPE);
}

/** Sprig's sortAlpha: non-slices become a one-element list of their string form. */
function sortAlpha(list: GoValue): string[] {
  const out = isSliceValue(list) ? strslice(list) : [strval(list)];
  return withType(out.sort(compareGoStrings), STRING_SLICE_TYPE);
}

const str1 = (name: string, f: (x: string) => string): GoFuncSpec => ({
  name,
  params: ['string'],
  results: ['string'],
  fn: (x) => f(s(x)),
});

export const stringFuncs: readonly GoFuncSpec[] = [
  { name: 'hello', params: [], results: ['string'], fn: () => 'Hello!' },
  {
    name: 'abbrev',
    params: ['int', 'string'],
    results: ['string'],
    fn: (w, x) => (n(w) < 4 ? s(x) : abbreviateFull(s(x), 0, n(w))),
  },
  {
    name: 'abbrevboth',
    params: ['int', 'int', 'string'],
    results: ['string'],
    fn: (l, r, x) => (n(r) < 4 || (n(l) > 0 && n(r) < 7) ? s(x) : abbreviateFull(s(x), n(l), n(r))),
  },
  {
    name: 'trunc',
    params: ['int', 'string'],
    results: ['string'],
    fn: (c, x) => {
      const len = byteLength(s(x));
      const k = n(c);
      if (k < 0 && len + k > 0) return byteSlice(s(x), len + k);
      if (k >= 0 && len > k) return byteSlice(s(x), 0, k);
      return s(x);
    },
  },
  str1('trim', trimSpace),
  str1('upper', (x) => (isAscii(x) ? x.toUpperCase() : mapRunes(x, toUpper))),
  str1('lower', (x) => (isAscii(x) ? x.toLowerCase() : mapRunes(x, toLower))),
  str1('title', title),
  str1('untitle', uncapitalize),
  {
    name: 'substr',
    params: ['int', 'int', 'string'],
    results: ['string'],
    fn: (a, b, x) => {
      const start = n(a);
      const end = n(b);
      const str = s(x);
      if (start < 0) return sliceString(str, undefined, end);
      if (end < 0 || end > byteLength(str)) return sliceString(str, start, undefined);
      return sliceString(str, start, end);
    },
  },
  { name: 'repeat', params: ['int', 'string'], results: ['string'], fn: (c, x) => goRepeat(s(x), (c as GoInt).value) },
  { name: 'trimall', params: ['string', 'string'], results: ['string'], fn: (a, b) => trimCutset(s(b), s(a)) },
  { name: 'trimAll', params: ['string', 'string'], results: ['string'], fn: (a, b) => trimCutset(s(b), s(a)) },
  {
    name: 'trimSuffix',
    params: ['string', 'string'],
    results: ['string'],
    fn: (a, b) => onBytes([s(a), s(b)], (x, y) => (x !== '' && y.endsWith(x) ? y.slice(0, y.length - x.length) : y), fromBin),
  },
  {
    name: 'trimPrefix',
    params: ['string', 'string'],
    results: ['string'],
    fn: (a, b) => onBytes([s(a), s(b)], (x, y) => (y.startsWith(x) ? y.slice(x.length) : y), fromBin),
  },
  str1('nospace', nospace),
  str1('initials', initials),
  str1('swapcase', swapCase),
  str1('snakecase', (x) => caseToLower(x, '_')),
  str1('camelcase', camelCase),
  str1('kebabcase', (x) => caseToLower(x, '-')),
  { name: 'wrap', params: ['int', 'string'], results: ['string'], fn: (l, x) => wrapCustom(s(x), n(l), '', false) },
  {
    name: 'wrapWith',
    params: ['int', 'string', 'string'],
    results: ['string'],
    fn: (l, sep, x) => wrapCustom(s(x), n(l), s(sep), true),
  },
  { name: 'contains', params: ['string', 'string'], results: ['bool'], fn: (a, b) => onBytes([s(a), s(b)], (x, y) => y.includes(x), same) },
  { name: 'hasPrefix', params: ['string', 'string'], results: ['bool'], fn: (a, b) => onBytes([s(a), s(b)], (x, y) => y.startsWith(x), same) },
  { name: 'hasSuffix', params: ['string', 'string'], results: ['bool'], fn: (a, b) => onBytes([s(a), s(b)], (x, y) => y.endsWith(x), same) },
  {
    name: 'quote',
    params: ['interface {}'],
    variadic: true,
    results: ['string'],
    fn: (...xs) =>
      xs
        .filter((x) => x !== null)
        .map((x) => quoteGo(strval(x)))
        .join(' '),
  },
  {
    name: 'squote',
    params: ['interface {}'],
    variadic: true,
    results: ['string'],
    fn: (...xs) =>
      xs
        .filter((x) => x !== null)
        .map((x) => "'" + formatValue(x) + "'")
        .join(' '),
  },
  {
    name: 'cat',
    params: ['interface {}'],
    variadic: true,
    results: ['string'],
    fn: (...xs) =>
      xs
        .filter((x) => x !== null)
        .map((x) => formatValue(x))
        .join(' '),
  },
  { name: 'indent', params: ['int', 'string'], results: ['string'], fn: (k, x) => indent((k as GoInt).value, s(x)) },
  { name: 'nindent', params: ['int', 'string'], results: ['string'], fn: (k, x) => '\n' + indent((k as GoInt).value, s(x)) },
  {
    name: 'replace',
    params: ['string', 'string', 'string'],
    results: ['string'],
    fn: (o, r, x) => replaceAll(s(x), s(o), s(r)),
  },
  {
    name: 'plural',
    params: ['string', 'string', 'int'],
    results: ['string'],
    fn: (one, many, c) => ((c as GoInt).value === 1n ? one : many),
  },
  {
    name: 'join',
    params: ['string', 'interface {}'],
    results: ['string'],
    fn: (sep, v) => strslice(v).join(s(sep)),
  },
  {
    name: 'split',
    params: ['string', 'string'],
    results: ['map[string]string'],
    fn: (sep, x) => toMap(goSplit(s(x), s(sep))),
  },
  {
    name: 'splitList',
    params: ['string', 'string'],
    results: ['[]string'],
    fn: (sep, x) => withType(goSplit(s(x), s(sep)), STRING_SLICE_TYPE),
  },
  {
    name: 'splitn',
    params: ['string', 'int', 'string'],
    results: ['map[string]string'],
    fn: (sep, k, x) => toMap(goSplit(s(x), s(sep), n(k))),
  },
  { name: 'sortAlpha', params: ['interface {}'], results: ['[]string'], fn: (l) => sortAlpha(l) },
];
