/** Scalar formats of the Kubernetes API: date-time, quantity, base64, integer sizes. */

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
/** resource.Quantity: a signed decimal with an optional binary (Ki..Ei), decimal SI (n u m k M G T P E) or exponent suffix. */
const QUANTITY = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+|[KMGTPE]i|[numkMGTPE])?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;
const INT64_LIMIT = 9223372036854775808;

export function isDateTime(s: string): boolean {
  return DATE_TIME.test(s);
}
export function isQuantity(s: string): boolean {
  return QUANTITY.test(s);
}
export function isBase64(s: string): boolean {
  return BASE64.test(s);
}

/** undefined when `n` fits `format` (int32/int64), else why not. */
export function intRangeProblem(n: number, format: 'int32' | 'int64'): string | undefined {
  if (format === 'int32' && (n < INT32_MIN || n > INT32_MAX)) return `${n} is out of the int32 range [${INT32_MIN}, ${INT32_MAX}]`;
  if (format === 'int64' && (n < -INT64_LIMIT || n >= INT64_LIMIT)) return `${n} is out of the int64 range`;
  return undefined;
}
