/**
 * Schema validation with the ajv validator compiled at gen time, and the translation of ajv's
 * errors into Issues: a dotted path from the document root, a stable code, a message that says
 * what was expected, the source position, and a did-you-mean for unknown keys.
 */
import type { ErrorObject } from 'ajv';
import { istioOperatorSchema, type SchemaNode } from '../../generated/istio-operator-schema.js';
import { validateIstioOperatorSchema } from '../../generated/validators.js';
import { pointerToPath, type Issue, type SourceMap } from '../issues.js';
import { isObj, kindOf, show } from './data.js';
import { deprecatedReplacementFor } from './rules/deprecated.js';
import { resolveRef } from './schema-ref.js';
import { sourceFor } from './source.js';
import { closestKey } from '../suggest.js';

/** Stable codes of schema issues. */
export const SCHEMA_CODES = {
  unknownField: 'unknown-field',
  invalidType: 'invalid-type',
  invalidEnum: 'invalid-enum',
  invalidValue: 'invalid-value',
  invalidFormat: 'invalid-format',
  outOfRange: 'out-of-range',
  invalidLength: 'invalid-length',
  missingField: 'missing-field',
  duplicateItem: 'duplicate-item',
} as const;

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean (true or false)',
  object: 'a mapping',
  array: 'a list',
  null: 'null',
};

function typeWords(t: unknown): string {
  const list = Array.isArray(t) ? t : [t];
  return list.map((x) => TYPE_WORDS[String(x)] ?? String(x)).join(' or ');
}

/** What a (sub)schema accepts, in words, for "expected ..." messages. */
function describeSchema(node: SchemaNode | undefined, depth = 0): string {
  const s = resolveRef(node);
  if (!s || depth > 4) return 'a value';
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (s['const'] !== undefined) return JSON.stringify(s['const']);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return [...new Set(alts.map((a) => describeSchema(a, depth + 1)))].join(' or ');
  if (s.type !== undefined) return typeWords(s.type);
  if (s.properties) return 'a mapping';
  return 'a value';
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Whether a branch of anyOf/oneOf is meant for a value of this JSON type. */
function branchTakes(branch: SchemaNode | undefined, v: unknown): boolean {
  const s = resolveRef(branch);
  if (!s) return false;
  const t = jsonType(v);
  const types = s.type === undefined ? (s.properties ? ['object'] : []) : Array.isArray(s.type) ? s.type : [s.type];
  return types.includes(t) || (t === 'integer' && types.includes('number'));
}

function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let cur: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isObj(cur) && Object.prototype.hasOwnProperty.call(cur, seg)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

function escapeSegment(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Drops the branch errors of a failed anyOf/oneOf, unless exactly one branch is meant for the
 * value's type: then that branch's own errors say more than "matches no alternative".
 *
 * ajv reports a combinator's branch errors right before the combinator's own error, and a branch
 * that is a $ref reports schema paths of the referenced definition; so the branch errors are the
 * run of errors just before it that lie at or below the same instance path.
 */
function collapseAlternatives(errors: readonly ErrorObject[], data: unknown): ErrorObject[] {
  const drop = new Set<ErrorObject>();
  errors.forEach((alt, idx) => {
    if (alt.keyword !== 'anyOf' && alt.keyword !== 'oneOf') return;
    const branches = (alt.parentSchema as SchemaNode | undefined)?.[alt.keyword] as SchemaNode[] | undefined;
    const value = valueAt(data, alt.instancePath);
    const matching = (branches ?? []).map((b, i) => (branchTakes(b, value) ? i : -1)).filter((i) => i >= 0);
    const prefix = `${alt.schemaPath}/`;
    const inside: ErrorObject[] = [];
    for (let j = idx - 1; j >= 0; j--) {
      const e = errors[j] as ErrorObject;
      if (e.instancePath !== alt.instancePath && !e.instancePath.startsWith(alt.instancePath + '/')) break;
      inside.push(e);
    }
    if (matching.length === 1) {
      drop.add(alt);
      const keep = `${prefix}${matching[0]}/`;
      for (const e of inside) if (e.schemaPath.startsWith(prefix) && !e.schemaPath.startsWith(keep)) drop.add(e);
    } else {
      for (const e of inside) drop.add(e);
    }
  });
  return errors.filter((e) => !drop.has(e));
}

function toIssue(e: ErrorObject, data: unknown, sourceMap: SourceMap | undefined): Issue | undefined {
  const params = e.params as Record<string, unknown>;
  const parent = e.parentSchema as SchemaNode | undefined;
  const value = valueAt(data, e.instancePath);
  const base = (pointer: string, code: string, message: string, suggestion?: string): Issue => {
    const source = sourceFor(sourceMap, pointer);
    return {
      severity: 'error',
      code,
      path: pointerToPath(pointer),
      message,
      ...(source ? { source } : {}),
      ...(suggestion ? { suggestion } : {}),
    };
  };
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const pointer = `${e.instancePath}/${escapeSegment(key)}`;
      const props = resolveRef(parent)?.properties ?? {};
      const allowed = Object.keys(props);
      const where = parent?.title ? ` in ${parent.title}` : '';
      const replacement = deprecatedReplacementFor(pointerToPath(pointer));
      const near = closestKey(key, allowed);
      // A key written one level too high: `spec.pilot` for `spec.components.pilot`.
      const deeper = near ? undefined : allowed.find((a) => Object.prototype.hasOwnProperty.call(resolveRef(props[a])?.properties ?? {}, key));
      const suggestion = near
        ? `did you mean ${JSON.stringify(near)}?`
        : deeper
          ? `did you mean ${JSON.stringify(`${deeper}.${key}`)}? ${JSON.stringify(key)} belongs under ${JSON.stringify(deeper)}`
          : replacement
          ? `this setting was removed; use ${replacement} instead`
          : allowed.length > 0 && allowed.length <= 8
            ? `known fields: ${allowed.join(', ')}`
            : undefined;
      return base(pointer, SCHEMA_CODES.unknownField, `unknown field ${JSON.stringify(key)}${where}`, suggestion);
    }
    case 'type':
      return base(e.instancePath, SCHEMA_CODES.invalidType, `expected ${typeWords(params['type'])}, got ${kindOf(value)}`, typeHint(params['type'], value));
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[] | undefined) ?? [];
      const near = typeof value === 'string' ? closestKey(value, allowed.filter((a): a is string => typeof a === 'string')) : undefined;
      return base(e.instancePath, SCHEMA_CODES.invalidEnum, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${show(value)}`, near ? `did you mean ${JSON.stringify(near)}?` : undefined);
    }
    case 'const':
      return base(e.instancePath, SCHEMA_CODES.invalidValue, `expected ${JSON.stringify(params['allowedValue'])}, got ${show(value)}`);
    case 'anyOf':
    case 'oneOf': {
      const branches = (parent?.[e.keyword] as SchemaNode[] | undefined) ?? [];
      const expected = [...new Set(branches.map((b) => describeSchema(b)))].join(' or ');
      if (e.keyword === 'oneOf' && branches.filter((b) => branchTakes(b, value)).length > 1 && params['passingSchemas']) {
        return base(e.instancePath, SCHEMA_CODES.invalidValue, `${show(value)} matches more than one of the allowed forms (${expected})`);
      }
      return base(e.instancePath, SCHEMA_CODES.invalidType, `expected ${expected}, got ${kindOf(value)}`);
    }
    case 'pattern': {
      const known = namedFormat(String(params['pattern']));
      return known
        ? base(e.instancePath, SCHEMA_CODES.invalidFormat, `${show(value)} is not a valid ${known.name}: expected ${known.like}`)
        : base(e.instancePath, SCHEMA_CODES.invalidFormat, `${show(value)} does not have the expected format (pattern ${String(params['pattern'])})`);
    }
    case 'format':
      return base(e.instancePath, SCHEMA_CODES.invalidFormat, `${show(value)} is not a valid ${String(params['format'])}`);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const words: Record<string, string> = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'greater than', exclusiveMaximum: 'less than' };
      return base(e.instancePath, SCHEMA_CODES.outOfRange, `expected ${words[e.keyword]} ${String(params['limit'])}, got ${show(value)}`);
    }
    case 'multipleOf':
      return base(e.instancePath, SCHEMA_CODES.invalidValue, `expected a multiple of ${String(params['multipleOf'])}, got ${show(value)}`);
    case 'minLength':
    case 'maxLength':
      return base(e.instancePath, SCHEMA_CODES.invalidLength, `expected a string of ${e.keyword === 'minLength' ? 'at least' : 'at most'} ${String(params['limit'])} characters, got ${show(value)}`);
    case 'minItems':
    case 'maxItems':
      return base(e.instancePath, SCHEMA_CODES.invalidLength, `expected a list of ${e.keyword === 'minItems' ? 'at least' : 'at most'} ${String(params['limit'])} items`);
    case 'minProperties':
    case 'maxProperties':
      return base(e.instancePath, SCHEMA_CODES.invalidLength, `expected a mapping with ${e.keyword === 'minProperties' ? 'at least' : 'at most'} ${String(params['limit'])} entries`);
    case 'required': {
      const missing = String(params['missingProperty']);
      return base(`${e.instancePath}/${escapeSegment(missing)}`, SCHEMA_CODES.missingField, `missing required field ${JSON.stringify(missing)}`);
    }
    case 'uniqueItems':
      return base(e.instancePath, SCHEMA_CODES.duplicateItem, `items ${String(params['j'])} and ${String(params['i'])} are equal; the list must not repeat items`);
    case 'propertyNames':
      return undefined; // reported through the nested error on the name itself
    default:
      return base(e.instancePath, SCHEMA_CODES.invalidValue, e.message ?? `invalid value (${e.keyword})`);
  }
}

/** Examples for the string formats the schema names (definitions with a `pattern`). */
const FORMAT_EXAMPLES: Record<string, string> = {
  Duration: 'a duration such as "30s", "1m30s", "100ms" or "1h"',
  Quantity: 'a Kubernetes quantity such as "100m", "1Gi", "512Mi" or 2',
};

let patternNames: Map<string, string> | undefined;

/** The definition (title) whose pattern this is, with an example of a valid value. */
function namedFormat(pattern: string): { name: string; like: string } | undefined {
  if (!patternNames) {
    patternNames = new Map();
    for (const [name, def] of Object.entries(istioOperatorSchema.definitions ?? {})) {
      for (const node of [def, ...(def.anyOf ?? []), ...(def.oneOf ?? [])]) {
        const p = node['pattern'];
        if (typeof p === 'string' && !patternNames.has(p)) patternNames.set(p, name);
      }
    }
  }
  const name = patternNames.get(pattern);
  return name ? { name, like: FORMAT_EXAMPLES[name] ?? `a ${name} (pattern ${pattern})` } : undefined;
}

/** A hint for the typical YAML mistakes: a quoted boolean or number. */
function typeHint(expected: unknown, value: unknown): string | undefined {
  const want = Array.isArray(expected) ? expected : [expected];
  if (typeof value === 'string') {
    if (want.includes('boolean') && /^(true|false)$/i.test(value)) return `write ${value.toLowerCase()} without quotes`;
    if (want.includes('boolean') && /^(yes|no|on|off|y|n)$/i.test(value)) return 'write true or false without quotes';
    if ((want.includes('integer') || want.includes('number')) && /^-?\d+(\.\d+)?$/.test(value)) return `write ${value} without quotes`;
  }
  if (want.includes('string') && (typeof value === 'number' || typeof value === 'boolean')) return `quote it: "${String(value)}"`;
  return undefined;
}

/** Schema issues of `data` (severity error), unsorted. */
export function schemaIssues(data: unknown, sourceMap: SourceMap | undefined): Issue[] {
  if (validateIstioOperatorSchema(data)) return [];
  const errors = collapseAlternatives(validateIstioOperatorSchema.errors ?? [], data);
  const out: Issue[] = [];
  for (const e of errors) {
    const issue = toIssue(e, data, sourceMap);
    if (issue) out.push(issue);
  }
  // A value of the wrong type cannot be one of the enum's values either: say it once.
  const wrongType = new Set(out.filter((i) => i.code === SCHEMA_CODES.invalidType).map((i) => i.path));
  return out.filter((i) => i.code !== SCHEMA_CODES.invalidEnum || !wrongType.has(i.path));
}
