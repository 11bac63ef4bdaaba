/** Small rendered objects shaped like the istiod and base charts' output (written for these tests). */
import type { OverlayTarget } from '../../../src/manifest/overlay/index.js';

export function deployment(name = 'istiod'): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'istio-system', labels: { app: 'istiod' } },
    spec: {
      replicas: 1,
      template: {
        metadata: { labels: { app: 'istiod' } },
        spec: {
          containers: [
            {
              name: 'discovery',
              image: 'docker.io/istio/pilot:1.11.0',
              args: ['discovery', '--monitoringAddr=:15014', '--keepaliveMaxServerConnectionAge', '30m'],
              ports: [
                { containerPort: 8080, protocol: 'TCP' },
                { containerPort: 15010, protocol: 'TCP' },
              ],
              env: [
                { name: 'REVISION', value: 'default' },
                { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
                { name: 'PILOT_TRACE_SAMPLING', value: '1' },
              ],
              securityContext: { runAsUser: 1337, runAsNonRoot: true },
              volumeMounts: [{ name: 'config-volume', mountPath: '/etc/istio/config' }],
            },
          ],
          volumes: [{ name: 'config-volume', configMap: { name: 'istio' } }],
        },
      },
    },
  };
}

export function service(name = 'istiod'): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'istio-system' },
    spec: {
      ports: [
        { name: 'grpc-xds', port: 15010 },
        { name: 'https-dns', port: 15012 },
        { name: 'https-webhook', port: 443, targetPort: 15017 },
      ],
      selector: { app: 'istiod' },
    },
  };
}

export function mutatingWebhook(name = 'istio-sidecar-injector'): Record<string, unknown> {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: { name },
    webhooks: [
      { name: 'rev.namespace.sidecar-injector.istio.io', clientConfig: { service: { name: 'istiod', namespace: 'istio-system', path: '/inject' } } },
      { name: 'namespace.sidecar-injector.istio.io', clientConfig: { service: { name: 'istiod', namespace: 'istio-system', path: '/inject' } } },
    ],
  };
}

export function clusterRoleBinding(name = 'istio-reader-istio-system'): Record<string, unknown> {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
    subjects: [{ kind: 'ServiceAccount', name: 'istio-reader-service-account', namespace: 'istio-system' }],
  };
}

export function target(object: Record<string, unknown>): OverlayTarget {
  const meta = object['metadata'] as { name: string; namespace?: string };
  return { object, kind: object['kind'] as string, name: meta.name, ...(meta.namespace !== undefined ? { namespace: meta.namespace } : {}) };
}

/** The istiod component: Deployment, Service, MWC; plus an object in another namespace. */
export function pilotObjects(revision = ''): OverlayTarget[] {
  const suffix = revision ? `-${revision}` : '';
  return [deployment(`istiod${suffix}`), service(`istiod${suffix}`), mutatingWebhook(`istio-sidecar-injector${suffix}`)].map(target);
}
