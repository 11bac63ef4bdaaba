/**
 * text/template's builtin functions (minus and/or/call, which the executor owns):
 * eq ne lt le gt ge not len index slice print printf println html js urlquery.
 *
 * Parameters typed `reflect.Value` receive the operand as is: null for nil or a missing value.
 * (Go tells the literal `nil` apart from a missing value only in `len nil`, which panics with
 * a reflect message; here both give `len of nil pointer`.)
 */
import type { GoFuncSpec, GoValue } from './value.js';
import { GoInt, GoStruct, GoFunc, isTrue, goTypeName, typeInfoOf, compareGoStrings, withType, isNilCollection, zeroValue } from './value.js';
import { GoError } from './errors.js';
import { sprint, sprintf, sprintln } from './fmt.js';
import { htmlEscaper, jsEscaper, urlQueryEscaper } from './escape.js';
import { byteLength, byteSlice, byteStringsEqual, normalizeByteString, utf8Encode } from './bytes.js';

/** Target helm version (same as template.ts's Compat). */
export type Compat = 'helm3' | 'helm4';

const RV = 'reflect.Value';

// ---------------------------------------------------------------------------------------------
// Comparison

type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'string' | 'invalid';

/** Go's basicKind: the comparison class of a value; composites and nil are `invalid`. */
function basicKind(v: GoValue): BasicKind {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
  }
  if (v instanceof GoInt) return v.signed ? 'int' : 'uint';
  return 'invalid';
}

/** Go's reflect kind as canCompare sees it. */
function reflectKind(v: GoValue): string {
  if (v === null) return 'invalid';
  if (Array.isArray(v)) return typeInfoOf(v).kind;
  if (v instanceof Map) return typeInfoOf(v).kind;
  if (v instanceof Uint8Array) return 'slice';
  if (v instanceof GoStruct) return v.pointer ? 'ptr' : 'struct';
  return typeof v;
}

function isComparableType(v: GoValue): boolean {
  if (Array.isArray(v) || v instanceof Map || v instanceof Uint8Array) return false;
  if (v instanceof GoStruct) return v.pointer || [...v.fields.values()].every((f) => f === null || isComparableType(f));
  return !(v instanceof GoFunc);
}

function comparisonErrors(compat: Compat) {
  return {
    bad(a: GoValue, b: GoValue): GoError {
      if (compat === 'helm4') return new GoError(`incompatible types for comparison: ${goTypeName(a)} and ${goTypeName(b)}`);
      return new GoError('incompatible types for comparison');
    },
    badType(): GoError {
      return new GoError('invalid type for comparison');
    },
  };
}

function intOf(v: GoValue): bigint {
  return (v as GoInt).value;
}

/** Go's == on two values of one basic kind, or of mixed signedness. */
function structEqual(a: GoStruct, b: GoStruct): boolean {
  if (a.pointer || b.pointer) return a === b;
  if (a.type.name !== b.type.name) return false;
  for (const [k, v] of a.fields) {
    const w = b.fields.get(k) ?? null;
    if (!valuesEqual(v, w)) return false;
  }
  return true;
}

function valuesEqual(a: GoValue, b: GoValue): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return byteStringsEqual(a, b);
  if (a instanceof GoInt && b instanceof GoInt) return a.type === b.type && a.value === b.value;
  if (a instanceof GoStruct && b instanceof GoStruct) return structEqual(a, b);
  return false;
}

/** Go's isNil in text/template's eq: nil, or a nil slice or map. */
function isNil(v: GoValue): boolean {
  return v === null || isNilCollection(v);
}

/** The `eq` builtin: arg1 == any of args. */
export function makeEq(compat: Compat): (arg1: GoValue, ...args: GoValue[]) => boolean {
  const errs = comparisonErrors(compat);
  return (arg1, ...args) => {
    if (args.length === 0) throw new GoError('missing argument for comparison');
    const k1 = basicKind(arg1);
    for (const arg of args) {
      const k2 = basicKind(arg);
      let truth = false;
      if (k1 !== k2) {
        if (k1 === 'int' && k2 === 'uint') truth = intOf(arg1) >= 0n && intOf(arg1) === intOf(arg);
        else if (k1 === 'uint' && k2 === 'int') truth = intOf(arg) >= 0n && intOf(arg1) === intOf(arg);
        else if (arg1 !== null && arg !== null) throw errs.bad(arg1, arg);
      } else {
        switch (k1) {
          case 'bool':
          case 'float':
            truth = arg1 === arg;
            break;
          case 'int':
          case 'uint':
            truth = intOf(arg1) === intOf(arg);
            break;
          case 'string':
            truth = byteStringsEqual(arg1 as string, arg as string);
            break;
          default: {
            const r1 = reflectKind(arg1);
            const r2 = reflectKind(arg);
            if (r1 !== r2 && r1 !== 'invalid' && r2 !== 'invalid') {
              throw new GoError(`non-comparable types ${sprintf('%s', arg1)}: ${goTypeName(arg1)}, ${goTypeName(arg)}: ${sprintf('%v', arg)}`);
            }
            if (isNil(arg1) || isNil(arg)) {
              truth = isNil(arg1) === isNil(arg);
            } else {
              if (!isComparableType(arg)) throw new GoError(`non-comparable type ${sprintf('%s', arg)}: ${goTypeName(arg)}`);
              truth = valuesEqual(arg1, arg);
            }
          }
        }
      }
      if (truth) return true;
    }
    return false;
  };
}

/** The `lt` builtin. */
export function makeLt(compat: Compat): (a: GoValue, b: GoValue) => boolean {
  const errs = comparisonErrors(compat);
  return (a, b) => {
    const k1 = basicKind(a);
    if (k1 === 'invalid') throw errs.badType();
    const k2 = basicKind(b);
    if (k2 === 'invalid') throw errs.badType();
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') return intOf(a) < 0n || intOf(a) < intOf(b);
      if (k1 === 'uint' && k2 === 'int') return intOf(b) >= 0n && intOf(a) < intOf(b);
      throw errs.bad(a, b);
    }
    switch (k1) {
      case 'bool':
        throw errs.badType();
      case 'float':
        return (a as number) < (b as number);
      case 'int':
      case 'uint':
        return intOf(a) < intOf(b);
      default:
        return compareGoStrings(normalizeByteString(a as string), normalizeByteString(b as string)) < 0;
    }
  };
}

// ---------------------------------------------------------------------------------------------
// len, index, slice

/** The `len` builtin: bytes of a string, elements of a list, entries of a map. */
export function length(v: GoValue): GoInt {
  if (v === null) throw new GoError('len of nil pointer');
  if (typeof v === 'string') return new GoInt('int', BigInt(byteLength(v)));
  if (Array.isArray(v) || v instanceof Uint8Array) return new GoInt('int', BigInt(v.length));
  if (v instanceof Map) return new GoInt('int', BigInt(v.size));
  if (v instanceof GoStruct) return failLen(v.type.name);
  return failLen(goTypeName(v));
}

function failLen(type: string): never {
  throw new GoError('len of type ' + type);
}

/** Go's indexArg: an int index within [0, cap]. */
function indexArg(index: GoValue, cap: number): number {
  let x: bigint;
  if (index instanceof GoInt) {
    x = index.signed ? index.value : BigInt.asIntN(64, index.value);
  } else if (index === null) {
    throw new GoError('cannot index slice/array with nil');
  } else {
    throw new GoError('cannot index slice/array with type ' + goTypeName(index));
  }
  if (x < 0n || x > BigInt(cap)) throw new GoError('index out of range: ' + x.toString());
  return Number(x);
}

/** The `index` builtin: item[i][j]... over lists, strings (bytes) and maps. */
export function index(item: GoValue, ...indexes: GoValue[]): GoValue {
  if (item === null) throw new GoError('index of untyped nil');
  for (const ix of indexes) {
    if (item === null) throw new GoError('index of nil pointer');
    if (typeof item === 'string') {
      const n = byteLength(item);
      const x = indexArg(ix, n);
      if (x === n) throw new GoError('reflect: string index out of range');
      item = new GoInt('uint8', BigInt(utf8Encode(item)[x]));
    } else if (item instanceof Uint8Array) {
      const x = indexArg(ix, item.length);
      if (x === item.length) throw new GoError('reflect: slice index out of range');
      item = new GoInt('uint8', BigInt(item[x]));
    } else if (Array.isArray(item)) {
      const x = indexArg(ix, item.length);
      if (x === item.length) throw new GoError('reflect: slice index out of range');
      item = item[x];
    } else if (item instanceof Map) {
      if (ix === null) throw new GoError('value is nil; should be of type string');
      if (typeof ix !== 'string') throw new GoError(`value has type ${goTypeName(ix)}; should be string`);
      const got = item.get(ix);
      item = got !== undefined ? got : zeroValue(typeInfoOf(item).elem ?? 'interface {}');
    } else {
      const t = item instanceof GoStruct ? item.type.name : goTypeName(item);
      throw new GoError("can't index item of type " + t);
    }
  }
  return item;
}

/** The `slice` builtin (Go's; helm replaces it with Sprig's). */
export function slice(item: GoValue, ...indexes: GoValue[]): GoValue {
  if (item === null) throw new GoError('slice of untyped nil');
  if (indexes.length > 3) throw new GoError('too many slice indexes: ' + indexes.length);
  let len: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new GoError('cannot 3-index slice a string');
    len = byteLength(item);
  } else if (Array.isArray(item) || item instanceof Uint8Array) {
    len = item.length;
  } else {
    const t = item instanceof GoStruct ? item.type.name : goTypeName(item);
    throw new GoError("can't slice item of type " + t);
  }
  const idx = [0, len, len];
  indexes.forEach((ix, i) => {
    idx[i] = indexArg(ix, len);
  });
  if (idx[0] > idx[1]) throw new GoError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) throw new GoError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof item === 'string') return byteSlice(item, idx[0], idx[1]);
  if (item instanceof Uint8Array) return item.slice(idx[0], idx[1]);
  const out = item.slice(idx[0], idx[1]);
  const info = typeInfoOf(item);
  return info.name === '[]interface {}' ? out : withType(out, info);
}

// ---------------------------------------------------------------------------------------------
// The function table

/** The builtin function specs for one target helm version. */
export function builtinFuncs(compat: Compat): GoFuncSpec[] {
  const eq = makeEq(compat);
  const lt = makeLt(compat);
  const le = (a: GoValue, b: GoValue): boolean => lt(a, b) || eq(a, b);
  return [
    { name: 'eq', params: [RV, RV], variadic: true, results: ['bool'], returnsError: true, fn: (a, ...b) => eq(a, ...b) },
    { name: 'ne', params: [RV, RV], results: ['bool'], returnsError: true, fn: (a, b) => !eq(a, b) },
    { name: 'lt', params: [RV, RV], results: ['bool'], returnsError: true, fn: (a, b) => lt(a, b) },
    { name: 'le', params: [RV, RV], results: ['bool'], returnsError: true, fn: (a, b) => le(a, b) },
    { name: 'gt', params: [RV, RV], results: ['bool'], returnsError: true, fn: (a, b) => !le(a, b) },
    { name: 'ge', params: [RV, RV], results: ['bool'], returnsError: true, fn: (a, b) => !lt(a, b) },
    { name: 'not', params: [RV], results: ['bool'], fn: (a) => !isTrue(a) },
    { name: 'len', params: [RV], results: ['int'], returnsError: true, fn: (a) => length(a) },
    { name: 'index', params: [RV, RV], variadic: true, results: [RV], returnsError: true, fn: (a, ...ix) => index(a, ...ix) },
    { name: 'slice', params: [RV, RV], variadic: true, results: [RV], returnsError: true, fn: (a, ...ix) => slice(a, ...ix) },
    { name: 'print', params: ['interface {}'], variadic: true, results: ['string'], fn: (...a) => sprint(...a) },
    { name: 'printf', params: ['string', 'interface {}'], variadic: true, results: ['string'], fn: (f, ...a) => sprintf(f as string, ...a) },
    { name: 'println', params: ['interface {}'], variadic: true, results: ['string'], fn: (...a) => sprintln(...a) },
    { name: 'html', params: ['interface {}'], variadic: true, results: ['string'], fn: htmlEscaper },
    { name: 'js', params: ['interface {}'], variadic: true, results: ['string'], fn: jsEscaper },
    { name: 'urlquery', params: ['interface {}'], variadic: true, results: ['string'], fn: urlQueryEscaper },
  ];
}
