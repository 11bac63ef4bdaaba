/** Test helpers: run a template with helm-like data (`.Values` from plain JSON-ish input). */
import { TemplateSet, type Compat, type MissingKey } from '../../src/gotemplate/template.js';
import { TemplateError } from '../../src/gotemplate/errors.js';
import { GoInt, type GoFuncSpec, type GoValue } from '../../src/gotemplate/value.js';

/** Converts plain data the way a values file loads: numbers are float64, objects are maps. */
export function toGo(v: unknown): GoValue {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(toGo);
  if (typeof v === 'object' && !(v instanceof Map)) return new Map(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, toGo(x)]));
  return v as GoValue;
}

export interface RunOptions {
  compat?: Compat;
  missingKey?: MissingKey;
  funcs?: GoFuncSpec[];
  name?: string;
  /** Extra files parsed before the main one: [name, text]. */
  files?: [string, string][];
}

/** Renders `text` with `.Values` = values; returns the output or `ERR: message`. */
export function run(text: string, values: unknown = {}, opts: RunOptions = {}): string {
  const funcs = new Map((opts.funcs ?? []).map((f) => [f.name, f]));
  const set = new TemplateSet({ funcs, compat: opts.compat ?? 'helm4', missingKey: opts.missingKey ?? 'zero' });
  const name = opts.name ?? 't';
  try {
    for (const [n, t] of opts.files ?? []) set.parse(n, t);
    set.parse(name, text);
    return set.execute(name, new Map([['Values', toGo(values)]]));
  } catch (e) {
    if (e instanceof TemplateError) return 'ERR: ' + e.message;
    throw e;
  }
}

/**
 * A value as the measured fixtures (fixtures/*-measured.json) write it: JSON scalars and arrays
 * as themselves, `{"float64": n}`, `{"map": [[k, v]...]}`, `{"<int type>": "digits"}`.
 */
export type Enc = string | boolean | null | Enc[] | { [k: string]: unknown };

/** Decodes a fixture value (Enc) to a GoValue. */
export function decodeMeasured(e: Enc): GoValue {
  if (e === null || typeof e === 'string' || typeof e === 'boolean') return e;
  if (Array.isArray(e)) return e.map(decodeMeasured);
  const [k, v] = Object.entries(e)[0];
  if (k === 'float64') return v as number;
  if (k === 'map') return new Map((v as [string, Enc][]).map(([key, x]) => [key, decodeMeasured(x)]));
  return new GoInt(k as 'int', BigInt(v as string));
}
