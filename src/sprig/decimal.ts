/**
 * The slice of shopspring/decimal that Sprig's `addf subf mulf divf add1f` go through:
 * a float64 becomes its shortest exact decimal (NewFromFloat), the operation is exact except
 * division (16 decimal places, half away from zero: DivRound with DivisionPrecision 16), and
 * the result goes back to the nearest float64. Panics (NaN/Inf input, division by zero) are
 * thrown as plain Errors with decimal's texts.
 */

/** coef × 10^exp */
interface Decimal {
  readonly coef: bigint;
  readonly exp: number;
}

const DIVISION_PRECISION = 16;

/** decimal.NewFromFloat. */
export function decimalFromFloat(f: number): Decimal {
  if (Number.isNaN(f)) throw new Error('Cannot create a Decimal from NaN');
  if (f === Infinity) throw new Error('Cannot create a Decimal from +Inf');
  if (f === -Infinity) throw new Error('Cannot create a Decimal from -Inf');
  if (f === 0) return { coef: 0n, exp: 0 };
  // JavaScript's shortest round-trip digits are the same digits Go's shortest formatting picks.
  const [mantissa = '0', expPart] = f.toExponential().split('e');
  const digits = mantissa.replace('.', '').replace('-', '');
  const fracDigits = mantissa.includes('.') ? (mantissa.split('.')[1] ?? '').length : 0;
  const coef = BigInt(digits) * (f < 0 ? -1n : 1n);
  return { coef, exp: Number(expPart) - fracDigits };
}

/** Decimal.Float64: the nearest float64. */
export function decimalToFloat(d: Decimal): number {
  return Number(`${d.coef}e${d.exp}`);
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  if (a.exp === b.exp) return [a.coef, b.coef, a.exp];
  if (a.exp < b.exp) return [a.coef, b.coef * 10n ** BigInt(b.exp - a.exp), a.exp];
  return [a.coef * 10n ** BigInt(a.exp - b.exp), b.coef, b.exp];
}

export function decimalAdd(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = align(a, b);
  return { coef: x + y, exp };
}

export function decimalSub(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = align(a, b);
  return { coef: x - y, exp };
}

export function decimalMul(a: Decimal, b: Decimal): Decimal {
  return { coef: a.coef * b.coef, exp: a.exp + b.exp };
}

/** Decimal.Div: DivRound(b, 16), rounding half away from zero. */
export function decimalDiv(a: Decimal, b: Decimal): Decimal {
  if (b.coef === 0n) throw new Error('decimal division by 0');
  // a / b × 10^16 = a.coef × 10^(a.exp - b.exp + 16) / b.coef
  const shift = a.exp - b.exp + DIVISION_PRECISION;
  let num = a.coef;
  let den = b.coef;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  let q = num / den;
  const r = num - q * den;
  const abs = (x: bigint): bigint => (x < 0n ? -x : x);
  if (2n * abs(r) >= abs(den)) q += (num < 0n) !== (den < 0n) ? -1n : 1n;
  return { coef: q, exp: -DIVISION_PRECISION };
}
