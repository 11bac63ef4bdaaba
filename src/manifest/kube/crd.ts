/**
 * Custom resources: an index of CustomResourceDefinitions (apiextensions.k8s.io/v1) and a walker for
 * the structural subset of their openAPIV3Schema: type, properties, required, items, enum,
 * additionalProperties, nullable, format (int32/int64/date-time), x-kubernetes-preserve-unknown-fields
 * and x-kubernetes-int-or-string. Other keywords (anyOf, oneOf, pattern, minimum ...) are not checked.
 */
import { closestKey } from '../../operator/suggest.js';
import { describe, type Segment } from './issues.js';
import { intRangeProblem, isDateTime } from './formats.js';
import { isPlainObject, type Report } from './walk.js';

export interface CrdVersion {
  readonly served: boolean;
  readonly schema: unknown;
}

export interface CrdInfo {
  readonly name: string;
  readonly group: string;
  readonly kind: string;
  readonly versions: ReadonlyMap<string, CrdVersion>;
}

/** True for an apiextensions.k8s.io/v1 CustomResourceDefinition object. */
export function isCrd(o: unknown): o is Record<string, unknown> {
  return isPlainObject(o) && o.apiVersion === 'apiextensions.k8s.io/v1' && o.kind === 'CustomResourceDefinition';
}

/** `group/kind` -> what the CRD defines (later CRDs of the same group/kind win). Malformed CRDs are skipped. */
export function indexCrds(crds: readonly unknown[]): Map<string, CrdInfo> {
  const out = new Map<string, CrdInfo>();
  for (const c of crds) {
    if (!isCrd(c) || !isPlainObject(c.spec)) continue;
    const spec = c.spec;
    const names = isPlainObject(spec.names) ? spec.names : {};
    if (typeof spec.group !== 'string' || typeof names.kind !== 'string' || !Array.isArray(spec.versions)) continue;
    const versions = new Map<string, CrdVersion>();
    for (const v of spec.versions) {
      if (!isPlainObject(v) || typeof v.name !== 'string') continue;
      const schema = isPlainObject(v.schema) ? v.schema.openAPIV3Schema : undefined;
      versions.set(v.name, { served: v.served === true, schema });
    }
    const md = isPlainObject(c.metadata) ? c.metadata : {};
    out.set(`${spec.group}/${names.kind}`, { name: typeof md.name === 'string' ? md.name : `${names.kind}.${spec.group}`, group: spec.group, kind: names.kind, versions });
  }
  return out;
}

const ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

function scalarEqual(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

/** Checks `v` against schema `s`; at the root, apiVersion/kind/metadata are left to the caller. */
export function checkSchema(s: unknown, v: unknown, segs: Segment[], report: Report, root = false): void {
  if (!isPlainObject(s)) return;
  if (v === null) return; // the API server drops nulls of non-nullable fields before validating
  if (Array.isArray(s.enum) && !s.enum.some((e) => scalarEqual(e, v))) {
    report(segs, 'enum', `${describe(v)} is not one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`);
    return;
  }
  if (s['x-kubernetes-int-or-string'] === true) {
    if (typeof v !== 'string' && !(typeof v === 'number' && Number.isInteger(v))) report(segs, 'type', `expected an integer or a string, got ${describe(v)}`);
    return;
  }
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  switch (s.type) {
    case 'object': {
      if (!isPlainObject(v)) return report(segs, 'type', `expected an object, got ${describe(v)}`);
      const props = isPlainObject(s.properties) ? s.properties : {};
      const addl = s.additionalProperties;
      for (const k of Object.keys(v)) {
        if (root && ROOT_FIELDS.has(k)) continue;
        if (Object.prototype.hasOwnProperty.call(props, k)) checkSchema(props[k], v[k], [...segs, k], report);
        else if (isPlainObject(addl)) checkSchema(addl, v[k], [...segs, k], report);
        else if (!(addl === true || preserve)) {
          const hint = closestKey(k, Object.keys(props));
          report([...segs, k], 'unknown-field', `unknown field${hint !== undefined ? ` (did you mean ${JSON.stringify(hint)}?)` : ''}`);
        }
      }
      if (Array.isArray(s.required)) {
        for (const r of s.required) {
          if (typeof r === 'string' && !(root && ROOT_FIELDS.has(r)) && (v[r] === undefined || !Object.prototype.hasOwnProperty.call(v, r))) report([...segs, r], 'required', 'missing required field');
        }
      }
      return;
    }
    case 'array':
      if (!Array.isArray(v)) return report(segs, 'type', `expected a list, got ${describe(v)}`);
      v.forEach((x, i) => checkSchema(s.items, x, [...segs, i], report));
      return;
    case 'string':
      if (typeof v !== 'string') return report(segs, 'type', `expected a string, got ${describe(v)}`);
      if (s.format === 'date-time' && !isDateTime(v)) report(segs, 'format', `${describe(v)} is not an RFC 3339 date-time`);
      return;
    case 'integer': {
      if (typeof v !== 'number' || !Number.isInteger(v)) return report(segs, 'type', `expected an integer, got ${describe(v)}`);
      const p = s.format === 'int32' || s.format === 'int64' ? intRangeProblem(v, s.format) : undefined;
      if (p) report(segs, 'range', p);
      return;
    }
    case 'number':
      if (typeof v !== 'number') report(segs, 'type', `expected a number, got ${describe(v)}`);
      return;
    case 'boolean':
      if (typeof v !== 'boolean') report(segs, 'type', `expected a boolean, got ${describe(v)}`);
      return;
    default:
      return; // no type: only allowed with preserve-unknown-fields; accept anything
  }
}
