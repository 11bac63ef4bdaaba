import { describe, expect, it } from 'vitest';
import { Testing } from '../../../src/manifest/index.js';
import { IstioOperatorError } from '../../../src/operator/issues.js';

describe('Testing', () => {
  const set = Testing.render({ spec: { profile: 'demo', components: { pilot: { k8s: { replicaCount: 2 } } } } });

  it('render: an IstioOperator object on its profile', () => {
    expect(set.components.map((c) => c.component)).toContain('EgressGateways');
  });

  it('find: objects of a kind, optionally by name', () => {
    const services = Testing.find(set, 'Service').map((s) => s.name);
    expect(services).toEqual(expect.arrayContaining(['istiod', 'istio-ingressgateway', 'istio-egressgateway']));
    expect(Testing.find(set, 'Service', 'istiod')).toHaveLength(1);
    expect(Testing.find(set, 'Service', 'nope')).toEqual([]);
  });

  it('object: the one object, typed as the test says', () => {
    const istiod = Testing.object<{ spec: { replicas: number } }>(set, 'Deployment', 'istiod');
    expect(istiod.spec.replicas).toBe(2);
    expect(Testing.object(set, 'Deployment', 'istiod', 'istio-system')).toBe(istiod);
  });

  it('object: a clear error naming what exists when there is no such object', () => {
    expect(() => Testing.object(set, 'Deployment', 'istiod-canary')).toThrow(/no Deployment istiod-canary was rendered; Deployment objects: istio-system\/istio-egressgateway, .*istio-system\/istiod/);
    expect(() => Testing.object(set, 'Deployment', 'istiod', 'other')).toThrow('no Deployment other/istiod was rendered');
    expect(() => Testing.object(set, 'Gadget', 'x')).toThrow(/no Gadget at all \(kinds: CustomResourceDefinition, /);
  });

  it('toYaml and render options; invalid input throws IstioOperatorError', () => {
    expect(Testing.toYaml(set)).toBe(set.toYaml());
    expect(Testing.render(undefined, { components: ['Base'] }).components.map((c) => c.component)).toEqual(['Base']);
    expect(() => Testing.render({ spec: { hub: 'not a hub!' } })).toThrow(IstioOperatorError);
  });
});
