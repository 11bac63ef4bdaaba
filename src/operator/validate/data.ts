/** Safe reading of untyped IstioOperator data (never touching prototypes). */

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function own(o: unknown, key: string): unknown {
  return isObj(o) && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** Value at a path of keys (own properties only); undefined when any step is missing. */
export function at(root: unknown, ...keys: string[]): unknown {
  let cur = root;
  for (const k of keys) {
    cur = own(cur, k);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** A string or number setting as text (a chart prints either); '' for anything else or unset. */
export function scalarText(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** JSON pointer from keys and indices. */
export function pointer(...segs: (string | number)[]): string {
  return segs.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** A short, safe rendering of a value for messages. */
export function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? v.slice(0, 77) + '...' : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return 'a list';
  if (isObj(v)) return 'a mapping';
  return typeof v;
}

/** What kind of value this is, in the words of the messages. */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${show(v)}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `the integer ${v}` : `the number ${v}`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  return `a ${typeof v}`;
}
