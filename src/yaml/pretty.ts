/**
 * helm's `toYamlPretty`: goyaml.v3's encoder with a two-space indent, fed the Go value directly
 * (no JSON round trip: float64 1000000 prints as 1e+06, NaN as .nan). Sequences are indented
 * under their keys and keys follow goyaml.v3's natural order. Errors give "".
 */
import { formatFloat } from '../gotemplate/strconv.js';
import { utf8Encode } from '../gotemplate/bytes.js';
import { GoFunc, GoInt, GoStruct, methodsOf, type GoValue } from '../gotemplate/value.js';
import { Emitter, OrderedMapping, PlainScalar, TaggedString, type EmitNode } from './emit.js';
import { base64Encode } from '../gotemplate/base64.js';

class UnsupportedError extends Error {}

function bytesToString(v: GoValue): string {
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return typeof v === 'string' ? v : '';
}

function hasInvalidUtf8(s: string): boolean {
  return /[\uDC80-\uDCFF]/.test(s) && /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/.test(s);
}

/** goyaml.v3's base64 for `!!binary`: 70-column lines, each ending in a break once there are 70+ characters. */
function binary(s: string): EmitNode {
  const b64 = base64Encode(utf8Encode(s));
  if (Math.floor(b64.length / 70) + 1 === 1) return new TaggedString('!!binary', b64);
  let out = '';
  for (let i = 0; i < b64.length; i += 70) out += b64.slice(i, i + 70) + '\n';
  return new TaggedString('!!binary', out);
}

function toNode(v: GoValue): EmitNode {
  if (v === null) return new PlainScalar('null');
  switch (typeof v) {
    case 'boolean':
      return new PlainScalar(v ? 'true' : 'false');
    case 'number': {
      const s = formatFloat(v, 'g', -1, 64);
      return new PlainScalar(s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s);
    }
    case 'string':
      return hasInvalidUtf8(v) ? binary(v) : v;
  }
  if (v instanceof GoInt) return new PlainScalar(v.value.toString());
  if (v instanceof Uint8Array) return [...v].map((b) => new PlainScalar(String(b)));
  if (Array.isArray(v)) return v.map(toNode);
  if (v instanceof Map) {
    const out = new Map<string, EmitNode>();
    for (const [k, x] of v) out.set(k, toNode(x));
    return out;
  }
  if (v instanceof GoStruct) {
    // encoding.TextMarshaler (semver.Version); time.Time is written plain in RFC 3339.
    const mt = methodsOf(v)?.get('MarshalText');
    if (mt) {
      const text = bytesToString(mt.fn(v));
      return v.type.name === 'time.Time' ? new PlainScalar(text) : text;
    }
    // Struct fields in declaration order under their lower-cased names (no yaml tags modelled).
    const out = new OrderedMapping();
    for (const [k, x] of v.fields) if (/^[A-Z]/.test(k)) out.set(k.toLowerCase(), toNode(x));
    return out;
  }
  if (v instanceof GoFunc) throw new UnsupportedError('cannot marshal type: func');
  throw new UnsupportedError('cannot marshal value');
}

export function toYamlPretty(v: GoValue): string {
  let tree: EmitNode;
  try {
    tree = toNode(v);
  } catch (e) {
    if (e instanceof UnsupportedError) return '';
    throw e;
  }
  const e = new Emitter({ v3: true });
  e.node(tree, false, false);
  e.endDocument();
  const s = e.result();
  return s.endsWith('\n') ? s.slice(0, -1) : s;
}
