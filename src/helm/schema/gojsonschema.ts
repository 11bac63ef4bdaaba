/**
 * values.schema.json validation as helm 3.17.3 does it (xeipuuv/gojsonschema v1.2.0).
 *
 * Hand-written, not on ajv: gojsonschema reports a flat list whose order follows its own walk
 * (combinators, then object keywords, then `properties` children), adds summary lines such as
 * "Must validate all the schemas (allOf)" after or before the nested ones, keeps only the
 * "best" failing branch of anyOf/oneOf/contains by a score it counts while validating, ignores
 * siblings of `$ref`, and understands every draft-4/6/7 keyword at once whatever `$schema` says.
 * ajv's error list has none of these shapes.
 *
 * Where gojsonschema iterates a Go map (instance keys, `properties` of the schema) helm's order
 * varies from run to run (a rotation of the sorted order, measured); this module takes keys in
 * sorted order, which is one of the orders helm prints.
 *
 * Lines are `- <field>: <description>`; the field is the instance path joined by `.` with
 * `(root)` for the top (measured on helm 3.17.3).
 */
import { compareBytes, isObject, jsonText, JsonNumber, type Json } from './json.js';
import { canonical, InstNumber, instNumberOfText, type Inst } from './instance.js';
import { bigFloatV, cmpRat, isMultiple, parseRat, type Rat } from './numbers.js';
import { goFormatHelm3 } from './formats.js';
import { goRegexCompiles, goRegexMatch } from './regex.js';
import { resolveRef } from './refs.js';

interface ResultError {
  readonly path: readonly string[];
  readonly description: string;
}

class Result {
  errors: ResultError[] = [];
  score = 0;
  add(path: readonly string[], description: string): void {
    this.errors.push({ path, description });
    this.score -= 2;
  }
  merge(o: Result): void {
    this.errors.push(...o.errors);
    this.score += o.score;
  }
  get valid(): boolean {
    return this.errors.length === 0;
  }
}

const VALID_TYPES = ['array', 'boolean', 'integer', 'number', 'null', 'object', 'string'];

function field(path: readonly string[]): string {
  return path.length === 0 ? '(root)' : path.join('.');
}

function num(s: Map<string, Json>, key: string): Rat | undefined {
  const v = s.get(key);
  return v instanceof JsonNumber ? parseRat(v.text) : undefined;
}

function sortedKeys(m: Map<string, unknown>): string[] {
  return [...m.keys()].sort(compareBytes);
}

/** The schema's `type` list (empty when absent). */
function typesOf(s: Map<string, Json>): string[] {
  const t = s.get('type');
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

function typesText(types: string[]): string {
  return types.length === 1 ? types[0] : `[${types.join(',')}]`;
}

/** gojsonschema's text for a value it compares (enum/const): JSON with numbers normalised. */
function instJson(v: Inst): string {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof InstNumber) return canonical(v);
  if (Array.isArray(v)) return `[${v.map(instJson).join(',')}]`;
  return `{${sortedKeys(v).map((k) => `${JSON.stringify(k)}:${instJson(v.get(k) as Inst)}`).join(',')}}`;
}

function schemaValueAsInst(j: Json): Inst {
  if (j instanceof JsonNumber) return instNumberOfText(j.text) ?? null;
  if (Array.isArray(j)) return j.map(schemaValueAsInst);
  if (j instanceof Map) {
    const m = new Map<string, Inst>();
    for (const [k, v] of j) m.set(k, schemaValueAsInst(v));
    return m;
  }
  return j;
}

// ------------------------------------------------------------------------------------------
// Schema checks done while gojsonschema compiles (a subset: the common mistakes).

function checkSchema(root: Json, s: Json, seen: Set<Json>): string | undefined {
  if (typeof s === 'boolean') return undefined;
  if (!isObject(s)) return 'schema is invalid';
  if (seen.has(s)) return undefined;
  seen.add(s);
  const ref = s.get('$ref');
  if (typeof ref === 'string') {
    const r = resolveRef(root, ref);
    if (!r.ok) return r.error.helm3;
  }
  const t = s.get('type');
  if (t !== undefined) {
    for (const x of Array.isArray(t) ? t : [t]) {
      if (typeof x === 'string' && !VALID_TYPES.includes(x))
        return `has a primitive type that is NOT VALID -- given: /${x}/ Expected valid values are:[${VALID_TYPES.join(' ')}]`;
    }
  }
  const subs: Json[] = [];
  for (const k of ['properties', 'patternProperties', 'definitions', '$defs', 'dependencies']) {
    const m = s.get(k);
    if (!isObject(m)) continue;
    for (const key of sortedKeys(m)) {
      const sub = m.get(key) as Json;
      if (!(k === 'dependencies' && Array.isArray(sub))) subs.push(sub);
    }
  }
  for (const k of ['additionalProperties', 'propertyNames', 'additionalItems', 'contains', 'not', 'if', 'then', 'else']) {
    const v = s.get(k);
    if (v !== undefined && (isObject(v) || typeof v === 'boolean')) subs.push(v);
  }
  const items = s.get('items');
  if (Array.isArray(items)) subs.push(...items);
  else if (items !== undefined) subs.push(items);
  for (const k of ['multipleOf', 'minimum', 'maximum']) {
    const v = s.get(k);
    if (v !== undefined && !(v instanceof JsonNumber)) return `${k} must be of a number`;
  }
  for (const k of ['exclusiveMinimum', 'exclusiveMaximum']) {
    const v = s.get(k);
    if (v !== undefined && !(v instanceof JsonNumber) && typeof v !== 'boolean') return `${k} must be of a number`;
  }
  const mo = num(s, 'multipleOf');
  if (mo && mo.n <= 0n) return 'multipleOf must be strictly greater than 0';
  for (const k of ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties']) {
    const v = s.get(k);
    if (v === undefined) continue;
    const r = v instanceof JsonNumber ? parseRat(v.text) : undefined;
    if (!r || r.d !== 1n) return `${k} must be of an integer`;
    if (r.n < 0n) return `${k} must be greater than or equal to 0`;
  }
  const pattern = s.get('pattern');
  if (pattern !== undefined) {
    if (typeof pattern !== 'string') return 'pattern must be of a string';
    if (!goRegexCompiles(pattern)) return `Invalid regex pattern '${pattern}'`;
  }
  for (const k of ['allOf', 'anyOf', 'oneOf']) {
    const v = s.get(k);
    if (v === undefined) continue;
    if (!Array.isArray(v)) return `${k} must be of an array`;
    subs.push(...v);
  }
  for (const sub of subs) {
    const e = checkSchema(root, sub, seen);
    if (e !== undefined) return e;
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------
// Validation

class Validator {
  constructor(readonly root: Json) {}

  sub(s: Json, v: Inst, path: readonly string[]): Result {
    const r = new Result();
    this.recursive(s, v, r, path);
    return r;
  }

  recursive(s: Json, v: Inst, r: Result, path: readonly string[]): void {
    if (typeof s === 'boolean') {
      if (!s) r.add(path, 'False always fails validation');
      return;
    }
    if (!isObject(s)) return;
    const ref = s.get('$ref');
    if (typeof ref === 'string') {
      const target = resolveRef(this.root, ref);
      if (target.ok) this.recursive(target.schema, v, r, path);
      return;
    }
    const types = typesOf(s);
    const typed = types.length > 0;
    const wrongType = (given: string): boolean => {
      r.add(path, `Invalid type. Expected: ${typesText(types)}, given: ${given}`);
      return true;
    };
    if (v === null) {
      if (typed && !types.includes('null')) {
        wrongType('null');
        return;
      }
      this.schemaKeywords(s, v, r, path);
      this.common(s, v, r, path);
    } else if (v instanceof InstNumber) {
      const ok = types.includes('number') || (v.isInt && types.includes('integer'));
      if (typed && !ok) {
        wrongType(v.isInt ? 'integer' : 'number');
        return;
      }
      this.schemaKeywords(s, v, r, path);
      this.number(s, v, r, path);
      this.common(s, v, r, path);
    } else if (Array.isArray(v)) {
      if (typed && !types.includes('array')) {
        wrongType('array');
        return;
      }
      this.schemaKeywords(s, v, r, path);
      this.array(s, v, r, path);
      this.common(s, v, r, path);
    } else if (v instanceof Map) {
      if (typed && !types.includes('object')) {
        wrongType('object');
        return;
      }
      this.schemaKeywords(s, v, r, path);
      this.object(s, v, r, path);
      this.common(s, v, r, path);
      const props = s.get('properties');
      if (isObject(props)) {
        for (const k of sortedKeys(props)) {
          if (v.has(k)) this.recursive(props.get(k) as Json, v.get(k) as Inst, r, [...path, k]);
        }
      }
    } else if (typeof v === 'boolean') {
      if (typed && !types.includes('boolean')) {
        wrongType('boolean');
        return;
      }
      this.schemaKeywords(s, v, r, path);
      this.common(s, v, r, path);
    } else {
      if (typed && !types.includes('string')) {
        wrongType('string');
        return;
      }
      this.schemaKeywords(s, v, r, path);
      this.common(s, v, r, path);
      this.string(s, v, r, path);
    }
    r.score++;
  }

  schemaKeywords(s: Map<string, Json>, v: Inst, r: Result, path: readonly string[]): void {
    const anyOf = s.get('anyOf');
    if (Array.isArray(anyOf) && anyOf.length > 0) {
      let ok = false;
      let best: Result | undefined;
      for (const sub of anyOf) {
        if (ok) break;
        const res = this.sub(sub, v, path);
        ok = res.valid;
        if (!ok && (best === undefined || res.score > best.score)) best = res;
      }
      if (!ok) {
        r.add(path, 'Must validate at least one schema (anyOf)');
        if (best) r.merge(best);
      }
    }
    const oneOf = s.get('oneOf');
    if (Array.isArray(oneOf) && oneOf.length > 0) {
      let n = 0;
      let best: Result | undefined;
      for (const sub of oneOf) {
        const res = this.sub(sub, v, path);
        if (res.valid) n++;
        else if (n === 0 && (best === undefined || res.score > best.score)) best = res;
      }
      if (n !== 1) {
        r.add(path, 'Must validate one and only one schema (oneOf)');
        if (n === 0 && best) r.merge(best);
      }
    }
    const allOf = s.get('allOf');
    if (Array.isArray(allOf) && allOf.length > 0) {
      let n = 0;
      for (const sub of allOf) {
        const res = this.sub(sub, v, path);
        if (res.valid) n++;
        r.merge(res);
      }
      if (n !== allOf.length) r.add(path, 'Must validate all the schemas (allOf)');
    }
    const not = s.get('not');
    if (not !== undefined && (isObject(not) || typeof not === 'boolean')) {
      if (this.sub(not, v, path).valid) r.add(path, 'Must not validate the schema (not)');
    }
    const deps = s.get('dependencies');
    if (isObject(deps) && deps.size > 0 && v instanceof Map) {
      for (const k of sortedKeys(v)) {
        const dep = deps.get(k);
        if (dep === undefined) continue;
        if (Array.isArray(dep)) {
          for (const d of dep) if (typeof d === 'string' && !v.has(d)) r.add(path, `Has a dependency on ${d}`);
        } else {
          this.recursive(dep, v, r, path);
        }
      }
    }
    const ifS = s.get('if');
    if (ifS !== undefined && (isObject(ifS) || typeof ifS === 'boolean')) {
      const ifOk = this.sub(ifS, v, path).valid;
      const thenS = s.get('then');
      const elseS = s.get('else');
      if (thenS !== undefined && ifOk) {
        const res = this.sub(thenS, v, path);
        if (!res.valid) {
          r.add(path, 'Must validate "then" as "if" was valid');
          r.merge(res);
        }
      }
      if (elseS !== undefined && !ifOk) {
        const res = this.sub(elseS, v, path);
        if (!res.valid) {
          r.add(path, 'Must validate "else" as "if" was not valid');
          r.merge(res);
        }
      }
    }
    r.score++;
  }

  common(s: Map<string, Json>, v: Inst, r: Result, path: readonly string[]): void {
    if (s.has('const')) {
      const c = s.get('const') as Json;
      if (instJson(v) !== instJson(schemaValueAsInst(c))) r.add(path, `${field(path)} does not match: ${jsonText(c)}`);
    }
    const en = s.get('enum');
    if (Array.isArray(en) && en.length > 0) {
      const mine = instJson(v);
      if (!en.some((e) => instJson(schemaValueAsInst(e)) === mine))
        r.add(path, `${field(path)} must be one of the following: ${en.map(jsonText).join(', ')}`);
    }
    r.score++;
  }

  array(s: Map<string, Json>, v: Inst[], r: Result, path: readonly string[]): void {
    const items = s.get('items');
    if (items !== undefined && !Array.isArray(items)) {
      v.forEach((x, i) => r.merge(this.sub(items, x, [...path, String(i)])));
    } else if (Array.isArray(items) && items.length > 0) {
      for (let i = 0; i < items.length && i < v.length; i++) r.merge(this.sub(items[i], v[i], [...path, String(i)]));
      if (items.length < v.length) {
        const add = s.get('additionalItems');
        if (add === false) r.add(path, 'No additional items allowed on array');
        else if (isObject(add)) {
          for (let i = items.length; i < v.length; i++) r.merge(this.sub(add, v[i], [...path, String(i)]));
        }
      }
    }
    const minItems = num(s, 'minItems');
    if (minItems && BigInt(v.length) < minItems.n) r.add(path, `Array must have at least ${minItems.n} items`);
    const maxItems = num(s, 'maxItems');
    if (maxItems && BigInt(v.length) > maxItems.n) r.add(path, `Array must have at most ${maxItems.n} items`);
    if (s.get('uniqueItems') === true) {
      const seen = new Map<string, number>();
      v.forEach((x, j) => {
        const key = instJson(x);
        const i = seen.get(key);
        if (i !== undefined) r.add(path, `array items[${i},${j}] must be unique`);
        seen.set(key, j);
      });
    }
    const contains = s.get('contains');
    if (contains !== undefined && (isObject(contains) || typeof contains === 'boolean')) {
      let ok = false;
      let best: Result | undefined;
      for (let i = 0; i < v.length; i++) {
        const res = this.sub(contains, v[i], [...path, String(i)]);
        if (res.valid) {
          ok = true;
          break;
        }
        if (best === undefined || res.score > best.score) best = res;
      }
      if (!ok) {
        r.add(path, 'At least one of the items must match');
        if (best) r.merge(best);
      }
    }
    r.score++;
  }

  object(s: Map<string, Json>, v: Map<string, Inst>, r: Result, path: readonly string[]): void {
    const minP = num(s, 'minProperties');
    if (minP && BigInt(v.size) < minP.n) r.add(path, `Must have at least ${minP.n} properties`);
    const maxP = num(s, 'maxProperties');
    if (maxP && BigInt(v.size) > maxP.n) r.add(path, `Must have at most ${maxP.n} properties`);
    const required = s.get('required');
    if (Array.isArray(required)) {
      for (const k of required) {
        if (typeof k !== 'string') continue;
        if (v.has(k)) r.score++;
        else r.add(path, `${k} is required`);
      }
    }
    const props = s.get('properties');
    const patterns = s.get('patternProperties');
    const additional = s.get('additionalProperties');
    for (const k of sortedKeys(v)) {
      const found = isObject(props) && props.has(k);
      let matched = false;
      if (isObject(patterns)) {
        for (const p of sortedKeys(patterns)) {
          if (goRegexMatch(p, k)) {
            matched = true;
            r.merge(this.sub(patterns.get(p) as Json, v.get(k) as Inst, [...path, k]));
          }
        }
        if (matched) r.score++;
      }
      if (!found && !matched) {
        if (additional === false) r.add(path, `Additional property ${k} is not allowed`);
        else if (isObject(additional)) r.merge(this.sub(additional, v.get(k) as Inst, [...path, k]));
      }
    }
    const names = s.get('propertyNames');
    if (names !== undefined && (isObject(names) || typeof names === 'boolean')) {
      for (const k of sortedKeys(v)) {
        const res = this.sub(names, k, path);
        if (!res.valid) {
          r.add(path, `Property name of "${k}" does not match`);
          r.merge(res);
        }
      }
    }
    r.score++;
  }

  string(s: Map<string, Json>, v: string, r: Result, path: readonly string[]): void {
    const runes = [...v].length;
    const minL = num(s, 'minLength');
    if (minL && BigInt(runes) < minL.n) r.add(path, `String length must be greater than or equal to ${minL.n}`);
    const maxL = num(s, 'maxLength');
    if (maxL && BigInt(runes) > maxL.n) r.add(path, `String length must be less than or equal to ${maxL.n}`);
    const pattern = s.get('pattern');
    if (typeof pattern === 'string' && !goRegexMatch(pattern, v)) r.add(path, `Does not match pattern '${pattern}'`);
    const format = s.get('format');
    if (typeof format === 'string' && format !== '' && !goFormatHelm3(format, v)) r.add(path, `Does not match format '${format}'`);
    r.score++;
  }

  number(s: Map<string, Json>, v: InstNumber, r: Result, path: readonly string[]): void {
    const x = v.rat;
    const multipleOf = num(s, 'multipleOf');
    if (multipleOf && !isMultiple(x, multipleOf)) r.add(path, `Must be a multiple of ${bigFloatV(multipleOf)}`);
    // Draft-4 boolean exclusiveMaximum/exclusiveMinimum turn maximum/minimum exclusive.
    let maximum = num(s, 'maximum');
    let exclusiveMaximum = num(s, 'exclusiveMaximum');
    if (s.get('exclusiveMaximum') === true && maximum) {
      exclusiveMaximum = maximum;
      maximum = undefined;
    }
    let minimum = num(s, 'minimum');
    let exclusiveMinimum = num(s, 'exclusiveMinimum');
    if (s.get('exclusiveMinimum') === true && minimum) {
      exclusiveMinimum = minimum;
      minimum = undefined;
    }
    if (maximum && cmpRat(x, maximum) > 0) r.add(path, `Must be less than or equal to ${bigFloatV(maximum)}`);
    if (exclusiveMaximum && cmpRat(x, exclusiveMaximum) >= 0) r.add(path, `Must be less than ${bigFloatV(exclusiveMaximum)}`);
    if (minimum && cmpRat(x, minimum) < 0) r.add(path, `Must be greater than or equal to ${bigFloatV(minimum)}`);
    if (exclusiveMinimum && cmpRat(x, exclusiveMinimum) <= 0) r.add(path, `Must be greater than ${bigFloatV(exclusiveMinimum)}`);
    const format = s.get('format');
    // gojsonschema hands numbers to the format checkers too; every known checker refuses them.
    if (typeof format === 'string' && format !== '' && !goFormatHelm3(format, v)) r.add(path, `Does not match format '${format}'`);
    r.score++;
  }
}

/**
 * Validates `values` against one chart's schema text as helm 3 does. Returns the text helm puts
 * under the chart's name: one `- field: description\n` line per error, or the compile error
 * (without a newline, as helm writes it). Undefined when the values pass.
 */
export function validateHelm3(schema: Json, values: Inst): string | undefined {
  const compileError = checkSchema(schema, schema, new Set());
  if (compileError !== undefined) return compileError;
  const r = new Validator(schema).sub(schema, values, []);
  if (r.valid) return undefined;
  return r.errors.map((e) => `- ${field(e.path)}: ${e.description}\n`).join('');
}
