/**
 * helm's coalescing of values with chart defaults (chartutil CoalesceValues / MergeValues and
 * their helpers), over a tree of charts that only knows names, values and subcharts.
 *
 * Rules (measured on helm 3.17.3 and 4.1.4):
 * - the higher level wins: user values over the chart's values.yaml, a parent's `<sub>:` section
 *   over the subchart's values.yaml; maps merge, lists and scalars replace;
 * - coalescing (not merging) deletes a key whose higher-level value is null when the default is
 *   there; a null with no default stays null;
 * - each subchart's values get a `global` map: the parent's globals copied over the child's
 *   (parent wins, maps merged), so the child also keeps its own extra globals;
 * - mismatches are warnings (see warnings.ts), except a non-map where a subchart's section
 *   belongs: `type mismatch on <sub>: <%t of the value>`.
 * helm 4 keeps a nested null that both sides have (helm 3 deletes it).
 */
import { formatValue } from '../../gotemplate/fmt.js';
import type { Compat } from '../../gotemplate/template.js';
import type { GoValue } from '../../gotemplate/value.js';
import type { ValuesWarning } from './warnings.js';

/** What coalescing needs of a chart. `values` is its values.yaml (or what import-values made of it). */
export interface ValuesNode {
  readonly name: string;
  readonly values: Map<string, GoValue>;
  readonly deps: readonly ValuesNode[];
}

/** The only hard failure of coalescing. */
export class CoalesceError extends Error {}

export type WarningSink = (w: ValuesWarning) => void;

export const GLOBAL_KEY = 'global';

export function isTable(v: GoValue | undefined): v is Map<string, GoValue> {
  return v instanceof Map;
}

function concatPrefix(a: string, b: string): string {
  return a === '' ? b : `${a}.${b}`;
}

/** copystructure.Copy of values: maps and lists copied all the way down. */
export function deepCopy(v: GoValue): GoValue {
  if (v instanceof Map) return deepCopyMap(v);
  if (Array.isArray(v)) return v.map(deepCopy);
  return v;
}

export function deepCopyMap(m: Map<string, GoValue>): Map<string, GoValue> {
  const out = new Map<string, GoValue>();
  for (const [k, v] of m) out.set(k, deepCopy(v));
  return out;
}

/** Go's `%t` of a value that is not a bool (as in "type mismatch on x: %!t(int64=1)"). */
export function formatBadBool(v: GoValue): string {
  if (typeof v === 'boolean') return String(v);
  if (v === null) return '%!t(<nil>)';
  if (Array.isArray(v)) return '[' + v.map(formatBadBool).join(' ') + ']';
  if (v instanceof Map) {
    const keys = [...v.keys()].sort();
    return 'map[' + keys.map((k) => `${k}:${formatBadBool(v.get(k) ?? null)}`).join(' ') + ']';
  }
  const type = typeof v === 'number' ? 'float64' : typeof v === 'string' ? 'string' : 'type' in v ? String(v.type) : '?';
  return `%!t(${type}=${formatValue(v)})`;
}

export class Coalescer {
  constructor(
    private readonly compat: Compat,
    private readonly warn: WarningSink,
  ) {}

  /** chartutil.CoalesceValues (merge=false) / MergeValues (merge=true): a new map. */
  coalesceValues(chart: ValuesNode, vals: Map<string, GoValue> | undefined, merge: boolean): Map<string, GoValue> {
    const dest = vals === undefined ? new Map<string, GoValue>() : deepCopyMap(vals);
    return this.coalesce(chart, dest, '', merge);
  }

  /** CoalesceTables (merge=false) / MergeTables (merge=true): src merged into dst, dst wins. */
  tables(dst: Map<string, GoValue>, src: Map<string, GoValue>, merge: boolean): Map<string, GoValue> {
    return this.tablesFullKey(dst, src, '', merge);
  }

  private coalesce(ch: ValuesNode, dest: Map<string, GoValue>, prefix: string, merge: boolean): Map<string, GoValue> {
    this.chartValues(ch, dest, prefix, merge);
    return this.deps(ch, dest, prefix, merge);
  }

  private deps(ch: ValuesNode, dest: Map<string, GoValue>, prefix: string, merge: boolean): Map<string, GoValue> {
    for (const sub of ch.deps) {
      if (!dest.has(sub.name)) dest.set(sub.name, new Map());
      const dv = dest.get(sub.name) ?? null;
      if (!isTable(dv)) throw new CoalesceError(`type mismatch on ${sub.name}: ${formatBadBool(dv)}`);
      const subPrefix = concatPrefix(prefix, ch.name);
      this.globals(dv, dest, subPrefix);
      dest.set(sub.name, this.coalesce(sub, dv, subPrefix, merge));
    }
    return dest;
  }

  /** coalesceGlobals: the globals of src (the parent's values) copied into dest (a subchart's section). */
  private globals(dest: Map<string, GoValue>, src: Map<string, GoValue>, prefix: string): void {
    let dg: Map<string, GoValue>;
    let sg: Map<string, GoValue>;
    if (!dest.has(GLOBAL_KEY)) dg = new Map();
    else {
      const g = dest.get(GLOBAL_KEY);
      if (!isTable(g)) {
        this.warn({ kind: 'globals-destination-not-table' });
        return;
      }
      dg = g;
    }
    if (!src.has(GLOBAL_KEY)) sg = new Map();
    else {
      const g = src.get(GLOBAL_KEY);
      if (!isTable(g)) {
        this.warn({ kind: 'globals-source-not-table' });
        return;
      }
      sg = g;
    }
    for (const [key, val] of sg) {
      if (isTable(val)) {
        const vv = new Map(val);
        if (!dg.has(key)) dg.set(key, vv);
        else {
          const destv = dg.get(key);
          if (!isTable(destv)) this.warn({ kind: 'globals-map-onto-non-map', key });
          else {
            this.tablesFullKey(vv, destv, concatPrefix(prefix, key), true);
            dg.set(key, vv);
          }
        }
      } else if (dg.has(key) && isTable(dg.get(key))) {
        this.warn({ kind: 'globals-key-is-table', key });
      } else dg.set(key, val);
    }
    dest.set(GLOBAL_KEY, dg);
  }

  /** coalesceValues: the chart's values.yaml under v (v wins). */
  private chartValues(c: ValuesNode, v: Map<string, GoValue>, prefix: string, merge: boolean): void {
    const subPrefix = concatPrefix(prefix, c.name);
    for (const [key, val] of deepCopyMap(c.values)) {
      if (v.has(key)) {
        const value = v.get(key) ?? null;
        if (value === null && !merge) v.delete(key);
        else if (isTable(value)) {
          if (!isTable(val)) {
            if (val !== null) this.warn({ kind: 'not-a-table', key: `${subPrefix}.${key}` });
          } else {
            const childMerge = merge || c.deps.some((d) => d.name === key);
            this.tablesFullKey(value, val, concatPrefix(subPrefix, key), childMerge);
          }
        }
      } else v.set(key, val);
    }
  }

  private tablesFullKey(
    dst: Map<string, GoValue>,
    src: Map<string, GoValue>,
    prefix: string,
    merge: boolean,
  ): Map<string, GoValue> {
    if (this.compat === 'helm3') {
      for (const [key, val] of src) {
        const fullKey = concatPrefix(prefix, key);
        const ok = dst.has(key);
        const dv = dst.get(key) ?? null;
        if (ok && !merge && dv === null) dst.delete(key);
        else if (!ok) dst.set(key, val);
        else if (isTable(val)) {
          if (isTable(dv)) this.tablesFullKey(dv, val, fullKey, merge);
          else this.warn({ kind: 'table-over-non-table', key: fullKey, value: val });
        } else if (isTable(dv) && val !== null) this.warn({ kind: 'non-table-over-table', key: fullKey, value: val });
      }
      return dst;
    }
    // helm 4: a null in dst only deletes a default that was not null itself.
    const srcNonNil = new Set<string>();
    for (const [key, val] of src) if (val !== null) srcNonNil.add(key);
    for (const [key, val] of dst) if (val === null) src.set(key, null);
    for (const [key, val] of src) {
      const fullKey = concatPrefix(prefix, key);
      const ok = dst.has(key);
      const dv = dst.get(key) ?? null;
      if (ok && !merge && dv === null && srcNonNil.has(key)) dst.delete(key);
      else if (!ok) dst.set(key, val);
      else if (isTable(val)) {
        if (isTable(dv)) this.tablesFullKey(dv, val, fullKey, merge);
        else this.warn({ kind: 'table-over-non-table', key: fullKey, value: val });
      } else if (isTable(dv) && val !== null) this.warn({ kind: 'non-table-over-table', key: fullKey, value: val });
    }
    return dst;
  }
}
