/**
 * The order in which go-yaml v2 writes map keys ("natural" order): runs of digits compare by
 * their numeric value, a non-letter sorts before a letter, letters compare by code point.
 * So `a2` < `a10`, `_x` < `B` < `a`, `t1` < `t2` < `t10`. (goyaml.v3 differs in one rule:
 * right after a digit, a letter sorts first.)
 */

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

function isLetter(c: number): boolean {
  return c < 0x80 ? (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : LETTER.test(String.fromCodePoint(c));
}

function isDigit(c: number): boolean {
  return c < 0x80 ? c >= 48 && c <= 57 : DIGIT.test(String.fromCodePoint(c));
}

function runes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0) as number);
  return out;
}

/** Reads a digit run starting at i the way go-yaml does (int64 arithmetic on `rune - '0'`). */
function digitRun(r: number[], i: number, start: bigint): [bigint, number] {
  let n = start;
  let j = i;
  for (; j < r.length && isDigit(r[j]); j++) n = BigInt.asIntN(64, n * 10n + BigInt(r[j] - 48));
  return [n, j];
}

/** True when key `a` is written before key `b`. */
export function naturalLess(a: string, b: string, v3 = false): boolean {
  const ar = runes(a);
  const br = runes(b);
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
