/**
 * The plain-data tree that composition works on: JSON-like values whose maps have a null
 * prototype, so a key such as `__proto__` is ordinary data and never reaches a prototype.
 */

export type TreeMap = Record<string, unknown>;

export function newMap(): TreeMap {
  return Object.create(null) as TreeMap;
}

/** A map node (not null, not a list). */
export function isMap(v: unknown): v is TreeMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function hasOwn(m: TreeMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

/** A deep copy with null-prototype maps; lists and scalars are copied as they are. */
export function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (isMap(v)) {
    const out = newMap();
    for (const k of Object.keys(v)) out[k] = deepCopy(v[k]);
    return out;
  }
  return v;
}

/**
 * Whether a parsed value is plain JSON data: finite numbers, strings, booleans, null, lists and
 * plain-object maps, at most 100 levels deep.
 */
export function jsonLike(v: unknown, depth = 0): boolean {
  if (depth > 100) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => jsonLike(x, depth + 1));
  if (isMap(v) && Object.getPrototypeOf(v) === Object.prototype) return Object.keys(v).every((k) => jsonLike(v[k], depth + 1));
  return false;
}

/** `map`, `list`, `null`, or the JavaScript type of a scalar, for messages. */
export function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  if (isMap(v)) return 'map';
  return typeof v;
}

/** The text of a scalar as Go's fmt.Sprint would print it (used to compare selector values). */
export function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Escapes one JSON pointer segment. */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
