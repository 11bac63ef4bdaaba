/**
 * Go values of a parsed manifest as plain JavaScript data: maps become objects (keys defined as
 * own properties, so `__proto__` is data), lists arrays, []byte a string of its bytes as UTF-8.
 */
import { utf8Decode } from '../../gotemplate/bytes.js';
import type { GoValue } from '../../gotemplate/value.js';
import { GoInt, GoStruct } from '../../gotemplate/value.js';

export type PlainValue = null | boolean | number | string | PlainValue[] | { [key: string]: PlainValue };

export function toPlain(v: GoValue): PlainValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Map) {
    const o: { [key: string]: PlainValue } = {};
    for (const [k, x] of v) Object.defineProperty(o, k, { value: toPlain(x), enumerable: true, writable: true, configurable: true });
    return o;
  }
  if (v instanceof Uint8Array) return utf8Decode(v);
  if (v instanceof GoInt) return Number(v.value);
  if (v instanceof GoStruct) return toPlain(v.fields);
  return null;
}
