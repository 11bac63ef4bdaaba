/**
 * Turning the text of a `--set` value into a JSON value of the type the schema allows at the
 * path (facts §2.4 lists istioctl's guessing, which this replaces):
 * - a string-only field keeps the text (`tag=1.10` is "1.10", `proxyMetadata.X=false` is "false");
 * - an integer field takes a decimal integer; a number field a decimal number;
 * - a boolean field takes `true` or `false`;
 * - an object or array field takes a JSON (or YAML flow) value: `{"a":"1"}`, `[a, b]`, `{}`;
 * - where several types are allowed and one is string, text becomes another type only when it
 *   reads back identically (`tag=7` is 7, `tag=07` and `tag=1.10` stay strings);
 * - where the schema says nothing (free maps such as unvalidatedValues, unknown paths), the
 *   text is read as Helm's --set reads it: `true`/`false`, `null`, integers without leading
 *   zeros, JSON-ish `{...}`/`[...]`, otherwise a string.
 */
import { parse } from 'yaml';
import type { JsonType, TypeSet } from './schema.js';
import { deepCopy, isMap, jsonLike } from './tree.js';

export type Coerced = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly expected: string };

const INTEGER = /^[-+]?\d+$/;
const CANONICAL_INTEGER = /^-?(0|[1-9]\d*)$/;
const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

export function coerceSetValue(text: string, types: TypeSet): Coerced {
  if (types === 'any') return { ok: true, value: untyped(text) };
  const stringOk = types.has('string');
  if (types.has('boolean') && (text === 'true' || text === 'false')) return { ok: true, value: text === 'true' };
  if (types.has('integer') && INTEGER.test(text) && (!stringOk || CANONICAL_INTEGER.test(text))) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return { ok: true, value: n };
    if (!stringOk) return { ok: false, expected: 'an integer between -2^53 and 2^53' };
  }
  if (types.has('number') && DECIMAL.test(text)) {
    const n = Number(text);
    if (Number.isFinite(n) && (!stringOk || String(n) === text)) return { ok: true, value: n };
  }
  if (types.has('null') && text === 'null') return { ok: true, value: null };
  if ((types.has('object') || types.has('array')) && /^\s*[[{]/.test(text)) {
    const v = structured(text);
    if (v !== undefined && ((isMap(v) && types.has('object')) || (Array.isArray(v) && types.has('array')))) return { ok: true, value: v };
    if (!stringOk) return { ok: false, expected: describe(types) };
  }
  if (stringOk) return { ok: true, value: text };
  return { ok: false, expected: describe(types) };
}

function untyped(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (CANONICAL_INTEGER.test(text)) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return n;
  }
  if (/^\s*[[{]/.test(text)) {
    const v = structured(text);
    if (v !== undefined) return v;
  }
  return text;
}

/** A JSON or YAML flow value, with null-prototype maps; undefined when it does not parse. */
function structured(text: string): unknown {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    try {
      v = parse(text, { version: '1.1', uniqueKeys: true, maxAliasCount: 0 });
    } catch {
      return undefined;
    }
  }
  if (!isMap(v) && !Array.isArray(v)) return undefined;
  if (!jsonLike(v, 0)) return undefined;
  return deepCopy(v);
}


const NAMES: Record<JsonType, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  object: 'a map (JSON, e.g. {"key":"value"})',
  array: 'a list (JSON, e.g. ["a","b"])',
  null: 'null',
};

function describe(types: ReadonlySet<JsonType>): string {
  const names = [...types].map((t) => NAMES[t]);
  return names.length <= 1 ? (names[0] ?? 'a value') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
