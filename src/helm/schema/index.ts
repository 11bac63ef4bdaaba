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
import { draftOf, formatV6Errors, validateHelm4Tree } from './santhosh.js';

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

/** helm 4's text for one chart, undefined when the values pass. */
function validateOneHelm4(text: string, values: Map<string, GoValue>): string | undefined {
  const parsed = parseGoJson(text);
  if (!parsed.ok) return parsed.error;
  if (parsed.trailing) return 'invalid character after top-level value';
  const schema = parsed.value;
  const draft = draftOf(schema);
  if (draft === undefined) {
    const url = isObject(schema) ? String(schema.get('$schema')) : '';
    return `failing loading ${JSON.stringify(url)}: unknown $schema (metaschemas are not fetched)`;
  }
  const meta = metaschemaErrors(schema, draft);
  if (meta !== undefined) {
    return `"file:///values.schema.json#" is not valid against metaschema: jsonschema validation failed with '${meta.url}'\n${formatV6Errors(meta.errors)}`;
  }
  const refs: string[] = [];
  refsOf(schema, refs);
  for (const ref of refs) {
    const r = resolveRef(schema, ref);
    if (!r.ok) return r.error.helm4;
  }
  const errors = validateHelm4Tree(schema, draft, toInstance(values));
  if (errors === undefined) return undefined;
  return `${formatV6Errors(errors)}\n`;
}

function validateOneHelm3(text: string, values: Map<string, GoValue>): string | undefined {
  const parsed = parseGoJson(text);
  if (!parsed.ok) return parsed.error;
  return validateHelm3(parsed.value, toInstance(values));
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
