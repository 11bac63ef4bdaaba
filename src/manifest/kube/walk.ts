/** Checks a value against a type of the generated Kubernetes API tables (built-in kinds). */
import { closestKey } from '../../operator/suggest.js';
import { describe, type Segment } from './issues.js';
import { intRangeProblem, isBase64, isDateTime, isQuantity } from './formats.js';
import { own, type KubeTables, type TypeRef } from './tables.js';

/** Receives one problem: where, a code, and the message. */
export type Report = (segs: readonly Segment[], code: string, message: string) => void;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(ref: TypeRef): string {
  if (ref.startsWith('[]')) return 'a list';
  if (ref.startsWith('{}')) return 'a map';
  switch (ref) {
    case 's':
    case 'dt':
    case 'dtm':
    case 'by':
      return 'a string';
    case 'b':
      return 'a boolean';
    case 'i32':
    case 'i64':
      return 'an integer';
    case 'n':
      return 'a number';
    case 'q':
      return 'a quantity (string or number)';
    case 'ios':
      return 'an integer or a string';
    default:
      return 'an object';
  }
}

function wrong(ref: TypeRef, v: unknown, segs: readonly Segment[], report: Report): void {
  report(segs, 'type', `expected ${typeName(ref)}, got ${describe(v)}`);
}

/** Checks `v` (not undefined) against `ref`; `allowed` = the enum of a string leaf. */
export function checkValue(t: KubeTables, ref: TypeRef, v: unknown, segs: Segment[], report: Report, allowed?: readonly string[]): void {
  if (v === null) return; // an explicit null is "not set" for an optional field
  if (ref.startsWith('[]')) {
    if (!Array.isArray(v)) return wrong(ref, v, segs, report);
    const item = ref.slice(2);
    v.forEach((x, i) => checkValue(t, item, x, [...segs, i], report, allowed));
    return;
  }
  if (ref.startsWith('{}')) {
    if (!isPlainObject(v)) return wrong(ref, v, segs, report);
    const item = ref.slice(2);
    for (const k of Object.keys(v)) checkValue(t, item, v[k], [...segs, k], report, allowed);
    return;
  }
  switch (ref) {
    case 'any':
      return;
    case 's':
      if (typeof v !== 'string') return wrong(ref, v, segs, report);
      if (allowed && !allowed.includes(v)) report(segs, 'enum', `${describe(v)} is not one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
      return;
    case 'b':
      if (typeof v !== 'boolean') wrong(ref, v, segs, report);
      return;
    case 'n':
      if (typeof v !== 'number') wrong(ref, v, segs, report);
      return;
    case 'i32':
    case 'i64': {
      if (typeof v !== 'number' || !Number.isInteger(v)) return wrong(ref, v, segs, report);
      const p = intRangeProblem(v, ref === 'i32' ? 'int32' : 'int64');
      if (p) report(segs, 'range', p);
      return;
    }
    case 'dt':
    case 'dtm':
      if (typeof v !== 'string') return wrong(ref, v, segs, report);
      if (!isDateTime(v)) report(segs, 'format', `${describe(v)} is not an RFC 3339 date-time`);
      return;
    case 'by':
      if (typeof v !== 'string') return wrong(ref, v, segs, report);
      if (!isBase64(v)) report(segs, 'format', `${describe(v)} is not base64 data`);
      return;
    case 'q':
      if (typeof v === 'number') return;
      if (typeof v !== 'string') return wrong(ref, v, segs, report);
      if (!isQuantity(v)) report(segs, 'format', `${describe(v)} is not a quantity (like 100m, 0.5, 128Mi, 1G)`);
      return;
    case 'ios':
      if (typeof v === 'string') return;
      if (typeof v !== 'number' || !Number.isInteger(v)) return wrong(ref, v, segs, report);
      if (intRangeProblem(v, 'int32')) report(segs, 'range', intRangeProblem(v, 'int32') as string);
      return;
    default:
      checkModel(t, ref, v, segs, report);
  }
}

/** Checks an object against model `name`: unknown fields, required fields, each field's type. */
export function checkModel(t: KubeTables, name: string, v: unknown, segs: Segment[], report: Report, skip?: ReadonlySet<string>): void {
  const model = own(t.types, name);
  if (!model) return; // the generator guarantees every reachable model exists
  if (!isPlainObject(v)) return wrong(name, v, segs, report);
  const names = Object.keys(model.f);
  for (const k of Object.keys(v)) {
    if (skip?.has(k)) continue;
    const ref = own(model.f, k);
    if (ref === undefined) {
      const hint = closestKey(k, names);
      report([...segs, k], 'unknown-field', `unknown field${hint !== undefined ? ` (did you mean ${JSON.stringify(hint)}?)` : ''}`);
      continue;
    }
    if (v[k] !== undefined) checkValue(t, ref, v[k], [...segs, k], report, own(model.e, k));
  }
  for (const r of model.r ?? []) {
    if (skip?.has(r)) continue;
    if (v[r] === undefined || v[r] === null || !Object.prototype.hasOwnProperty.call(v, r)) report([...segs, r], 'required', 'missing required field');
  }
}
