/**
 * fast-check: random IstioOperator-shaped values (keys drawn from the schema at each level, mixed
 * with unknown keys, prototype-looking keys and values of every JSON type) never make
 * safeValidateIstioOperator throw; every failure is a structured issue list.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { istioOperatorSchema, type SchemaNode } from '../../../src/generated/istio-operator-schema.js';
import type { SourceMap } from '../../../src/operator/issues.js';
import { resolveRef } from '../../../src/operator/validate/schema-ref.js';
import { safeValidateIstioOperator, validateIstioOperator } from '../../../src/operator/validate/index.js';
import { IstioOperatorError } from '../../../src/operator/issues.js';

const junkKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '', 'a.b', 'x/y', '~0', 'hasOwnProperty'), fc.string({ maxLength: 12 }));

const scalar = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('*', '', '10.0.0.0/8', '1.1.1.300/16', '80,443', 'docker.io/istio', 'Canary', '-x', 'true', '1.11.8', 'fe80::/64', '65536'),
  fc.integer({ min: -70000, max: 70000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
);

const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(junkKey, tie('value'), { maxKeys: 3 })),
})).value;

function arbFor(node: SchemaNode | undefined, depth: number): fc.Arbitrary<unknown> {
  const s = resolveRef(node);
  if (!s || depth > 7) return json;
  const alts: fc.Arbitrary<unknown>[] = [json];
  const branches = [...(s.anyOf ?? []), ...(s.oneOf ?? [])];
  for (const b of branches) alts.push(arbFor(b, depth + 1));
  if (Array.isArray(s.enum) && s.enum.length > 0) alts.push(fc.constantFrom(...s.enum));
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  if (s.properties) {
    const props = s.properties;
    const keys = Object.keys(props);
    const known = fc.uniqueArray(fc.constantFrom(...keys), { maxLength: Math.min(4, keys.length) }).chain((ks) =>
      fc.tuple(...ks.map((k) => arbFor(props[k], depth + 1))).map((vals) => {
        const o: Record<string, unknown> = {};
        ks.forEach((k, i) => Object.defineProperty(o, k, { value: vals[i], enumerable: true, writable: true, configurable: true }));
        return o;
      }),
    );
    alts.push(known, known, fc.tuple(known, junkKey, json).map(([o, k, v]) => Object.assign(Object.create(null) as object, o, { [k]: v })));
  } else if (types.includes('object')) {
    const ap = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
    alts.push(fc.dictionary(junkKey, ap ? arbFor(ap, depth + 1) : json, { maxKeys: 3 }));
  }
  if (types.includes('array') && s.items && !Array.isArray(s.items)) alts.push(fc.array(arbFor(s.items as SchemaNode, depth + 1), { maxLength: 3 }));
  if (types.includes('string')) alts.push(fc.string({ maxLength: 30 }));
  if (types.includes('integer') || types.includes('number')) alts.push(fc.integer({ min: -100000, max: 100000 }));
  if (types.includes('boolean')) alts.push(fc.boolean());
  return fc.oneof(...alts);
}

const istioOperatorShaped = fc
  .tuple(arbFor(istioOperatorSchema, 0), fc.boolean(), fc.boolean())
  .map(([v, withHeader, nullProto]) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || !withHeader) return v;
    const base = nullProto ? (Object.create(null) as Record<string, unknown>) : {};
    return Object.assign(base, { apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator' }, v);
  });

function structured(issues: readonly unknown[]): void {
  for (const i of issues as Record<string, unknown>[]) {
    expect(['error', 'warning']).toContain(i['severity']);
    expect(typeof i['code']).toBe('string');
    expect(i['code']).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(typeof i['path']).toBe('string');
    expect(typeof i['message']).toBe('string');
    expect((i['message'] as string).length).toBeGreaterThan(0);
  }
}

describe('safeValidateIstioOperator on random IstioOperator-shaped input', () => {
  it('never throws; failures are structured issue lists (10,000 runs)', () => {
    const pointers = fc.array(fc.tuple(fc.constantFrom('', '/spec', '/spec/hub', '/spec/components/pilot', '/x/y'), fc.nat(50)), { maxLength: 4 });
    fc.assert(
      fc.property(istioOperatorShaped, fc.boolean(), pointers, (value, force, entries) => {
        const sourceMap: SourceMap = new Map(entries.map(([p, n]) => [p, { file: 'f.yaml', line: n + 1, column: 1 }]));
        const r = safeValidateIstioOperator(value, { force, sourceMap });
        if (r.success) {
          structured(r.warnings);
          expect(r.warnings.every((w) => w.severity === 'warning')).toBe(true);
        } else {
          expect(r.issues.length).toBeGreaterThan(0);
          expect(r.issues.some((i) => i.severity === 'error')).toBe(true);
          structured(r.issues);
          expect(() => validateIstioOperator(value, { force, sourceMap })).toThrow(IstioOperatorError);
        }
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      }),
      { numRuns: 10_000, seed: 4_2024 },
    );
  });

  it('handles values that are not objects at all', () => {
    for (const v of [undefined, null, 0, 'x', [], [1], true, () => 1, Symbol('s'), 10n, new Date(0), new Map()]) {
      const r = safeValidateIstioOperator(v);
      expect(r.success).toBe(false);
    }
  });
});
