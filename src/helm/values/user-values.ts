/**
 * helm's user-supplied values (values.Options.MergeValues): `-f` files merged in order, then the
 * `--set` family parsed into the result.
 *
 * Order (measured on helm 3.17.3 and 4.1.4, same in both): files, `--set-json`, `--set`,
 * `--set-string`, `--set-file`, `--set-literal`; a later step wins where two hit the same key.
 * Files merge recursively where both sides are maps; anything else (lists, scalars, null)
 * replaces what earlier files had.
 */
import type { Compat } from '../../gotemplate/template.js';
import type { GoValue } from '../../gotemplate/value.js';
import { loadValues, YamlError } from '../../yaml/load.js';
import type { ReadFile, SetFlag } from './strvals.js';
import { parseSetInto } from './strvals.js';

export interface ValueOptions {
  /** `-f` files in command-line order: the name as given (for messages) and the text. */
  readonly valueFiles?: readonly { readonly name: string; readonly text: string }[];
  readonly set?: readonly string[];
  readonly setString?: readonly string[];
  readonly setJson?: readonly string[];
  readonly setFile?: readonly string[];
  readonly setLiteral?: readonly string[];
  /** Reads a `--set-file` path (content, or undefined when it cannot be opened); the CLI supplies it. */
  readonly readFile?: ReadFile;
}

export type UserValuesResult =
  | { readonly ok: true; readonly values: Map<string, GoValue> }
  | { readonly ok: false; readonly error: string };

/**
 * What helm reports for values nested deeper than yaml.v2 allows (10000 levels, measured); we
 * give it when the JavaScript stack runs out first.
 */
export function tooDeep(compat: Compat): string {
  return (compat === 'helm4' ? 'cannot unmarshal yaml document: ' : '') + 'error converting YAML to JSON: yaml: exceeded max depth of 10000';
}

/** helm's mergeMaps: a new map; maps on both sides merge recursively, otherwise b wins. */
export function mergeMaps(a: Map<string, GoValue>, b: Map<string, GoValue>): Map<string, GoValue> {
  const out = new Map(a);
  for (const [k, v] of b) {
    const cur = out.get(k);
    if (v instanceof Map && cur instanceof Map) out.set(k, mergeMaps(cur, v));
    else out.set(k, v);
  }
  return out;
}

/** The merged user values, or helm's message (without "Error: ") for the first failure. */
export function mergeUserValues(opts: ValueOptions, compat: Compat): UserValuesResult {
  let base = new Map<string, GoValue>();
  for (const file of opts.valueFiles ?? []) {
    let current: Map<string, GoValue>;
    try {
      current = loadValues(file.text, { compat });
    } catch (e) {
      if (e instanceof YamlError) return { ok: false, error: `failed to parse ${file.name}: ${e.message}` };
      if (e instanceof RangeError) return { ok: false, error: `failed to parse ${file.name}: ${tooDeep(compat)}` };
      throw e;
    }
    base = mergeMaps(base, current);
  }
  const steps: readonly [SetFlag, readonly string[] | undefined][] = [
    ['set-json', opts.setJson],
    ['set', opts.set],
    ['set-string', opts.setString],
    ['set-file', opts.setFile],
    ['set-literal', opts.setLiteral],
  ];
  for (const [flag, args] of steps) {
    for (const arg of args ?? []) {
      const r = parseSetInto(flag, arg, base, compat, opts.readFile);
      if (!r.ok) return r;
    }
  }
  return { ok: true, values: base };
}
