/**
 * Go's json.Marshal, as a tree: what encoding/json would write for a Go value, before it becomes
 * text. `toJson` writes this tree out; `toYaml` (sigs.k8s.io/yaml: JSON first, then YAML) emits
 * it as YAML. Keeping one conversion keeps both in step on every type.
 */
import { GoFunc, GoInt, GoStruct, compareGoStrings, goTypeName, isNilCollection, methodsOf, type GoValue } from '../gotemplate/value.js';
import { base64Encode } from '../gotemplate/base64.js';

/** A JSON number as Go wrote it (`1`, `1.5`, `1e+21`, `-0`). */
export class JsonNumber {
  constructor(readonly text: string) {}
}

/** A JSON value. Objects are Maps whose insertion order is Go's (byte-sorted keys). */
export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | Map<string, JsonValue>;

/** An error json.Marshal returns; `message` is Go's text (`json: unsupported value: +Inf`). */
export class JsonMarshalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonMarshalError';
  }
}

// Go's nil slices and maps are part of the value model; re-exported for existing importers.
export { nilCollection, isNilCollection } from '../gotemplate/value.js';

/** Replaces invalid UTF-8 (held as lone surrogates) with U+FFFD, as Go's encoder does. */
export function toValidUtf8(s: string): string {
  // Fast path: no surrogates at all.
  if (!/[\uD800-\uDFFF]/.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
        continue;
      }
    }
    out += c >= 0xd800 && c <= 0xdfff ? '\ufffd' : s[i];
  }
  return out;
}

/** Go's float64 JSON text: 'f' form for 1e-6 <= |x| < 1e21, 'e' otherwise; `-0` stays. */
export function jsonFloatText(x: number): string {
  if (!Number.isFinite(x)) {
    throw new JsonMarshalError('json: unsupported value: ' + (Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf'));
  }
  if (Object.is(x, -0)) return '-0';
  // JavaScript's Number#toString switches to exponent form at exactly Go's thresholds and
  // writes the exponent the way Go's cleanup leaves it (`1e-7`, `1e+21`).
  return String(x);
}

/**
 * The JSON tree json.Marshal builds for `v`. Throws JsonMarshalError with Go's message for
 * values encoding/json rejects (NaN, ±Inf, funcs, cycles).
 */
export function toJsonTree(v: GoValue, sortKeys = true): JsonValue {
  return convert(v, 0, sortKeys);
}

/** Bytes a marshaler method returned, as a string (invalid UTF-8 kept as escaped bytes). */
function bytesText(v: GoValue): string {
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return typeof v === 'string' ? v : '';
}

/**
 * JSON text from a MarshalJSON method as a tree, numbers keeping their text (Go compacts the
 * method's output into the document).
 */
function parseMarshaled(text: string, typeName: string): JsonValue {
  let i = 0;
  const fail = (): never => {
    throw new JsonMarshalError(`json: error calling MarshalJSON for type ${typeName}: invalid JSON`);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const str = (): string => {
    const m = /^"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/.exec(text.slice(i));
    if (!m) return fail();
    i += m[0].length;
    return JSON.parse(m[0]) as string;
  };
  const value = (): JsonValue => {
    ws();
    const c = text[i];
    if (c === '"') return str();
    if (c === '{') {
      i++;
      const m = new Map<string, JsonValue>();
      ws();
      if (text[i] === '}') {
        i++;
        return m;
      }
      for (;;) {
        ws();
        const k = str();
        ws();
        if (text[i++] !== ':') fail();
        m.set(k, value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return m;
        } else fail();
      }
    }
    if (c === '[') {
      i++;
      const a: JsonValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return a;
      }
      for (;;) {
        a.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return a;
        } else fail();
      }
    }
    for (const [w, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(w, i)) {
        i += w.length;
        return v;
      }
    }
    const n = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(text.slice(i));
    if (!n) return fail();
    i += n[0].length;
    return new JsonNumber(n[0]);
  };
  const v = value();
  ws();
  if (i !== text.length) fail();
  return v;
}

/** Go starts looking for cycles once this deep; nothing legitimate nests deeper. */
const MAX_DEPTH = 1000;

function convert(v: GoValue, depth: number, sortKeys: boolean): JsonValue {
  if (v === null) return null;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return new JsonNumber(jsonFloatText(v));
    case 'string':
      // Invalid UTF-8 stays (as lone surrogates): the JSON writer escapes it as \ufffd, and
      // go-yaml reads that escape back as U+FFFD.
      return v;
  }
  if (v instanceof GoInt) return new JsonNumber(v.value.toString());
  if (v instanceof Uint8Array) return base64Encode(v);
  if (v instanceof GoFunc) throw new JsonMarshalError('json: unsupported type: ' + goTypeName(v));
  if (Array.isArray(v) || v instanceof Map || v instanceof GoStruct) {
    if (!(v instanceof GoStruct) && isNilCollection(v)) return null;
    if (depth > MAX_DEPTH) {
      throw new JsonMarshalError('json: unsupported value: encountered a cycle via ' + goTypeName(v));
    }
    const d = depth + 1;
    if (Array.isArray(v)) {
      const out: JsonValue[] = new Array(v.length);
      for (let i = 0; i < v.length; i++) out[i] = convert(v[i], d, sortKeys);
      return out;
    }
    if (v instanceof Map) {
      const out = new Map<string, JsonValue>();
      const keys = [...v.keys()];
      // Byte order (what encoding/json writes); toYaml re-sorts and can skip it.
      if (sortKeys) keys.sort(compareGoStrings);
      for (const k of keys) out.set(k, convert(v.get(k) as GoValue, d, sortKeys));
      return out;
    }
    // The type's JSON shape (json tags, omitempty: GoTypeInfo.jsonValue).
    const custom = v.type.jsonValue;
    if (custom) return convert(custom(v), d, sortKeys);
    // json.Marshaler, then encoding.TextMarshaler (semver.Version, time.Time, ...).
    const methods = methodsOf(v);
    const mj = methods?.get('MarshalJSON');
    if (mj) return parseMarshaled(bytesText(mj.fn(v)), goTypeName(v));
    const mt = methods?.get('MarshalText');
    if (mt) return bytesText(mt.fn(v));
    // Structs: exported fields under their Go names (json tags are not modelled here).
    const out = new Map<string, JsonValue>();
    for (const [k, fv] of v.fields) {
      const c = k.charCodeAt(0);
      if (!(c >= 65 && c <= 90)) continue;
      out.set(k, convert(fv, d, sortKeys));
    }
    return out;
  }
  throw new JsonMarshalError('json: unsupported type: ' + goTypeName(v));
}
