import { describe, expect, it } from 'vitest';
import type { PodParts } from '../../src/inject/merge.js';
import { injectionStatus, parseGoBool, postProcess } from '../../src/inject/postprocess.js';
import type { InjectionSource } from '../../src/inject/types.js';

function source(over: { values?: Record<string, unknown>; meshConfig?: Record<string, unknown>; revision?: string; injectedAnnotations?: Record<string, string> } = {}): InjectionSource {
  return {
    config: { policy: 'enabled', defaultTemplates: ['sidecar'], templates: {}, alwaysInjectSelector: [], neverInjectSelector: [], injectedAnnotations: over.injectedAnnotations ?? {} },
    values: over.values ?? {},
    meshConfig: over.meshConfig ?? { defaultConfig: { statusPort: 15020 } },
    revision: over.revision ?? 'default',
  };
}

const proxy = { name: 'istio-proxy', image: 'proxyv2', env: [{ name: 'ISTIO_META_CLUSTER_ID', value: 'Kubernetes' }] };
const templatePod: PodParts = {
  metadata: {},
  spec: { initContainers: [{ name: 'istio-init' }], containers: [{ name: 'istio-proxy' }], volumes: [{ name: 'istio-envoy' }, { name: 'istio-data' }] },
};

function run(pod: PodParts, src = source(), original: PodParts = pod): PodParts {
  return postProcess({ pod, templatePod, original, source: src });
}

type C = Record<string, unknown> & { name: string; env?: { name: string; value: string }[] };
const containers = (p: PodParts): C[] => p.spec.containers as C[];
const sidecarEnv = (p: PodParts): Record<string, string> => Object.fromEntries((containers(p).find((c) => c.name === 'istio-proxy')?.env ?? []).map((e) => [e.name, e.value]));
const annotations = (p: PodParts): Record<string, string> => p.metadata.annotations as Record<string, string>;

describe('the sidecar.istio.io/status annotation', () => {
  it('names what the templates added, in 1.11 JSON form (null for none, revision "default")', () => {
    expect(injectionStatus(templatePod, '')).toBe(
      '{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["istio-envoy","istio-data"],"imagePullSecrets":null,"revision":"default"}',
    );
    expect(injectionStatus({ metadata: {}, spec: {} }, 'canary')).toBe('{"initContainers":null,"containers":null,"volumes":null,"imagePullSecrets":null,"revision":"canary"}');
  });

  it('is set on the pod, with injectedAnnotations', () => {
    const out = run({ metadata: {}, spec: { containers: [{ name: 'app' }, proxy] } }, source({ revision: 'canary', injectedAnnotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } }));
    expect(JSON.parse(annotations(out)['sidecar.istio.io/status'])).toMatchObject({ revision: 'canary', containers: ['istio-proxy'] });
    expect(annotations(out)['seccomp.security.alpha.kubernetes.io/pod']).toBe('runtime/default');
  });
});

describe('container order', () => {
  const pod: PodParts = { metadata: {}, spec: { initContainers: [{ name: 'istio-init' }, { name: 'user-init' }, { name: 'istio-validation' }], containers: [proxy, { name: 'app' }] } };

  it('istio-proxy last by default; istio-validation first, istio-init last among init containers', () => {
    const out = run(pod);
    expect(containers(out).map((c) => c.name)).toEqual(['app', 'istio-proxy']);
    expect((out.spec.initContainers as C[]).map((c) => c.name)).toEqual(['istio-validation', 'user-init', 'istio-init']);
  });

  it('holdApplicationUntilProxyStarts (mesh, values, or the proxy.istio.io/config annotation) puts istio-proxy first', () => {
    const first = (p: PodParts): string => containers(p)[0].name;
    expect(first(run(pod, source({ meshConfig: { defaultConfig: { holdApplicationUntilProxyStarts: true } } })))).toBe('istio-proxy');
    expect(first(run(pod, source({ values: { global: { proxy: { holdApplicationUntilProxyStarts: true } } } })))).toBe('istio-proxy');
    const annotated: PodParts = { metadata: { annotations: { 'proxy.istio.io/config': 'holdApplicationUntilProxyStarts: true\n' } }, spec: pod.spec };
    expect(first(run(annotated))).toBe('istio-proxy');
    const off: PodParts = { metadata: { annotations: { 'proxy.istio.io/config': '{"holdApplicationUntilProxyStarts": false}' } }, spec: pod.spec };
    expect(first(run(off, source({ meshConfig: { defaultConfig: { holdApplicationUntilProxyStarts: true } } })))).toBe('app');
  });
});

describe('probe rewriting', () => {
  const app = {
    name: 'web',
    ports: [{ name: 'http', containerPort: 8080 }],
    readinessProbe: { httpGet: { path: '/ready', port: 'http' }, timeoutSeconds: 3 },
    livenessProbe: { httpGet: { path: '/live', port: 8081, scheme: 'HTTPS' } },
    startupProbe: { httpGet: { path: '/start', port: 8080, httpHeaders: [{ name: 'X-A', value: 'b' }] } },
  };
  const pod: PodParts = { metadata: {}, spec: { containers: [app, proxy] } };
  const rewrite = source({ values: { sidecarInjectorWebhook: { rewriteAppHTTPProbe: true } } });

  it('values.sidecarInjectorWebhook.rewriteAppHTTPProbe: probes go to /app-health/<container>/... on the status port', () => {
    const out = run(pod, rewrite);
    const web = containers(out).find((c) => c.name === 'web') as Record<string, Record<string, unknown>>;
    expect(web.readinessProbe).toEqual({ httpGet: { path: '/app-health/web/readyz', port: 15020 }, timeoutSeconds: 3 });
    expect(web.livenessProbe).toEqual({ httpGet: { path: '/app-health/web/livez', port: 15020, scheme: 'HTTP' } });
    expect(web.startupProbe).toEqual({ httpGet: { path: '/app-health/web/startupz', port: 15020, httpHeaders: [{ name: 'X-A', value: 'b' }] } });
    expect(sidecarEnv(out).ISTIO_KUBE_APP_PROBERS).toBe(
      '{"/app-health/web/livez":{"httpGet":{"path":"/live","port":8081,"scheme":"HTTPS"}},' +
        '"/app-health/web/readyz":{"httpGet":{"path":"/ready","port":8080},"timeoutSeconds":3},' +
        '"/app-health/web/startupz":{"httpGet":{"path":"/start","port":8080,"httpHeaders":[{"name":"X-A","value":"b"}]}}}',
    );
    // the input is not modified
    expect(app.readinessProbe.httpGet.port).toBe('http');
  });

  it('the sidecar.istio.io/rewriteAppHTTPProbers annotation wins over values', () => {
    const off: PodParts = { metadata: { annotations: { 'sidecar.istio.io/rewriteAppHTTPProbers': 'false' } }, spec: pod.spec };
    expect(sidecarEnv(run(off, rewrite)).ISTIO_KUBE_APP_PROBERS).toBeUndefined();
    const on: PodParts = { metadata: { annotations: { 'sidecar.istio.io/rewriteAppHTTPProbers': 'true' } }, spec: pod.spec };
    expect(sidecarEnv(run(on)).ISTIO_KUBE_APP_PROBERS).toContain('/app-health/web/readyz');
    expect(sidecarEnv(run(pod)).ISTIO_KUBE_APP_PROBERS).toBeUndefined();
  });

  it('status.sidecar.istio.io/port moves the rewritten probes', () => {
    const p: PodParts = { metadata: { annotations: { 'status.sidecar.istio.io/port': '15999' } }, spec: pod.spec };
    const web = containers(run(p, rewrite)).find((c) => c.name === 'web') as Record<string, { httpGet: { port: number } }>;
    expect(web.readinessProbe.httpGet.port).toBe(15999);
  });

  it('exec and tcp probes are left alone; no env without HTTP probes', () => {
    const p: PodParts = { metadata: {}, spec: { containers: [{ name: 'db', livenessProbe: { tcpSocket: { port: 5432 } } }, proxy] } };
    const out = run(p, rewrite);
    expect(containers(out)[0]).toEqual({ name: 'db', livenessProbe: { tcpSocket: { port: 5432 } } });
    expect(sidecarEnv(out).ISTIO_KUBE_APP_PROBERS).toBeUndefined();
  });
});

describe('prometheus metrics merge', () => {
  it('on by default: the app annotations move to ISTIO_PROMETHEUS_ANNOTATIONS; the pod points at the agent', () => {
    const p: PodParts = { metadata: { annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090', 'prometheus.io/path': '/metrics' } }, spec: { containers: [{ name: 'app' }, proxy] } };
    const out = run(p);
    expect(sidecarEnv(out).ISTIO_PROMETHEUS_ANNOTATIONS).toBe('{"scrape":"true","path":"/metrics","port":"9090"}');
    expect(annotations(out)).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '15020', 'prometheus.io/path': '/stats/prometheus' });
  });

  it('without app annotations: only the pod annotations', () => {
    const out = run({ metadata: {}, spec: { containers: [{ name: 'app' }, proxy] } });
    expect(sidecarEnv(out).ISTIO_PROMETHEUS_ANNOTATIONS).toBeUndefined();
    expect(annotations(out)['prometheus.io/port']).toBe('15020');
  });

  it('off with meshConfig.enablePrometheusMerge false, the merge-metrics annotation false, or scrape false', () => {
    const plain: PodParts = { metadata: {}, spec: { containers: [{ name: 'app' }, proxy] } };
    expect(annotations(run(plain, source({ meshConfig: { enablePrometheusMerge: false } })))['prometheus.io/port']).toBeUndefined();
    const annotated: PodParts = { metadata: { annotations: { 'prometheus.istio.io/merge-metrics': 'false' } }, spec: plain.spec };
    expect(annotations(run(annotated))['prometheus.io/port']).toBeUndefined();
    const noScrape: PodParts = { metadata: { annotations: { 'prometheus.io/scrape': 'false' } }, spec: plain.spec };
    expect(annotations(run(noScrape))).toMatchObject({ 'prometheus.io/scrape': 'false' });
    expect(annotations(run(noScrape))['prometheus.io/port']).toBeUndefined();
  });
});

describe('cluster and network', () => {
  it('are left as the template wrote them (1.11 overrides them only from the webhook URL path, which our webhooks do not use)', () => {
    const env = [{ name: 'ISTIO_META_CLUSTER_ID', value: 'x' }, { name: 'OTHER', value: 'o' }];
    const p: PodParts = { metadata: {}, spec: { containers: [{ ...proxy, env }] } };
    const out = run(p, source({ values: { global: { multiCluster: { clusterName: 'east' }, network: 'net1' } } }));
    expect(containers(out)[0].env).toEqual(env);
    expect(out.metadata.labels).toBeUndefined();
  });
});

describe('parseGoBool', () => {
  it('accepts what strconv.ParseBool accepts', () => {
    expect(['1', 't', 'T', 'TRUE', 'true', 'True'].map(parseGoBool)).toEqual(Array(6).fill(true));
    expect(['0', 'f', 'F', 'FALSE', 'false', 'False'].map(parseGoBool)).toEqual(Array(6).fill(false));
    expect(['yes', 'on', '', ' true'].map(parseGoBool)).toEqual(Array(4).fill(undefined));
  });
});
