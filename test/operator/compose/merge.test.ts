import { describe, expect, it } from 'vitest';
import { mergeLayers, type Layer } from '../../../src/operator/compose/merge.js';
import { provFromSourceMap, provToSourceMap } from '../../../src/operator/compose/provenance.js';
import { deepCopy } from '../../../src/operator/compose/tree.js';
import type { SourcePosition } from '../../../src/operator/issues.js';
import { parseIstioOperatorYaml } from '../../../src/operator/load.js';

/** A layer from a spec written as a plain object (no positions). */
const layer = (spec: unknown): Layer => ({ value: deepCopy({ spec }), prov: {} });
const merged = (...specs: unknown[]): unknown => {
  let acc: Layer = { value: deepCopy({}), prov: {} };
  for (const s of specs) acc = mergeLayers(acc, layer(s));
  return (acc.value as { spec: unknown }).spec;
};

describe('merge rules (facts §2.3)', () => {
  it('deep-merges maps and lets later scalars win', () => {
    expect(merged({ a: { b: 1, c: { d: 1 } }, x: 1 }, { a: { c: { e: 2 } }, x: 2 })).toEqual({ a: { b: 1, c: { d: 1, e: 2 } }, x: 2 });
  });

  it('null deletes a key (and a subtree)', () => {
    expect(merged({ values: { pilot: { env: { A: '1' }, image: 'pilot' } } }, { values: { pilot: { env: null } } })).toEqual({ values: { pilot: { image: 'pilot' } } });
    expect(merged({ a: 1 }, { b: null })).toEqual({ a: 1 });
  });

  it('nulls inside a newly added map are dropped', () => {
    expect(merged({}, { values: { pilot: { x: null, y: 1 } } })).toEqual({ values: { pilot: { y: 1 } } });
  });

  it('merges components.ingressGateways and egressGateways by name, keeping order and appending new names', () => {
    const a = { components: { ingressGateways: [{ name: 'a', enabled: true, k8s: { replicaCount: 1 } }, { name: 'b', enabled: true }], egressGateways: [{ name: 'e', enabled: false }] } };
    const b = { components: { ingressGateways: [{ name: 'c', enabled: true }, { name: 'a', enabled: false }], egressGateways: [{ name: 'e', enabled: true }] } };
    expect(merged(a, b)).toEqual({
      components: {
        ingressGateways: [{ name: 'a', enabled: false, k8s: { replicaCount: 1 } }, { name: 'b', enabled: true }, { name: 'c', enabled: true }],
        egressGateways: [{ name: 'e', enabled: true }],
      },
    });
  });

  it('three layers of one gateway merge by name (istioctl testdata: serviceAnnotations kept, later fields win)', () => {
    const l1 = { components: { ingressGateways: [{ name: 'gw', k8s: { serviceAnnotations: { a: '1' } } }] } };
    const l2 = { components: { ingressGateways: [{ name: 'gw', k8s: { service: { externalTrafficPolicy: 'Local' } } }] } };
    const l3 = { components: { ingressGateways: [{ name: 'gw', enabled: true }] } };
    expect(merged(l1, l2, l3)).toEqual({
      components: { ingressGateways: [{ name: 'gw', enabled: true, k8s: { serviceAnnotations: { a: '1' }, service: { externalTrafficPolicy: 'Local' } } }] },
    });
  });

  it('replaces every list inside components.X.k8s', () => {
    const a = { components: { pilot: { k8s: { env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], tolerations: [{ key: 'k' }] } }, ingressGateways: [{ name: 'g', k8s: { service: { ports: [{ name: 'p1', port: 1 }, { name: 'p2', port: 2 }] } } }] } };
    const b = { components: { pilot: { k8s: { env: [{ name: 'C', value: '3' }] } }, ingressGateways: [{ name: 'g', k8s: { service: { ports: [{ name: 'p3', port: 3 }] } } }] } };
    expect(merged(a, b)).toEqual({
      components: { pilot: { k8s: { env: [{ name: 'C', value: '3' }], tolerations: [{ key: 'k' }] } }, ingressGateways: [{ name: 'g', k8s: { service: { ports: [{ name: 'p3', port: 3 }] } } }] },
    });
  });

  it('merges values.gateways.X.ports / secretVolumes / meshExpansionPorts by name; other values lists replace', () => {
    const a = {
      values: {
        gateways: { 'istio-ingressgateway': { ports: [{ name: 'http2', port: 80 }], secretVolumes: [{ name: 's1', secretName: 'x' }], meshExpansionPorts: [{ name: 'm', port: 1 }], tolerations: [{ key: 'a' }], loadBalancerSourceRanges: ['1.0.0.0/8'] } },
        global: { imagePullSecrets: ['a', 'b'] },
        cni: { excludeNamespaces: ['x'] },
      },
    };
    const b = {
      values: {
        gateways: { 'istio-ingressgateway': { ports: [{ name: 'https', port: 443 }, { name: 'http2', port: 8080 }], secretVolumes: [{ name: 's2', secretName: 'y' }], meshExpansionPorts: [{ name: 'm', port: 2 }], tolerations: [{ key: 'b' }], loadBalancerSourceRanges: ['2.0.0.0/8'] } },
        global: { imagePullSecrets: ['c'] },
        cni: { excludeNamespaces: [] },
      },
    };
    expect(merged(a, b)).toEqual({
      values: {
        gateways: {
          'istio-ingressgateway': {
            ports: [{ name: 'http2', port: 8080 }, { name: 'https', port: 443 }],
            secretVolumes: [{ name: 's1', secretName: 'x' }, { name: 's2', secretName: 'y' }],
            meshExpansionPorts: [{ name: 'm', port: 2 }],
            tolerations: [{ key: 'b' }],
            loadBalancerSourceRanges: ['2.0.0.0/8'],
          },
        },
        global: { imagePullSecrets: ['c'] },
        cni: { excludeNamespaces: [] },
      },
    });
  });

  it('applies the meshConfig rules in spec.meshConfig and values.meshConfig', () => {
    for (const wrap of [(m: unknown) => ({ meshConfig: m }), (m: unknown) => ({ values: { meshConfig: m } })]) {
      const a = wrap({
        extensionProviders: [{ name: 'zipkin', zipkin: { service: 'a', port: 9411 } }],
        configSources: [{ address: 'k8s://' }],
        certificates: [{ secretName: 's1', dnsNames: ['a'] }],
        trustDomainAliases: ['a', 'b'],
        defaultServiceExportTo: ['*'],
        serviceSettings: [{ hosts: ['a'] }],
        defaultConfig: { proxyMetadata: { A: '1' }, tracing: { zipkin: { address: 'z:9411' }, sampling: 1 } },
      });
      const b = wrap({
        extensionProviders: [{ name: 'zipkin', zipkin: { port: 9412 } }, { name: 'otel', opencensus: { service: 'o' } }],
        configSources: [{ address: 'xds://', subscribedResources: ['SERVICE_REGISTRY'] }],
        certificates: [{ secretName: 's1', dnsNames: ['b'] }],
        trustDomainAliases: ['b', 'c'],
        defaultServiceExportTo: ['.'],
        serviceSettings: [{ hosts: ['b'] }],
        defaultConfig: { proxyMetadata: { B: '2' }, tracing: { datadog: { address: 'd:8126' } } },
      });
      expect(merged(a, b)).toEqual(
        wrap({
          extensionProviders: [{ name: 'zipkin', zipkin: { service: 'a', port: 9412 } }, { name: 'otel', opencensus: { service: 'o' } }],
          configSources: [{ address: 'k8s://' }, { address: 'xds://', subscribedResources: ['SERVICE_REGISTRY'] }],
          certificates: [{ secretName: 's1', dnsNames: ['b'] }],
          trustDomainAliases: ['a', 'b', 'c'],
          defaultServiceExportTo: ['*', '.'],
          serviceSettings: [{ hosts: ['b'] }],
          defaultConfig: { proxyMetadata: { A: '1', B: '2' }, tracing: { datadog: { address: 'd:8126' } } },
        }),
      );
    }
  });

  it('unvalidatedValues merge like JSON merge patch (lists replace)', () => {
    expect(merged({ unvalidatedValues: { a: [1, 2], b: { c: 1 } } }, { unvalidatedValues: { a: [3], b: { d: 2 } } })).toEqual({ unvalidatedValues: { a: [3], b: { c: 1, d: 2 } } });
  });

  it('a value of another kind replaces (map over scalar, scalar over map, list over map)', () => {
    expect(merged({ a: 1, b: { c: 1 }, d: { e: 1 } }, { a: { x: 1 }, b: 2, d: [1] })).toEqual({ a: { x: 1 }, b: 2, d: [1] });
  });

  it('a gateway entry without a name is an issue, not a crash, and is kept', () => {
    const r = mergeLayers(layer({ components: { ingressGateways: [{ name: 'a' }] } }), layer({ components: { ingressGateways: [{ enabled: true }, 'junk'] } }));
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['missing-merge-key', 'spec.components.ingressGateways[0]'],
      ['missing-merge-key', 'spec.components.ingressGateways[1]'],
    ]);
    expect((r.value as { spec: unknown }).spec).toEqual({ components: { ingressGateways: [{ name: 'a' }, { enabled: true }, 'junk'] } });
  });

  it('a name repeated in one layer is a warning and merges into the first', () => {
    const r = mergeLayers(layer({}), layer({ components: { ingressGateways: [{ name: 'a', enabled: true }, { name: 'a', label: { x: 'y' } }] } }));
    expect(r.issues.map((i) => [i.severity, i.code])).toEqual([['warning', 'duplicate-merge-key']]);
    expect((r.value as { spec: unknown }).spec).toEqual({ components: { ingressGateways: [{ name: 'a', enabled: true, label: { x: 'y' } }] } });
  });

  it('never changes its inputs', () => {
    const a = layer({ components: { ingressGateways: [{ name: 'a', k8s: { env: [{ name: 'X' }] } }] }, values: { x: { y: 1 } } });
    const b = layer({ components: { ingressGateways: [{ name: 'a', enabled: true }] }, values: { x: { z: 2 } } });
    const before = [JSON.stringify(a.value), JSON.stringify(b.value)];
    const r = mergeLayers(a, b);
    (r.value as { spec: { values: { x: Record<string, number> } } }).spec.values.x['w'] = 3;
    expect([JSON.stringify(a.value), JSON.stringify(b.value)]).toEqual(before);
  });
});

describe('provenance through merges', () => {
  function fileLayer(name: string, text: string): Layer {
    const r = parseIstioOperatorYaml(text, name);
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    return { value: r.value, prov: provFromSourceMap(r.sourceMap) };
  }
  const head = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n';
  const a = fileLayer(
    'a.yaml',
    `${head}spec:\n  components:\n    ingressGateways:\n      - name: one\n        enabled: true\n      - name: two\n        enabled: true\n  values:\n    pilot:\n      env:\n        A: "1"\n`,
  );
  const b = fileLayer('b.yaml', `${head}spec:\n  components:\n    ingressGateways:\n      - name: three\n      - name: two\n        enabled: false\n  values:\n    pilot:\n      env: null\n`);
  const r = mergeLayers(mergeLayers({ value: deepCopy({}), prov: {} }, a), b);
  const map = provToSourceMap(r.value, r.prov);
  const pos = (file: string, line: number, column: number): SourcePosition => ({ file, line, column });

  it('follows entries merged by name to their new index', () => {
    expect(map.get('/spec/components/ingressGateways/0/enabled')).toEqual(pos('a.yaml', 7, 9));
    expect(map.get('/spec/components/ingressGateways/1/enabled')).toEqual(pos('b.yaml', 8, 9));
    expect(map.get('/spec/components/ingressGateways/1/name')).toEqual(pos('b.yaml', 7, 9));
    expect(map.get('/spec/components/ingressGateways/2/name')).toEqual(pos('b.yaml', 6, 9));
  });

  it('lists only nodes that exist: a deleted key leaves no position behind', () => {
    expect([...map.keys()].filter((k) => k.startsWith('/spec/values/pilot/'))).toEqual([]);
    expect(map.get('/spec/values/pilot')).toEqual(pos('b.yaml', 10, 5));
  });
});
