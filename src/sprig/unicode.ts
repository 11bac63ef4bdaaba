/**
 * Go's `unicode` package predicates and simple (one rune to one rune) case mappings, and
 * `strings.Map`-style rune mapping over byte strings. JavaScript's toUpperCase/toLowerCase use
 * the full (SpecialCasing) mappings, so `ß` would become `SS`; Go keeps `ß`. Go 1.23/1.25 know
 * Unicode 15.0 while Node's ICU may be newer: a rune Go does not consider printable (i.e. not
 * assigned as a graphic character in 15.0) has no category and no case mapping here either.
 */
import { isPrint } from '../gotemplate/unicode.js';

const RE_LU = /^\p{Lu}$/u;
const RE_LL = /^\p{Ll}$/u;
const RE_LT = /^\p{Lt}$/u;
const RE_L = /^\p{L}$/u;
const RE_ND = /^\p{Nd}$/u;
const RE_N = /^\p{N}$/u;
const RE_P = /^\p{P}$/u;

const ch = (r: number): string => String.fromCodePoint(r);

const UPPER = new Map<number, number>();
const LOWER = new Map<number, number>();
const CATEGORY = new Map<number, number>();
function memo(cache: Map<number, number>, r: number, f: (r: number) => number): number {
  let v = cache.get(r);
  if (v === undefined) {
    v = f(r);
    if (cache.size >= 1 << 16) cache.clear();
    cache.set(r, v);
  }
  return v;
}

// Category bits of a non-ASCII rune, as Go's unicode tables (15.0) give them.
const LU = 1, LL = 2, LT = 4, L = 8, ND = 16, N = 32, P = 64;
function categoryBits(r: number): number {
  if (!valid(r)) return 0;
  const c = ch(r);
  return (
    (RE_LU.test(c) ? LU : 0) |
    (RE_LL.test(c) ? LL : 0) |
    (RE_LT.test(c) ? LT : 0) |
    (RE_L.test(c) ? L : 0) |
    (RE_ND.test(c) ? ND : 0) |
    (RE_N.test(c) ? N : 0) |
    (RE_P.test(c) ? P : 0)
  );
}
const cat = (r: number, bit: number): boolean => (memo(CATEGORY, r, categoryBits) & bit) !== 0;
const valid = (r: number): boolean => r >= 0 && r <= 0x10ffff && !(r >= 0xd800 && r <= 0xdfff) && isPrint(r);

export const isUpper = (r: number): boolean => (r < 0x80 ? r >= 0x41 && r <= 0x5a : cat(r, LU));
export const isLower = (r: number): boolean => (r < 0x80 ? r >= 0x61 && r <= 0x7a : cat(r, LL));
export const isTitle = (r: number): boolean => r >= 0x80 && cat(r, LT);
export const isLetter = (r: number): boolean => (r < 0x80 ? (r | 0x20) >= 0x61 && (r | 0x20) <= 0x7a : cat(r, L));
export const isDigit = (r: number): boolean => (r < 0x80 ? r >= 0x30 && r <= 0x39 : cat(r, ND));
export const isNumber = (r: number): boolean => (r < 0x80 ? r >= 0x30 && r <= 0x39 : cat(r, N));
export const isPunct = (r: number): boolean => (r < 0x80 ? valid(r) && RE_P.test(ch(r)) : cat(r, P));

/** unicode.IsSpace. */
export function isSpace(r: number): boolean {
  if (r <= 0xff) return r === 0x20 || (r >= 0x09 && r <= 0x0d) || r === 0x85 || r === 0xa0;
  return (
    r === 0x1680 || (r >= 0x2000 && r <= 0x200a) || r === 0x2028 || r === 0x2029 || r === 0x202f || r === 0x205f || r === 0x3000
  );
}

/** Greek letters with ypogegrammeni whose simple uppercase is the titlecase letter (U+1F80 -> U+1F88). */
function greekIotaUpper(r: number): number {
  if ((r >= 0x1f80 && r <= 0x1f87) || (r >= 0x1f90 && r <= 0x1f97) || (r >= 0x1fa0 && r <= 0x1fa7)) return r + 8;
  if (r === 0x1fb3 || r === 0x1fc3 || r === 0x1ff3) return r + 9;
  return -1;
}

/** unicode.ToUpper (simple mapping). */
export function toUpper(r: number): number {
  if (r < 0x80) return r >= 0x61 && r <= 0x7a ? r - 32 : r;
  return memo(UPPER, r, toUpperSlow);
}

function toUpperSlow(r: number): number {
  if (r < 0x80) return r >= 0x61 && r <= 0x7a ? r - 32 : r;
  if (!valid(r)) return r;
  const g = greekIotaUpper(r);
  if (g >= 0) return g;
  const u = ch(r).toUpperCase();
  const cp = u.codePointAt(0) ?? r;
  return u.length === (cp > 0xffff ? 2 : 1) && valid(cp) ? cp : r;
}

/** unicode.ToLower (simple mapping). */
export function toLower(r: number): number {
  if (r < 0x80) return r >= 0x41 && r <= 0x5a ? r + 32 : r;
  return memo(LOWER, r, toLowerSlow);
}

function toLowerSlow(r: number): number {
  if (r < 0x80) return r >= 0x41 && r <= 0x5a ? r + 32 : r;
  if (!valid(r)) return r;
  if (r === 0x130) return 0x69;
  const l = ch(r).toLowerCase();
  const cp = l.codePointAt(0) ?? r;
  return l.length === (cp > 0xffff ? 2 : 1) && valid(cp) ? cp : r;
}

/** unicode.ToTitle (simple mapping). */
export function toTitle(r: number): number {
  switch (r) {
    case 0x1c4:
    case 0x1c5:
    case 0x1c6:
      return 0x1c5;
    case 0x1c7:
    case 0x1c8:
    case 0x1c9:
      return 0x1c8;
    case 0x1ca:
    case 0x1cb:
    case 0x1cc:
      return 0x1cb;
    case 0x1f1:
    case 0x1f2:
    case 0x1f3:
      return 0x1f2;
  }
  // Georgian Mkhedruli letters have an uppercase (Mtavruli) but are their own titlecase.
  if ((r >= 0x10d0 && r <= 0x10fa) || (r >= 0x10fd && r <= 0x10ff)) return r;
  if (isTitle(r)) return r;
  return toUpper(r);
}

/**
 * strings.Map: applies `f` to every rune; invalid bytes are seen as U+FFFD and, when anything
 * changes, written as U+FFFD. Returns the input unchanged when no rune changes.
 */
export function mapRunes(s: string, f: (r: number) => number): string {
  const parts: string[] = [];
  let changed = false;
  let from = 0; // start of the pending unchanged stretch
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    let rune = c;
    let units = 1;
    let invalid = false;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        rune = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        units = 2;
      } else {
        invalid = true;
      }
    } else if (c >= 0xd800 && c <= 0xdfff) {
      invalid = true;
    }
    if (invalid) rune = 0xfffd;
    const r = f(rune);
    if (invalid || r !== rune) {
      changed = true;
      if (from < i) parts.push(s.slice(from, i));
      parts.push(ch(r));
      from = i + units;
    }
    i += units;
  }
  if (!changed) return s;
  if (from < s.length) parts.push(s.slice(from));
  return parts.join('');
}
