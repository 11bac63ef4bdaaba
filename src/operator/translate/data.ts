/**
 * Plain JSON data helpers for the translation. Every map built here has a null prototype, and
 * keys are only ever read as own properties, so keys like `__proto__` stay ordinary data.
 */

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function own(o: unknown, key: string): unknown {
  return isObj(o) && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** Value at a path of keys (own properties only); undefined when any step is missing. */
export function at(root: unknown, ...keys: readonly string[]): unknown {
  let cur = root;
  for (const k of keys) {
    cur = own(cur, k);
    if (cur === undefined) return undefined;
  }
  return cur;
}

export function newObj(): Obj {
  return Object.create(null) as Obj;
}

/** A deep copy as plain data: null-prototype maps, copied lists; undefined entries dropped. */
export function clone(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clone);
  if (isObj(v)) {
    const out = newObj();
    for (const k of Object.keys(v)) {
      const x = v[k];
      if (x !== undefined) out[k] = clone(x);
    }
    return out;
  }
  return v;
}

/**
 * Merges `over` into `base` in place, JSON merge patch style: maps merge key by key, anything
 * else (lists, scalars) replaces, and null deletes the key. `over` is copied, never shared.
 */
export function mergeInto(base: Obj, over: Obj): Obj {
  for (const k of Object.keys(over)) {
    const v = over[k];
    if (v === undefined) continue;
    if (v === null) {
      delete base[k];
      continue;
    }
    const cur = own(base, k);
    if (isObj(v) && isObj(cur)) mergeInto(cur, v);
    else base[k] = clone(v);
  }
  return base;
}

/** Sets `value` (copied) at a path, creating maps on the way (replacing non-maps). */
export function setAt(root: Obj, path: readonly string[], value: unknown): void {
  let cur = root;
  for (const k of path.slice(0, -1)) {
    const next = own(cur, k);
    if (isObj(next)) cur = next;
    else {
      const created = newObj();
      cur[k] = created;
      cur = created;
    }
  }
  const last = path[path.length - 1];
  if (last !== undefined) cur[last] = clone(value);
}

/** A non-empty string, or a number printed as Go's fmt would (tags may be numbers). */
export function nonEmptyString(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Dotted path for messages: `spec.components.ingressGateways[0].k8s`. */
export function dotted(...segs: readonly (string | number)[]): string {
  let out = '';
  for (const s of segs) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}
