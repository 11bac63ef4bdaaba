/**
 * Sprig's list functions. They accept any slice (reflect kinds slice/array): []interface{},
 * []string, []int, []byte...; other kinds give Sprig's "Cannot ... on type KIND" errors, and a
 * nil list dereferences a nil reflect.Type (a Go runtime panic).
 */
import { GoError } from '../gotemplate/errors.js';
import { GoInt, goKind, nilCollection, typeInfoOf, withType, type GoFuncSpec, type GoTypeInfo, type GoValue } from '../gotemplate/value.js';
import { isSliceValue, sliceElements } from './conversion.js';
import { toInt64 } from './cast.js';
import { isEmpty } from './defaults.js';
import { deepEqual } from './reflect.js';
import { panic } from './panic.js';

const NIL_DEREF = 'runtime error: invalid memory address or nil pointer dereference';
const INT_SLICE_TYPE: GoTypeInfo = { name: '[]int', kind: 'slice', elem: 'int' };
const SLICE_OF_SLICES_TYPE: GoTypeInfo = { name: '[][]interface {}', kind: 'slice', elem: '[]interface {}' };

/** The elements of `list` when it is a slice; otherwise the Go error (or panic for nil). */
function elementsOf(list: GoValue, message: (kind: string) => string): GoValue[] {
  if (list === null) panic(NIL_DEREF);
  if (!isSliceValue(list)) throw new GoError(message(goKind(list)));
  return sliceElements(list);
}

/** Declares `name` (panicking on error, as Sprig's plain form does) and `mustName` (returning the error). */
function pair(
  name: string,
  params: readonly string[],
  result: string,
  fn: (...args: GoValue[]) => GoValue,
  variadic = false,
): GoFuncSpec[] {
  const must = 'must' + name[0].toUpperCase() + name.slice(1);
  const panicking = (...args: GoValue[]): GoValue => {
    try {
      return fn(...args);
    } catch (e) {
      if (e instanceof GoError) panic(e.message);
      throw e;
    }
  };
  return [
    { name, params, variadic, results: [result], fn: panicking },
    { name: must, params, variadic, results: [result], returnsError: true, fn },
  ];
}

/** `f(els)`, or a nil slice when `els` is empty (Sprig's `if l == 0 { return nil, nil }`). */
function orNil(els: GoValue[], f: (els: GoValue[]) => GoValue[]): GoValue {
  return els.length === 0 ? nilCollection<GoValue[]>([]) : f(els);
}

function push(list: GoValue, v: GoValue): GoValue {
  return [...elementsOf(list, (k) => `Cannot push on type ${k}`), v];
}

function slice(list: GoValue, ...indices: GoValue[]): GoValue {
  const els = elementsOf(list, (k) => `list should be type of slice or array but ${k}`);
  const len = els.length;
  if (len === 0) return null;
  const start = indices.length > 0 ? Number(toInt64(indices[0])) : 0;
  const end = indices.length < 2 ? len : Number(toInt64(indices[1]));
  if (start < 0 || end < start || end > len) panic('reflect.Value.Slice: slice index out of bounds');
  if (list instanceof Uint8Array) return list.slice(start, end);
  const arr = list as GoValue[];
  const info = typeInfoOf(arr);
  const out = arr.slice(start, end);
  return info.name === '[]interface {}' ? out : withType(out, info);
}

function chunk(size: GoValue, list: GoValue): GoValue {
  const els = elementsOf(list, (k) => `Cannot chunk type ${k}`);
  const n = Number((size as GoInt).value);
  const l = els.length;
  const count = Math.floor((l - 1) / n) + 1;
  if (!Number.isFinite(count) || count < 0) panic('runtime error: makeslice: len out of range');
  const out: GoValue[] = [];
  for (let i = 0; i < count; i++) {
    let clen = n;
    if (i === count - 1) {
      clen = Math.floor(l % n);
      if (clen === 0) clen = n;
    }
    if (clen < 0) panic('runtime error: makeslice: len out of range');
    const row: GoValue[] = [];
    for (let j = 0; j < clen; j++) {
      const ix = i * n + j;
      if (ix >= l) panic(`runtime error: index out of range [${ix}] with length ${l}`);
      row.push(els[ix]);
    }
    out.push(row);
  }
  return withType(out, SLICE_OF_SLICES_TYPE);
}

/** untilStep as Sprig defines it (empty when the step points away from stop). */
export function untilStep(start: number, stop: number, step: number): number[] {
  const v: number[] = [];
  // Go would grow the slice until the process runs out of memory; stop early instead of hanging.
  if (step !== 0 && (stop - start) / step > 1e8) panic('runtime: out of memory');
  if (stop < start) {
    if (step >= 0) return v;
    for (let i = start; i > stop; i += step) v.push(i);
    return v;
  }
  if (step <= 0) return v;
  for (let i = start; i < stop; i += step) v.push(i);
  return v;
}

const intList = (xs: number[]): GoValue => withType(xs.map((x) => new GoInt('int', BigInt(x))), INT_SLICE_TYPE);

function seq(...ps: GoValue[]): string {
  const p = ps.map((x) => Number((x as GoInt).value));
  let out: number[];
  switch (p.length) {
    case 1: {
      const inc = p[0] < 1 ? -1 : 1;
      out = untilStep(1, p[0] + inc, inc);
      break;
    }
    case 2: {
      const step = p[1] < p[0] ? -1 : 1;
      out = untilStep(p[0], p[1] + step, step);
      break;
    }
    case 3: {
      let inc = 1;
      if (p[2] < p[0]) {
        inc = -1;
        if (p[1] > 0) return '';
      }
      out = untilStep(p[0], p[2] + inc, p[1]);
      break;
    }
    default:
      return '';
  }
  return out.join(' ');
}

const I = 'interface {}';

export const listFuncs: readonly GoFuncSpec[] = [
  { name: 'list', params: [I], variadic: true, results: ['[]interface {}'], fn: (...xs) => [...xs] },
  { name: 'tuple', params: [I], variadic: true, results: ['[]interface {}'], fn: (...xs) => [...xs] },
  ...pair('append', [I, I], '[]interface {}', push),
  ...pair('push', [I, I], '[]interface {}', push),
  ...pair('prepend', [I, I], '[]interface {}', (l, v) => [v, ...elementsOf(l, (k) => `Cannot prepend on type ${k}`)]),
  ...pair('first', [I], I, (l) => elementsOf(l, (k) => `Cannot find first on type ${k}`)[0] ?? null),
  ...pair('last', [I], I, (l) => {
    const els = elementsOf(l, (k) => `Cannot find last on type ${k}`);
    return els.length ? els[els.length - 1] : null;
  }),
  // rest and initial of an empty list are nil slices; of a one-element list, empty ones.
  ...pair('rest', [I], '[]interface {}', (l) => orNil(elementsOf(l, (k) => `Cannot find rest on type ${k}`), (els) => els.slice(1))),
  ...pair('initial', [I], '[]interface {}', (l) => orNil(elementsOf(l, (k) => `Cannot find initial on type ${k}`), (els) => els.slice(0, -1))),
  ...pair('reverse', [I], '[]interface {}', (l) => [...elementsOf(l, (k) => `Cannot find reverse on type ${k}`)].reverse()),
  ...pair('uniq', [I], '[]interface {}', (l) => {
    const out: GoValue[] = [];
    for (const x of elementsOf(l, (k) => `Cannot find uniq on type ${k}`)) {
      if (!out.some((y) => deepEqual(x, y))) out.push(x);
    }
    return out;
  }),
  ...pair(
    'without',
    [I, I],
    '[]interface {}',
    (l, ...omit) => elementsOf(l, (k) => `Cannot find without on type ${k}`).filter((x) => !omit.some((o) => deepEqual(x, o))),
    true,
  ),
  ...pair('has', [I, I], 'bool', (needle, hay) => {
    if (hay === null) return false;
    return elementsOf(hay, (k) => `Cannot find has on type ${k}`).some((x) => deepEqual(needle, x));
  }),
  ...pair('compact', [I], '[]interface {}', (l) => elementsOf(l, (k) => `Cannot compact on type ${k}`).filter((x) => !isEmpty(x))),
  ...pair('slice', [I, I], I, slice, true),
  ...pair('chunk', ['int', I], '[][]interface {}', chunk),
  {
    name: 'concat',
    params: [I],
    variadic: true,
    results: [I],
    fn: (...lists) => {
      const out: GoValue[] = [];
      for (const l of lists) {
        if (l === null) panic(NIL_DEREF);
        if (!isSliceValue(l)) panic(`Cannot concat type ${goKind(l)} as list`);
        for (const e of sliceElements(l)) out.push(e);
      }
      // Sprig appends to a nil slice: nothing appended leaves it nil.
      return out.length === 0 ? nilCollection(out) : out;
    },
  },
  { name: 'until', params: ['int'], results: ['[]int'], fn: (c) => {
    const n = Number((c as GoInt).value);
    return intList(untilStep(0, n, n < 0 ? -1 : 1));
  } },
  {
    name: 'untilStep',
    params: ['int', 'int', 'int'],
    results: ['[]int'],
    fn: (a, b, c) => intList(untilStep(Number((a as GoInt).value), Number((b as GoInt).value), Number((c as GoInt).value))),
  },
  { name: 'seq', params: ['int'], variadic: true, results: ['string'], fn: seq },
];
