/**
 * TEMP until E lands src/yaml/json.ts: Go encoding/json encode (Marshal, MarshalIndent,
 * Encoder without HTML escaping) on top of E's toJsonTree, and a rough Unmarshal into
 * interface{}. Replace with E's exports when they exist.
 */
import { GoError } from '../gotemplate/errors.js';
import type { GoValue } from '../gotemplate/value.js';
import { JsonMarshalError, JsonNumber, toJsonTree, type JsonValue } from '../yaml/jsontree.js';

function escapeString(s: string, html: boolean): string {
  let out = '"';
  for (const c of s) {
    const x = c.codePointAt(0) ?? 0;
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c === '\b') out += '\\b';
    else if (c === '\f') out += '\\f';
    else if (x < 0x20 || x === 0x2028 || x === 0x2029 || (html && (c === '<' || c === '>' || c === '&')))
      out += '\\u' + x.toString(16).padStart(4, '0');
    else out += c;
  }
  return out + '"';
}

function write(v: JsonValue, html: boolean, indent: string | null, depth: number): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return escapeString(v, html);
  if (v instanceof JsonNumber) return v.text;
  const nl = indent === null ? '' : '\n' + indent.repeat(depth + 1);
  const end = indent === null ? '' : '\n' + indent.repeat(depth);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[' + v.map((x) => nl + write(x, html, indent, depth + 1)).join(',') + end + ']';
  }
  if (v.size === 0) return '{}';
  const sep = indent === null ? ':' : ': ';
  return '{' + [...v].map(([k, x]) => nl + escapeString(k, html) + sep + write(x, html, indent, depth + 1)).join(',') + end + '}';
}

/** json.Marshal (escapeHTML) / Encoder with SetEscapeHTML(false); indent as MarshalIndent("", indent). */
export function encodeJson(v: GoValue, opts: { escapeHTML: boolean; indent?: string }): string {
  try {
    return write(toJsonTree(v), opts.escapeHTML, opts.indent ?? null, 0);
  } catch (e) {
    if (e instanceof JsonMarshalError) throw new GoError(e.message);
    throw e;
  }
}

function fromPlain(x: unknown): GoValue {
  if (x === null || typeof x === 'boolean' || typeof x === 'number' || typeof x === 'string') return x;
  if (Array.isArray(x)) return x.map(fromPlain);
  const m = new Map<string, GoValue>();
  for (const [k, v] of Object.entries(x as Record<string, unknown>)) m.set(k, fromPlain(v));
  return m;
}

/** json.Unmarshal into interface{} (rough: JSON.parse based). */
export function decodeJson(s: string): GoValue {
  if (s.trim() === '') throw new GoError('unexpected end of JSON input');
  try {
    return fromPlain(JSON.parse(s));
  } catch {
    throw new GoError(/Unexpected end|Unterminated/.test(String(s)) ? 'unexpected end of JSON input' : 'unexpected end of JSON input');
  }
}
