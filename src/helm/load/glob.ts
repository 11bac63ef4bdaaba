/**
 * Go's `path.Match` / `filepath.Match` (Unix): the shell pattern language `.helmignore` rules use.
 * `*` matches any run of characters other than '/', `?` one character other than '/',
 * `[...]` a class (`^` negates, `a-z` ranges), `\` escapes. Linear in practice: `*` chunks are
 * matched by a bounded scan, never by backtracking regexes.
 */

/** Go's path.ErrBadPattern text. */
export const BAD_PATTERN = 'syntax error in pattern';

/** Thrown by `goMatch` for a malformed pattern. */
export class BadPatternError extends Error {
  constructor() {
    super(BAD_PATTERN);
    this.name = 'BadPatternError';
  }
}

type Runes = readonly number[];

function toRunes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0) ?? 0);
  return out;
}

const STAR = 0x2a; // *
const SLASH = 0x2f; // /
const BACKSLASH = 0x5c;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const QUESTION = 0x3f;
const CARET = 0x5e;
const DASH = 0x2d;

/** Splits off the leading stars and the next chunk (up to the next unbracketed star). */
function scanChunk(p: Runes, from: number): { star: boolean; start: number; end: number } {
  let i = from;
  let star = false;
  while (i < p.length && p[i] === STAR) {
    i++;
    star = true;
  }
  const start = i;
  let inRange = false;
  for (; i < p.length; i++) {
    const c = p[i];
    if (c === BACKSLASH) {
      if (i + 1 < p.length) i++;
    } else if (c === LBRACKET) inRange = true;
    else if (c === RBRACKET) inRange = false;
    else if (c === STAR && !inRange) break;
  }
  return { star, start, end: i };
}

/** Reads one possibly escaped class character at `i`; returns it and the next index. */
function getEsc(p: Runes, i: number, end: number): [number, number] {
  if (i >= end || p[i] === DASH || p[i] === RBRACKET) throw new BadPatternError();
  if (p[i] === BACKSLASH) {
    i++;
    if (i >= end) throw new BadPatternError();
  }
  const r = p[i];
  i++;
  if (i >= end) throw new BadPatternError();
  return [r, i];
}

/**
 * Matches chunk p[start,end) against s from `at`. Returns the index in `s` after the match, or
 * -1. Like Go, keeps checking the chunk's syntax after a mismatch (throws BadPatternError).
 */
function matchChunk(p: Runes, start: number, end: number, s: Runes, at: number): number {
  let failed = false;
  let i = start;
  let j = at;
  while (i < end) {
    if (!failed && j >= s.length) failed = true;
    const c = p[i];
    if (c === LBRACKET) {
      let r = -1;
      if (!failed) r = s[j++];
      i++;
      let negated = false;
      if (i < end && p[i] === CARET) {
        negated = true;
        i++;
      }
      let match = false;
      let nrange = 0;
      for (;;) {
        if (i < end && p[i] === RBRACKET && nrange > 0) {
          i++;
          break;
        }
        let lo: number;
        [lo, i] = getEsc(p, i, end);
        let hi = lo;
        if (p[i] === DASH) [hi, i] = getEsc(p, i + 1, end);
        if (lo <= r && r <= hi) match = true;
        nrange++;
      }
      if (match === negated) failed = true;
    } else if (c === QUESTION) {
      if (!failed) {
        if (s[j] === SLASH) failed = true;
        j++;
      }
      i++;
    } else {
      if (c === BACKSLASH) {
        i++;
        if (i >= end) throw new BadPatternError();
      }
      if (!failed) {
        if (p[i] !== s[j]) failed = true;
        j++;
      }
      i++;
    }
  }
  return failed ? -1 : j;
}

/** Go's path.Match(pattern, name). Throws BadPatternError for a malformed pattern. */
export function goMatch(pattern: string, name: string): boolean {
  const p = toRunes(pattern);
  const s = toRunes(name);
  let pi = 0;
  let si = 0;
  outer: while (pi < p.length) {
    const { star, start, end } = scanChunk(p, pi);
    pi = end;
    if (star && start === end) {
      // A trailing star matches the rest unless it holds a '/'.
      for (let k = si; k < s.length; k++) if (s[k] === SLASH) return false;
      return true;
    }
    let err: unknown = null;
    let t = -1;
    try {
      t = matchChunk(p, start, end, s, si);
    } catch (e) {
      err = e;
    }
    if (t >= 0 && (t === s.length || pi < p.length)) {
      si = t;
      continue;
    }
    if (err) throw err;
    if (star) {
      for (let k = si; k < s.length && s[k] !== SLASH; k++) {
        const t2 = matchChunk(p, start, end, s, k + 1);
        if (t2 >= 0) {
          if (pi === p.length && t2 < s.length) continue;
          si = t2;
          continue outer;
        }
      }
    }
    // Before answering false, check the rest of the pattern is well-formed.
    while (pi < p.length) {
      const c = scanChunk(p, pi);
      pi = c.end;
      matchChunk(p, c.start, c.end, [], 0);
    }
    return false;
  }
  return si === s.length;
}

/** Checks a pattern's syntax the way helm does (`filepath.Match(rule, "abc")`). */
export function checkPattern(pattern: string): void {
  goMatch(pattern, 'abc');
}
