/**
 * spf13/cast v1.7.0's ToInt64 and ToFloat64 as Sprig uses them: every failure becomes 0.
 *
 * - ToInt64: ints convert (wrapping to int64), float64 truncates toward zero (NaN and values out
 *   of range give math.MinInt64, as Go's conversion does on amd64), bool is 1/0, nil and other
 *   types are 0, strings parse with strconv.ParseInt(s, 0, 0) after dropping a trailing
 *   `.0…0` (`"0x1F"` → 31, `"1.0"` → 1, `"08"` / `"1.5"` / `" 3"` → 0).
 * - ToFloat64: ints convert, bool is 1/0, nil and other types are 0, strings parse with
 *   strconv.ParseFloat (`"1e3"`, `"0x1p-2"`, `"inf"`, `"1_0"`; an error, including out of range,
 *   gives 0).
 */
import { parseFloat, parseInt } from '../gotemplate/strconv.js';
import { GoInt, type GoValue } from '../gotemplate/value.js';

const MIN_INT64 = -(1n << 63n);

/** Go's `int64(f)` for a float64 on amd64. */
export function float64ToInt64(f: number): bigint {
  if (Number.isNaN(f) || f >= 9223372036854775808 || f < -9223372036854775808) return MIN_INT64;
  return BigInt(Math.trunc(f));
}

/** cast.ToInt64. */
export function toInt64(v: GoValue): bigint {
  if (v === null) return 0n;
  if (v instanceof GoInt) return BigInt.asIntN(64, v.value);
  switch (typeof v) {
    case 'number':
      return float64ToInt64(v);
    case 'boolean':
      return v ? 1n : 0n;
    case 'string':
      try {
        return parseInt(trimZeroDecimal(v), 0, 0);
      } catch {
        return 0n;
      }
    default:
      return 0n;
  }
}

/** cast's trimZeroDecimal: `"12.000"` → `"12"`; anything else unchanged. */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === '0') {
      foundZero = true;
    } else {
      return s;
    }
  }
  return s;
}

/** cast.ToFloat64. */
export function toFloat64(v: GoValue): number {
  if (v === null) return 0;
  if (v instanceof GoInt) return Number(v.value);
  switch (typeof v) {
    case 'number':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    case 'string':
      return parseFloatOrZero(v);
    default:
      return 0;
  }
}

function parseFloatOrZero(s: string): number {
  try {
    return parseFloat(s, 64);
  } catch {
    return 0;
  }
}
