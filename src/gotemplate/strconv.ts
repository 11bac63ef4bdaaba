/**
 * Go's strconv as the template engine needs it: float formatting (every format and precision,
 * float64 and float32), integer formatting, Quote and friends, and the parsers used by number
 * literals and Sprig's conversions, with Go's exact results and error texts.
 */
import { GoError } from './errors.js';
import { isPrint, isGraphic } from './unicode.js';
import { utf8Encode, decodeUtf8At, isValidUtf8 } from './bytes.js';

export { isPrint, isGraphic };

export type FloatFormat = 'e' | 'E' | 'f' | 'g' | 'G' | 'b' | 'x' | 'X';

/** strconv.NumError: `strconv.ParseInt: parsing "x": invalid syntax`. */
export class NumError extends GoError {
  constructor(
    readonly func: string,
    readonly num: string,
    readonly err: 'invalid syntax' | 'value out of range' | string,
  ) {
    super(`strconv.${func}: parsing ${quote(num)}: ${err}`);
    this.name = 'NumError';
  }
}

// ---------------------------------------------------------------------------------------------
// Decimal digits of a float

/** A decimal number 0.d1d2d3... × 10^dp (digits without trailing zeros; "" is zero). */
interface Digits {
  d: string;
  dp: number;
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Mantissa and binary exponent with x = mant × 2^exp (x finite and > 0). */
function decompose(x: number): { mant: bigint; exp: number } {
  F64[0] = x;
  const hi = U32[LITTLE ? 1 : 0];
  const lo = U32[LITTLE ? 0 : 1];
  const e = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (e === 0) {
    exp = -1074;
  } else {
    mant |= 1n << 52n;
    exp = e - 1075;
  }
  return { mant, exp };
}

function exactDigits(x: number): Digits {
  let { mant, exp } = decompose(x);
  // Drop trailing zero bits: keeps 5^-exp small for numbers with short expansions.
  while ((mant & 0xffffn) === 0n && mant !== 0n) {
    mant >>= 16n;
    exp += 16;
  }
  while ((mant & 1n) === 0n && mant !== 0n) {
    mant >>= 1n;
    exp += 1;
  }
  let s: string;
  let dp: number;
  if (exp >= 0) {
    s = (mant << BigInt(exp)).toString();
    dp = s.length;
  } else {
    s = (mant * 5n ** BigInt(-exp)).toString();
    dp = s.length + exp;
  }
  return { d: trimZeros(s), dp };
}

function trimZeros(s: string): string {
  let n = s.length;
  while (n > 0 && s.charCodeAt(n - 1) === 48) n--;
  return n === s.length ? s : s.slice(0, n);
}

/** Rounds exact digits to `n` significant digits, halves to even (Go's decimal rounding). */
function roundDigits(x: Digits, n: number): Digits {
  const { d, dp } = x;
  if (n < 0) return { d: '', dp: 0 };
  if (n >= d.length) return x;
  const c = d.charCodeAt(n);
  let up: boolean;
  if (c > 53) up = true;
  else if (c < 53) up = false;
  else if (n + 1 < d.length) up = true;
  else up = n > 0 && (d.charCodeAt(n - 1) - 48) % 2 === 1;
  if (!up) return { d: trimZeros(d.slice(0, n)), dp };
  let i = n - 1;
  while (i >= 0 && d.charCodeAt(i) === 57) i--;
  if (i < 0) return { d: '1', dp: dp + 1 };
  return { d: d.slice(0, i) + String.fromCharCode(d.charCodeAt(i) + 1), dp };
}

/** Shortest digits that read back as x (float64 or float32). */
function shortestDigits(x: number, bitSize: 32 | 64): Digits {
  if (bitSize === 64) return fromExponential(x.toExponential());
  for (let p = 1; p <= 17; p++) {
    const s = x.toExponential(p - 1);
    if (Math.fround(Number(s)) === x) return fromExponential(s);
  }
  return fromExponential(x.toExponential());
}

function fromExponential(s: string): Digits {
  const e = s.indexOf('e');
  const mant = s.slice(0, e).replace('.', '');
  const exp = Number(s.slice(e + 1));
  return { d: trimZeros(mant), dp: exp + 1 };
}

// ---------------------------------------------------------------------------------------------
// FormatFloat

/** strconv.FormatFloat(x, fmt, prec, bitSize). prec -1 = the shortest digits that round-trip. */
export function formatFloat(x: number, fmt: FloatFormat, prec: number, bitSize: 32 | 64 = 64): string {
  if (bitSize === 32) x = Math.fround(x);
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  if (fmt === 'b') return (neg ? '-' : '') + formatBinary(ax, bitSize);
  if (fmt === 'x' || fmt === 'X') return (neg ? '-' : '') + formatHex(ax, prec, fmt, bitSize);
  const shortest = prec < 0;
  if (prec === 0 && (fmt === 'g' || fmt === 'G')) prec = 1;
  let digs: Digits | undefined;
  if (ax === 0) {
    digs = { d: '', dp: 0 };
  } else if (shortest) {
    digs = shortestDigits(ax, bitSize);
  } else if (bitSize === 64 && (digs = fastFixedDigits(ax, fmt, prec)) !== undefined) {
    // JavaScript rounded the exact value correctly, and no tie was possible.
  } else {
    const exact = exactDigits(ax);
    let n: number;
    if (fmt === 'e' || fmt === 'E') n = prec + 1;
    else if (fmt === 'f') n = exact.dp + prec;
    else n = prec === 0 ? 1 : prec;
    digs = roundDigits(exact, n);
  }
  if (shortest) {
    if (fmt === 'e' || fmt === 'E') prec = Math.max(digs.d.length - 1, 0);
    else if (fmt === 'f') prec = Math.max(digs.d.length - digs.dp, 0);
    else prec = digs.d.length;
  }
  return (neg ? '-' : '') + formatDigits(digs as Digits, shortest, fmt, prec);
}

/**
 * Digits of a fixed precision from JavaScript's toFixed/toExponential, which round the exact
 * binary value correctly but break ties away from zero where Go rounds them to even. A tie at
 * the last kept digit 10^q needs x·2^(1-q) to be an integer; when that (or a looser form of it)
 * holds, undefined is returned and the caller uses exact digits.
 */
function fastFixedDigits(ax: number, fmt: FloatFormat, prec: number): Digits | undefined {
  let s: string;
  let q: number;
  if (fmt === 'f') {
    if (ax >= 1e21 || prec > 100) return undefined;
    s = ax.toFixed(prec);
    q = -prec;
    const k = Math.max(0, 2 - q);
    if (Number.isInteger(ax * 2 ** k)) return undefined;
    const dot = s.indexOf('.');
    let d = dot < 0 ? s : s.slice(0, dot) + s.slice(dot + 1);
    let dp = dot < 0 ? s.length : dot;
    let lead = 0;
    while (lead < d.length && d.charCodeAt(lead) === 48) lead++;
    d = trimZeros(d.slice(lead));
    dp -= lead;
    return d === '' ? { d: '', dp: 0 } : { d, dp };
  }
  const n = fmt === 'e' || fmt === 'E' ? prec + 1 : prec === 0 ? 1 : prec;
  if (n - 1 > 100) return undefined;
  s = ax.toExponential(n - 1);
  const digs = fromExponential(s);
  q = digs.dp - 1 - (n - 1) - 1; // one lower than the last kept digit: covers a carry
  const k = Math.max(0, 2 - q);
  if (Number.isInteger(ax * 2 ** k)) return undefined;
  return digs;
}

function formatDigits(digs: Digits, shortest: boolean, fmt: FloatFormat, prec: number): string {
  switch (fmt) {
    case 'e':
    case 'E':
      return fmtE(digs, prec, fmt);
    case 'f':
      return fmtF(digs, prec);
    default: {
      let eprec = prec;
      const nd = digs.d.length;
      if (eprec > nd && nd >= digs.dp) eprec = nd;
      if (shortest) eprec = 6;
      const exp = digs.dp - 1;
      if (nd === 0) {
        // Zero: Go's digit count is 0 and dp 0, so exp = -1 takes the %f path.
      }
      if (exp < -4 || exp >= eprec) {
        if (prec > nd) prec = nd;
        return fmtE(digs, prec - 1, fmt === 'g' ? 'e' : 'E');
      }
      if (prec > digs.dp) prec = nd;
      return fmtF(digs, Math.max(prec - digs.dp, 0));
    }
  }
}

function digitAt(digs: Digits, i: number): string {
  return i < digs.d.length ? digs.d[i] : '0';
}

function fmtE(digs: Digits, prec: number, ch: 'e' | 'E' | string): string {
  let out = digs.d.length === 0 ? '0' : digs.d[0];
  if (prec > 0) {
    out += '.';
    let i = 1;
    const m = Math.min(digs.d.length, prec + 1);
    if (i < m) {
      out += digs.d.slice(i, m);
      i = m;
    }
    for (; i <= prec; i++) out += '0';
  }
  out += ch;
  let exp = digs.dp - 1;
  if (digs.d.length === 0) exp = 0;
  out += exp < 0 ? '-' : '+';
  exp = Math.abs(exp);
  out += exp < 10 ? '0' + exp : String(exp);
  return out;
}

function fmtF(digs: Digits, prec: number): string {
  let out: string;
  if (digs.dp > 0) {
    const m = Math.min(digs.d.length, digs.dp);
    out = digs.d.slice(0, m);
    for (let i = m; i < digs.dp; i++) out += '0';
  } else {
    out = '0';
  }
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) {
      const j = digs.dp + i - 1;
      out += j < 0 ? '0' : digitAt(digs, j);
    }
  }
  return out;
}

function float32Parts(x: number): { mant: number; exp: number } {
  // x is a float32 value, finite and >= 0.
  const f = new Float32Array([x]);
  const bits = new Uint32Array(f.buffer)[0];
  const e = (bits >>> 23) & 0xff;
  let mant = bits & 0x7fffff;
  let exp: number;
  if (e === 0) exp = -149;
  else {
    mant |= 1 << 23;
    exp = e - 150;
  }
  return { mant, exp };
}

function formatBinary(ax: number, bitSize: 32 | 64): string {
  if (bitSize === 32) {
    const { mant, exp } = ax === 0 ? { mant: 0, exp: -150 + 1 } : float32Parts(ax);
    const e = ax === 0 ? -149 : exp;
    return `${mant}p${e >= 0 ? '+' : ''}${e}`;
  }
  if (ax === 0) return '0p-1074';
  const { mant, exp } = decompose(ax);
  return `${mant}p${exp >= 0 ? '+' : ''}${exp}`;
}

function formatHex(ax: number, prec: number, fmt: 'x' | 'X', bitSize: 32 | 64): string {
  // %x: -0x1.yyyyp±ddd, mantissa normalised to a leading 1 (0x0p+00 for zero).
  let mant: bigint;
  let exp: number;
  const mantbits = bitSize === 32 ? 23 : 52;
  if (ax === 0) {
    mant = 0n;
    exp = 0;
  } else if (bitSize === 32) {
    const p = float32Parts(ax);
    mant = BigInt(p.mant);
    exp = p.exp + mantbits;
  } else {
    const p = decompose(ax);
    mant = p.mant;
    exp = p.exp + mantbits;
  }
  // Normalise so that the leading 1 sits at bit 60 (shift mantissa left), as Go does.
  if (mant !== 0n) {
    let shift = 60 - mantbits;
    mant <<= BigInt(shift);
    while ((mant & (1n << 60n)) === 0n) {
      mant <<= 1n;
      exp--;
    }
    shift = 0;
    void shift;
  }
  // Round to prec hex digits (each 4 bits) after the point, half to even.
  if (prec >= 0 && prec < 15) {
    const drop = BigInt(60 - 4 * prec);
    const extra = mant & ((1n << drop) - 1n);
    mant >>= drop;
    const half = 1n << (drop - 1n);
    if (extra > half || (extra === half && (mant & 1n) === 1n)) mant++;
    mant <<= drop;
    if (mant >= 1n << 61n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hexDigits = '0123456789abcdef';
  let out = '0x' + (mant >> 60n & 1n).toString();
  let frac = mant & ((1n << 60n) - 1n);
  frac <<= 4n; // 64 bits: 16 hex digits with the top nibble the first fraction digit
  let digits = '';
  for (let i = 0; i < 15; i++) {
    digits += hexDigits[Number((frac >> BigInt(60 - 4 * i)) & 0xfn)];
  }
  if (prec < 0) digits = digits.replace(/0+$/, '');
  else digits = digits.slice(0, prec).padEnd(prec, '0');
  if (digits.length > 0) out += '.' + digits;
  out += 'p';
  if (ax === 0) exp = 0;
  out += exp >= 0 ? '+' : '-';
  const ae = Math.abs(exp);
  out += ae < 10 ? '0' + ae : String(ae);
  return fmt === 'X' ? out.toUpperCase() : out;
}

// ---------------------------------------------------------------------------------------------
// Integers

/** strconv.FormatInt / FormatUint: digits in base 2..36, lowercase. */
export function formatInt(i: bigint | number, base: number = 10): string {
  return (typeof i === 'bigint' ? i : BigInt(i)).toString(base);
}

function lower(c: string): string {
  return c.toLowerCase();
}

/** Underscores must sit between digits or after a base prefix (strconv.underscoreOK). */
export function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(lower(s[1]))) {
    i = 2;
    saw = '0';
    hex = lower(s[1]) === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

const MAX_BITS: Record<number, bigint> = {};

function digitVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  if (l >= 97 && l <= 122) return l - 97 + 10;
  return 99;
}

/** strconv.ParseUint(s, base, bitSize) (bitSize 0 = 64). Throws NumError. */
export function parseUint(s: string, base: number = 10, bitSize: number = 64, fnName = 'ParseUint'): bigint {
  if (s === '') throw new NumError(fnName, s, 'invalid syntax');
  const s0 = s;
  const base0 = base === 0;
  if (base === 0) {
    base = 10;
    if (s[0] === '0') {
      if (s.length >= 3 && lower(s[1]) === 'b') {
        base = 2;
        s = s.slice(2);
      } else if (s.length >= 3 && lower(s[1]) === 'o') {
        base = 8;
        s = s.slice(2);
      } else if (s.length >= 3 && lower(s[1]) === 'x') {
        base = 16;
        s = s.slice(2);
      } else {
        base = 8;
        s = s.slice(1);
      }
    }
  } else if (base < 2 || base > 36) {
    throw new NumError(fnName, s0, 'invalid base ' + base);
  }
  if (bitSize === 0) bitSize = 64;
  else if (bitSize < 0 || bitSize > 64) throw new NumError(fnName, s0, 'invalid bit size ' + bitSize);
  const max = (MAX_BITS[bitSize] ??= (1n << BigInt(bitSize)) - 1n);
  const b = BigInt(base);
  let n = 0n;
  let underscores = false;
  let range = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 95 && base0) {
      underscores = true;
      continue;
    }
    const d = digitVal(c);
    if (d >= base) throw new NumError(fnName, s0, 'invalid syntax');
    if (!range) {
      n = n * b + BigInt(d);
      if (n > max) range = true;
    }
  }
  if (underscores && !underscoreOK(s0)) throw new NumError(fnName, s0, 'invalid syntax');
  if (range) throw new NumError(fnName, s0, 'value out of range');
  return n;
}

/** strconv.ParseInt(s, base, bitSize) (bitSize 0 = 64). Throws NumError. */
export function parseInt(s: string, base: number = 10, bitSize: number = 64): bigint {
  const fnName = 'ParseInt';
  if (s === '') throw new NumError(fnName, s, 'invalid syntax');
  const s0 = s;
  let neg = false;
  if (s[0] === '+') s = s.slice(1);
  else if (s[0] === '-') {
    neg = true;
    s = s.slice(1);
  }
  let un: bigint;
  try {
    un = parseUint(s, base, bitSize, fnName);
  } catch (e) {
    if (e instanceof NumError) throw new NumError(fnName, s0, e.err);
    throw e;
  }
  if (bitSize === 0) bitSize = 64;
  const cutoff = 1n << BigInt(bitSize - 1);
  if (!neg && un >= cutoff) throw new NumError(fnName, s0, 'value out of range');
  if (neg && un > cutoff) throw new NumError(fnName, s0, 'value out of range');
  return neg ? -un : un;
}

/** strconv.Atoi. */
export function atoi(s: string): bigint {
  try {
    return parseInt(s, 10, 64);
  } catch (e) {
    if (e instanceof NumError) throw new NumError('Atoi', s, e.err);
    throw e;
  }
}

const DEC_FLOAT = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/**
 * strconv.ParseFloat(s, bitSize). Accepts Go's float syntax: decimal with optional exponent,
 * hexadecimal mantissa with a mandatory p exponent, inf/infinity (signed) and nan (unsigned) in
 * any case, underscores between digits (Go's underscoreOK rule). Throws NumError; a value out of
 * range throws `value out of range` (Go also returns ±Inf then).
 */
export function parseFloat(s: string, bitSize: 32 | 64 = 64): number {
  const fnName = 'ParseFloat';
  const bad = (): never => {
    throw new NumError(fnName, s, 'invalid syntax');
  };
  if (s === '') bad();
  let body = s;
  let sign = 1;
  if (body[0] === '+' || body[0] === '-') {
    if (body[0] === '-') sign = -1;
    body = body.slice(1);
  }
  const lb = body.toLowerCase();
  if (lb === 'inf' || lb === 'infinity') return sign * Infinity;
  if (lb === 'nan' && s === body) return NaN;
  if (body.includes('_')) {
    if (!underscoreOK(s)) bad();
    body = body.replace(/_/g, '');
  }
  let value: number;
  if (/^0[xX]/.test(body)) {
    value = parseHexFloat(body.slice(2), bad);
  } else {
    if (!DEC_FLOAT.test(body)) bad();
    value = Number(body);
  }
  if (bitSize === 32) value = Math.fround(value);
  value *= sign;
  if (!Number.isFinite(value)) throw new NumError(fnName, s, 'value out of range');
  return value;
}

function parseHexFloat(h: string, bad: () => never): number {
  // Hex mantissa digits with an optional point, then the mandatory p exponent.
  const m = /^([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(h);
  if (!m) return bad();
  const ip = m[1];
  const fp = m[2] ?? '';
  const digits = ip + fp;
  if (digits === '') bad();
  let mant = BigInt('0x' + digits);
  let exp = Number(m[3]) - 4 * fp.length;
  if (mant === 0n) return 0;
  // Keep 64 significant bits plus a sticky bit, then round once to float64.
  const bits = mant.toString(2).length;
  if (bits > 64) {
    const drop = bits - 64;
    const sticky = (mant & ((1n << BigInt(drop)) - 1n)) !== 0n ? 1n : 0n;
    mant = (mant >> BigInt(drop)) | sticky;
    exp += drop;
  }
  if (exp > 5000) return Infinity;
  if (exp < -5000) return 0;
  return scaleBinary(mant, exp);
}

/** mant × 2^exp correctly rounded to float64. */
function scaleBinary(mant: bigint, exp: number): number {
  // Number(mant) rounds to 53 bits correctly when mant < 2^64; multiply by powers of two exactly
  // while staying in the normal range; subnormals need an explicit rounding step.
  const bits = mant.toString(2).length;
  const e2 = exp + bits - 1; // exponent of the leading bit
  if (e2 > 1023) return Infinity;
  if (e2 < -1075) return 0;
  if (e2 >= -1022) {
    // Normal: round to 53 bits.
    let m = mant;
    let e = exp;
    if (bits > 53) {
      const drop = BigInt(bits - 53);
      const rest = m & ((1n << drop) - 1n);
      const half = 1n << (drop - 1n);
      m >>= drop;
      e += Number(drop);
      if (rest > half || (rest === half && (m & 1n) === 1n)) m++;
    }
    return Number(m) * 2 ** e;
  }
  // Subnormal: the unit is 2^-1074.
  const shift = -1074 - exp;
  let m = mant;
  if (shift > 0) {
    const drop = BigInt(shift);
    const rest = m & ((1n << drop) - 1n);
    const half = 1n << (drop - 1n);
    m >>= drop;
    if (rest > half || (rest === half && (m & 1n) === 1n)) m++;
    return Number(m) * 2 ** -1074;
  }
  return Number(m) * 2 ** exp;
}

// ---------------------------------------------------------------------------------------------
// Quote

const HEX = '0123456789abcdef';

function hex2(b: number): string {
  return HEX[b >> 4] + HEX[b & 15];
}

function escapeRune(r: number, quoteCh: number, asciiOnly: boolean, graphicOnly: boolean): string {
  if (r === quoteCh || r === 92) return '\\' + String.fromCharCode(r);
  if (asciiOnly) {
    if (r < 0x80 && isPrint(r)) return String.fromCharCode(r);
  } else if (isPrint(r) || (graphicOnly && isGraphic(r))) {
    return String.fromCodePoint(r);
  }
  switch (r) {
    case 7:
      return '\\a';
    case 8:
      return '\\b';
    case 12:
      return '\\f';
    case 10:
      return '\\n';
    case 13:
      return '\\r';
    case 9:
      return '\\t';
    case 11:
      return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return '\\x' + hex2(r);
  if (r > 0x10ffff) r = 0xfffd;
  if (r < 0x10000) return '\\u' + r.toString(16).padStart(4, '0');
  return '\\U' + r.toString(16).padStart(8, '0');
}

const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function quoteWith(s: string, quoteCh: number, asciiOnly: boolean, graphicOnly: boolean): string {
  const q = String.fromCharCode(quoteCh);
  if (quoteCh === 34 && PLAIN_ASCII.test(s)) return q + s + q;
  const bytes = utf8Encode(s);
  let out = q;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) {
      out += escapeRune(b, quoteCh, asciiOnly, graphicOnly);
      i++;
      continue;
    }
    const [r, w] = decodeUtf8At(bytes, i);
    if (r < 0) {
      out += '\\x' + hex2(b);
      i++;
      continue;
    }
    out += escapeRune(r, quoteCh, asciiOnly, graphicOnly);
    i += w;
  }
  return out + q;
}

/** strconv.Quote. */
export function quote(s: string): string {
  return quoteWith(s, 34, false, false);
}
/** strconv.QuoteToASCII. */
export function quoteToASCII(s: string): string {
  return quoteWith(s, 34, true, false);
}
/** strconv.QuoteToGraphic. */
export function quoteToGraphic(s: string): string {
  return quoteWith(s, 34, false, true);
}

function quoteRuneWith(r: number, asciiOnly: boolean, graphicOnly: boolean): string {
  if (r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) r = 0xfffd;
  return "'" + escapeRune(r, 39, asciiOnly, graphicOnly) + "'";
}
/** strconv.QuoteRune (invalid runes become U+FFFD). */
export function quoteRune(r: number): string {
  return quoteRuneWith(r, false, false);
}
/** strconv.QuoteRuneToASCII. */
export function quoteRuneToASCII(r: number): string {
  return quoteRuneWith(r, true, false);
}

/** strconv.CanBackquote: no control characters other than tab, no backquote, valid UTF-8, no U+FEFF. */
export function canBackquote(s: string): boolean {
  const bytes = utf8Encode(s);
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) {
      if ((b < 0x20 && b !== 9) || b === 0x60 || b === 0x7f) return false;
      i++;
      continue;
    }
    const [r, w] = decodeUtf8At(bytes, i);
    if (r < 0 || r === 0xfeff) return false;
    i += w;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Unquote (string and char literals of the template language)

function unhex(c: string): number {
  const v = digitVal(c.charCodeAt(0));
  return v < 16 ? v : -1;
}

/**
 * strconv.UnquoteChar: decodes the first character or escape of `s` (inside a literal quoted
 * with `quoteCh`). Returns the rune (or raw byte value when `isByte`) and the rest.
 * Throws GoError('invalid syntax').
 */
export function unquoteChar(s: string, quoteCh: number): { value: number; isByte: boolean; tail: string } {
  const bad = (): never => {
    throw new GoError('invalid syntax');
  };
  if (s.length === 0) bad();
  const c0 = s.charCodeAt(0);
  if (c0 === quoteCh && (quoteCh === 39 || quoteCh === 34)) bad();
  if (c0 !== 92) {
    const cp = s.codePointAt(0) as number;
    const w = cp > 0xffff ? 2 : 1;
    // An invalid byte decodes as U+FFFD (width 1), as utf8.DecodeRuneInString gives it.
    if (cp >= 0xd800 && cp <= 0xdfff) return { value: 0xfffd, isByte: false, tail: s.slice(1) };
    return { value: cp, isByte: false, tail: s.slice(w) };
  }
  if (s.length <= 1) bad();
  const c = s[1];
  s = s.slice(2);
  switch (c) {
    case 'a':
      return { value: 7, isByte: false, tail: s };
    case 'b':
      return { value: 8, isByte: false, tail: s };
    case 'f':
      return { value: 12, isByte: false, tail: s };
    case 'n':
      return { value: 10, isByte: false, tail: s };
    case 'r':
      return { value: 13, isByte: false, tail: s };
    case 't':
      return { value: 9, isByte: false, tail: s };
    case 'v':
      return { value: 11, isByte: false, tail: s };
    case 'x':
    case 'u':
    case 'U': {
      const n = c === 'x' ? 2 : c === 'u' ? 4 : 8;
      if (s.length < n) bad();
      let v = 0;
      for (let j = 0; j < n; j++) {
        const x = unhex(s[j]);
        if (x < 0) bad();
        v = v * 16 + x;
      }
      s = s.slice(n);
      if (c === 'x') return { value: v, isByte: true, tail: s };
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) bad();
      return { value: v, isByte: false, tail: s };
    }
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      let v = Number(c);
      if (s.length < 2) bad();
      for (let j = 0; j < 2; j++) {
        const x = s.charCodeAt(j) - 48;
        if (x < 0 || x > 7) bad();
        v = v * 8 + x;
      }
      if (v > 255) bad();
      return { value: v, isByte: true, tail: s.slice(2) };
    }
    case '\\':
      return { value: 92, isByte: false, tail: s };
    case "'":
    case '"':
      if (c.charCodeAt(0) !== quoteCh) bad();
      return { value: c.charCodeAt(0), isByte: false, tail: s };
    default:
      return bad();
  }
}

/**
 * strconv.Unquote for "..." `...` and '...' literals. Returns the byte string (raw bytes from
 * \x / octal escapes that are not valid UTF-8 stay escaped). Throws GoError('invalid syntax').
 */
export function unquote(s: string): string {
  const bad = (): never => {
    throw new GoError('invalid syntax');
  };
  if (s.length < 2) bad();
  const q = s[0];
  if (q !== s[s.length - 1]) bad();
  const body = s.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) bad();
    return body.replace(/\r/g, '');
  }
  if (q !== '"' && q !== "'") bad();
  if (q === '"' && !/[\\"\n]/.test(body) && isValidUtf8(body)) return body;
  if (body.includes('\n')) bad();
  const bytes: number[] = [];
  let rest = body;
  let count = 0;
  while (rest.length > 0) {
    const { value, isByte, tail } = unquoteChar(rest, q.charCodeAt(0));
    rest = tail;
    count++;
    if (isByte) bytes.push(value);
    else pushRune(bytes, value);
    if (q === "'" && count > 1) bad();
  }
  if (q === "'" && count !== 1) bad();
  return decodeBytes(bytes);
}

function pushRune(out: number[], cp: number): void {
  const tmp = utf8Encode(String.fromCodePoint(cp));
  for (const b of tmp) out.push(b);
}

function decodeBytes(bytes: number[]): string {
  // Lazy import avoidance: reuse bytes.ts decoding through a Uint8Array.
  return utf8DecodeLocal(Uint8Array.from(bytes));
}

import { utf8Decode as utf8DecodeLocal } from './bytes.js';
