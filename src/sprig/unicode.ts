/**
 * Go's `unicode` package predicates and simple (one rune to one rune) case mappings, and
 * `strings.Map`-style rune mapping over byte strings. JavaScript's toUpperCase/toLowerCase use
 * the full (SpecialCasing) mappings, so `ß` would become `SS`; Go keeps `ß`. Go 1.23/1.25 know
 * Unicode 15.0 while Node's ICU may be newer: a rune Go does not consider printable (i.e. not
 * assigned as a graphic character in 15.0) has no category and no case mapping here either.
 */
import { runes } from '../gotemplate/bytes.js';
import { isPrint } from '../gotemplate/unicode.js';

const RE_LU = /^\p{Lu}$/u;
const RE_LL = /^\p{Ll}$/u;
const RE_LT = /^\p{Lt}$/u;
const RE_L = /^\p{L}$/u;
const RE_ND = /^\p{Nd}$/u;
const RE_N = /^\p{N}$/u;
const RE_P = /^\p{P}$/u;

const ch = (r: number): string => String.fromCodePoint(r);
const valid = (r: number): boolean => r >= 0 && r <= 0x10ffff && !(r >= 0xd800 && r <= 0xdfff) && isPrint(r);

export const isUpper = (r: number): boolean => (r < 0x80 ? r >= 0x41 && r <= 0x5a : valid(r) && RE_LU.test(ch(r)));
export const isLower = (r: number): boolean => (r < 0x80 ? r >= 0x61 && r <= 0x7a : valid(r) && RE_LL.test(ch(r)));
export const isTitle = (r: number): boolean => r >= 0x80 && valid(r) && RE_LT.test(ch(r));
export const isLetter = (r: number): boolean =>
  r < 0x80 ? (r | 0x20) >= 0x61 && (r | 0x20) <= 0x7a : valid(r) && RE_L.test(ch(r));
export const isDigit = (r: number): boolean => (r < 0x80 ? r >= 0x30 && r <= 0x39 : valid(r) && RE_ND.test(ch(r)));
export const isNumber = (r: number): boolean => (r < 0x80 ? r >= 0x30 && r <= 0x39 : valid(r) && RE_N.test(ch(r)));
export const isPunct = (r: number): boolean => valid(r) && RE_P.test(ch(r));

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
  let out = '';
  let changed = false;
  for (const step of runes(s)) {
    const r = f(step.rune);
    if (step.invalid) {
      changed = true;
      out += ch(r);
      continue;
    }
    if (r !== step.rune) changed = true;
    out += r === step.rune ? s.slice(step.start, step.end) : ch(r);
  }
  return changed ? out : s;
}
