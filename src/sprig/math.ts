/**
 * Sprig's arithmetic: int64 functions (add1 add sub div mod mul max biggest min), float64
 * functions through shopspring/decimal (add1f addf subf divf mulf) or math (maxf minf ceil floor
 * round). Arguments convert with spf13/cast (see cast.ts), so `add 1 2.9` is 3 and `add1 "x"` is 1.
 * Integer division by zero is Go's runtime panic `runtime error: integer divide by zero`.
 */
import { GoInt, type GoFuncSpec, type GoValue } from '../gotemplate/value.js';
import { toFloat64, toInt64 } from './cast.js';
import { decimalAdd, decimalDiv, decimalFromFloat, decimalMul, decimalSub, decimalToFloat } from './decimal.js';

const i64 = (v: bigint): GoInt => new GoInt('int64', v);
const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

function divZero(): never {
  // A Go runtime panic, not a returned error.
  throw new Error('runtime error: integer divide by zero');
}

type DecimalOp = typeof decimalAdd;

/** Sprig's execDecimalOp: fold the operation over decimals made from the float64 of each argument. */
function decimalFold(first: GoValue, rest: readonly GoValue[], op: DecimalOp): number {
  let acc = decimalFromFloat(toFloat64(first));
  for (const v of rest) acc = op(acc, decimalFromFloat(toFloat64(v)));
  return decimalToFloat(acc);
}

/** math.Frexp for finite non-zero x: x = frac × 2^exp, 0.5 <= |frac| < 1. */
function frexp(x: number): [number, number] {
  let exp = 0;
  let f = x;
  while (Math.abs(f) >= 1) {
    f /= 2;
    exp++;
  }
  while (Math.abs(f) < 0.5) {
    f *= 2;
    exp--;
  }
  return [f, exp];
}

/** math.Ldexp(frac, exp), rounding once like Go's. */
function ldexp(frac: number, exp: number): number {
  if (frac === 0 || !Number.isFinite(frac)) return frac;
  const [f, e] = frexp(frac);
  exp += e;
  if (exp > 1024) return f < 0 ? -Infinity : Infinity;
  if (exp < -1073 - 53) return f < 0 ? -0 : 0;
  if (exp < -1021) {
    // Subnormal result: scale into the normal range exactly, then one rounding multiply.
    return f * 2 ** (exp + 1074) * Number.MIN_VALUE;
  }
  return f * 2 * 2 ** (exp - 1);
}

/** Go's math.Pow(x, y) for an integral y (the only case `round` uses), by repeated squaring. */
export function goPowInt(x: number, y: number): number {
  if (y === 0) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0 || !Number.isFinite(x)) return Math.pow(x, y);
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);
  const yi = Math.abs(y);
  if (yi >= 2 ** 63) {
    if (x === -1) return 1;
    return Math.abs(x) < 1 === y > 0 ? 0 : Infinity;
  }
  let a1 = 1;
  let ae = 0;
  let [x1, xe] = frexp(x);
  for (let i = BigInt(yi); i !== 0n; i >>= 1n) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      // Catastrophic overflow or underflow: the result is 0 or Inf after Ldexp.
      ae += xe;
      break;
    }
    if ((i & 1n) === 1n) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe <<= 1;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}

/** Sprig's round: ceil when the fractional part of val×10^places is >= roundOn (default .5), else floor. */
function round(v: GoValue, places: GoValue, roundOn: readonly GoValue[]): number {
  const on = roundOn.length > 0 ? (roundOn[0] as number) : 0.5;
  const val = toFloat64(v);
  const pow = goPowInt(10, toFloat64(places));
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  const r = frac >= on ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}

const ANY = 'interface {}';

export const mathFuncs: readonly GoFuncSpec[] = [
  { name: 'add1', params: [ANY], results: ['int64'], fn: (a) => i64(wrap(toInt64(a) + 1n)) },
  {
    name: 'add',
    params: [ANY],
    variadic: true,
    results: ['int64'],
    fn: (...args) => i64(args.reduce<bigint>((acc, v) => wrap(acc + toInt64(v)), 0n)),
  },
  { name: 'sub', params: [ANY, ANY], results: ['int64'], fn: (a, b) => i64(wrap(toInt64(a) - toInt64(b))) },
  {
    name: 'div',
    params: [ANY, ANY],
    results: ['int64'],
    fn: (a, b) => {
      const d = toInt64(b);
      return d === 0n ? divZero() : i64(wrap(toInt64(a) / d));
    },
  },
  {
    name: 'mod',
    params: [ANY, ANY],
    results: ['int64'],
    fn: (a, b) => {
      const d = toInt64(b);
      return d === 0n ? divZero() : i64(toInt64(a) % d);
    },
  },
  {
    name: 'mul',
    params: [ANY, ANY],
    variadic: true,
    results: ['int64'],
    fn: (a, ...rest) => i64(rest.reduce<bigint>((acc, v) => wrap(acc * toInt64(v)), toInt64(a))),
  },
  ...(['biggest', 'max'] as const).map(
    (name): GoFuncSpec => ({
      name,
      params: [ANY, ANY],
      variadic: true,
      results: ['int64'],
      fn: (a, ...rest) => i64(rest.reduce<bigint>((acc, v) => (toInt64(v) > acc ? toInt64(v) : acc), toInt64(a))),
    }),
  ),
  {
    name: 'min',
    params: [ANY, ANY],
    variadic: true,
    results: ['int64'],
    fn: (a, ...rest) => i64(rest.reduce<bigint>((acc, v) => (toInt64(v) < acc ? toInt64(v) : acc), toInt64(a))),
  },
  {
    name: 'maxf',
    params: [ANY, ANY],
    variadic: true,
    results: ['float64'],
    fn: (a, ...rest) => rest.reduce<number>((acc, v) => Math.max(acc, toFloat64(v)), toFloat64(a)),
  },
  {
    name: 'minf',
    params: [ANY, ANY],
    variadic: true,
    results: ['float64'],
    fn: (a, ...rest) => rest.reduce<number>((acc, v) => Math.min(acc, toFloat64(v)), toFloat64(a)),
  },
  { name: 'add1f', params: [ANY], results: ['float64'], fn: (a) => decimalFold(a, [1], decimalAdd) },
  {
    name: 'addf',
    params: [ANY],
    variadic: true,
    results: ['float64'],
    fn: (...args) => decimalFold(0, args, decimalAdd),
  },
  {
    name: 'subf',
    params: [ANY, ANY],
    variadic: true,
    results: ['float64'],
    fn: (a, ...rest) => decimalFold(a, rest, decimalSub),
  },
  {
    name: 'divf',
    params: [ANY, ANY],
    variadic: true,
    results: ['float64'],
    fn: (a, ...rest) => decimalFold(a, rest, decimalDiv),
  },
  {
    name: 'mulf',
    params: [ANY, ANY],
    variadic: true,
    results: ['float64'],
    fn: (a, ...rest) => decimalFold(a, rest, decimalMul),
  },
  { name: 'ceil', params: [ANY], results: ['float64'], fn: (a) => Math.ceil(toFloat64(a)) },
  { name: 'floor', params: [ANY], results: ['float64'], fn: (a) => Math.floor(toFloat64(a)) },
  {
    name: 'round',
    params: [ANY, 'int', 'float64'],
    variadic: true,
    results: ['float64'],
    fn: (a, places, ...roundOn) => round(a, places, roundOn),
  },
];
