/**
 * runTemplates: executing named injection templates as istiod 1.11 does, output read as YAML
 * fragments, every failure an Issue naming the template (and line). Also: the chart's own
 * templates (charts/istiod/files via the rendered istio-sidecar-injector ConfigMap) execute
 * without error for plain, CNI, revisioned and annotated pods.
 */
import { describe, expect, it } from 'vitest';
import { injectionSourceFromManifest } from '../../src/inject/config.js';
import { defaultMeshConfig } from '../../src/inject/mesh.js';
import { runTemplates } from '../../src/inject/run-templates.js';
import type { InjectionSource, PodTarget } from '../../src/inject/types.js';
import { render } from '../../src/manifest/index.js';

function source(templates: Record<string, string>, values: Record<string, unknown> = { global: { hub: 'docker.io/istio' } }): InjectionSource {
  return {
    config: { policy: 'enabled', defaultTemplates: ['sidecar'], templates, alwaysInjectSelector: [], neverInjectSelector: [], injectedAnnotations: {} },
    values,
    meshConfig: defaultMeshConfig(),
    revision: 'default',
  };
}

const pod: PodTarget = {
  typeMeta: { apiVersion: 'v1', kind: 'Pod' },
  deploymentMeta: { name: 'web', namespace: 'default' },
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 8080 }] }] },
};

describe('runTemplates', () => {
  it('runs the named templates in order and reads each output as a JSON fragment', () => {
    const s = source({
      a: 'spec:\n  containers:\n  - name: {{ .DeploymentMeta.Name }}-a\n    image: {{ .Values.global.hub }}/x\n',
      b: 'metadata:\n  labels:\n    count: {{ len .Spec.Containers | quote }}\n    port: {{ (index (index .Spec.Containers 0).Ports 0).ContainerPort }}\n',
    });
    const r = runTemplates(s, pod, ['b', 'a']);
    expect(r).toEqual({
      success: true,
      fragments: [{ metadata: { labels: { count: '1', port: 8080 } } }, { spec: { containers: [{ name: 'web-a', image: 'docker.io/istio/x' }] } }],
    });
  });
  it('empty output is an empty fragment', () => {
    expect(runTemplates(source({ e: '{{/* nothing */}}\n' }), pod, ['e'])).toEqual({ success: true, fragments: [{}] });
  });
  it('a missing values key prints <no value> (istiod does not use missingkey=error)', () => {
    const r = runTemplates(source({ t: 'metadata:\n  annotations:\n    x: "{{ .Values.global.nothing }}"\n' }), pod, ['t']);
    expect(r.success && r.fragments[0]).toEqual({ metadata: { annotations: { x: '<no value>' } } });
  });
  it('unknown template: inject-unknown-template listing the known ones', () => {
    const r = runTemplates(source({ sidecar: '', gateway: '' }), pod, ['sidecar', 'nope']);
    expect(r.success).toBe(false);
    expect(!r.success && r.issues).toEqual([
      expect.objectContaining({ code: 'inject-unknown-template', severity: 'error', message: 'requested template "nope" not found; have gateway, sidecar' }),
    ]);
  });
  it('a parse error names the template and line', () => {
    const r = runTemplates(source({ bad: 'a: 1\nb: {{ if }}\n' }), pod, ['bad']);
    expect(!r.success && r.issues[0]).toMatchObject({ code: 'inject-template-parse', path: 'templates.bad', source: { file: 'template bad', line: 2 } });
    expect(!r.success && r.issues[0].message).toContain('failed parsing template "bad": template: inject:2:');
  });
  it('an execution error names the template, line and Go message', () => {
    const r = runTemplates(source({ t: 'a: 1\nb: {{ .Spec.SecurityContext.RunAsUser }}\n' }), pod, ['t']);
    expect(!r.success && r.issues[0]).toMatchObject({ code: 'inject-template-exec', path: 'templates.t', source: { file: 'template t', line: 2 } });
    expect(!r.success && r.issues[0].message).toContain('executing "inject" at <.Spec.SecurityContext.RunAsUser>: nil pointer evaluating');
    const f = runTemplates(source({ t: '{{ toJSON .Values }}' }), pod, ['t']);
    expect(!f.success && f.issues[0].message).toContain('wrong type for value; expected map[string]string; got map[string]interface {}');
  });
  it('invalid YAML output names the template and the output line', () => {
    const r = runTemplates(source({ t: 'spec:\n  containers:\n  - name: x\n   bad: [\n' }), pod, ['t']);
    expect(r.success).toBe(false);
    expect(!r.success && r.issues[0]).toMatchObject({ code: 'inject-template-yaml', path: 'templates.t' });
    expect(!r.success && r.issues[0].message).toMatch(/^template "t" produced invalid YAML/);
  });
  it('output that is not a map is an error', () => {
    const r = runTemplates(source({ t: '- a\n- b\n' }), pod, ['t']);
    expect(!r.success && r.issues[0].message).toContain('cannot unmarshal array into Go value of type v1.Pod');
  });
  it('every failing template is reported', () => {
    const r = runTemplates(source({ a: '{{ .Nope }}', b: '{{ end }}', c: 'x: 1' }), pod, ['a', 'b', 'c']);
    expect(!r.success && r.issues.map((i) => [i.code, i.path])).toEqual([
      ['inject-template-exec', 'templates.a'],
      ['inject-template-parse', 'templates.b'],
    ]);
  });
  it('a bad proxy.istio.io/config annotation is an issue, not a crash', () => {
    const p: PodTarget = { ...pod, metadata: { annotations: { 'proxy.istio.io/config': 'statusPort: x' } } };
    const r = runTemplates(source({ t: 'a: 1' }), p, ['t']);
    expect(!r.success && r.issues[0].code).toBe('inject-proxy-config');
  });
  it('env reads the injected map only', () => {
    const s = source({ t: 'a: {{ env "X" "d" }}' });
    expect(runTemplates(s, pod, ['t'])).toEqual({ success: true, fragments: [{ a: 'd' }] });
    expect(runTemplates(s, pod, ['t'], { env: { X: 'v' } })).toEqual({ success: true, fragments: [{ a: 'v' }] });
  });
  it('numbers come back as JSON numbers, keys like __proto__ as data', () => {
    const r = runTemplates(source({ t: 'a: 1.5\nb: 7\n__proto__:\n  polluted: true\n' }), pod, ['t']);
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.fragments[0].a).toBe(1.5);
    expect(Object.hasOwn(r.fragments[0], '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("the istiod chart's templates execute without error", () => {
  const plain = injectionSourceFromManifest(render({}));
  const cni = injectionSourceFromManifest(render({ set: ['components.cni.enabled=true', 'values.istio_cni.chained=false'] }));
  const canary = injectionSourceFromManifest(render({ revision: 'canary' }));
  const deployment: PodTarget = {
    typeMeta: { apiVersion: 'apps/v1', kind: 'Deployment' },
    deploymentMeta: { name: 'web', namespace: 'shop' },
    metadata: {
      labels: { app: 'web', version: 'v1' },
      annotations: {
        'sidecar.istio.io/proxyCPU': '200m',
        'sidecar.istio.io/proxyMemory': '256Mi',
        'traffic.sidecar.istio.io/excludeInboundPorts': '9000',
        'traffic.sidecar.istio.io/includeOutboundIPRanges': '10.0.0.0/8',
        'proxy.istio.io/config': 'holdApplicationUntilProxyStarts: true',
        'k8s.v1.cni.cncf.io/networks': 'macvlan',
      },
    },
    spec: {
      containers: [
        { name: 'web', image: 'nginx', ports: [{ containerPort: 8080, name: 'http' }, { containerPort: 53, protocol: 'UDP' }], readinessProbe: { httpGet: { path: '/r', port: 8080 } } },
        { name: 'sidecar-log', image: 'busybox' },
      ],
      securityContext: { fsGroup: 2000 },
      volumes: [{ name: 'data', emptyDir: {} }],
    },
  };
  const bare: PodTarget = { typeMeta: { apiVersion: 'v1', kind: 'Pod' }, deploymentMeta: { name: 'p', namespace: '' }, metadata: {}, spec: { containers: [{ name: 'c' }] } };

  it('the installation ships the four templates', () => {
    expect(Object.keys(plain.config.templates).sort()).toEqual(['gateway', 'grpc-agent', 'grpc-simple', 'sidecar']);
  });
  for (const [label, src] of [
    ['default', plain],
    ['cni', cni],
    ['canary', canary],
  ] as const) {
    for (const name of ['sidecar', 'gateway', 'grpc-agent', 'grpc-simple']) {
      for (const [tlabel, t] of [
        ['annotated deployment', deployment],
        ['bare pod', bare],
      ] as const) {
        it(`${label}: ${name} on a ${tlabel}`, () => {
          const r = runTemplates(src, t, [name]);
          if (!r.success) expect.fail(r.issues.map((i) => i.message).join('\n'));
          const text = JSON.stringify(r.fragments);
          expect(text).not.toContain('<no value>');
          expect(r.fragments[0]).toHaveProperty('spec');
        });
      }
    }
  }
  it('sidecar + its proxy: istio-proxy container with the configured image', () => {
    const r = runTemplates(plain, deployment, ['sidecar']);
    expect(r.success).toBe(true);
    if (!r.success) return;
    const spec = r.fragments[0].spec as { containers: { name: string; image: string }[] };
    const proxy = spec.containers.find((c) => c.name === 'istio-proxy');
    expect(proxy?.image).toMatch(/\/proxyv2:/);
  });
});

describe('runaway templates', () => {
  it('infinite recursion is an issue, not a crash', () => {
    const r = runTemplates(source({ t: '{{ define "x" }}{{ template "x" . }}{{ end }}{{ template "x" . }}' }), pod, ['t']);
    expect(r.success).toBe(false);
    expect(!r.success && r.issues[0].code).toBe('inject-template-exec');
  });
});
