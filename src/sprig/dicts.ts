/**
 * Sprig's dict functions. set/unset/merge/mergeOverwrite mutate their first argument, as in Go;
 * merge follows dario.cat/mergo: without overwrite it still fills keys whose value is empty.
 */
import { GoError } from '../gotemplate/errors.js';
import {
  GoStruct,
  MAP_TYPE,
  asType,
  STRING_SLICE_TYPE,
  compareGoStrings,
  goTypeName,
  isNilCollection,
  nilCollection,
  typeInfoOf,
  withType,
  type GoFuncSpec,
  type GoValue,
} from '../gotemplate/value.js';
import { strval } from './conversion.js';
import { isEmpty } from './defaults.js';
import { panic } from './panic.js';

type GoMap = Map<string, GoValue>;
const M = 'map[string]interface {}';
const I = 'interface {}';

const asMap = (v: GoValue): GoMap | null => (v instanceof Map ? v : null);
/** A map argument as the function sees it: a map[string]interface{} (named map types convert). */
const plain = (m: GoMap): GoMap => asType(m, MAP_TYPE);
const keysOf = (m: GoMap): string[] => [...m.keys()].sort(compareGoStrings);

/** An error mergo returns (merge swallows it into "", mustMerge returns it). */
class MergeError extends Error {}

/** Stores `v` under `k`, as reflect's SetMapIndex would for the map's element type. */
function setIn(dst: GoMap, k: string, v: GoValue): void {
  const elem = typeInfoOf(dst).elem ?? 'interface {}';
  if (elem !== 'interface {}') panic(`reflect.Value.SetMapIndex: value of type interface {} is not assignable to type ${elem}`);
  dst.set(k, v);
}

/**
 * mergo's deep merge of `src` into `dst` (maps merge recursively; lists and scalars replace).
 * Without overwrite, a key is only filled when dst lacks it or holds an empty value.
 */
export function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const [k, s] of src) {
    const has = dst.has(k);
    const d = has ? (dst.get(k) ?? null) : null;
    if (s === null) {
      if (overwrite) setIn(dst, k, null);
      continue;
    }
    if (s instanceof Map) {
      // A nil map in dst is not merged into: it is empty, so src's map replaces it below.
      if (d instanceof Map && !isNilCollection(d)) mergeInto(d, s, overwrite);
      else if (d instanceof GoStruct && !d.pointer && d.fields.size > 0) {
        panic('reflect: call of reflect.Value.Field on map Value');
      } else if (d instanceof GoStruct && d.pointer && !overwrite) {
        throw new MergeError('src and dst must be of same type');
      }
    }
    if (has && !isEmpty(d)) {
      // A non-empty destination list is kept (unless overwriting); maps were merged in place.
      if (Array.isArray(s) || s instanceof Uint8Array) {
        if (overwrite) setIn(dst, k, s);
        continue;
      }
      if (s instanceof Map && d instanceof Map) continue;
    }
    if (overwrite || !has || isEmpty(d)) setIn(dst, k, s);
  }
}

function merge(overwrite: boolean, must: boolean) {
  return (dst: GoValue, ...srcs: GoValue[]): GoValue => {
    // mergo merges into the function's own dst variable: a nil dst becomes a new map at the first
    // non-nil src (even an empty one); with none it stays nil. The caller's nil map is untouched.
    let target = asMap(dst) ?? nilCollection(new Map<string, GoValue>());
    for (const src of srcs) {
      const m = asMap(src);
      if (!m) continue;
      if (isNilCollection(target)) {
        if (isNilCollection(m)) continue;
        target = new Map<string, GoValue>();
      }
      try {
        mergeInto(target, m, overwrite);
      } catch (e) {
        if (!(e instanceof MergeError)) throw e;
        if (must) throw new GoError(e.message);
        return '';
      }
    }
    return plain(target);
  };
}

function typeNameForAssert(v: GoValue): string {
  return v === null ? 'nil' : goTypeName(v);
}

function dig(...ps: GoValue[]): GoValue {
  if (ps.length < 3) panic('dig needs at least three arguments');
  const last = ps[ps.length - 1];
  const asPlainMap = (v: GoValue): GoMap => {
    if (v instanceof Map && typeInfoOf(v) === MAP_TYPE) return v;
    return panic(`interface conversion: interface {} is ${typeNameForAssert(v)}, not map[string]interface {}`);
  };
  let dict = asPlainMap(last);
  const def = ps[ps.length - 2];
  const ks = ps.slice(0, -2).map((k) => {
    if (typeof k !== 'string') panic(`interface conversion: interface {} is ${typeNameForAssert(k)}, not string`);
    return k;
  });
  for (let i = 0; ; i++) {
    if (!dict.has(ks[i])) return def;
    const step = dict.get(ks[i]) ?? null;
    if (i === ks.length - 1) return step;
    dict = asPlainMap(step);
  }
}

export const dictFuncs: readonly GoFuncSpec[] = [
  {
    name: 'dict',
    params: [I],
    variadic: true,
    results: [M],
    fn: (...v) => {
      const out = new Map<string, GoValue>();
      for (let i = 0; i < v.length; i += 2) out.set(strval(v[i]), i + 1 < v.length ? v[i + 1] : '');
      return out;
    },
  },
  {
    name: 'get',
    params: [M, 'string'],
    results: [I],
    fn: (d, k) => {
      const m = asMap(d);
      return m && m.has(k as string) ? (m.get(k as string) ?? null) : '';
    },
  },
  {
    name: 'set',
    params: [M, 'string', I],
    results: [M],
    fn: (d, k, v) => {
      const m = asMap(d);
      if (!m || isNilCollection(m)) panic('assignment to entry in nil map');
      m.set(k as string, v);
      return plain(m);
    },
  },
  {
    name: 'unset',
    params: [M, 'string'],
    results: [M],
    fn: (d, k) => {
      const m = asMap(d);
      // Deleting from a nil map does nothing; the nil map is returned.
      if (!m) return nilCollection(new Map<string, GoValue>());
      m.delete(k as string);
      return plain(m);
    },
  },
  { name: 'hasKey', params: [M, 'string'], results: ['bool'], fn: (d, k) => asMap(d)?.has(k as string) ?? false },
  {
    name: 'pluck',
    params: ['string', M],
    variadic: true,
    results: ['[]interface {}'],
    fn: (k, ...ds) => {
      const out: GoValue[] = [];
      for (const d of ds) {
        const m = asMap(d);
        if (m?.has(k as string)) out.push(m.get(k as string) ?? null);
      }
      return out;
    },
  },
  {
    name: 'keys',
    params: [M],
    variadic: true,
    results: ['[]string'],
    fn: (...ds) => withType(ds.flatMap((d) => (asMap(d) ? keysOf(d as GoMap) : [])), STRING_SLICE_TYPE),
  },
  {
    name: 'pick',
    params: [M, 'string'],
    variadic: true,
    results: [M],
    fn: (d, ...ks) => {
      const m = asMap(d);
      const out = new Map<string, GoValue>();
      for (const k of ks) if (m?.has(k as string)) out.set(k as string, m.get(k as string) ?? null);
      return out;
    },
  },
  {
    name: 'omit',
    params: [M, 'string'],
    variadic: true,
    results: [M],
    fn: (d, ...ks) => {
      const drop = new Set(ks as string[]);
      const out = new Map<string, GoValue>();
      for (const [k, v] of asMap(d) ?? []) if (!drop.has(k)) out.set(k, v);
      return out;
    },
  },
  { name: 'merge', params: [M, M], variadic: true, results: [I], fn: merge(false, false) },
  { name: 'mergeOverwrite', params: [M, M], variadic: true, results: [I], fn: merge(true, false) },
  { name: 'mustMerge', params: [M, M], variadic: true, results: [I], returnsError: true, fn: merge(false, true) },
  { name: 'mustMergeOverwrite', params: [M, M], variadic: true, results: [I], returnsError: true, fn: merge(true, true) },
  {
    name: 'values',
    params: [M],
    results: ['[]interface {}'],
    fn: (d) => {
      const m = asMap(d);
      return m ? keysOf(m).map((k) => m.get(k) ?? null) : [];
    },
  },
  { name: 'dig', params: [I], variadic: true, results: [I], returnsError: true, fn: dig },
];
