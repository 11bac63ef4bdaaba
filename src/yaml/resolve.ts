/**
 * YAML 1.1 implicit typing of plain scalars, as go-yaml v2 (the parser behind sigs.k8s.io/yaml,
 * which helm uses for values) does it. The same table decides, when emitting, whether a string
 * can be written plain or needs quotes.
 */

/** What a plain scalar reads back as. Integers keep their exact value as a bigint. */
export type Resolved =
  | { readonly tag: 'str' }
  | { readonly tag: 'null' }
  | { readonly tag: 'bool'; readonly value: boolean }
  | { readonly tag: 'int'; readonly value: bigint }
  | { readonly tag: 'float'; readonly value: number }
  | { readonly tag: 'timestamp' }
  | { readonly tag: 'merge' };

const STR: Resolved = { tag: 'str' };
const NULL: Resolved = { tag: 'null' };
const TRUE: Resolved = { tag: 'bool', value: true };
const FALSE: Resolved = { tag: 'bool', value: false };

const FIXED = new Map<string, Resolved>();
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE']) FIXED.set(s, TRUE);
for (const s of ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE']) FIXED.set(s, FALSE);
for (const s of ['', '~', 'null', 'Null', 'NULL']) FIXED.set(s, NULL);
for (const s of ['.nan', '.NaN', '.NAN']) FIXED.set(s, { tag: 'float', value: NaN });
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) FIXED.set(s, { tag: 'float', value: Infinity });
for (const s of ['-.inf', '-.Inf', '-.INF']) FIXED.set(s, { tag: 'float', value: -Infinity });
FIXED.set('<<', { tag: 'merge' });

/** First-character hints: which resolutions are worth trying. */
function hint(c: string): 'map' | 'num' | 'dot' | null {
  if ((c >= '0' && c <= '9') || c === '+' || c === '-') return 'num';
  if (c === '.') return 'dot';
  if ('yYnNtTfFoO~'.includes(c)) return 'map';
  return null;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go strconv.ParseInt(s, base, 64) / ParseUint: the exact value, or null on any error. */
export function parseGoInt(s: string, base: number, signed: boolean): bigint | null {
  let neg = false;
  let i = 0;
  if (signed && (s[0] === '+' || s[0] === '-')) {
    neg = s[0] === '-';
    i = 1;
  }
  let b = base;
  if (base === 0) {
    b = 10;
    if (s[i] === '0') {
      const p = s[i + 1];
      if (p === 'x' || p === 'X') {
        b = 16;
        i += 2;
      } else if (p === 'b' || p === 'B') {
        b = 2;
        i += 2;
      } else if (p === 'o' || p === 'O') {
        b = 8;
        i += 2;
      } else if (s.length > i + 1) {
        b = 8;
        i += 1;
      }
    }
  }
  if (i >= s.length) return null;
  let v = 0n;
  const bb = BigInt(b);
  for (; i < s.length; i++) {
    const d = digitValue(s.charCodeAt(i));
    if (d < 0 || d >= b) return null;
    v = v * bb + BigInt(d);
  }
  if (neg) v = -v;
  if (signed) return v < INT64_MIN || v > INT64_MAX ? null : v;
  return v > UINT64_MAX ? null : v;
}

function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 87;
  if (c >= 65 && c <= 90) return c - 55;
  return -1;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

/** Go strconv.ParseFloat of a decimal literal already known to be well-formed: null when out of range. */
function parseDecimalFloat(s: string): number | null {
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

/** How go-yaml v2 reads an untagged plain scalar. */
export function resolvePlain(s: string): Resolved {
  const fixed = FIXED.get(s);
  const h = s === '' ? 'map' : hint(s[0]);
  if (h === null) return STR;
  if (fixed) return fixed;
  if (h === 'dot') {
    if (DOT_FLOAT.test(s)) {
      const f = parseDecimalFloat(s);
      if (f !== null) return { tag: 'float', value: f };
    }
    return STR;
  }
  if (h === 'num') {
    if (looksLikeTimestamp(s)) return { tag: 'timestamp' };
    const plain = s.includes('_') ? s.replace(/_/g, '') : s;
    const iv = parseGoInt(plain, 0, true);
    if (iv !== null) return { tag: 'int', value: iv };
    const uv = parseGoInt(plain, 0, false);
    if (uv !== null) return { tag: 'int', value: uv };
    if (YAML_STYLE_FLOAT.test(plain)) {
      const f = parseDecimalFloat(plain);
      if (f !== null) return { tag: 'float', value: f };
    }
    if (plain.startsWith('0b')) {
      const v = parseGoInt(plain.slice(2), 2, true);
      if (v !== null) return { tag: 'int', value: v };
    } else if (plain.startsWith('-0b')) {
      const v = parseGoInt(plain.slice(3), 2, true);
      if (v !== null) return { tag: 'int', value: -v };
    }
  }
  return STR;
}

/** go-yaml v2's isBase60Float: strings such as `1:20` are quoted when emitted. */
export function isBase60Float(s: string): boolean {
  if (s === '') return false;
  const c = s[0];
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9')) || !s.includes(':')) return false;
  return /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s);
}

// ---- timestamps (Go time.Parse with go-yaml's four layouts) ----

const DATE = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})/;

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** True when go-yaml v2 would read the plain scalar as a timestamp. */
export function looksLikeTimestamp(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) return false;
  const rest = s.slice(m[0].length);
  if (rest === '') return true;
  // `T` or `t` then a time with a zone; or spaces then a time without a zone.
  let zoned: boolean;
  let r: string;
  if (rest[0] === 'T' || rest[0] === 't') {
    zoned = true;
    r = rest.slice(1);
  } else if (rest[0] === ' ') {
    zoned = false;
    r = rest.replace(/^ +/, '');
  } else return false;
  const t = /^([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})([.,][0-9]+)?/.exec(r);
  if (!t) return false;
  if (Number(t[1]) >= 24 || Number(t[2]) >= 60 || Number(t[3]) >= 60) return false;
  r = r.slice(t[0].length);
  if (!zoned) return r === '';
  if (r === 'Z') return true;
  return /^[+-][0-9]{2}:[0-9]{2}$/.test(r);
}
