/**
 * Sprig's default/empty family, ternary, deepCopy and the JSON functions Sprig itself defines
 * (helm replaces toJson/fromJson with its own; the must* and pretty/raw forms are Sprig's).
 */
import { GoError } from '../gotemplate/errors.js';
import { deepCopyValue, GoInt, type GoFuncSpec, type GoValue } from '../gotemplate/value.js';
import { panic } from './panic.js';
import {
  JsonSyntaxError,
  mustFromJson,
  mustToJson,
  mustToPrettyJson,
  mustToRawJson,
  toJson,
  toPrettyJson,
  toRawJson,
  unmarshalJson,
} from '../yaml/json.js';

/** Sprig's empty: nil, false, 0, "", and empty slices/maps are empty; structs and pointers never. */
export function isEmpty(v: GoValue): boolean {
  if (v === null) return true;
  switch (typeof v) {
    case 'boolean':
      return !v;
    case 'number':
      return v === 0;
    case 'string':
      return v.length === 0;
  }
  if (v instanceof GoInt) return v.value === 0n;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  if (v instanceof Map) return v.size === 0;
  return false;
}

function deepCopy(v: GoValue): GoValue {
  if (v === null) panic('reflect: call of reflect.Value.Type on zero Value');
  return deepCopyValue(v);
}

/** Sprig's fromJson: json.Unmarshal into interface{}, nil when the text is not JSON. */
function fromJsonSprig(text: string): GoValue {
  try {
    return unmarshalJson(text).value;
  } catch (e) {
    if (e instanceof JsonSyntaxError) return null;
    throw e;
  }
}

const I = 'interface {}';

export const defaultFuncs: readonly GoFuncSpec[] = [
  {
    name: 'default',
    params: [I, I],
    variadic: true,
    results: [I],
    fn: (d, ...given) => (given.length === 0 || isEmpty(given[0]) ? d : given[0]),
  },
  { name: 'empty', params: [I], results: ['bool'], fn: (v) => isEmpty(v) },
  { name: 'coalesce', params: [I], variadic: true, results: [I], fn: (...xs) => xs.find((x) => !isEmpty(x)) ?? null },
  { name: 'all', params: [I], variadic: true, results: ['bool'], fn: (...xs) => xs.every((x) => !isEmpty(x)) },
  { name: 'any', params: [I], variadic: true, results: ['bool'], fn: (...xs) => xs.some((x) => !isEmpty(x)) },
  // Sprig's own fail; helm replaces it with one that marks the message for its error report.
  {
    name: 'fail',
    params: ['string'],
    results: ['string'],
    returnsError: true,
    fn: (msg) => {
      throw new GoError(msg as string);
    },
  },
  { name: 'ternary', params: [I, I, 'bool'], results: [I], fn: (a, b, c) => (c === true ? a : b) },
  { name: 'deepCopy', params: [I], results: [I], fn: deepCopy },
  { name: 'mustDeepCopy', params: [I], results: [I], returnsError: true, fn: deepCopy },
  { name: 'toJson', params: [I], results: ['string'], fn: (v) => toJson(v) },
  { name: 'mustToJson', params: [I], results: ['string'], returnsError: true, fn: (v) => mustToJson(v) },
  { name: 'toPrettyJson', params: [I], results: ['string'], fn: (v) => toPrettyJson(v) },
  { name: 'mustToPrettyJson', params: [I], results: ['string'], returnsError: true, fn: (v) => mustToPrettyJson(v) },
  { name: 'toRawJson', params: [I], results: ['string'], fn: (v) => toRawJson(v) },
  { name: 'mustToRawJson', params: [I], results: ['string'], returnsError: true, fn: (v) => mustToRawJson(v) },
  { name: 'fromJson', params: ['string'], results: [I], fn: (s) => fromJsonSprig(s as string) },
  { name: 'mustFromJson', params: ['string'], results: [I], returnsError: true, fn: (s) => mustFromJson(s as string) },
];
