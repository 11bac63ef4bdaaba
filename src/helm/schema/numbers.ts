/**
 * Exact number arithmetic for schema keywords (both libraries compare with math/big.Rat) and
 * the two ways the libraries print numbers in messages.
 *
 * - gojsonschema (helm 3) prints a big.Float with %v: Go's shortest %g (`1e+06`, `2.5`).
 * - santhosh-tekuri/jsonschema (helm 4) prints through golang.org/x/text/message's English
 *   printer: `%d` groups thousands (`1,000`), `%v` of a float64 groups the integer part of the
 *   plain form (`123,456.5`) and writes the exponent form as `1.2345678×10⁰⁷` (measured).
 */
import { formatFloat } from '../../gotemplate/strconv.js';

/** A rational number n/d with d > 0, in lowest terms. */
export interface Rat {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function make(n: bigint, d: bigint): Rat {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** Parses a decimal text (`-1.5e3`); undefined if it is not one. Huge exponents are refused. */
export function parseRat(text: string): Rat | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  let exp = Number(m[4] ?? '0') - frac.length;
  if (!Number.isFinite(exp) || Math.abs(exp) > 4000) return undefined;
  let n = BigInt(m[2] + frac);
  let d = 1n;
  if (exp > 0) n *= 10n ** BigInt(exp);
  else if (exp < 0) d = 10n ** BigInt(-exp);
  if (m[1] === '-') n = -n;
  exp = 0;
  return make(n, d);
}

/** The rational of a float64, through its shortest decimal text (what `%v` then SetString gives). */
export function ratOfFloat(x: number): Rat {
  return parseRat(formatFloat(x, 'e', -1)) ?? { n: 0n, d: 1n };
}

export function ratOfBigint(x: bigint): Rat {
  return { n: x, d: 1n };
}

export function cmpRat(a: Rat, b: Rat): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function isIntRat(a: Rat): boolean {
  return a.d === 1n;
}

/** Is a / b an integer (b != 0)? */
export function isMultiple(a: Rat, b: Rat): boolean {
  if (b.n === 0n) return false;
  return (a.n * b.d) % (a.d * b.n) === 0n;
}

/** The nearest float64 of a rational. */
export function ratToFloat(a: Rat): number {
  if (a.d === 1n) return Number(a.n);
  // Enough digits for a correctly rounded result in practice.
  const neg = a.n < 0n;
  const n = neg ? -a.n : a.n;
  const scale = 40n;
  const q = (n * 10n ** scale) / a.d;
  const v = Number(`${q}e-${scale}`);
  return neg ? -v : v;
}

/** Go's `%v` of a float64 (shortest `%g`). */
export function goFloatV(x: number): string {
  return formatFloat(x, 'g', -1);
}

function groupThousands(intDigits: string): string {
  let out = '';
  for (let i = 0; i < intDigits.length; i++) {
    if (i > 0 && (intDigits.length - i) % 3 === 0) out += ',';
    out += intDigits[i];
  }
  return out;
}

/** x/text/message English `%d`. */
export function printerInt(n: number | bigint): string {
  const s = String(n);
  return s.startsWith('-') ? `-${groupThousands(s.slice(1))}` : groupThousands(s);
}

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻',
};

/** x/text/message English `%v` of a float64. */
export function printerFloat(x: number): string {
  const g = goFloatV(x);
  const e = g.indexOf('e');
  if (e >= 0) {
    const mant = g.slice(0, e);
    let exp = g.slice(e + 1);
    if (exp.startsWith('+')) exp = exp.slice(1);
    return `${mant}×10${[...exp].map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
  }
  const neg = g.startsWith('-');
  const body = neg ? g.slice(1) : g;
  const dot = body.indexOf('.');
  const intPart = dot >= 0 ? body.slice(0, dot) : body;
  const grouped = /^\d+$/.test(intPart) ? groupThousands(intPart) + (dot >= 0 ? body.slice(dot) : '') : body;
  return (neg ? '-' : '') + grouped;
}

/** big.Float `%v` of a rational (gojsonschema's messages). */
export function bigFloatV(r: Rat): string {
  return goFloatV(ratToFloat(r));
}
