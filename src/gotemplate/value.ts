/**
 * The Go value model: how values of Go's type system are held in JavaScript.
 *
 * Helm charts are executed by Go, so a renderer that must match helm byte for byte has to keep
 * the distinctions Go keeps and JavaScript does not: int and float64 are different types that
 * print differently and refuse to compare; strings are byte strings; maps iterate in key order;
 * named types (chartutil.Values, []string, map[string]string) show up in `typeOf`.
 *
 * Representation (chosen for speed on the common path: values files are float64, strings and
 * maps, and those are held as plain JavaScript values):
 *
 * | Go                          | JavaScript                                                     |
 * |-----------------------------|----------------------------------------------------------------|
 * | nil interface (untyped nil) | `null`                                                         |
 * | bool                        | `boolean`                                                      |
 * | float64                     | `number`                                                       |
 * | int, int64, uint8, ...      | `GoInt` (a bigint and its Go type name)                        |
 * | string                      | `string`, see "byte strings" below                            |
 * | []interface{}               | `GoValue[]` (a plain array)                                    |
 * | []string and other slices   | a plain array tagged with `withType(arr, '[]string')`          |
 * | []byte                      | `Uint8Array`                                                   |
 * | map[string]interface{}      | `Map<string, GoValue>`                                         |
 * | named map types             | a Map tagged with `withType(map, 'chartutil.Values', methods)` |
 * | structs and pointers to them| `GoStruct`                                                     |
 * | func values                 | `GoFunc`                                                       |
 *
 * Byte strings: Go strings are byte sequences that usually hold UTF-8. We hold them as JS
 * strings; valid UTF-8 is held as the characters it encodes, and each byte that is not part of
 * valid UTF-8 (e.g. after `trunc` cut a multi-byte character) is held as the lone surrogate
 * U+DC00 + byte (U+DC80..U+DCFF), the "surrogateescape" convention. Lone surrogates never
 * arise from valid UTF-8, so the mapping is lossless both ways. `bytes.ts` converts.
 *
 * Nil slices and maps: Go tells a nil slice or map from an empty one in a few places only
 * (`toJson`/`toYaml` write `null` instead of `[]`/`{}`, `printf "%#v"` writes `[]interface {}(nil)`,
 * reflect.DeepEqual says they differ, and assigning into a nil map panics). Everywhere else
 * (printing with %v, `range`, `len`, `empty`, truth) a nil one behaves as an empty one. So a nil
 * slice or map is held as an empty array or Map marked with `nilCollection`; `isNilCollection`
 * asks. The mark only counts while the collection is empty.
 *
 * Keys such as `__proto__` are plain data here because maps are `Map`s, never object literals.
 */

/** A Go value as the template engine sees it. */
export type GoValue =
  | null
  | boolean
  | number
  | string
  | GoInt
  | GoValue[]
  | Uint8Array
  | Map<string, GoValue>
  | GoStruct
  | GoFunc;

/** Go's signed and unsigned integer type names. */
export type IntTypeName =
  | 'int'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'uintptr';

const INT_BITS: Record<IntTypeName, { bits: bigint; signed: boolean }> = {
  int: { bits: 64n, signed: true },
  int8: { bits: 8n, signed: true },
  int16: { bits: 16n, signed: true },
  int32: { bits: 32n, signed: true },
  int64: { bits: 64n, signed: true },
  uint: { bits: 64n, signed: false },
  uint8: { bits: 8n, signed: false },
  uint16: { bits: 16n, signed: false },
  uint32: { bits: 32n, signed: false },
  uint64: { bits: 64n, signed: false },
  uintptr: { bits: 64n, signed: false },
};

/** A Go integer of a given type. Arithmetic wraps like Go's (two's complement). */
export class GoInt {
  readonly type: IntTypeName;
  readonly value: bigint;
  constructor(type: IntTypeName, value: bigint) {
    const { bits, signed } = INT_BITS[type];
    this.type = type;
    this.value = signed ? BigInt.asIntN(Number(bits), value) : BigInt.asUintN(Number(bits), value);
  }
  get signed(): boolean {
    return INT_BITS[this.type].signed;
  }
  toNumber(): number {
    return Number(this.value);
  }
}

/** Go `int` (64-bit on every platform helm ships for). */
export const int = (v: number | bigint): GoInt => new GoInt('int', typeof v === 'bigint' ? v : BigInt(Math.trunc(v)));
/** Go `int64`. */
export const int64 = (v: number | bigint): GoInt => new GoInt('int64', typeof v === 'bigint' ? v : BigInt(Math.trunc(v)));

/** A method or function callable from a template. */
export interface GoFuncSpec {
  /** Name used in messages (`error calling NAME: ...`, `wrong number of args for NAME`). */
  readonly name: string;
  /**
   * Go parameter types, e.g. `['string', 'interface {}']`. The executor uses them to convert
   * untyped constants, to check arguments and to produce Go's messages. The last entry is the
   * element type of a variadic parameter when `variadic` is true (Go's `...T`).
   */
  readonly params: readonly string[];
  readonly variadic?: boolean;
  /** Go result types other than the trailing error; one entry for every template function. */
  readonly results?: readonly string[];
  /** True when the Go function returns a trailing `error`. */
  readonly returnsError?: boolean;
  /**
   * The implementation. Throw `GoError` (see errors.ts of the caller) for a returned Go error;
   * any other exception is treated as a Go panic.
   */
  readonly fn: (...args: GoValue[]) => GoValue;
}

/** A func value (from a FuncMap, a method value, or a struct field of func type). */
export class GoFunc {
  constructor(readonly spec: GoFuncSpec) {}
}

/** Type information that can be attached to maps, arrays and structs. */
export interface GoTypeInfo {
  /** Go's `%T` name, e.g. `chartutil.Values`, `[]string`, `map[string]string`. */
  readonly name: string;
  /** Go reflect kind: `map`, `slice`, `struct`, `ptr`, ... */
  readonly kind: string;
  /** Element type name for maps and slices (`interface {}`, `string`, `uint8`, ...). */
  readonly elem?: string;
  /** Methods callable as `.Name arg...` from a template. */
  readonly methods?: ReadonlyMap<string, GoFuncSpec>;
  /**
   * Names of `methods` declared on the pointer type only (Go pointer receivers, e.g.
   * `func (kv *KubeVersion) String()`). fmt does not see them on a struct value (a copy, not
   * addressable), so `printf "%v"` of such a value prints its fields while `{{ .x }}` of an
   * addressable field calls String (see fmt.ts `templatePrintable`).
   */
  readonly pointerMethods?: ReadonlySet<string>;
  /**
   * For struct types: how encoding/json sees a value of this type (json tags, omitempty,
   * embedded fields), as the value json.Marshal encodes in its place (usually a Map with the
   * JSON field names). Without it, a struct encodes its exported fields under their Go names.
   */
  readonly jsonValue?: (v: GoStruct) => GoValue;
}

const TYPE_INFO: unique symbol = Symbol('go.typeinfo');

type Tagged = { [TYPE_INFO]?: GoTypeInfo };

export const MAP_TYPE: GoTypeInfo = { name: 'map[string]interface {}', kind: 'map', elem: 'interface {}' };
export const SLICE_TYPE: GoTypeInfo = { name: '[]interface {}', kind: 'slice', elem: 'interface {}' };
export const STRING_SLICE_TYPE: GoTypeInfo = { name: '[]string', kind: 'slice', elem: 'string' };
export const STRING_MAP_TYPE: GoTypeInfo = { name: 'map[string]string', kind: 'map', elem: 'string' };

/** Tags a Map or array with a Go type other than the default `map[string]interface {}` / `[]interface {}`. */
export function withType<T extends Map<string, GoValue> | GoValue[]>(value: T, info: GoTypeInfo): T {
  Object.defineProperty(value, TYPE_INFO, { value: info, enumerable: false, configurable: true, writable: true });
  return value;
}

const nilCollections = new WeakSet<object>();

/**
 * Marks an empty Map or array as Go's nil map / nil slice (e.g. what Sprig's `rest` returns for an
 * empty list, `fromJson "null"`, a nil argument passed to a map parameter). It prints, ranges and
 * has `len` like an empty one; JSON and YAML encode it as `null`, `%#v` prints `T(nil)`,
 * reflect.DeepEqual tells it from an empty one, and storing into a nil map panics. Keep its
 * type tag (withType) and mark the tagged value. Returns `v`.
 */
export function nilCollection<T extends Map<string, GoValue> | GoValue[]>(v: T): T {
  nilCollections.add(v);
  return v;
}

/** True for a Map or array marked by nilCollection that is still empty (a Go nil map or slice). */
export function isNilCollection(v: GoValue): boolean {
  if (v instanceof Map) return v.size === 0 && nilCollections.has(v);
  if (Array.isArray(v)) return v.length === 0 && nilCollections.has(v);
  return false;
}

/**
 * A nil slice or map of Go type `typ` (an empty array or Map marked by nilCollection, tagged with
 * the type unless it is []interface {} / map[string]interface {}); undefined for other types.
 * A nil []byte is an empty Uint8Array (nothing tells the two apart for []byte here).
 */
export function nilCollectionOf(typ: string): GoValue | undefined {
  if (typ === '[]uint8' || typ === '[]byte') return new Uint8Array(0);
  if (typ.startsWith('[]')) {
    const arr: GoValue[] = typ === '[]interface {}' ? [] : withType([], { name: typ, kind: 'slice', elem: typ.slice(2) });
    return nilCollection(arr);
  }
  if (typ.startsWith('map[string]')) {
    const m = typ === 'map[string]interface {}' ? new Map<string, GoValue>() : withType(new Map<string, GoValue>(), { name: typ, kind: 'map', elem: typ.slice(11) });
    return nilCollection(m);
  }
  return undefined;
}

/**
 * The zero value of Go type `typ` (what a missing map key or `missingkey=zero` yields): `""`,
 * false, 0, a zero GoInt, a nil slice or map (nilCollectionOf); nil for interface {} and for
 * types the value model has no zero value for.
 */
export function zeroValue(typ: string): GoValue {
  switch (typ) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'float64':
    case 'float32':
      return 0;
  }
  if (Object.hasOwn(INT_BITS, typ)) return new GoInt(typ as IntTypeName, 0n);
  return nilCollectionOf(typ) ?? null;
}

/**
 * A view of `map` as another Go type (Go's conversion between a named map type and its
 * underlying type, e.g. chartutil.Values passed to a map[string]interface{} parameter): the same
 * entries, mutations shared both ways, only the static type differs. Added by helper C for
 * Sprig's dict functions (set/unset/merge return their argument with the parameter's type).
 */
export function asType<T extends Map<string, GoValue>>(map: T, info: GoTypeInfo): T {
  if (typeInfoOf(map) === info) return map;
  let viewInfo = info;
  const view = new Proxy(map, {
    get(target, p) {
      if (p === TYPE_INFO) return viewInfo;
      const v: unknown = Reflect.get(target, p, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
    defineProperty(target, p, desc) {
      if (p === TYPE_INFO) {
        viewInfo = desc.value as GoTypeInfo;
        return true;
      }
      return Reflect.defineProperty(target, p, desc);
    },
  });
  // A nil map converted to another map type is still nil.
  if (nilCollections.has(map)) nilCollections.add(view);
  return view;
}

/** The Go type of a Map or array (defaults for untagged ones). */
export function typeInfoOf(value: Map<string, GoValue> | GoValue[]): GoTypeInfo {
  const tagged = (value as Tagged)[TYPE_INFO];
  if (tagged) return tagged;
  return Array.isArray(value) ? SLICE_TYPE : MAP_TYPE;
}

/** A Go struct (or a pointer to one, when `pointer` is true). Fields keep declaration order. */
export class GoStruct {
  constructor(
    readonly type: GoTypeInfo,
    readonly fields: Map<string, GoValue>,
    readonly pointer: boolean = false,
  ) {}
}

/** Go's `%T` of a value, as `typeOf` prints it (`<nil>` for nil). */
export function goTypeName(v: GoValue): string {
  if (v === null) return '<nil>';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
    case 'string':
      return 'string';
  }
  if (v instanceof GoInt) return v.type;
  if (Array.isArray(v) || v instanceof Map) return typeInfoOf(v).name;
  if (v instanceof Uint8Array) return '[]uint8';
  if (v instanceof GoStruct) return (v.pointer ? '*' : '') + v.type.name;
  if (v instanceof GoFunc) return 'func(' + v.spec.params.join(', ') + ')';
  return 'unknown';
}

/** Go's reflect.Kind name of a value, as `kindOf` prints it (`invalid` for nil). */
export function goKind(v: GoValue): string {
  if (v === null) return 'invalid';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
    case 'string':
      return 'string';
  }
  if (v instanceof GoInt) return v.type;
  if (Array.isArray(v) || v instanceof Map) return typeInfoOf(v).kind;
  if (v instanceof Uint8Array) return 'slice';
  if (v instanceof GoStruct) return v.pointer ? 'ptr' : 'struct';
  if (v instanceof GoFunc) return 'func';
  return 'invalid';
}

/**
 * Go template truthiness (text/template `isTrue`): false, zero numbers, nil, empty strings,
 * empty slices and maps are false; structs are always true; a nil pointer is false.
 */
export function isTrue(v: GoValue): boolean {
  if (v === null) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
  }
  if (v instanceof GoInt) return v.value !== 0n;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (v instanceof Uint8Array) return v.length > 0;
  return true;
}

/** Methods of a value, if its type has any. */
export function methodsOf(v: GoValue): ReadonlyMap<string, GoFuncSpec> | undefined {
  if (v instanceof GoStruct) return v.type.methods;
  if (Array.isArray(v) || v instanceof Map) return typeInfoOf(v).methods;
  return undefined;
}

/** A new `map[string]interface {}` from entries (insertion order is irrelevant to Go). */
export function goMap(entries?: Iterable<readonly [string, GoValue]>): Map<string, GoValue> {
  return new Map(entries);
}

/** Map keys in Go's iteration order for printing and `range`: sorted by byte value. */
export function sortedKeys(m: Map<string, GoValue>): string[] {
  return [...m.keys()].sort(compareGoStrings);
}

/**
 * Compares two Go strings by their UTF-8 bytes. For strings held as described above, comparing
 * code points gives the same order as comparing UTF-8 bytes, except that escaped invalid bytes
 * (U+DC80..U+DCFF) sort as the bytes 0x80..0xFF.
 */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) {
      // Fast path: both in the BMP below the surrogate range compare as UTF-8 does.
      if (ca < 0xd800 && cb < 0xd800) return ca - cb;
      return byteRank(a, i) - byteRank(b, i);
    }
  }
  return a.length - b.length;
}

/** A rank at position i that orders like the UTF-8 encoding of the code point (or raw byte) there. */
function byteRank(s: string, i: number): number {
  const c = s.codePointAt(i) ?? 0;
  if (c >= 0xdc80 && c <= 0xdcff && (i === 0 || !isHighSurrogate(s.charCodeAt(i - 1)))) {
    // An escaped raw byte 0x80..0xFF. Its first byte ranks against lead bytes of real characters:
    // 0x80..0xBF sort before every multi-byte lead (0xC2+), 0xC0..0xFF interleave with them.
    return (c - 0xdc00) * 0x200000;
  }
  if (c < 0x80) return c * 0x200000;
  // Rank by the lead byte, then the code point: equal leads share a range ordered by code point.
  const lead = c < 0x800 ? 0xc0 | (c >> 6) : c < 0x10000 ? 0xe0 | (c >> 12) : 0xf0 | (c >> 18);
  return lead * 0x200000 + (c & 0x1fffff) + 1;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** copystructure.Copy: a deep copy that keeps every Go type (named maps, []string, structs). */
export function deepCopyValue(v: GoValue): GoValue {
  if (v === null || typeof v !== 'object' || v instanceof GoInt) return v;
  if (Array.isArray(v)) {
    const info = typeInfoOf(v);
    const out = v.map(deepCopyValue);
    if (info !== SLICE_TYPE) withType(out, info);
    // A nil slice copies as nil (so does a nil map, below).
    return isNilCollection(v) ? nilCollection(out) : out;
  }
  if (v instanceof Uint8Array) return v.slice();
  if (v instanceof Map) {
    const info = typeInfoOf(v);
    const out = new Map<string, GoValue>();
    for (const [k, x] of v) out.set(k, deepCopyValue(x));
    if (info !== MAP_TYPE) withType(out, info);
    return isNilCollection(v) ? nilCollection(out) : out;
  }
  if (v instanceof GoStruct) {
    const fields = new Map<string, GoValue>();
    for (const [k, x] of v.fields) fields.set(k, deepCopyValue(x));
    return new GoStruct(v.type, fields, v.pointer);
  }
  return v;
}
