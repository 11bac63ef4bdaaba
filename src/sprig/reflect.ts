/**
 * Sprig's reflection functions (typeOf, typeIs, typeIsLike, kindOf, kindIs, deepEqual) and
 * Go's reflect.DeepEqual over the value model.
 */
import { GoFunc, GoInt, GoStruct, goKind, goTypeName, isNilCollection, type GoFuncSpec, type GoValue } from '../gotemplate/value.js';

/** reflect.DeepEqual: identical Go types and deeply equal contents (NaN is never equal). */
export function deepEqual(a: GoValue, b: GoValue): boolean {
  if (a === null || b === null) return a === b;
  if (goTypeName(a) !== goTypeName(b)) return false;
  if (typeof a === 'number') return a === b;
  if (typeof a === 'string' || typeof a === 'boolean') return a === b;
  if (a instanceof GoInt) return b instanceof GoInt && a.value === b.value;
  // A nil slice or map is not deeply equal to an empty one.
  if ((Array.isArray(a) || a instanceof Map) && (Array.isArray(b) || b instanceof Map) && isNilCollection(a) !== isNilCollection(b)) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    if (a === b) return true;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (a instanceof Uint8Array) {
    return b instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i]);
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    if (a === b) return true;
    for (const [k, v] of a) {
      if (!b.has(k) || !deepEqual(v, b.get(k) ?? null)) return false;
    }
    return true;
  }
  if (a instanceof GoStruct) {
    if (!(b instanceof GoStruct)) return false;
    if (a === b) return true;
    for (const [k, v] of a.fields) if (!deepEqual(v, b.fields.get(k) ?? null)) return false;
    return true;
  }
  if (a instanceof GoFunc) return false;
  return false;
}

const str = (v: GoValue): string => v as string;

export const reflectFuncs: readonly GoFuncSpec[] = [
  { name: 'typeOf', params: ['interface {}'], results: ['string'], fn: (v) => goTypeName(v) },
  { name: 'typeIs', params: ['string', 'interface {}'], results: ['bool'], fn: (t, v) => str(t) === goTypeName(v) },
  {
    name: 'typeIsLike',
    params: ['string', 'interface {}'],
    results: ['bool'],
    fn: (t, v) => {
      const name = goTypeName(v);
      return str(t) === name || '*' + str(t) === name;
    },
  },
  { name: 'kindOf', params: ['interface {}'], results: ['string'], fn: (v) => goKind(v) },
  { name: 'kindIs', params: ['string', 'interface {}'], results: ['bool'], fn: (t, v) => str(t) === goKind(v) },
  { name: 'deepEqual', params: ['interface {}', 'interface {}'], results: ['bool'], fn: (a, b) => deepEqual(a, b) },
];
