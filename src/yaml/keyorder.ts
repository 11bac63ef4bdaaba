/**
 * The order in which go-yaml v2 writes map keys ("natural" order): runs of digits compare by
 * their numeric value, a non-letter sorts before a letter, letters compare by code point.
 * So `a2` < `a10`, `_x` < `B` < `a`, `t1` < `t2` < `t10`. (goyaml.v3 differs in one rule:
 * right after a digit, a letter sorts first.)
 */
import { goRunes } from '../gotemplate/bytes.js';
import { isPrint } from '../gotemplate/unicode.js';

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

// Go's unicode tables are Unicode 15.0; Node's may be newer. A rune Go does not know as printable
// (unassigned in 15.0, e.g. U+13808) is neither a letter nor a digit to Go.
function isLetter(c: number): boolean {
  return c < 0x80 ? (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : isPrint(c) && LETTER.test(String.fromCodePoint(c));
}

function isDigit(c: number): boolean {
  return c < 0x80 ? c >= 48 && c <= 57 : isPrint(c) && DIGIT.test(String.fromCodePoint(c));
}

/** Reads a digit run starting at i the way go-yaml does (int64 arithmetic on `rune - '0'`). */
function digitRun(r: number[], i: number, start: bigint): [bigint, number] {
  // Short ASCII runs fit a double exactly; longer ones use int64 arithmetic.
  let j = i;
  let small = Number(start);
  while (j < r.length && r[j] >= 48 && r[j] <= 57 && j - i < 15) small = small * 10 + (r[j++] - 48);
  if (j >= r.length || !isDigit(r[j])) return [BigInt(small), j];
  let n = BigInt(small);
  for (; j < r.length && isDigit(r[j]); j++) n = BigInt.asIntN(64, n * 10n + BigInt(r[j] - 48));
  return [n, j];
}

/** True when key `a` is written before key `b`. */
export function naturalLess(a: string, b: string, v3 = false): boolean {
  return runesLess(goRunes(a), goRunes(b), v3);
}

function runesLess(ar: number[], br: number[], v3: boolean): boolean {
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) {
      digits = isDigit(ar[i]);
      continue;
    }
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return v3 && digits ? al : bl;
    let start = 0n;
    if (ar[i] === 48 || br[i] === 48) {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] - 48 > 0) {
          start = 1n;
          break;
        }
      }
    }
    const [an, ai] = digitRun(ar, i, start);
    const [bn, bi] = digitRun(br, i, start);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

/** Sorts keys in go-yaml's order (v2, or v3 when `v3`). */
export function sortKeys(keys: string[], v3: boolean): string[] {
  if (keys.length < 2) return keys;
  const dec = keys.map((k) => ({ k, r: goRunes(k) }));
  dec.sort((a, b) => (a.k === b.k ? 0 : runesLess(a.r, b.r, v3) ? -1 : runesLess(b.r, a.r, v3) ? 1 : 0));
  return dec.map((d) => d.k);
}

/** Comparator for Array#sort (go-yaml v2's order). */
export function compareNatural(a: string, b: string): number {
  if (a === b) return 0;
  return naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0;
}

/** Comparator for goyaml.v3's order: after a digit, a letter sorts before a non-letter. */
export function compareNaturalV3(a: string, b: string): number {
  if (a === b) return 0;
  return naturalLess(a, b, true) ? -1 : naturalLess(b, a, true) ? 1 : 0;
}
