/**
 * Float formatting needed by the encoders.
 * TEMP until B lands src/gotemplate/strconv.ts `formatFloat`: a local shortest-'g' formatter.
 */

/** Go strconv.FormatFloat(x, 'g', -1, 64): shortest digits, exponent form iff the decimal exponent is < -4 or >= 6. */
export function formatFloatG(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const e = x.toExponential(); // shortest round-trip digits, e.g. "-1.5e+300"
  const at = e.indexOf('e');
  const mant = e.slice(0, at);
  const exp = Number(e.slice(at + 1));
  if (exp < -4 || exp >= 6) return mant + 'e' + (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(2, '0');
  // Plain decimal: JS String() gives the same shortest digits without an exponent in this range.
  return String(x);
}

/** Go encoding/json's float64 text: 'f' form for 1e-6 <= |x| < 1e21, else 'e' with a 1+ digit exponent. */
export function formatFloatJSON(x: number): string {
  if (Object.is(x, -0)) return '-0';
  return String(x);
}
