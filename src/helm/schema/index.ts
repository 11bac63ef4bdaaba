/**
 * values.schema.json validation of a chart and its enabled subcharts, with the exact message
 * `helm template` prints (helm 3.17.3: gojsonschema; helm 4.1.4: santhosh-tekuri/jsonschema v6).
 *
 * helm walks the chart tree depth-first (the chart, then each subchart with its section of the
 * values) and collects, for each chart whose schema fails, `<name>:\n` followed by the failure:
 * error lines ending in a newline, or a load/compile error written without one (so a following
 * chart's name then starts on the same line, as in helm). The whole message is
 * "values don't meet the specifications of the schema(s) in the following chart(s):\n" + that.
 */
import type { Compat } from '../../gotemplate/template.js';
import type { GoValue } from '../../gotemplate/value.js';
import { validateHelm3 } from './gojsonschema.js';
import { toInstance } from './instance.js';
import { isObject, parseGoJson, type Json } from './json.js';
import { metaschemaErrors } from './meta.js';
import { resolveRef } from './refs.js';
import { draftOf, formatV6Errors, validateHelm4Tree, type Draft } from './santhosh.js';

export interface SchemaNode {
  readonly name: string;
  readonly schemaText?: string;
  readonly values: Map<string, GoValue>;
  readonly children: readonly SchemaNode[];
}

export type SchemaValidationResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

export const SCHEMA_ERROR_HEADER = "values don't meet the specifications of the schema(s) in the following chart(s):";

/** Every `$ref` string of a schema document, in document order. */
function refsOf(node: Json, out: string[], depth = 0): void {
  if (depth > 200) return;
  if (isObject(node)) {
    for (const [k, v] of node) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else if (k !== 'enum' && k !== 'const') refsOf(v, out, depth + 1);
    }
  } else if (Array.isArray(node)) {
    for (const v of node) refsOf(v, out, depth + 1);
  }
}

/**
 * What a schema text gives before any values are seen: the parsed schema (draft known, metaschema
 * and every `$ref` checked) or the message helm prints for it. A chart's schema is the same text
 * on every render, so this is kept per text (a few entries; the parsed schema is never mutated).
 */
type PreparedHelm4 = { readonly ok: true; readonly schema: Json; readonly draft: Draft } | { readonly ok: false; readonly error: string };
type PreparedHelm3 = { readonly ok: true; readonly schema: Json } | { readonly ok: false; readonly error: string };

const PREPARED_LIMIT = 16;
const preparedHelm4 = new Map<string, PreparedHelm4>();
const preparedHelm3 = new Map<string, PreparedHelm3>();

function remember<T>(cache: Map<string, T>, text: string, make: (text: string) => T): T {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const made = make(text);
  if (cache.size >= PREPARED_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(text, made);
  return made;
}

function prepareHelm4(text: string): PreparedHelm4 {
  const parsed = parseGoJson(text);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  if (parsed.trailing) return { ok: false, error: 'invalid character after top-level value' };
  const schema = parsed.value;
  const draft = draftOf(schema);
  if (draft === undefined) {
    const url = isObject(schema) ? String(schema.get('$schema')) : '';
    return { ok: false, error: `failing loading ${JSON.stringify(url)}: unknown $schema (metaschemas are not fetched)` };
  }
  const meta = metaschemaErrors(schema, draft);
  if (meta !== undefined) {
    return {
      ok: false,
      error: `"file:///values.schema.json#" is not valid against metaschema: jsonschema validation failed with '${meta.url}'\n${formatV6Errors(meta.errors)}`,
    };
  }
  const refs: string[] = [];
  refsOf(schema, refs);
  for (const ref of refs) {
    const r = resolveRef(schema, ref);
    if (!r.ok) return { ok: false, error: r.error.helm4 };
  }
  return { ok: true, schema, draft };
}

function prepareHelm3(text: string): PreparedHelm3 {
  const parsed = parseGoJson(text);
  return parsed.ok ? { ok: true, schema: parsed.value } : { ok: false, error: parsed.error };
}

/** helm 4's text for one chart, undefined when the values pass. */
function validateOneHelm4(text: string, values: Map<string, GoValue>): string | undefined {
  const prepared = remember(preparedHelm4, text, prepareHelm4);
  if (!prepared.ok) return prepared.error;
  const errors = validateHelm4Tree(prepared.schema, prepared.draft, toInstance(values));
  if (errors === undefined) return undefined;
  return `${formatV6Errors(errors)}\n`;
}

function validateOneHelm3(text: string, values: Map<string, GoValue>): string | undefined {
  const prepared = remember(preparedHelm3, text, prepareHelm3);
  if (!prepared.ok) return prepared.error;
  return validateHelm3(prepared.schema, toInstance(values));
}

/**
 * Validates the values of a chart tree against each chart's values.schema.json.
 * `error` is helm's message without the `Error: ` prefix.
 */
export function validateValuesSchemas(root: SchemaNode, compat: Compat): SchemaValidationResult {
  let out = '';
  const visit = (node: SchemaNode): void => {
    if (node.schemaText !== undefined) {
      let failure: string | undefined;
      try {
        failure = compat === 'helm3' ? validateOneHelm3(node.schemaText, node.values) : validateOneHelm4(node.schemaText, node.values);
      } catch (e) {
        // A `$ref` cycle that consumes no input (helm 3 loops, helm 4 reports a cycle) or a
        // schema nested beyond the stack: an error, never a crash.
        if (!(e instanceof RangeError)) throw e;
        failure = 'schema validation recursed too deeply (a $ref cycle?)';
      }
      if (failure !== undefined) out += `${node.name}:\n${failure}`;
    }
    for (const child of node.children) visit(child);
  };
  visit(root);
  return out === '' ? { ok: true } : { ok: false, error: `${SCHEMA_ERROR_HEADER}\n${out}` };
}
