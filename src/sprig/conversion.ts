/**
 * Sprig's conversion functions: toString (strval), atoi, int, int64, float64, toDecimal,
 * toStrings. int/int64/float64 are spf13/cast v1.7.0 (src/sprig/cast.ts, shared with math).
 */
import { GoInt, STRING_SLICE_TYPE, int, int64, typeInfoOf, withType, type GoFuncSpec, type GoValue } from '../gotemplate/value.js';
import { utf8Decode } from '../gotemplate/bytes.js';
import { formatValue } from '../gotemplate/fmt.js';
import { NumError, atoi as goAtoi, parseInt as goParseInt } from '../gotemplate/strconv.js';
import { toFloat64, toInt64 } from './cast.js';

/** Sprig's strval: strings as is, []byte as a string, everything else as Go's %v. */
export function strval(v: GoValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return utf8Decode(v);
  return formatValue(v);
}

/** Whether a value is a Go slice or array (reflect kinds slice/array). */
export function isSliceValue(v: GoValue): v is GoValue[] | Uint8Array {
  return Array.isArray(v) || v instanceof Uint8Array;
}

/** The elements of a slice value as interface values ([]byte elements are uint8). */
export function sliceElements(v: GoValue[] | Uint8Array): GoValue[] {
  if (v instanceof Uint8Array) return Array.from(v, (b) => new GoInt('uint8', BigInt(b)));
  return v;
}

/**
 * Sprig's strslice: a value as []string (nil elements dropped, a non-slice as one element). A
 * []string is returned itself, as in Go: a nil one stays nil, and sortAlpha sorts it in place.
 */
export function strslice(v: GoValue): string[] {
  if (Array.isArray(v) && typeInfoOf(v).name === '[]string') return v as string[];
  if (isSliceValue(v)) {
    const out: string[] = [];
    for (const e of sliceElements(v)) if (e !== null) out.push(strval(e));
    return out;
  }
  if (v === null) return [];
  return [strval(v)];
}

/** `i, _ := strconv.Atoi(s)`: a syntax error gives 0, a range error the clamped value. */
function atoi(s: string): bigint {
  try {
    return goAtoi(s);
  } catch (e) {
    if (e instanceof NumError && e.err === 'value out of range') {
      return s.startsWith('-') ? -(1n << 63n) : (1n << 63n) - 1n;
    }
    if (e instanceof NumError) return 0n;
    throw e;
  }
}

/** toDecimal: the %v text of the value parsed as octal; 0 on any error. */
function toDecimal(v: GoValue): bigint {
  try {
    return goParseInt(formatValue(v), 8, 64);
  } catch (e) {
    if (e instanceof NumError) return 0n;
    throw e;
  }
}

export const conversionFuncs: readonly GoFuncSpec[] = [
  { name: 'toString', params: ['interface {}'], results: ['string'], fn: (v) => strval(v) },
  { name: 'atoi', params: ['string'], results: ['int'], fn: (s) => int(atoi(s as string)) },
  { name: 'int64', params: ['interface {}'], results: ['int64'], fn: (v) => int64(toInt64(v)) },
  { name: 'int', params: ['interface {}'], results: ['int'], fn: (v) => int(toInt64(v)) },
  { name: 'float64', params: ['interface {}'], results: ['float64'], fn: (v) => toFloat64(v) },
  { name: 'toDecimal', params: ['interface {}'], results: ['int64'], fn: (v) => int64(toDecimal(v)) },
  {
    name: 'toStrings',
    params: ['interface {}'],
    results: ['[]string'],
    fn: (v) => withType(strslice(v), STRING_SLICE_TYPE),
  },
];
