/**
 * Properties of composition (issue 4 acceptance):
 * - merging is associative — (a ⊕ b) ⊕ c = a ⊕ (b ⊕ c) — for layers without `null` whose nodes
 *   have the same kind (map / list / scalar) at each path, which is what the schema guarantees of
 *   valid layers. That covers deep map merge, lists merged by key (gateways, gateway ports,
 *   extension providers), scalar-list unions, replaced lists and replaced maps (tracing). It does
 *   NOT hold for `null` (delete) or for a path that changes kind between layers; the counter-
 *   examples are pinned below, so users can only pre-merge files that contain neither.
 * - merging by name never drops or changes an untouched gateway entry;
 * - composition never throws, whatever the files and flags: every failure is an Issue.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeIstioOperator } from '../../../src/operator/compose/compose.js';
import { mergeLayers, type Layer } from '../../../src/operator/compose/merge.js';
import { deepCopy } from '../../../src/operator/compose/tree.js';
import { stringify } from 'yaml';

const opt = <T>(rec: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record(rec, { requiredKeys: [] });
const word = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const str = fc.string({ maxLength: 4 });
const env = fc.array(fc.record({ name: word, value: str }), { maxLength: 3 });
const k8s = opt({ replicaCount: fc.nat(5), env, nodeSelector: fc.dictionary(word, str, { maxKeys: 3 }) });
const component = opt({ enabled: fc.boolean(), namespace: str, k8s });
const gateways = fc.uniqueArray(opt({ enabled: fc.boolean(), label: fc.dictionary(word, str, { maxKeys: 2 }), k8s }).chain((g) => word.map((name) => ({ ...g, name }))), {
  selector: (g) => g.name,
  maxLength: 4,
});
const ports = fc.uniqueArray(fc.record({ name: word, port: fc.nat(65535) }), { selector: (p) => p.name, maxLength: 3 });
const spec = opt({
  hub: str,
  tag: str,
  components: opt({ pilot: component, cni: component, ingressGateways: gateways, egressGateways: gateways }),
  meshConfig: opt({
    accessLogFile: str,
    trustDomainAliases: fc.uniqueArray(word, { maxLength: 4 }),
    extensionProviders: fc.uniqueArray(fc.record({ name: word, port: fc.nat(10) }, { requiredKeys: ['name'] }), { selector: (e) => e.name, maxLength: 3 }),
    serviceSettings: fc.array(fc.record({ hosts: fc.array(word, { maxLength: 2 }) }), { maxLength: 2 }),
    defaultConfig: opt({ proxyMetadata: fc.dictionary(word, str, { maxKeys: 3 }), tracing: opt({ sampling: fc.nat(100), zipkin: opt({ address: str }) }) }),
  }),
  values: opt({
    global: opt({ imagePullSecrets: fc.array(word, { maxLength: 3 }), proxy: opt({ logLevel: str, privileged: fc.boolean() }) }),
    gateways: opt({ 'istio-ingressgateway': opt({ ports, secretVolumes: ports, env: fc.dictionary(word, str, { maxKeys: 2 }), tolerations: fc.array(fc.record({ key: word }), { maxLength: 2 }) }) }),
  }),
  unvalidatedValues: fc.dictionary(word, fc.oneof(fc.nat(3), fc.array(fc.nat(3), { maxLength: 2 })), { maxKeys: 3 }),
});
const layerArb = spec.map((s): Layer => ({ value: deepCopy({ spec: s }), prov: {} }));

describe('composition properties', () => {
  it('merging is associative for null-free layers of a consistent shape', () => {
    fc.assert(
      fc.property(layerArb, layerArb, layerArb, (a, b, c) => {
        const left = mergeLayers(mergeLayers(a, b), c).value;
        const right = mergeLayers(a, mergeLayers(b, c)).value;
        expect(right).toEqual(left);
      }),
      { numRuns: 2000 },
    );
  });

  it('is not associative with null (delete) or when a path changes kind — pinned counterexamples', () => {
    const L = (s: unknown): Layer => ({ value: deepCopy({ spec: s }), prov: {} });
    const withNull = [L({ values: { pilot: { env: { A: '1' } } } }), L({ values: { pilot: { env: null } } }), L({ values: { pilot: { env: { B: '2' } } } })] as const;
    const kindChange = [L({ x: { a: 1 } }), L({ x: 1 }), L({ x: { b: 2 } })] as const;
    for (const [a, b, c] of [withNull, kindChange]) {
      expect(mergeLayers(mergeLayers(a, b), c).value).not.toEqual(mergeLayers(a, mergeLayers(b, c)).value);
    }
  });

  it('merging by name never drops or changes an untouched gateway entry', () => {
    fc.assert(
      fc.property(gateways, gateways, fc.constantFrom('ingressGateways', 'egressGateways'), (base, over, list) => {
        const r = mergeLayers({ value: deepCopy({ spec: { components: { [list]: base } } }), prov: {} }, { value: deepCopy({ spec: { components: { [list]: over } } }), prov: {} });
        expect(r.issues).toEqual([]);
        const out = (r.value as { spec: { components: Record<string, { name: string }[]> } }).spec.components[list] as { name: string }[];
        const touched = new Set(over.map((g) => g.name));
        base.forEach((g, i) => {
          if (!touched.has(g.name)) expect(out[i]).toEqual(g);
          else expect(out[i]?.name).toBe(g.name);
        });
        for (const g of over) expect(out.filter((o) => o.name === g.name)).toHaveLength(1);
        expect(out).toHaveLength(base.length + over.filter((g) => !base.some((b) => b.name === g.name)).length);
      }),
      { numRuns: 2000 },
    );
  });

  // Open-ended input: anything JSON-like as a file, with hostile keys and wrong kinds.
  const key = fc.oneof(fc.constantFrom('spec', 'components', 'ingressGateways', 'egressGateways', 'values', 'gateways', 'ports', 'name', 'k8s', 'meshConfig', 'extensionProviders', 'trustDomainAliases', 'defaultConfig', 'tracing', '__proto__', 'constructor', 'profile', ''), fc.string({ maxLength: 5 }));
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(null, true, false, 0, -1, 1.5, '', 'x', 'demo', '[0]'),
      fc.array(tie('tree'), { maxLength: 4 }),
      fc.dictionary(key, tie('tree'), { maxKeys: 5 }),
    ),
  }));
  const file = fc.oneof(
    tree.map((spec) => stringify({ apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', spec })),
    fc.string({ maxLength: 40 }),
    tree.map((t) => stringify(t)),
  );
  const flagPart = fc.oneof(fc.constantFrom('spec', 'components', 'ingressGateways', 'values', 'meshConfig', '[0]', '[-1]', '[name:istio-ingressgateway]', '[a]', '[:x]', '\\.', '__proto__', 'profile', 'hub', 'tag'), fc.string({ maxLength: 4 }));
  const flag = fc.tuple(fc.array(flagPart, { minLength: 1, maxLength: 5 }), fc.oneof(fc.constantFrom('1', 'true', '{}', '[]', '{"a":1}', '1.10', 'null', ''), fc.string({ maxLength: 6 }))).map(([parts, v]) => `${parts.join('.')}=${v}`);

  it('never throws on arbitrary files and --set flags; failures are issues with a source', () => {
    fc.assert(
      fc.property(
        fc.array(file, { maxLength: 3 }),
        fc.array(fc.oneof(flag, fc.string({ maxLength: 10 })), { maxLength: 4 }),
        fc.option(fc.constantFrom('demo', 'nope', 'x/y.yaml', ''), { nil: undefined }),
        (files, set, profile) => {
          const r = composeIstioOperator({ files: files.map((text, i) => ({ name: `f${i}.yaml`, text })), set, ...(profile !== undefined ? { profile } : {}) });
          if (!r.ok) {
            expect(r.issues.length).toBeGreaterThan(0);
            for (const i of r.issues) {
              expect(typeof i.code).toBe('string');
              expect(typeof i.message).toBe('string');
            }
            expect(r.issues.some((i) => i.severity === 'error')).toBe(true);
          }
          expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        },
      ),
      { numRuns: 10_000 },
    );
  });
});
