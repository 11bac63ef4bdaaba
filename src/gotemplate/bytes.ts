/**
 * Go byte strings held as JavaScript strings (see value.ts): valid UTF-8 is held as the
 * characters it encodes; every byte that is not part of valid UTF-8 is held as the lone
 * surrogate U+DC00 + byte (U+DC80..U+DCFF). These helpers convert between that form and bytes,
 * and measure, slice and iterate strings the way Go does (by bytes and by runes).
 */

/** First and last code unit used for an escaped raw byte 0x80..0xFF. */
const ESC_LO = 0xdc80;
const ESC_HI = 0xdcff;

/** The Unicode replacement character, which Go yields for every invalid byte. */
export const RUNE_ERROR = 0xfffd;

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** True when the string is plain ASCII (all Go byte/rune questions are then trivial). */
export function isAscii(s: string): boolean {
  return ASCII_ONLY.test(s);
}

/** True when the UTF-16 code unit at `i` of `s` is an escaped raw byte (not half of a pair). */
export function isEscapedByteAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= ESC_LO && c <= ESC_HI && !(i > 0 && isHigh(s.charCodeAt(i - 1)));
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Reads the code point at UTF-16 index `i`: a full character (BMP or a surrogate pair), an
 * escaped byte, or a stray surrogate. Returns the code point and its length in code units.
 */
function cpAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (isHigh(c) && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (isLow(d)) return 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
  }
  return c;
}

/** The Go bytes of a string (escaped bytes become the raw bytes again). */
export function utf8Encode(s: string): Uint8Array {
  if (isAscii(s)) {
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  const out = new Uint8Array(byteLength(s));
  let o = 0;
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      out[o++] = c;
      i++;
      continue;
    }
    if (c >= ESC_LO && c <= ESC_HI) {
      out[o++] = c - 0xdc00;
      i++;
      continue;
    }
    let cp = cpAt(s, i);
    i += cp > 0xffff ? 2 : 1;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = RUNE_ERROR;
    o = putRune(out, o, cp);
  }
  return out;
}

function putRune(out: Uint8Array, o: number, cp: number): number {
  if (cp < 0x80) {
    out[o++] = cp;
  } else if (cp < 0x800) {
    out[o++] = 0xc0 | (cp >> 6);
    out[o++] = 0x80 | (cp & 0x3f);
  } else if (cp < 0x10000) {
    out[o++] = 0xe0 | (cp >> 12);
    out[o++] = 0x80 | ((cp >> 6) & 0x3f);
    out[o++] = 0x80 | (cp & 0x3f);
  } else {
    out[o++] = 0xf0 | (cp >> 18);
    out[o++] = 0x80 | ((cp >> 12) & 0x3f);
    out[o++] = 0x80 | ((cp >> 6) & 0x3f);
    out[o++] = 0x80 | (cp & 0x3f);
  }
  return o;
}

/**
 * Decodes one UTF-8 sequence at `bytes[i]` with Go's rules (shortest form only, no surrogates,
 * at most U+10FFFF). Returns the code point and width, or -1 and width 1 for an invalid byte.
 */
export function decodeUtf8At(bytes: ArrayLike<number>, i: number, end: number = bytes.length): [number, number] {
  const b0 = bytes[i];
  if (b0 < 0x80) return [b0, 1];
  if (b0 < 0xc2 || b0 > 0xf4) return [-1, 1];
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < end && bytes[i + k] >= lo && bytes[i + k] <= hi;
  if (b0 < 0xe0) {
    if (!cont(1)) return [-1, 1];
    return [((b0 & 0x1f) << 6) | (bytes[i + 1] & 0x3f), 2];
  }
  if (b0 < 0xf0) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    if (!cont(1, lo, hi) || !cont(2)) return [-1, 1];
    return [((b0 & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f), 3];
  }
  const lo = b0 === 0xf0 ? 0x90 : 0x80;
  const hi = b0 === 0xf4 ? 0x8f : 0xbf;
  if (!cont(1, lo, hi) || !cont(2) || !cont(3)) return [-1, 1];
  return [((b0 & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f), 4];
}

/** Bytes to a byte string, losslessly: invalid bytes are held as U+DC80..U+DCFF. */
export function utf8Decode(bytes: Uint8Array): string {
  // Valid UTF-8 (nearly every input) takes the platform decoder; anything else the lossless
  // decoder below, which keeps invalid bytes.
  if (strictUtf8 !== undefined) {
    try {
      return strictUtf8.decode(bytes);
    } catch {
      // not valid UTF-8
    }
  }
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return latin(bytes, 0, bytes.length);
  const parts: string[] = [];
  let units: number[] = [];
  const flush = (): void => {
    if (units.length) parts.push(String.fromCharCode(...units));
    units = [];
  };
  for (let i = 0; i < bytes.length; ) {
    const [cp, w] = decodeUtf8At(bytes, i);
    if (cp < 0) units.push(0xdc00 + bytes[i]);
    else if (cp > 0xffff) units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    else units.push(cp);
    i += w;
    if (units.length > 8000) flush();
  }
  flush();
  return parts.join('');
}

/** The platform's strict UTF-8 decoder (Node and browsers have one); it keeps a BOM as text. */
const strictUtf8: { decode(bytes: Uint8Array): string } | undefined = (() => {
  const Decoder = (globalThis as { TextDecoder?: new (label: string, opts: object) => { decode(bytes: Uint8Array): string } }).TextDecoder;
  return Decoder ? new Decoder('utf-8', { fatal: true, ignoreBOM: true }) : undefined;
})();

function latin(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 8192)));
  }
  return out;
}

/** Go's len(s): the number of bytes. */
export function byteLength(s: string): number {
  const len = s.length;
  let n = len;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xdc80 && c <= 0xdcff && !(i > 0 && isHigh(s.charCodeAt(i - 1)))) continue; // escaped byte
    else if (isHigh(c) && i + 1 < len && isLow(s.charCodeAt(i + 1))) {
      n += 2; // 4 bytes for 2 code units
      i++;
    } else n += 2; // 3 bytes (stray surrogates are written as U+FFFD)
  }
  return n;
}

/**
 * Go's s[start:end] on bytes (end defaults to len(s)). Callers check bounds as Go does; here
 * out-of-range bounds are clamped. Cutting inside a character leaves its bytes escaped.
 */
export function byteSlice(s: string, start: number, end?: number): string {
  if (isAscii(s)) return s.slice(start, end);
  const bytes = utf8Encode(s);
  return utf8Decode(bytes.subarray(start, end ?? bytes.length));
}

/** Go's s[i]: the byte at index i (callers check the range). */
export function byteAt(s: string, i: number): number {
  if (isAscii(s)) return s.charCodeAt(i);
  return utf8Encode(s)[i];
}

/** utf8.ValidString: no escaped bytes (and no stray surrogates). */
export function isValidUtf8(s: string): boolean {
  if (isAscii(s)) return true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isHigh(c)) {
      if (i + 1 < s.length && isLow(s.charCodeAt(i + 1))) {
        i++;
        continue;
      }
      return false;
    }
    if (isLow(c)) return false;
  }
  return true;
}

/** One rune of a Go string as `for i, r := range s` sees it. */
export interface RuneStep {
  /** The rune; U+FFFD for an invalid byte. */
  readonly rune: number;
  /** Byte offset in the Go string. */
  readonly byteIndex: number;
  /** Width in bytes (1 for an invalid byte). */
  readonly byteWidth: number;
  /** UTF-16 offsets of this rune in the JS string: s.slice(start, end) is its text. */
  readonly start: number;
  readonly end: number;
  /** True when this is an invalid byte (rune is U+FFFD but the text is the escaped byte). */
  readonly invalid: boolean;
}

/** Iterates runes as Go's `range` over a string does (invalid byte = U+FFFD, width 1). */
export function* runes(s: string): Generator<RuneStep> {
  let b = 0;
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    let rune: number;
    let units = 1;
    let width: number;
    let invalid = false;
    if (c < 0x80) {
      rune = c;
      width = 1;
    } else if (isHigh(c) && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) {
      rune = cpAt(s, i);
      units = 2;
      width = 4;
    } else if (c >= ESC_LO && c <= ESC_HI) {
      rune = RUNE_ERROR;
      width = 1;
      invalid = true;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      rune = RUNE_ERROR;
      width = 3;
      invalid = true;
    } else {
      rune = c;
      width = c < 0x800 ? 2 : 3;
    }
    yield { rune, byteIndex: b, byteWidth: width, start: i, end: i + units, invalid };
    b += width;
    i += units;
  }
}

/** The runes of a string as Go's []rune(s) gives them (invalid byte = U+FFFD). */
export function goRunes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (isHigh(c) && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) {
      out.push(cpAt(s, i));
      i += 2;
    } else {
      out.push(c >= 0xd800 && c <= 0xdfff ? RUNE_ERROR : c);
      i++;
    }
  }
  return out;
}

/** utf8.RuneCountInString. */
export function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    n++;
    if (isHigh(s.charCodeAt(i)) && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) i++;
  }
  return n;
}

/** Go's string(rune): the character, or U+FFFD for a surrogate or out-of-range value. */
export function runeToString(r: number): string {
  if (r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(r);
}

/** Go's string(runes): each rune as runeToString. */
export function runesToString(rs: readonly number[]): string {
  let out = '';
  for (const r of rs) out += runeToString(r);
  return out;
}

/** A byte string from a single byte value 0..255 (Go's string([]byte{b})). */
export function byteToString(b: number): string {
  return b < 0x80 ? String.fromCharCode(b) : String.fromCharCode(0xdc00 + b);
}

/** The final bytes of rendered output (what helm writes). */
export function toGoOutput(s: string): Uint8Array {
  return utf8Encode(s);
}

const ESCAPED_BYTE = /[\udc80-\udcff]/;

/**
 * The canonical form of a byte string: escaped bytes that together form valid UTF-8 (after
 * concatenating pieces cut from one character) become that character again. Two byte strings
 * are equal in Go iff their canonical forms are equal as JS strings.
 */
export function normalizeByteString(s: string): string {
  if (!ESCAPED_BYTE.test(s)) return s;
  return utf8Decode(utf8Encode(s));
}

/** Go's s == t for byte strings. */
export function byteStringsEqual(a: string, b: string): boolean {
  return a === b || normalizeByteString(a) === normalizeByteString(b);
}
