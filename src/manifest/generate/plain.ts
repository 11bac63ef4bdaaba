/**
 * Plain data helpers: deep copies that keep every key as data (`__proto__` included), and the
 * conversion of plain data to the Go values the YAML emitter prints.
 */
import type { GoValue } from '../../gotemplate/value.js';

export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function defineData(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** A deep copy of JSON-like data; every key (`__proto__` too) is an own data property. */
export function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (isPlainObject(v)) {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) defineData(o, k, deepCopy(v[k]));
    return o;
  }
  return v;
}

/**
 * Plain data as Go values (objects become maps, in key order); anything that is not JSON data
 * (functions, symbols, bigint, non-finite numbers) becomes null, and properties set to undefined
 * are left out, as in JSON.stringify.
 */
export function toGoValue(v: unknown): GoValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) return v.map(toGoValue);
  if (isPlainObject(v)) {
    const m = new Map<string, GoValue>();
    for (const k of Object.keys(v)) if (v[k] !== undefined) m.set(k, toGoValue(v[k]));
    return m;
  }
  return null;
}
