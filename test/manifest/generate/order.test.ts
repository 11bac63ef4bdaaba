import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareInstallOrder, installRank, sortInstallOrder, type OrderKey } from '../../../src/manifest/generate/order.js';

const k = (apiVersion: string, kind: string, name: string, namespace?: string): OrderKey => ({ apiVersion, kind, name, ...(namespace !== undefined ? { namespace } : {}) });

describe('install order', () => {
  it('ranks kinds as documented: CRDs first, Services last', () => {
    const sequence: [string, string][] = [
      ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
      ['v1', 'Namespace'],
      ['v1', 'ServiceAccount'],
      ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
      ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
      ['rbac.authorization.k8s.io/v1', 'Role'],
      ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
      ['admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration'],
      ['admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration'],
      ['networking.istio.io/v1alpha3', 'EnvoyFilter'],
      ['v1', 'ConfigMap'],
      ['v1', 'Secret'],
      ['v1', 'ResourceQuota'],
      ['apps/v1', 'Deployment'],
      ['policy/v1', 'PodDisruptionBudget'],
      ['autoscaling/v2', 'HorizontalPodAutoscaler'],
      ['v1', 'Service'],
    ];
    const ranks = sequence.map(([a, kd]) => installRank(a, kd));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(ranks).size).toBe(ranks.length);
    const shuffled = [...sequence].reverse().map(([a, kd]) => k(a, kd, 'x'));
    expect(sortInstallOrder(shuffled).map((o) => o.kind)).toEqual(sequence.map(([, kd]) => kd));
  });

  it('puts Deployment and DaemonSet in one rank, and ranks by group, not by kind alone', () => {
    expect(installRank('apps/v1', 'DaemonSet')).toBe(installRank('apps/v1', 'Deployment'));
    expect(installRank('example.com/v1', 'Service')).toBe(installRank('v1', 'ResourceQuota'));
    expect(installRank('istio.io/v1', 'Thing')).toBe(installRank('security.istio.io/v1beta1', 'PeerAuthentication'));
    expect(installRank('install.istio.io/v1alpha1', 'IstioOperator')).toBe(installRank('networking.istio.io/v1alpha3', 'EnvoyFilter'));
    expect(installRank('policy/v1beta1', 'PodDisruptionBudget')).toBe(installRank('policy/v1', 'PodDisruptionBudget'));
  });

  it('orders within a rank by group, kind, namespace (cluster-scoped first), name', () => {
    const objs = [
      k('telemetry.istio.io/v1alpha1', 'Telemetry', 'a', 'ns'),
      k('networking.istio.io/v1alpha3', 'Gateway', 'b', 'ns'),
      k('networking.istio.io/v1alpha3', 'EnvoyFilter', 'z', 'b'),
      k('networking.istio.io/v1alpha3', 'EnvoyFilter', 'a', 'b'),
      k('networking.istio.io/v1alpha3', 'EnvoyFilter', 'z', 'a'),
      k('networking.istio.io/v1alpha3', 'EnvoyFilter', 'q'),
    ];
    expect(sortInstallOrder(objs).map((o) => `${o.kind}/${o.namespace ?? ''}/${o.name}`)).toEqual([
      'EnvoyFilter//q',
      'EnvoyFilter/a/z',
      'EnvoyFilter/b/a',
      'EnvoyFilter/b/z',
      'Gateway/ns/b',
      'Telemetry/ns/a',
    ]);
  });

  const arbKey = fc.record({
    apiVersion: fc.constantFrom('v1', 'apps/v1', 'networking.istio.io/v1alpha3', 'rbac.authorization.k8s.io/v1', 'example.com/v1', 'policy/v1'),
    kind: fc.constantFrom('Service', 'ConfigMap', 'Deployment', 'EnvoyFilter', 'Role', 'Widget', 'PodDisruptionBudget', 'Secret'),
    name: fc.constantFrom('a', 'b', 'istiod', 'Z', 'é'),
    namespace: fc.option(fc.constantFrom('istio-system', 'b', 'a'), { nil: undefined }),
    tag: fc.nat(),
  });

  it('is a stable total order: any input order gives the same result, equal keys keep their order', () => {
    fc.assert(
      fc.property(fc.array(arbKey, { maxLength: 30 }), fc.func(fc.integer()), (objs, rnd) => {
        const sorted = sortInstallOrder(objs);
        for (let i = 1; i < sorted.length; i++) expect(compareInstallOrder(sorted[i - 1], sorted[i])).toBeLessThanOrEqual(0);
        // equal keys keep input order
        for (let i = 1; i < sorted.length; i++) {
          if (compareInstallOrder(sorted[i - 1], sorted[i]) === 0) expect(objs.indexOf(sorted[i - 1])).toBeLessThan(objs.indexOf(sorted[i]));
        }
        const shuffled = [...objs].sort((a, b) => rnd(a.tag, b.tag) - rnd(b.tag, a.tag) || a.tag - b.tag);
        const key = (o: OrderKey): string => `${o.apiVersion} ${o.kind} ${o.namespace ?? ''} ${o.name}`;
        expect(sortInstallOrder(shuffled).map(key)).toEqual(sorted.map(key));
      }),
      { numRuns: 300 },
    );
  });
});
