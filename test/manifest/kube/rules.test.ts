// Cross-field refusals of the API server that the schema cannot express (T5's report: the
// openshift profile's overlay made install-cni privileged while the chart turned privilege
// escalation off; the API server refuses that DaemonSet).
import { describe, expect, it } from 'vitest';
import { KUBE_VERSIONS, validateObjects } from '../../../src/manifest/kube/index.js';

function daemonSet(securityContext: Record<string, unknown>, list = 'containers'): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'istio-cni-node', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { k8s: 'cni' } },
      template: {
        metadata: { labels: { k8s: 'cni' } },
        spec: { containers: [{ name: 'main', image: 'x' }], [list]: [{ name: 'install-cni', image: 'x', securityContext }] },
      },
    },
  };
}

describe.each(KUBE_VERSIONS)('pod security context rules on Kubernetes %s', (version) => {
  it('refuses privileged with allowPrivilegeEscalation false, naming the field', () => {
    const issues = validateObjects([daemonSet({ privileged: true, allowPrivilegeEscalation: false })], { version });
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation: cannot set allowPrivilegeEscalation to false and privileged to true (the API server refuses this pair)',
    ]);
  });

  it('refuses CAP_SYS_ADMIN with allowPrivilegeEscalation false, in init containers too', () => {
    const issues = validateObjects([daemonSet({ allowPrivilegeEscalation: false, capabilities: { add: ['SYS_ADMIN'] } }, 'initContainers')], { version });
    expect(issues.map((i) => i.path)).toEqual(['spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation']);
  });

  it('accepts privileged with escalation allowed, and unprivileged without it', () => {
    expect(validateObjects([daemonSet({ privileged: true, allowPrivilegeEscalation: true })], { version })).toEqual([]);
    expect(validateObjects([daemonSet({ privileged: false, allowPrivilegeEscalation: false })], { version })).toEqual([]);
  });
});

// R3's report (issue 7 property test): `render({ revision: <60 characters> })` passed validation
// though the API server refuses the Service istiod-<revision> (67 characters).
describe.each(KUBE_VERSIONS)('object names on Kubernetes %s', (version) => {
  const service = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'istio-system' }, spec: { ports: [{ port: 80 }] } });
  const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'istio-system' } });

  it('a Service name is a DNS-1035 label of at most 63 characters', () => {
    expect(validateObjects([service('istiod-' + 'a'.repeat(56))], { version })).toEqual([]);
    const long = validateObjects([service('istiod-' + 'a'.repeat(60))], { version });
    expect(long.map((i) => [i.path, i.code])).toEqual([['metadata.name', 'invalid']]);
    expect(long[0]?.message).toContain('it has 67 characters');
    expect(validateObjects([service('1-istiod')], { version }).map((i) => i.path)).toEqual(['metadata.name']);
    expect(validateObjects([service('istiod.x')], { version }).map((i) => i.path)).toEqual(['metadata.name']);
  });

  it('a ConfigMap name is a DNS-1123 subdomain; RBAC names may hold ":"', () => {
    expect(validateObjects([cm('istio-ca-root-cert.v1')], { version })).toEqual([]);
    expect(validateObjects([cm('Istio')], { version }).map((i) => i.path)).toEqual(['metadata.name']);
    expect(validateObjects([cm('a'.repeat(254))], { version }).map((i) => i.path)).toEqual(['metadata.name']);
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:istio-reader' }, rules: [] };
    expect(validateObjects([role], { version })).toEqual([]);
  });
});
