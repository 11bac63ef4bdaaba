/**
 * The injection template data (istiod 1.11 SidecarTemplateData) as Go values: Kubernetes structs
 * with Go field names and zero values, typed maps, nil pointers, ProxyConfig/MeshConfig, Values.
 */
import { describe, expect, it } from 'vitest';
import { TemplateSet } from '../../src/gotemplate/template.js';
import { GoStruct, type GoValue } from '../../src/gotemplate/value.js';
import { cpuCores, estimatedConcurrency, goFieldName, kubeValue, proxyConfigFor, safeTemplateData, templateData } from '../../src/inject/data.js';
import { injectionFuncs } from '../../src/inject/funcs.js';
import { defaultMeshConfig, defaultProxyConfig } from '../../src/inject/mesh.js';
import type { InjectionSource, PodTarget } from '../../src/inject/types.js';

function source(over: Partial<InjectionSource> = {}): InjectionSource {
  return {
    config: { policy: 'enabled', defaultTemplates: ['sidecar'], templates: {}, alwaysInjectSelector: [], neverInjectSelector: [], injectedAnnotations: {} },
    values: { global: { proxy: { statusPort: 15020, image: 'proxyv2' }, hub: 'docker.io/istio' }, istio_cni: { enabled: false } },
    meshConfig: defaultMeshConfig(),
    revision: 'default',
    ...over,
  };
}

function target(over: Partial<PodTarget> = {}): PodTarget {
  return {
    typeMeta: { apiVersion: 'apps/v1', kind: 'Deployment' },
    deploymentMeta: { name: 'web', namespace: 'shop' },
    metadata: { labels: { app: 'web' }, annotations: { 'sidecar.istio.io/logLevel': 'debug' } },
    spec: {
      containers: [
        {
          name: 'web',
          image: 'nginx',
          ports: [{ containerPort: 8080, name: 'http' }],
          readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
          livenessProbe: { httpGet: { path: '/live', port: 'http' } },
          securityContext: { runAsUser: 1000 },
        },
      ],
      volumes: [{ name: 'cfg', configMap: { name: 'web-config' } }],
    },
    ...over,
  };
}

function run(text: string, s: InjectionSource = source(), t: PodTarget = target()): string {
  const set = new TemplateSet({ funcs: injectionFuncs(), compat: 'helm3', rootName: 'inject' });
  set.parse('inject', text);
  try {
    return set.execute('inject', templateData(s, t));
  } catch (e) {
    return 'ERROR: ' + (e as Error).message;
  }
}

describe('SidecarTemplateData fields', () => {
  it('has 1.11 fields, nothing of later versions', () => {
    const d = templateData(source(), target());
    expect([...d.fields.keys()]).toEqual(['TypeMeta', 'DeploymentMeta', 'ObjectMeta', 'Spec', 'ProxyConfig', 'MeshConfig', 'Values', 'Revision', 'EstimatedConcurrency']);
    expect(run('{{ printf "%T|%T|%T|%T|%T|%T|%T|%T" .TypeMeta .DeploymentMeta .ObjectMeta .Spec .ProxyConfig .MeshConfig .Values .Revision }}')).toBe(
      'v1.TypeMeta|v1.ObjectMeta|v1.ObjectMeta|v1.PodSpec|*v1alpha1.ProxyConfig|*v1alpha1.MeshConfig|map[string]interface {}|string',
    );
    expect(run('{{ .ProxyImage }}')).toContain("can't evaluate field ProxyImage");
  });
  it('TypeMeta, DeploymentMeta, Revision', () => {
    expect(run('{{ .TypeMeta.Kind }} {{ .TypeMeta.APIVersion }} {{ .DeploymentMeta.Name }} {{ .DeploymentMeta.Namespace }} {{ .Revision }}')).toBe('Deployment apps/v1 web shop default');
    expect(run('{{ .Revision }}', source({ revision: 'canary' }))).toBe('canary');
    expect(run('{{ .DeploymentMeta.Labels }} {{ len .DeploymentMeta.Annotations }}')).toBe('map[] 0');
  });
});

describe('ObjectMeta', () => {
  it('annotations and labels are map[string]string: a missing key gives ""', () => {
    expect(run('{{ printf "%T" .ObjectMeta.Annotations }} [{{ index .ObjectMeta.Annotations "absent" }}] [{{ index .ObjectMeta.Annotations "sidecar.istio.io/logLevel" }}]')).toBe('map[string]string [] [debug]');
    expect(run('{{ index .ObjectMeta.Labels `app` | default "x" }} {{ index .ObjectMeta.Labels `version` | default "latest" }}')).toBe('web latest');
  });
  it('absent maps are nil maps: index gives "", ranges nothing, toJSON gives {}', () => {
    const t = target({ metadata: {} });
    expect(run('[{{ index .ObjectMeta.Labels "x" }}]{{ range .ObjectMeta.Labels }}x{{ end }}{{ toJSON .ObjectMeta.Annotations }}', source(), t)).toBe('[]{}');
  });
  it('zero values for absent scalar fields; Go names (UID, GenerateName)', () => {
    expect(run('[{{ .ObjectMeta.Name }}][{{ .ObjectMeta.UID }}][{{ .ObjectMeta.GenerateName }}][{{ .ObjectMeta.Generation }}]')).toBe('[][][][0]');
  });
  it('keys like __proto__ are data', () => {
    const t = target({ metadata: JSON.parse('{"annotations": {"__proto__": "x", "constructor": "y"}}') as Record<string, unknown> });
    expect(run('{{ index .ObjectMeta.Annotations "__proto__" }} {{ index .ObjectMeta.Annotations "constructor" }} {{ len .ObjectMeta.Annotations }}', source(), t)).toBe('x y 2');
  });
});

describe('Spec (corev1.PodSpec)', () => {
  it('Go field names and zero values', () => {
    expect(run('{{ .Spec.HostNetwork }} [{{ .Spec.DNSPolicy }}] [{{ .Spec.ServiceAccountName }}] {{ len .Spec.InitContainers }} {{ printf "%T" .Spec.InitContainers }}')).toBe('false [] [] 0 []v1.Container');
    expect(run('{{ (index .Spec.Containers 0).Name }} {{ (index .Spec.Containers 0).Image }} {{ (index .Spec.Containers 0).TTY }} {{ (index .Spec.Containers 0).Stdin }}')).toBe('web nginx false false');
  });
  it('pointer fields are nil when absent (false in if; a field of a nil struct is an error)', () => {
    expect(run('{{ if .Spec.SecurityContext }}set{{ else }}nil{{ end }} {{ if .Spec.TerminationGracePeriodSeconds }}set{{ else }}nil{{ end }} {{ if .Spec.Affinity }}set{{ else }}nil{{ end }}')).toBe('nil nil nil');
    expect(run('{{ .Spec.SecurityContext.RunAsUser }}')).toContain('nil pointer evaluating');
  });
  it('present pointer fields hold their value', () => {
    expect(run('{{ (index .Spec.Containers 0).SecurityContext.RunAsUser }} {{ if (index .Spec.Containers 0).SecurityContext.RunAsNonRoot }}x{{ else }}nil{{ end }}')).toBe('1000 nil');
    const t = target({ spec: { containers: [{ name: 'a' }], securityContext: { fsGroup: 1337, runAsNonRoot: false }, terminationGracePeriodSeconds: 0 } });
    expect(run('{{ .Spec.SecurityContext.FSGroup }} {{ .Spec.SecurityContext.RunAsNonRoot }} {{ .Spec.TerminationGracePeriodSeconds }}', source(), t)).toBe('1337 false 0');
  });
  it('int-or-string probe ports print like Go (number or name)', () => {
    expect(run('{{ $c := index .Spec.Containers 0 }}{{ $c.ReadinessProbe.HTTPGet.Port }} {{ $c.LivenessProbe.HTTPGet.Port }} {{ $c.ReadinessProbe.HTTPGet.Path }}')).toBe('8080 http /ready');
    expect(run('{{ structToJSON (index .Spec.Containers 0).LivenessProbe }}')).toBe('{"httpGet":{"path":"/live","port":"http"}}');
  });
  it('container ports: int32 ContainerPort, Go field order in JSON', () => {
    expect(run('{{ range (index .Spec.Containers 0).Ports }}{{ .ContainerPort }} {{ printf "%T" .ContainerPort }} {{ .Name }} [{{ .Protocol }}] {{ structToJSON . }}{{ end }}')).toBe('8080 int32 http [] {"name":"http","containerPort":8080}');
  });
  it('volumes: the embedded VolumeSource fields are promoted', () => {
    expect(run('{{ range .Spec.Volumes }}{{ .Name }}={{ .ConfigMap.Name }} {{ if .Secret }}secret{{ else }}no-secret{{ end }}{{ end }}')).toBe('cfg=web-config no-secret');
  });
  it('resources: a value struct with typed maps; quantities print as written', () => {
    const t = target({ spec: { containers: [{ name: 'a', resources: { limits: { cpu: '2', memory: '1Gi' } } }] } });
    expect(run('{{ $r := (index .Spec.Containers 0).Resources }}{{ index $r.Limits "cpu" }} {{ index $r.Limits "memory" }} {{ len $r.Requests }} {{ printf "%T" $r.Limits }}', source(), t)).toBe('2 1Gi 0 v1.ResourceList');
  });
  it('structToJSON of the spec is Kubernetes JSON (omitempty, resources always)', () => {
    const t = target({ spec: { containers: [{ name: 'a', env: [{ name: 'X', value: '1' }] }], hostNetwork: false, restartPolicy: 'Always' } });
    expect(run('{{ structToJSON .Spec }}', source(), t)).toBe('{"containers":[{"name":"a","env":[{"name":"X","value":"1"}],"resources":{}}],"restartPolicy":"Always"}');
  });
  it('values of the wrong JSON type become zero values instead of crashing', () => {
    const t = target({ spec: { containers: 'nope', hostNetwork: 'yes', volumes: [{ name: 3 }] } as unknown as Record<string, unknown> });
    expect(run('{{ len .Spec.Containers }} {{ .Spec.HostNetwork }} [{{ (index .Spec.Volumes 0).Name }}]', source(), t)).toBe('0 false []');
  });
  it('goFieldName', () => {
    expect(['hostIPC', 'dnsPolicy', 'httpGet', 'tcpSocket', 'fsGroup', 'seLinuxOptions', 'tty', 'apiVersion', 'uid', 'containers', 'runAsUser'].map(goFieldName)).toEqual([
      'HostIPC',
      'DNSPolicy',
      'HTTPGet',
      'TCPSocket',
      'FSGroup',
      'SELinuxOptions',
      'TTY',
      'APIVersion',
      'UID',
      'Containers',
      'RunAsUser',
    ]);
  });
  it('kubeValue of a model builds a GoStruct', () => {
    const v = kubeValue('V1Container', { name: 'x' });
    expect(v).toBeInstanceOf(GoStruct);
    expect((v as GoStruct).type.name).toBe('v1.Container');
  });
});

describe('ProxyConfig and MeshConfig', () => {
  it('the mesh defaultConfig', () => {
    expect(run('{{ .ProxyConfig.InterceptionMode }} {{ .ProxyConfig.StatusPort }} {{ .ProxyConfig.DiscoveryAddress }} {{ .ProxyConfig.Concurrency.GetValue }} {{ .ProxyConfig.HoldApplicationUntilProxyStarts.GetValue }}')).toBe('REDIRECT 15020 istiod.istio-system.svc:15012 2 false');
    expect(run('{{ formatDuration .ProxyConfig.DrainDuration }} {{ .ProxyConfig.Tracing.Zipkin.Address }} {{ len .ProxyConfig.ProxyMetadata }}')).toBe('45s zipkin.istio-system:9411 0');
  });
  it('the proxy.istio.io/config annotation applies over it', () => {
    const t = target({ metadata: { annotations: { 'proxy.istio.io/config': 'holdApplicationUntilProxyStarts: true\ninterceptionMode: TPROXY\nproxyMetadata:\n  ISTIO_META_DNS_CAPTURE: "true"\n' } } });
    expect(run('{{ .ProxyConfig.HoldApplicationUntilProxyStarts.GetValue }} {{ .ProxyConfig.InterceptionMode }} {{ index .ProxyConfig.ProxyMetadata "ISTIO_META_DNS_CAPTURE" }} {{ .ProxyConfig.StatusPort }}', source(), t)).toBe('true TPROXY true 15020');
    expect(run('{{ protoToJSON .ProxyConfig }}', source(), t)).toBe('{"interceptionMode":"TPROXY","proxyMetadata":{"ISTIO_META_DNS_CAPTURE":"true"},"holdApplicationUntilProxyStarts":true}');
  });
  it('proxyMetadata of the mesh and the annotation merge', () => {
    const mesh = { ...defaultMeshConfig(), defaultConfig: { ...defaultProxyConfig(), proxyMetadata: { A: '1', B: '1' } } };
    const t = target({ metadata: { annotations: { 'proxy.istio.io/config': '{"proxyMetadata": {"B": "2"}}' } } });
    const r = proxyConfigFor(source({ meshConfig: mesh }), t);
    expect(r.success && r.proxyConfig.proxyMetadata).toEqual({ A: '1', B: '2' });
  });
  it('a bad annotation is an issue naming the annotation', () => {
    const t = target({ metadata: { annotations: { 'proxy.istio.io/config': 'statusPort: [1]' } } });
    const r = safeTemplateData(source(), t);
    expect(r.success).toBe(false);
    expect(!r.success && r.issues[0]).toMatchObject({ code: 'inject-proxy-config', path: 'metadata.annotations["proxy.istio.io/config"].statusPort' });
    expect(() => templateData(source(), t)).toThrow(/could not parse proxy config/);
  });
  it('no defaultConfig in the mesh config: istiod defaults', () => {
    expect(run('{{ .ProxyConfig.StatusPort }} {{ .MeshConfig.TrustDomain }}', source({ meshConfig: { trustDomain: 'td' } }))).toBe('15020 td');
  });
  it('MeshConfig fields', () => {
    expect(run('{{ .MeshConfig.TrustDomain }} {{ .MeshConfig.RootNamespace }} {{ .MeshConfig.EnablePrometheusMerge.GetValue }} {{ .MeshConfig.DefaultConfig.StatusPort }} {{ .MeshConfig.IngressControllerMode }} {{ .MeshConfig.OutboundTrafficPolicy.Mode }}')).toBe('cluster.local istio-system true 15020 STRICT ALLOW_ANY');
  });
});

describe('Values', () => {
  it('JSON values: float64 numbers, missing keys print <no value>', () => {
    expect(run('{{ .Values.global.proxy.statusPort }} {{ printf "%T" .Values.global.proxy.statusPort }} {{ .Values.global.proxy.nope }} {{ .Values.istio_cni.enabled }}')).toBe('15020 float64 <no value> false');
  });
});

describe('EstimatedConcurrency (1.11)', () => {
  it('0 when concurrency is set (the default); else the CPU limit rounded up', () => {
    expect(run('{{ .EstimatedConcurrency }} {{ printf "%T" .EstimatedConcurrency }}')).toBe('0 int');
    const pc = { ...defaultProxyConfig() };
    delete pc.concurrency;
    expect(estimatedConcurrency(pc, {}, { global: { proxy: { resources: { limits: { cpu: '1500m' } } } } })).toBe(2);
    expect(estimatedConcurrency(pc, { 'sidecar.istio.io/proxyCPULimit': '3' }, {})).toBe(3);
    expect(estimatedConcurrency(pc, { 'sidecar.istio.io/proxyCPULimit': 'lots' }, {})).toBe(0);
    expect(estimatedConcurrency(pc, {}, {})).toBe(0);
    expect(estimatedConcurrency(defaultProxyConfig(), { 'sidecar.istio.io/proxyCPULimit': '3' }, {})).toBe(0);
  });
  it('cpuCores', () => {
    expect([cpuCores('2'), cpuCores('500m'), cpuCores('1.5'), cpuCores('2k'), cpuCores('x')]).toEqual([2, 0.5, 1.5, 2000, null]);
  });
});

describe('the data is a fresh Go value per call', () => {
  it('two pods do not share maps', () => {
    const a = templateData(source(), target());
    const b = templateData(source(), target());
    const annA = (a.fields.get('ObjectMeta') as GoStruct).fields.get('Annotations') as Map<string, GoValue>;
    annA.set('x', 'y');
    expect(((b.fields.get('ObjectMeta') as GoStruct).fields.get('Annotations') as Map<string, GoValue>).has('x')).toBe(false);
  });
});

describe('ObjectMeta JSON', () => {
  it('creationTimestamp is a struct in Go: null, never omitted', () => {
    expect(run('{{ structToJSON .DeploymentMeta }}')).toBe('{"name":"web","namespace":"shop","creationTimestamp":null}');
  });
});

describe('protobuf wrapper fields (*types.BoolValue, *types.Int32Value)', () => {
  it('unset: false in if, GetValue gives the zero value (nil-receiver getter)', () => {
    expect(run('{{ if .ProxyConfig.HoldApplicationUntilProxyStarts }}set{{ else }}unset{{ end }} {{ .ProxyConfig.HoldApplicationUntilProxyStarts.GetValue }} {{ printf "%T" .ProxyConfig.HoldApplicationUntilProxyStarts }}')).toBe('unset false *types.BoolValue');
    expect(run('{{ or .ProxyConfig.HoldApplicationUntilProxyStarts.GetValue .Values.istio_cni.enabled }}')).toBe('false');
    expect(run('{{ structToJSON .MeshConfig.VerifyCertificateAtClient }}')).toBe('null');
  });
  it('set: true in if, GetValue gives the value', () => {
    const t = target({ metadata: { annotations: { 'proxy.istio.io/config': 'holdApplicationUntilProxyStarts: false\nconcurrency: 0' } } });
    expect(run('{{ if .ProxyConfig.HoldApplicationUntilProxyStarts }}set{{ end }} {{ .ProxyConfig.HoldApplicationUntilProxyStarts.GetValue }} {{ if .ProxyConfig.Concurrency }}set{{ end }} {{ .ProxyConfig.Concurrency.GetValue }} {{ printf "%T" .ProxyConfig.Concurrency }}', source(), t)).toBe('set false set 0 *types.Int32Value');
  });
  it('concurrency from the istiod defaults is set (2)', () => {
    expect(run('{{ if .ProxyConfig.Concurrency }}{{ .ProxyConfig.Concurrency.GetValue }}{{ end }}')).toBe('2');
  });
});

describe('robustness', () => {
  it('any JSON as metadata/spec/values/mesh config gives template data (no crash)', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.jsonValue(), fc.jsonValue(), (m, sp, v, mc) => {
        const obj = (x: unknown): Record<string, unknown> => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {});
        const r = safeTemplateData(source({ values: obj(v), meshConfig: obj(mc) }), target({ metadata: obj(m), spec: obj(sp) }));
        if (r.success) expect(r.data.fields.size).toBe(9);
        else expect(r.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
  it('any JSON in the Kubernetes fields of a pod (no crash)', async () => {
    const fc = await import('fast-check');
    const field = fc.constantFrom('containers', 'initContainers', 'securityContext', 'volumes', 'hostNetwork', 'dnsConfig', 'affinity', 'tolerations');
    fc.assert(
      fc.property(fc.dictionary(field, fc.jsonValue()), fc.jsonValue(), (spec, ann) => {
        const t = target({ spec, metadata: { annotations: typeof ann === 'object' && ann !== null && !Array.isArray(ann) ? (ann as Record<string, unknown>) : { x: String(ann) } } });
        const out = run('{{ structToJSON .Spec }}{{ toYaml .Spec }}{{ range .Spec.Containers }}{{ .Name }}{{ end }}{{ toJSON .ObjectMeta.Annotations }}', source(), t);
        expect(typeof out).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});
