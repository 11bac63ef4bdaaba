/**
 * values.schema.json validation as helm 4.1.4 does it (santhosh-tekuri/jsonschema v6).
 *
 * Hand-written, not on ajv: v6 reports a tree (a value with several errors becomes one
 * "validation failed" node with children, allOf/anyOf/oneOf/contains nest their branches,
 * a `$ref` with one failure is invisible), stops at the first failing of type/const/enum/format,
 * keeps draft-specific quirks (siblings of `$ref` ignored before 2019-09, `items` after
 * `prefixItems` reporting indexes counted from the end of the prefix, propertyNames errors
 * located at `''`) and prints numbers through an English message printer (`1,000`,
 * `1.2345678×10⁰⁷`). ajv's flat error list cannot be mapped onto that tree.
 *
 * Go map iteration (instance keys, `dependencies`) makes helm's order vary between runs; this
 * module takes keys in sorted order, which is one of helm's orders (measured).
 */
import { quote as goQuote } from '../../gotemplate/strconv.js';
import { formatErrorHelm4 } from './formats.js';
import { canonical, InstNumber, instNumberOfText, instTypeName, type Inst } from './instance.js';
import { compareBytes, isObject, JsonNumber, type Json } from './json.js';
import { cmpRat, isMultiple, parseRat, printerFloat, printerInt, ratToFloat, type Rat } from './numbers.js';
import { goRegexMatch } from './regex.js';
import { resolveRef } from './refs.js';

export type Draft = 4 | 6 | 7 | 2019 | 2020;

export interface VError {
  readonly loc: readonly string[];
  readonly message: string;
  /** 'group': several errors of one value; 'ref': a `$ref` hop (hidden when it has one cause). */
  readonly kind: 'group' | 'ref' | 'leaf';
  readonly causes: readonly VError[];
}

/** kind.quote: Go %q with `\"` unescaped and `'` escaped, in single quotes. */
export function v6Quote(s: string): string {
  const q = goQuote(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${q}'`;
}

function joinQuoted(a: readonly string[]): string {
  return a.map(v6Quote).join(', ');
}

function jsonPtr(loc: readonly string[]): string {
  return loc.map((t) => `/${t.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

const TYPE_ORDER = ['null', 'boolean', 'number', 'integer', 'string', 'array', 'object'];

function sortedKeys(m: Map<string, unknown>): string[] {
  return [...m.keys()].sort(compareBytes);
}

function numOf(j: Json | undefined): Rat | undefined {
  return j instanceof JsonNumber ? parseRat(j.text) : undefined;
}

function intOf(j: Json | undefined): number | undefined {
  const r = numOf(j);
  return r && r.d === 1n ? Number(r.n) : undefined;
}

function schemaInst(j: Json): Inst {
  if (j instanceof JsonNumber) return instNumberOfText(j.text) ?? null;
  if (Array.isArray(j)) return j.map(schemaInst);
  if (j instanceof Map) {
    const m = new Map<string, Inst>();
    for (const [k, v] of j) m.set(k, schemaInst(v));
    return m;
  }
  return j;
}

/** kind.display for a schema value: strings quoted, numbers as written, null as `<nil>`. */
function display(j: Json): string {
  if (typeof j === 'string') return v6Quote(j);
  if (j === null) return '<nil>';
  if (j instanceof JsonNumber) return j.text;
  if (Array.isArray(j) || j instanceof Map) return 'value';
  return String(j);
}

function isSchema(j: Json | undefined): j is Map<string, Json> | boolean {
  return isObject(j) || typeof j === 'boolean';
}

class Validator {
  constructor(
    readonly root: Json,
    readonly draft: Draft,
  ) {}

  leaf(loc: readonly string[], message: string, causes: readonly VError[] = []): VError {
    return { loc, message, kind: 'leaf', causes };
  }

  /** Validates v at loc; undefined when valid, else one error (a group when several). */
  validate(s: Json, v: Inst, loc: readonly string[]): VError | undefined {
    if (typeof s === 'boolean') return s ? undefined : this.leaf(loc, 'false schema');
    if (!isObject(s)) return undefined;
    const t = instTypeName(v);
    const typeKw = s.get('type');
    if (typeKw !== undefined) {
      const wants = (Array.isArray(typeKw) ? typeKw : [typeKw]).filter((x): x is string => typeof x === 'string');
      if (wants.length > 0) {
        const ok = wants.includes(t) || (wants.includes('integer') && v instanceof InstNumber && v.isInt);
        if (!ok) {
          const order = [...wants].sort((a, b) => TYPE_ORDER.indexOf(a) - TYPE_ORDER.indexOf(b));
          return this.leaf(loc, `got ${t}, want ${order.join(' or ')}`);
        }
      }
    }
    if (this.draft >= 6 && s.has('const')) {
      const c = s.get('const') as Json;
      if (canonical(v) !== canonical(schemaInst(c))) {
        return this.leaf(loc, Array.isArray(c) || c instanceof Map ? "'const' failed" : `value must be ${display(c)}`);
      }
    }
    const en = s.get('enum');
    if (Array.isArray(en)) {
      const mine = canonical(v);
      if (!en.some((e) => canonical(schemaInst(e)) === mine)) {
        const allPrimitive = en.every((e) => !Array.isArray(e) && !(e instanceof Map));
        let msg = "'enum' failed";
        if (allPrimitive) msg = en.length === 1 ? `value must be ${display(en[0])}` : `value must be one of ${en.map(display).join(', ')}`;
        return this.leaf(loc, msg);
      }
    }
    const format = s.get('format');
    if (this.draft <= 7 && typeof format === 'string' && typeof v === 'string') {
      const err = formatErrorHelm4(format, v);
      if (err !== undefined) return this.leaf(loc, `${v6Quote(v)} is not valid ${format}: ${err}`);
    }
    const errors: VError[] = [];
    const ref = s.get('$ref');
    if (typeof ref === 'string') {
      const err = this.ref(ref, v, loc);
      if (this.draft < 2019) return err;
      if (err) errors.push(err);
    }
    if (v instanceof Map) this.object(s, v, loc, errors);
    else if (Array.isArray(v)) this.array(s, v, loc, errors);
    else if (typeof v === 'string') this.string(s, v, loc, errors);
    else if (v instanceof InstNumber) this.number(s, v, loc, errors);
    this.combinators(s, v, loc, errors);
    if (errors.length === 0) return undefined;
    if (errors.length === 1) return errors[0];
    return { loc, message: 'validation failed', kind: 'group', causes: errors };
  }

  ref(ref: string, v: Inst, loc: readonly string[]): VError | undefined {
    const target = resolveRef(this.root, ref);
    if (!target.ok) return undefined; // reported when the schema is compiled
    const err = this.validate(target.schema, v, loc);
    if (!err) return undefined;
    return { loc, message: 'validation failed', kind: 'ref', causes: err.kind === 'group' ? err.causes : [err] };
  }

  object(s: Map<string, Json>, v: Map<string, Inst>, loc: readonly string[], errors: VError[]): void {
    const minP = intOf(s.get('minProperties'));
    if (minP !== undefined && v.size < minP) errors.push(this.leaf(loc, `minProperties: got ${printerInt(v.size)}, want ${printerInt(minP)}`));
    const maxP = intOf(s.get('maxProperties'));
    if (maxP !== undefined && v.size > maxP) errors.push(this.leaf(loc, `maxProperties: got ${printerInt(v.size)}, want ${printerInt(maxP)}`));
    const required = s.get('required');
    if (Array.isArray(required)) {
      const missing = required.filter((k): k is string => typeof k === 'string' && !v.has(k));
      if (missing.length === 1) errors.push(this.leaf(loc, `missing property ${v6Quote(missing[0])}`));
      else if (missing.length > 1) errors.push(this.leaf(loc, `missing properties ${joinQuoted(missing)}`));
    }
    const deps = s.get('dependencies');
    if (isObject(deps)) {
      for (const p of sortedKeys(deps)) {
        if (!v.has(p)) continue;
        const dep = deps.get(p) as Json;
        if (Array.isArray(dep)) {
          const missing = dep.filter((k): k is string => typeof k === 'string' && !v.has(k));
          if (missing.length > 0) errors.push(this.leaf(loc, `properties ${joinQuoted(missing)} required, if ${v6Quote(p)} exists`));
        } else {
          const e = this.validate(dep, v, loc);
          if (e) errors.push(e);
        }
      }
    }
    const props = s.get('properties');
    const patterns = s.get('patternProperties');
    const additional = s.get('additionalProperties');
    const extra: string[] = [];
    for (const k of sortedKeys(v)) {
      let evaluated = false;
      const x = v.get(k) as Inst;
      if (isObject(props) && props.has(k)) {
        evaluated = true;
        const e = this.validate(props.get(k) as Json, x, [...loc, k]);
        if (e) errors.push(e);
      }
      if (isObject(patterns)) {
        for (const p of sortedKeys(patterns)) {
          if (!goRegexMatch(p, k)) continue;
          evaluated = true;
          const e = this.validate(patterns.get(p) as Json, x, [...loc, k]);
          if (e) errors.push(e);
        }
      }
      if (!evaluated && additional !== undefined) {
        if (additional === false) extra.push(k);
        else if (isObject(additional)) {
          const e = this.validate(additional, x, [...loc, k]);
          if (e) errors.push(e);
        }
      }
    }
    if (extra.length > 0) errors.push(this.leaf(loc, `additional properties ${joinQuoted(extra)} not allowed`));
    if (this.draft === 4) return;
    const names = s.get('propertyNames');
    if (isSchema(names)) {
      for (const k of sortedKeys(v)) {
        const e = this.validate(names, k, []);
        // v6 relabels the sub-validation's top error, whose location is the name itself: ''.
        if (e) errors.push(this.leaf([], `invalid propertyName ${v6Quote(k)}`, e.kind === 'group' ? e.causes : [e]));
      }
    }
    if (this.draft <= 7) return;
    const depSchemas = s.get('dependentSchemas');
    if (isObject(depSchemas)) {
      for (const p of sortedKeys(depSchemas)) {
        if (!v.has(p)) continue;
        const e = this.validate(depSchemas.get(p) as Json, v, loc);
        if (e) errors.push(e);
      }
    }
    const depReq = s.get('dependentRequired');
    if (isObject(depReq)) {
      for (const p of sortedKeys(depReq)) {
        if (!v.has(p)) continue;
        const list = depReq.get(p);
        if (!Array.isArray(list)) continue;
        const missing = list.filter((k): k is string => typeof k === 'string' && !v.has(k));
        if (missing.length > 0) errors.push(this.leaf(loc, `properties ${joinQuoted(missing)} required, if ${v6Quote(p)} exists`));
      }
    }
  }

  array(s: Map<string, Json>, v: Inst[], loc: readonly string[], errors: VError[]): void {
    const minI = intOf(s.get('minItems'));
    if (minI !== undefined && v.length < minI) errors.push(this.leaf(loc, `minItems: got ${printerInt(v.length)}, want ${printerInt(minI)}`));
    const maxI = intOf(s.get('maxItems'));
    if (maxI !== undefined && v.length > maxI) errors.push(this.leaf(loc, `maxItems: got ${printerInt(v.length)}, want ${printerInt(maxI)}`));
    if (s.get('uniqueItems') === true && v.length > 1) {
      const keys = v.map(canonical);
      dup: for (let i = 0; i < keys.length; i++) {
        for (let j = i + 1; j < keys.length; j++) {
          if (keys[i] === keys[j]) {
            errors.push(this.leaf(loc, `items at ${printerInt(i)} and ${printerInt(j)} are equal`));
            break dup;
          }
        }
      }
    }
    const push = (e: VError | undefined): void => {
      if (e) errors.push(e);
    };
    const items = s.get('items');
    if (this.draft < 2020) {
      let evaluated = 0;
      if (Array.isArray(items)) {
        const n = Math.min(items.length, v.length);
        for (let i = 0; i < n; i++) push(this.validate(items[i], v[i], [...loc, String(i)]));
        evaluated = n;
      } else if (isSchema(items)) {
        v.forEach((x, i) => push(this.validate(items, x, [...loc, String(i)])));
        evaluated = v.length;
      }
      const add = s.get('additionalItems');
      if (add === false && evaluated !== v.length && Array.isArray(items)) {
        errors.push(this.leaf(loc, `last ${printerInt(v.length - evaluated)} additionalItem(s) not allowed`));
      } else if (isObject(add) && Array.isArray(items)) {
        // v6 names these items by their index after the evaluated ones (measured quirk)
        v.slice(evaluated).forEach((x, i) => push(this.validate(add, x, [...loc, String(i)])));
      }
    } else {
      const prefix = s.get('prefixItems');
      const n = Array.isArray(prefix) ? Math.min(prefix.length, v.length) : 0;
      for (let i = 0; i < n; i++) push(this.validate((prefix as Json[])[i], v[i], [...loc, String(i)]));
      if (isSchema(items)) v.slice(n).forEach((x, i) => push(this.validate(items, x, [...loc, String(i)])));
    }
    const contains = s.get('contains');
    if (this.draft >= 6 && isSchema(contains)) {
      const errs: VError[] = [];
      const matched: number[] = [];
      v.forEach((x, i) => {
        const e = this.validate(contains, x, [...loc, String(i)]);
        if (e) errs.push(e);
        else matched.push(i);
      });
      const minC = this.draft >= 2019 ? intOf(s.get('minContains')) : undefined;
      const maxC = this.draft >= 2019 ? intOf(s.get('maxContains')) : undefined;
      if (minC !== undefined) {
        if (matched.length < minC) {
          const msg =
            matched.length === 0
              ? `min ${printerInt(minC)} items required to match contains schema, but none matched`
              : `min ${printerInt(minC)} items required to match contains schema, but matched ${printerInt(matched.length)} items at ${matched.join(' ')}`;
          errors.push(this.leaf(loc, msg, errs));
        }
      } else if (matched.length === 0) {
        errors.push(this.leaf(loc, 'no items match contains schema', errs));
      }
      if (maxC !== undefined && matched.length > maxC) {
        errors.push(this.leaf(loc, `max ${printerInt(maxC)} items required to match contains schema, but matched ${printerInt(matched.length)} items at ${matched.join(' ')}`));
      }
    }
  }

  string(s: Map<string, Json>, v: string, loc: readonly string[], errors: VError[]): void {
    const len = [...v].length;
    const minL = intOf(s.get('minLength'));
    if (minL !== undefined && len < minL) errors.push(this.leaf(loc, `minLength: got ${printerInt(len)}, want ${printerInt(minL)}`));
    const maxL = intOf(s.get('maxLength'));
    if (maxL !== undefined && len > maxL) errors.push(this.leaf(loc, `maxLength: got ${printerInt(len)}, want ${printerInt(maxL)}`));
    const pattern = s.get('pattern');
    if (typeof pattern === 'string' && !goRegexMatch(pattern, v)) errors.push(this.leaf(loc, `${v6Quote(v)} does not match pattern ${v6Quote(pattern)}`));
  }

  number(s: Map<string, Json>, v: InstNumber, loc: readonly string[], errors: VError[]): void {
    const x = v.rat;
    const got = printerFloat(v.float);
    const want = (r: Rat): string => printerFloat(ratToFloat(r));
    let minimum = numOf(s.get('minimum'));
    let maximum = numOf(s.get('maximum'));
    let exMin = numOf(s.get('exclusiveMinimum'));
    let exMax = numOf(s.get('exclusiveMaximum'));
    if (this.draft === 4) {
      if (s.get('exclusiveMinimum') === true) [exMin, minimum] = [minimum, undefined];
      else exMin = undefined;
      if (s.get('exclusiveMaximum') === true) [exMax, maximum] = [maximum, undefined];
      else exMax = undefined;
    }
    if (minimum && cmpRat(x, minimum) < 0) errors.push(this.leaf(loc, `minimum: got ${got}, want ${want(minimum)}`));
    if (maximum && cmpRat(x, maximum) > 0) errors.push(this.leaf(loc, `maximum: got ${got}, want ${want(maximum)}`));
    if (exMin && cmpRat(x, exMin) <= 0) errors.push(this.leaf(loc, `exclusiveMinimum: got ${got}, want ${want(exMin)}`));
    if (exMax && cmpRat(x, exMax) >= 0) errors.push(this.leaf(loc, `exclusiveMaximum: got ${got}, want ${want(exMax)}`));
    const mo = numOf(s.get('multipleOf'));
    if (mo && !isMultiple(x, mo)) errors.push(this.leaf(loc, `multipleOf: got ${got}, want ${want(mo)}`));
  }

  combinators(s: Map<string, Json>, v: Inst, loc: readonly string[], errors: VError[]): void {
    const not = s.get('not');
    if (isSchema(not) && this.validate(not, v, loc) === undefined) errors.push(this.leaf(loc, "'not' failed"));
    const allOf = s.get('allOf');
    if (Array.isArray(allOf) && allOf.length > 0) {
      const errs = allOf.map((sub) => this.validate(sub, v, loc)).filter((e): e is VError => e !== undefined);
      if (errs.length > 0) errors.push(this.leaf(loc, "'allOf' failed", errs));
    }
    const anyOf = s.get('anyOf');
    if (Array.isArray(anyOf) && anyOf.length > 0) {
      const errs: VError[] = [];
      let matched = false;
      for (const sub of anyOf) {
        const e = this.validate(sub, v, loc);
        if (!e) {
          matched = true;
          break;
        }
        errs.push(e);
      }
      if (!matched) errors.push(this.leaf(loc, "'anyOf' failed", errs));
    }
    const oneOf = s.get('oneOf');
    if (Array.isArray(oneOf) && oneOf.length > 0) {
      let matched = -1;
      const errs: VError[] = [];
      for (let i = 0; i < oneOf.length; i++) {
        const e = this.validate(oneOf[i], v, loc);
        if (e) {
          if (matched === -1) errs.push(e);
        } else if (matched === -1) {
          matched = i;
        } else {
          errors.push(this.leaf(loc, `'oneOf' failed, subschemas ${matched}, ${i} matched`));
          break;
        }
      }
      if (matched === -1) errors.push(this.leaf(loc, "'oneOf' failed, none matched", errs));
    }
    const ifS = s.get('if');
    if (this.draft >= 7 && isSchema(ifS)) {
      const branch = this.validate(ifS, v, loc) === undefined ? s.get('then') : s.get('else');
      if (isSchema(branch)) {
        const e = this.validate(branch, v, loc);
        if (e) errors.push(e);
      }
    }
  }
}

/** The draft a schema's `$schema` names; undefined for an unknown URL. No `$schema` is 2020-12. */
export function draftOf(schema: Json): Draft | undefined {
  if (!isObject(schema)) return 2020;
  const url = schema.get('$schema');
  if (typeof url !== 'string') return 2020;
  const u = url.replace(/#$/, '').replace(/^https:/, 'http:');
  const known: Record<string, Draft> = {
    'http://json-schema.org/draft-04/schema': 4,
    'http://json-schema.org/draft-06/schema': 6,
    'http://json-schema.org/draft-07/schema': 7,
    'http://json-schema.org/draft/2019-09/schema': 2019,
    'http://json-schema.org/draft/2020-12/schema': 2020,
  };
  return known[u];
}

function displayTree(e: VError, indent: number, out: string[]): void {
  if (e.kind === 'ref' && e.causes.length === 1) {
    displayTree(e.causes[0], indent, out);
    return;
  }
  out.push(`${'  '.repeat(indent - 1)}- at ${v6Quote(jsonPtr(e.loc))}: ${e.message}`);
  for (const c of e.causes) displayTree(c, indent + 1, out);
}

/** The lines under the "jsonschema validation failed" header, as helm 4 prints them. */
export function formatV6Errors(top: readonly VError[]): string {
  const out: string[] = [];
  for (const c of top) displayTree(c, 1, out);
  return out.join('\n');
}

/** Validates; undefined when valid, else the top-level causes. */
export function validateHelm4Tree(schema: Json, draft: Draft, values: Inst): readonly VError[] | undefined {
  const e = new Validator(schema, draft).validate(schema, values, []);
  if (!e) return undefined;
  return e.kind === 'group' ? e.causes : [e];
}
