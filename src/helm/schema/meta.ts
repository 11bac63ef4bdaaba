/**
 * helm 4 checks values.schema.json against its draft's metaschema before validating, and prints
 * the metaschema failures as a tree (measured on helm 4.1.4):
 *
 *   "file:///values.schema.json#" is not valid against metaschema: jsonschema validation failed with 'https://json-schema.org/draft/2020-12/schema#'
 *   - at '': 'allOf' failed
 *     - at '/properties/a': 'allOf' failed
 *       - at '/properties/a/minimum': got string, want number
 *
 * The 2019-09/2020-12 metaschemas are an allOf of vocabulary metaschemas, so every schema object
 * with a bad keyword adds an `'allOf' failed` level; several failures inside one vocabulary are
 * a `validation failed` node. Draft-04/06/07 metaschemas are one flat schema (no allOf level).
 *
 * This is a model of the metaschemas' keyword shapes (types of keyword values, the `type`
 * names, non-negative integers, schema positions), not the metaschemas themselves: it covers the
 * mistakes people make in values schemas; a schema that breaks a rarer metaschema rule (a
 * format-annotated `$id`, vocabularies, ...) is accepted here.
 */
import { compareBytes, isObject, JsonNumber, type Json } from './json.js';
import { parseRat } from './numbers.js';
import type { Draft, VError } from './santhosh.js';

const SIMPLE_TYPES = ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'];
const TYPE_ORDER = ['null', 'boolean', 'number', 'integer', 'string', 'array', 'object'];

type Check = (v: Json, loc: string[]) => VError | undefined;

function jsonType(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  if (v instanceof JsonNumber) return 'number';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

function leaf(loc: readonly string[], message: string, causes: readonly VError[] = []): VError {
  return { loc, message, kind: 'leaf', causes };
}

function typeIs(v: Json, want: string): boolean {
  if (want === 'integer') {
    if (!(v instanceof JsonNumber)) return false;
    const r = parseRat(v.text);
    return r !== undefined && r.d === 1n;
  }
  return jsonType(v) === want;
}

function wantType(v: Json, loc: string[], ...wants: string[]): VError | undefined {
  if (wants.some((w) => typeIs(v, w))) return undefined;
  const order = [...wants].sort((a, b) => TYPE_ORDER.indexOf(a) - TYPE_ORDER.indexOf(b));
  return leaf(loc, `got ${jsonType(v)}, want ${order.join(' or ')}`);
}

function group(loc: readonly string[], errs: VError[]): VError | undefined {
  if (errs.length === 0) return undefined;
  if (errs.length === 1) return errs[0];
  return { loc, message: 'validation failed', kind: 'group', causes: errs };
}

class Meta {
  constructor(readonly draft: Draft) {}

  /** A schema position: the metaschema itself. */
  schema: Check = (s, loc) => {
    if (typeof s === 'boolean' && this.draft > 4) return undefined;
    if (!isObject(s)) return wantType(s, loc, ...(this.draft > 4 ? ['object', 'boolean'] : ['object']));
    const vocabs: VError[][] = [];
    const own: VError[] = [];
    for (const k of [...s.keys()].sort(compareBytes)) {
      const check = this.keywords[k];
      if (check === undefined) continue;
      const e = check.fn(s.get(k) as Json, [...loc, k]);
      if (!e) continue;
      if (this.draft < 2019) own.push(e);
      else if (check.vocab < 0) own.push(e);
      else (vocabs[check.vocab] ??= []).push(e);
    }
    if (this.draft < 2019) return group(loc, own);
    // Each vocabulary is reached through a $ref: a lone group's causes are lifted into it, and
    // a $ref with one cause is not shown.
    const vocabErrs = vocabs
      .filter((x) => x !== undefined)
      .map((errs) => {
        const causes = errs.length === 1 && errs[0].kind === 'group' ? errs[0].causes : errs;
        return causes.length === 1 ? causes[0] : ({ loc, message: 'validation failed', kind: 'group', causes } as VError);
      });
    const errs = [...own];
    if (vocabErrs.length > 0) errs.push(leaf(loc, "'allOf' failed", vocabErrs));
    return group(loc, errs);
  };

  schemaArray: Check = (v, loc) => {
    const t = wantType(v, loc, 'array');
    if (t) return t;
    const a = v as Json[];
    const errs: VError[] = [];
    if (a.length < 1) errs.push(leaf(loc, 'minItems: got 0, want 1'));
    a.forEach((x, i) => {
      const e = this.schema(x, [...loc, String(i)]);
      if (e) errs.push(e);
    });
    return group(loc, errs);
  };

  schemaMap: Check = (v, loc) => {
    const t = wantType(v, loc, 'object');
    if (t) return t;
    const m = v as Map<string, Json>;
    const errs: VError[] = [];
    for (const k of [...m.keys()].sort(compareBytes)) {
      const e = this.schema(m.get(k) as Json, [...loc, k]);
      if (e) errs.push(e);
    }
    return group(loc, errs);
  };

  number: Check = (v, loc) => wantType(v, loc, 'number');
  string: Check = (v, loc) => wantType(v, loc, 'string');
  boolean: Check = (v, loc) => wantType(v, loc, 'boolean');

  nonNegInt: Check = (v, loc) => {
    const t = wantType(v, loc, 'integer');
    if (t) return t;
    const r = parseRat((v as JsonNumber).text);
    if (r && r.n < 0n) return leaf(loc, `minimum: got ${r.n}, want 0`);
    return undefined;
  };

  exclusive: Check = (v, loc) => (this.draft === 4 ? wantType(v, loc, 'boolean') : wantType(v, loc, 'number'));

  stringArray: Check = (v, loc) => {
    const t = wantType(v, loc, 'array');
    if (t) return t;
    const a = v as Json[];
    const errs: VError[] = [];
    a.forEach((x, i) => {
      const e = wantType(x, [...loc, String(i)], 'string');
      if (e) errs.push(e);
    });
    const seen = new Map<string, number>();
    for (let i = 0; i < a.length && errs.length === 0; i++) {
      const k = JSON.stringify(a[i]);
      const j = seen.get(k);
      if (j !== undefined) {
        errs.push(leaf(loc, `items at ${j} and ${i} are equal`));
        break;
      }
      seen.set(k, i);
    }
    return group(loc, errs);
  };

  type: Check = (v, loc) => {
    const simple = (x: Json, l: string[]): VError | undefined =>
      typeof x === 'string' && SIMPLE_TYPES.includes(x) ? undefined : leaf(l, `value must be one of ${SIMPLE_TYPES.map((t) => `'${t}'`).join(', ')}`);
    if (typeof v === 'string' && SIMPLE_TYPES.includes(v)) return undefined;
    if (Array.isArray(v)) {
      const errs: VError[] = [];
      v.forEach((x, i) => {
        const e = simple(x, [...loc, String(i)]);
        if (e) errs.push(e);
      });
      if (v.length < 1) errs.unshift(leaf(loc, 'minItems: got 0, want 1'));
      if (errs.length === 0) return undefined;
      return leaf(loc, "'anyOf' failed", [simple(v, loc) as VError, group(loc, errs) as VError]);
    }
    return leaf(loc, "'anyOf' failed", [simple(v, loc) as VError, leaf(loc, `got ${jsonType(v)}, want array`)]);
  };

  items: Check = (v, loc) => {
    if (this.draft >= 2020) return this.schema(v, loc);
    if (Array.isArray(v)) return this.schemaArray(v, loc);
    if (this.draft >= 2019) return this.schema(v, loc);
    if (isObject(v) || typeof v === 'boolean') return this.schema(v, loc);
    return leaf(loc, "'anyOf' failed", [this.schema(v, loc) as VError, wantType(v, loc, 'array') as VError]);
  };

  dependencies: Check = (v, loc) => {
    const t = wantType(v, loc, 'object');
    if (t) return t;
    const m = v as Map<string, Json>;
    const errs: VError[] = [];
    for (const k of [...m.keys()].sort(compareBytes)) {
      const x = m.get(k) as Json;
      if (Array.isArray(x)) {
        const e = this.stringArray(x, [...loc, k]);
        if (e) errs.push(e);
      } else {
        const e = this.schema(x, [...loc, k]);
        if (e) errs.push(leaf([...loc, k], "'anyOf' failed", [e, wantType(x, [...loc, k], 'array') as VError]));
      }
    }
    return group(loc, errs);
  };

  // vocabulary index in the 2019-09/2020-12 allOf: 0 core, 1 applicator, 2 unevaluated (2020),
  // 3 validation, 4 meta-data, 5 format, 6 content; -1 = a property of the root metaschema.
  get keywords(): Record<string, { vocab: number; fn: Check }> {
    const app = 1;
    const val = 3;
    const k: Record<string, { vocab: number; fn: Check }> = {
      $ref: { vocab: 0, fn: this.string },
      $schema: { vocab: 0, fn: this.string },
      $defs: { vocab: 0, fn: this.schemaMap },
      $comment: { vocab: 0, fn: this.string },
      definitions: { vocab: -1, fn: this.schemaMap },
      properties: { vocab: app, fn: this.schemaMap },
      patternProperties: { vocab: app, fn: this.schemaMap },
      additionalProperties: { vocab: app, fn: this.schema },
      propertyNames: { vocab: app, fn: this.schema },
      items: { vocab: app, fn: this.items },
      contains: { vocab: app, fn: this.schema },
      not: { vocab: app, fn: this.schema },
      if: { vocab: app, fn: this.schema },
      then: { vocab: app, fn: this.schema },
      else: { vocab: app, fn: this.schema },
      allOf: { vocab: app, fn: this.schemaArray },
      anyOf: { vocab: app, fn: this.schemaArray },
      oneOf: { vocab: app, fn: this.schemaArray },
      type: { vocab: val, fn: this.type },
      multipleOf: { vocab: val, fn: this.number },
      maximum: { vocab: val, fn: this.number },
      minimum: { vocab: val, fn: this.number },
      exclusiveMaximum: { vocab: val, fn: this.exclusive },
      exclusiveMinimum: { vocab: val, fn: this.exclusive },
      maxLength: { vocab: val, fn: this.nonNegInt },
      minLength: { vocab: val, fn: this.nonNegInt },
      pattern: { vocab: val, fn: this.string },
      maxItems: { vocab: val, fn: this.nonNegInt },
      minItems: { vocab: val, fn: this.nonNegInt },
      uniqueItems: { vocab: val, fn: this.boolean },
      maxProperties: { vocab: val, fn: this.nonNegInt },
      minProperties: { vocab: val, fn: this.nonNegInt },
      required: { vocab: val, fn: this.stringArray },
      title: { vocab: 4, fn: this.string },
      description: { vocab: 4, fn: this.string },
      format: { vocab: 5, fn: this.string },
    };
    if (this.draft >= 2020) k.prefixItems = { vocab: app, fn: this.schemaArray };
    if (this.draft >= 2019) {
      k.dependentSchemas = { vocab: app, fn: this.schemaMap };
      k.dependencies = { vocab: -1, fn: this.dependencies };
    } else {
      k.additionalItems = { vocab: app, fn: this.schema };
      k.dependencies = { vocab: app, fn: this.dependencies };
    }
    return k;
  }
}

const META_URL: Record<Draft, string> = {
  4: 'http://json-schema.org/draft-04/schema#',
  6: 'http://json-schema.org/draft-06/schema#',
  7: 'http://json-schema.org/draft-07/schema#',
  2019: 'https://json-schema.org/draft/2019-09/schema#',
  2020: 'https://json-schema.org/draft/2020-12/schema#',
};

/** The metaschema failures of a schema, undefined when it passes (as far as this model sees). */
export function metaschemaErrors(schema: Json, draft: Draft): { url: string; errors: readonly VError[] } | undefined {
  const m = new Meta(draft);
  const e = m.schema(schema, []);
  if (!e) return undefined;
  return { url: META_URL[draft], errors: e.kind === 'group' ? e.causes : [e] };
}
