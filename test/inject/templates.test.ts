/**
 * The injection templates of the istiod chart (scripts/gen/chart-shared/files/, issue 9), executed
 * the way istiod 1.11 executes them: runTemplates() with the template data and function set of
 * src/inject, against the injector configuration of a rendered installation
 * (injectionSourceFromManifest(render(...))). Each test pins what one annotation or value does to
 * the template output (the pod fragment before it is merged into the pod).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { injectionSourceFromManifest } from '../../src/inject/config.js';
import { injectionFuncs } from '../../src/inject/funcs.js';
import { inject } from '../../src/inject/index.js';
import { runTemplates } from '../../src/inject/run-templates.js';
import type { InjectionSource, PodTarget } from '../../src/inject/types.js';
import { TemplateSet } from '../../src/gotemplate/index.js';
import { KUBE_VERSIONS, render, validateManifestText } from '../../src/manifest/index.js';
import { unmarshalMap } from '../../src/yaml/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const FILES: Readonly<Record<string, string>> = {
  sidecar: 'injection-template.yaml',
  gateway: 'gateway-injection-template.yaml',
  'grpc-agent': 'grpc-agent.yaml',
  'grpc-simple': 'grpc-simple.yaml',
};
const NAMES = Object.keys(FILES);
const templateText = (name: string) => readFileSync(join(ROOT, 'scripts', 'gen', 'chart-shared', 'files', FILES[name] as string), 'utf8');

// ---- installations ------------------------------------------------------------------------------

const sources = new Map<string, InjectionSource>();
/** The injector of render({ set }) (default profile unless a profile is set); cached. */
function source(set: readonly string[] = [], profile?: string): InjectionSource {
  const key = JSON.stringify([profile, set]);
  let s = sources.get(key);
  if (s === undefined) {
    s = injectionSourceFromManifest(render({ set, ...(profile === undefined ? {} : { profile }) }));
    sources.set(key, s);
  }
  return s;
}
const CNI = ['components.cni.enabled=true'];
const MULTUS = ['components.cni.enabled=true', 'values.istio_cni.chained=false'];

// ---- pods ---------------------------------------------------------------------------------------

interface PodOptions {
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  containers?: Record<string, unknown>[];
  kind?: string;
  apiVersion?: string;
  name?: string;
  serviceAccountName?: string;
}
/** Deployment `web` in namespace `shop`, one container `app` on port 8080. */
function pod(o: PodOptions = {}): PodTarget {
  return {
    typeMeta: { apiVersion: o.apiVersion ?? 'apps/v1', kind: o.kind ?? 'Deployment' },
    deploymentMeta: { name: o.name ?? 'web', namespace: 'shop' },
    metadata: { labels: o.labels ?? { app: 'web', version: 'v1' }, ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec: {
      containers: o.containers ?? [{ name: 'app', image: 'shop/web:1', ports: [{ name: 'http', containerPort: 8080 }] }],
      ...(o.serviceAccountName ? { serviceAccountName: o.serviceAccountName } : {}),
    },
  };
}

interface EnvVar { name: string; value?: string; valueFrom?: unknown }
interface Container {
  name: string;
  image?: string;
  args?: string[];
  command?: string[];
  env?: EnvVar[];
  ports?: unknown[];
  lifecycle?: unknown;
  readinessProbe?: { httpGet: { path: string; port: number | string }; initialDelaySeconds: number; periodSeconds: number; timeoutSeconds: number; failureThreshold: number };
  securityContext?: { capabilities?: { add?: string[]; drop?: string[] }; runAsUser?: number; runAsGroup?: number; runAsNonRoot?: boolean; privileged?: boolean; allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean };
  resources?: unknown;
  imagePullPolicy?: string;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface Fragment {
  metadata: { labels: Record<string, string>; annotations: Record<string, string> };
  spec: {
    initContainers?: Container[];
    containers: Container[];
    volumes: ({ name: string } & Record<string, unknown>)[];
    imagePullSecrets?: { name: string }[];
    securityContext?: Record<string, unknown>;
  };
}

/** The output of one template for `target` with the injector `src`. */
function run(name: string, target: PodTarget = pod(), src: InjectionSource = source()): Fragment {
  const r = runTemplates(src, target, [name]);
  if (!r.success) throw new Error(r.issues.map((i) => `${i.code}: ${i.message}`).join('\n'));
  expect(r.fragments).toHaveLength(1);
  return r.fragments[0] as unknown as Fragment;
}
const sidecar = (o: PodOptions = {}, src?: InjectionSource) => run('sidecar', pod(o), src);
const proxyOf = (f: Fragment) => f.spec.containers.find((c) => c.name === 'istio-proxy') as Container;
const initOf = (f: Fragment) => f.spec.initContainers?.find((c) => c.name === 'istio-init' || c.name === 'istio-validation');
const envOf = (c: Container | undefined) => Object.fromEntries((c?.env ?? []).map((e) => [e.name, e.value ?? e.valueFrom]));
/** The value after flag `flag` in the istio-iptables arguments. */
const iptablesArg = (f: Fragment, flag: string) => {
  const args = initOf(f)?.args ?? [];
  const i = args.indexOf(flag);
  return i < 0 ? undefined : args[i + 1];
};

// ---- the templates as text ----------------------------------------------------------------------

describe('the four templates as text', () => {
  it.each(NAMES)('%s parses with istiod\'s function set', (name) => {
    expect(() => new TemplateSet({ funcs: injectionFuncs(), compat: 'helm4' }).parse(name, templateText(name))).not.toThrow();
  });

  it('the chart ConfigMap embeds each file verbatim (the bundled chart is up to date)', () => {
    const src = source();
    for (const name of NAMES) expect(src.config.templates[name]?.trim(), name).toBe(templateText(name).trim());
    expect(src.config.defaultTemplates).toEqual(['sidecar']);
  });

  /** `.Values.a.b` paths read by a template ($proxy is .Values.global.proxy, $cni .Values.istio_cni). */
  function valuesPaths(text: string): string[] {
    const out = new Set<string>();
    for (const m of text.matchAll(/(\.Values|\$proxy|\$cni)((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) {
      const base = m[1] === '$proxy' ? ['global', 'proxy'] : m[1] === '$cni' ? ['istio_cni'] : [];
      out.add([...base, ...(m[2] as string).slice(1).split('.')].join('.'));
    }
    return [...out].sort();
  }

  it.each(['istiod', 'istiod-remote'])('every .Values key a template reads has a default in charts/%s/values.yaml (istiod prints <no value> for a missing one)', (chart) => {
    const values = unmarshalMap(readFileSync(join(ROOT, 'charts', chart, 'values.yaml'), 'utf8'));
    const has = (path: string) => {
      let v: unknown = values;
      for (const k of path.split('.')) {
        if (!(v instanceof Map) || !v.has(k)) return false;
        v = v.get(k);
      }
      return true;
    };
    const missing = NAMES.flatMap((n) => valuesPaths(templateText(n)).filter((p) => !has(p)).map((p) => `${n}: ${p}`));
    expect(missing).toEqual([]);
    // the check sees what the templates read
    expect(valuesPaths(templateText('sidecar'))).toEqual(expect.arrayContaining(['global.proxy.holdApplicationUntilProxyStarts', 'istio_cni.chained', 'global.proxy_init.image']));
  });
});

// ---- no <no value> anywhere ---------------------------------------------------------------------

describe('no template output contains <no value>', () => {
  const everything: Record<string, string> = {
    'sidecar.istio.io/interceptionMode': 'TPROXY',
    'sidecar.istio.io/proxyCPU': '200m',
    'sidecar.istio.io/proxyMemoryLimit': '1Gi',
    'traffic.sidecar.istio.io/includeOutboundPorts': '443',
    'traffic.sidecar.istio.io/excludeOutboundPorts': '3306',
    'traffic.sidecar.istio.io/kubevirtInterfaces': 'net1',
    'sidecar.istio.io/bootstrapOverride': 'my-bootstrap',
    'sidecar.istio.io/userVolume': '{"cache":{"emptyDir":{}}}',
    'sidecar.istio.io/userVolumeMount': '{"cache":{"mountPath":"/cache"}}',
    'sidecar.istio.io/enableCoreDump': 'true',
    'proxy.istio.io/config': '{"holdApplicationUntilProxyStarts": true, "proxyMetadata": {"A": "b"}}',
    'k8s.v1.cni.cncf.io/networks': 'macvlan',
  };
  const installations: [string, () => InjectionSource][] = [
    ['default profile', () => source()],
    ['CNI, multus', () => source(MULTUS)],
    ['revision canary', () => source(['revision=canary'])],
    ['istiod-remote chart (external profile)', () => source(['values.global.omitSidecarInjectorConfigMap=false', 'values.pilot.configMap=true', 'values.global.proxy.enableCoreDump=true'], 'external')],
  ];
  it.each(installations)('%s', (_label, get) => {
    const src = get();
    for (const name of NAMES)
      for (const target of [pod(), pod({ annotations: everything }), pod({ labels: {}, containers: [{ name: 'a' }, { name: 'b' }] })]) {
        const r = runTemplates(src, target, [name]);
        expect(r.success && JSON.stringify(r.fragments), `${name}: ${JSON.stringify(target.metadata)}`).not.toContain('<no value>');
        expect(r.success).toBe(true);
      }
  });

  it.each(KUBE_VERSIONS)('every template with every annotation gives a valid workload for Kubernetes %s (merged by inject())', (version) => {
    for (const [label, src] of [['default', source()], ['CNI multus', source(MULTUS)]] as const)
      for (const name of NAMES) {
        const annotations = { ...everything, 'inject.istio.io/templates': name };
        const text = JSON.stringify({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: 'shop' },
          spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' }, annotations }, spec: pod().spec } },
        });
        const out = inject({ source: src, text, file: 'web.yaml' });
        expect(out.documents.map((d) => d.outcome)).toEqual(['injected']);
        expect(validateManifestText(out.yaml, { version }).map((i) => `${label} ${name}: ${i.path}: ${i.message}`)).toEqual([]);
      }
  });

  it('the check can fail: an injector whose values lack a key prints <no value>', () => {
    const src = source();
    const { istioNamespace: _gone, ...global } = src.values.global as Record<string, unknown>;
    const values = { ...src.values, global };
    const r = runTemplates({ ...src, values }, pod(), ['sidecar']);
    expect(r.success && JSON.stringify(r.fragments)).toContain('<no value>');
  });
});

// ---- sidecar ------------------------------------------------------------------------------------

describe('sidecar template', () => {
  it('labels: tlsMode, canonical name and revision (from app/version labels), istio.io/rev', () => {
    expect(sidecar().metadata.labels).toEqual({
      'security.istio.io/tlsMode': 'istio',
      'service.istio.io/canonical-name': 'web',
      'service.istio.io/canonical-revision': 'v1',
      'istio.io/rev': 'default',
    });
    const l = sidecar({ labels: { 'app.kubernetes.io/name': 'shop-web', 'app.kubernetes.io/version': '2.0', app: 'x', 'security.istio.io/tlsMode': 'disabled' } }).metadata.labels;
    expect(l).toMatchObject({ 'service.istio.io/canonical-name': 'shop-web', 'service.istio.io/canonical-revision': '2.0', 'security.istio.io/tlsMode': 'disabled' });
    expect(sidecar({ labels: {} }).metadata.labels).toMatchObject({ 'service.istio.io/canonical-name': 'web', 'service.istio.io/canonical-revision': 'latest' });
    expect(sidecar({}, source(['revision=canary'])).metadata.labels['istio.io/rev']).toBe('canary');
  });

  it('annotations: the default container when there is exactly one application container', () => {
    expect(sidecar().metadata.annotations).toEqual({ 'kubectl.kubernetes.io/default-container': 'app', 'kubectl.kubernetes.io/default-logs-container': 'app' });
    expect(sidecar({ containers: [{ name: 'a' }, { name: 'b' }] }).metadata.annotations).toEqual({});
  });

  it('istio-init: istio-iptables with the redirect settings, root with NET_ADMIN and NET_RAW', () => {
    const f = sidecar();
    const init = initOf(f);
    expect(f.spec.initContainers?.map((c) => c.name)).toEqual(['istio-init']);
    expect(init?.image).toBe('docker.io/istio/proxyv2:1.11.8');
    expect(init?.args).toEqual(['istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337', '-m', 'REDIRECT', '-i', '*', '-x', '', '-b', '*', '-d', '15090,15021,15020']);
    expect(init?.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] },
      readOnlyRootFilesystem: false,
      runAsGroup: 0,
      runAsNonRoot: false,
      runAsUser: 0,
    });
    expect(init?.resources).toEqual({ limits: { cpu: '2000m', memory: '1024Mi' }, requests: { cpu: '10m', memory: '10Mi' } });
    expect(init?.imagePullPolicy).toBeUndefined();
    expect(init?.env).toBeUndefined();
  });

  it('istio-proxy: image, port, args, probe, security context, resources, mounts', () => {
    const p = proxyOf(sidecar());
    expect(p.image).toBe('docker.io/istio/proxyv2:1.11.8');
    expect(p.ports).toEqual([{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }]);
    expect(p.args).toEqual(['proxy', 'sidecar', '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--proxyLogLevel=warning', '--proxyComponentLogLevel=misc:error', '--log_output_level=default:info']);
    expect(p.readinessProbe).toEqual({ httpGet: { path: '/healthz/ready', port: 15021 }, initialDelaySeconds: 1, periodSeconds: 2, timeoutSeconds: 3, failureThreshold: 30 });
    expect(p.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsGroup: 1337,
      runAsNonRoot: true,
      runAsUser: 1337,
    });
    expect(p.resources).toEqual({ limits: { cpu: '2000m', memory: '1024Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    expect(p.lifecycle).toBeUndefined();
    expect(p.volumeMounts?.map((m) => `${m.name}:${m.mountPath}`)).toEqual([
      'istiod-ca-cert:/var/run/secrets/istio',
      'istio-data:/var/lib/istio/data',
      'istio-envoy:/etc/istio/proxy',
      'istio-token:/var/run/secrets/tokens',
      'istio-podinfo:/etc/istio/pod',
    ]);
  });

  it('istio-proxy env: identity, CA, metadata of the workload', () => {
    const env = envOf(proxyOf(sidecar()));
    expect(env).toMatchObject({
      JWT_POLICY: 'third-party-jwt',
      PILOT_CERT_PROVIDER: 'istiod',
      CA_ADDR: 'istiod.istio-system.svc:15012',
      POD_NAME: { fieldRef: { fieldPath: 'metadata.name' } },
      POD_NAMESPACE: { fieldRef: { fieldPath: 'metadata.namespace' } },
      INSTANCE_IP: { fieldRef: { fieldPath: 'status.podIP' } },
      SERVICE_ACCOUNT: { fieldRef: { fieldPath: 'spec.serviceAccountName' } },
      HOST_IP: { fieldRef: { fieldPath: 'status.hostIP' } },
      ISTIO_META_APP_CONTAINERS: 'app',
      ISTIO_META_CLUSTER_ID: 'Kubernetes',
      ISTIO_META_INTERCEPTION_MODE: 'REDIRECT',
      ISTIO_META_WORKLOAD_NAME: 'web',
      ISTIO_META_OWNER: 'kubernetes://apis/apps/v1/namespaces/shop/deployments/web',
      ISTIO_META_MESH_ID: 'cluster.local',
    });
    expect(JSON.parse(env.ISTIO_META_POD_PORTS as string)).toEqual([{ name: 'http', containerPort: 8080 }]);
    expect(typeof env.PROXY_CONFIG).toBe('string');
    expect(JSON.parse(env.PROXY_CONFIG as string)).toBeTypeOf('object');
    expect(Object.keys(env)).not.toContain('ISTIO_META_NETWORK');
    expect(Object.keys(env)).not.toContain('ISTIO_BOOTSTRAP_OVERRIDE');
    expect(Object.keys(env)).not.toContain('REWRITE_PROBE_LEGACY_LOCALHOST_DESTINATION');
  });

  it('volumes: envoy (memory), data, podinfo, token, root CA; pod fsGroup 1337 for the token', () => {
    const f = sidecar();
    expect(f.spec.volumes).toEqual([
      { name: 'istio-envoy', emptyDir: { medium: 'Memory' } },
      { name: 'istio-data', emptyDir: {} },
      {
        name: 'istio-podinfo',
        downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } }] },
      },
      { name: 'istio-token', projected: { sources: [{ serviceAccountToken: { audience: 'istio-ca', expirationSeconds: 43200, path: 'istio-token' } }] } },
      { name: 'istiod-ca-cert', configMap: { name: 'istio-ca-root-cert' } },
    ]);
    expect(f.spec.securityContext).toEqual({ fsGroup: 1337 });
    expect(f.spec.imagePullSecrets).toBeUndefined();
  });

  it('revision: CA_ADDR names istiod-<rev>', () => {
    expect(envOf(proxyOf(sidecar({}, source(['revision=canary'])))).CA_ADDR).toBe('istiod-canary.istio-system.svc:15012');
    expect(envOf(proxyOf(sidecar({}, source(['values.global.caAddress=ca.example:443'])))).CA_ADDR).toBe('ca.example:443');
  });

  it('values: cluster, network, mesh id, pull policy and secrets, first-party JWT, sts port, JSON logs', () => {
    const src = source([
      'values.global.multiCluster.clusterName=c1',
      'values.global.network=n1',
      'values.global.meshID=m1',
      'values.global.imagePullPolicy=IfNotPresent',
      'values.global.imagePullSecrets[0]=pull',
      'values.global.jwtPolicy=first-party-jwt',
      'values.global.sts.servicePort=15463',
      'values.global.logAsJson=true',
      'values.global.proxy.clusterDomain=corp.local',
    ]);
    const f = sidecar({}, src);
    const p = proxyOf(f);
    expect(envOf(p)).toMatchObject({ ISTIO_META_CLUSTER_ID: 'c1', ISTIO_META_NETWORK: 'n1', ISTIO_META_MESH_ID: 'm1', JWT_POLICY: 'first-party-jwt' });
    expect(p.imagePullPolicy).toBe('IfNotPresent');
    expect(initOf(f)?.imagePullPolicy).toBe('IfNotPresent');
    expect(f.spec.imagePullSecrets).toEqual([{ name: 'pull' }]);
    expect(f.spec.volumes.map((v) => v.name)).not.toContain('istio-token');
    expect(p.volumeMounts?.map((m) => m.name)).not.toContain('istio-token');
    expect(f.spec.securityContext).toBeUndefined();
    expect(p.args).toEqual(expect.arrayContaining(['--stsPort=15463', '--log_as_json', '$(POD_NAMESPACE).svc.corp.local']));
  });

  it('values: hub, tag and image names; an image with "/" is used as is', () => {
    const f = sidecar({}, source(['hub=my.reg/istio', 'tag=1.11.8-distroless']));
    expect(proxyOf(f).image).toBe('my.reg/istio/proxyv2:1.11.8-distroless');
    expect(initOf(f)?.image).toBe('my.reg/istio/proxyv2:1.11.8-distroless');
    const g = sidecar({}, source(['values.global.proxy.image=other.reg/proxy:x', 'values.global.proxy_init.image=other.reg/init:y']));
    expect(proxyOf(g).image).toBe('other.reg/proxy:x');
    expect(initOf(g)?.image).toBe('other.reg/init:y');
  });

  it('sidecar.istio.io/proxyImage: a full reference replaces both images; a bare name is ignored', () => {
    const f = sidecar({ annotations: { 'sidecar.istio.io/proxyImage': 'mirror.example/proxyv2:debug' } });
    expect(proxyOf(f).image).toBe('mirror.example/proxyv2:debug');
    expect(initOf(f)?.image).toBe('mirror.example/proxyv2:debug');
    expect(proxyOf(sidecar({ annotations: { 'sidecar.istio.io/proxyImage': 'proxyv2-debug' } })).image).toBe('docker.io/istio/proxyv2:1.11.8');
  });

  it('sidecar.istio.io/logLevel, componentLogLevel, agentLogLevel', () => {
    const p = proxyOf(sidecar({ annotations: { 'sidecar.istio.io/logLevel': 'debug', 'sidecar.istio.io/componentLogLevel': 'upstream:debug,connection:trace', 'sidecar.istio.io/agentLogLevel': 'default:debug' } }));
    expect(p.args?.slice(4)).toEqual(['--proxyLogLevel=debug', '--proxyComponentLogLevel=upstream:debug,connection:trace', '--log_output_level=default:debug']);
    const q = proxyOf(sidecar({}, source(['values.global.proxy.logLevel=error', 'values.global.proxy.componentLogLevel=misc:info', 'values.global.logging.level=default:warn'])));
    expect(q.args?.slice(4)).toEqual(['--proxyLogLevel=error', '--proxyComponentLogLevel=misc:info', '--log_output_level=default:warn']);
  });

  describe('resources', () => {
    const res = (a: Record<string, string>) => proxyOf(sidecar({ annotations: a })).resources;
    it('proxyCPU and proxyMemory give the requests only; the values resources are dropped', () => {
      expect(res({ 'sidecar.istio.io/proxyCPU': '250m', 'sidecar.istio.io/proxyMemory': '256Mi' })).toEqual({ requests: { cpu: '250m', memory: '256Mi' } });
      expect(res({ 'sidecar.istio.io/proxyCPU': '250m' })).toEqual({ requests: { cpu: '250m' } });
    });
    it('proxyCPULimit and proxyMemoryLimit give the limits', () => {
      expect(res({ 'sidecar.istio.io/proxyCPULimit': '1', 'sidecar.istio.io/proxyMemoryLimit': '1Gi' })).toEqual({ limits: { cpu: '1', memory: '1Gi' } });
      expect(res({ 'sidecar.istio.io/proxyMemoryLimit': '1Gi' })).toEqual({ limits: { memory: '1Gi' } });
    });
    it('all four', () => {
      expect(res({ 'sidecar.istio.io/proxyCPU': '100m', 'sidecar.istio.io/proxyMemory': '64Mi', 'sidecar.istio.io/proxyCPULimit': '2', 'sidecar.istio.io/proxyMemoryLimit': '512Mi' })).toEqual({
        requests: { cpu: '100m', memory: '64Mi' },
        limits: { cpu: '2', memory: '512Mi' },
      });
    });
    it('without annotations: values.global.proxy.resources', () => {
      expect(proxyOf(sidecar({}, source(['values.global.proxy.resources.requests.cpu=300m']))).resources).toEqual({
        limits: { cpu: '2000m', memory: '1024Mi' },
        requests: { cpu: '300m', memory: '128Mi' },
      });
    });
  });

  describe('interception mode', () => {
    it('TPROXY: istio-iptables -m TPROXY; the proxy gets NET_ADMIN and runs as root', () => {
      const f = sidecar({ annotations: { 'sidecar.istio.io/interceptionMode': 'TPROXY' } });
      expect(iptablesArg(f, '-m')).toBe('TPROXY');
      expect(envOf(proxyOf(f)).ISTIO_META_INTERCEPTION_MODE).toBe('TPROXY');
      expect(proxyOf(f).securityContext).toMatchObject({ capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] }, runAsUser: 0, runAsNonRoot: false, runAsGroup: 1337 });
    });
    it('NONE: no init container', () => {
      const f = sidecar({ annotations: { 'sidecar.istio.io/interceptionMode': 'NONE' } });
      expect(f.spec.initContainers).toBeUndefined();
      expect(envOf(proxyOf(f)).ISTIO_META_INTERCEPTION_MODE).toBe('NONE');
    });
    it('the mesh default (defaultConfig.interceptionMode) applies without the annotation', () => {
      const f = sidecar({}, source(['meshConfig.defaultConfig.interceptionMode=TPROXY']));
      expect(iptablesArg(f, '-m')).toBe('TPROXY');
    });
  });

  describe('traffic annotations', () => {
    it('include/exclude outbound IP ranges', () => {
      const f = sidecar({ annotations: { 'traffic.sidecar.istio.io/includeOutboundIPRanges': '10.0.0.0/8,172.16.0.0/12', 'traffic.sidecar.istio.io/excludeOutboundIPRanges': '10.96.0.1/32' } });
      expect(iptablesArg(f, '-i')).toBe('10.0.0.0/8,172.16.0.0/12');
      expect(iptablesArg(f, '-x')).toBe('10.96.0.1/32');
      const g = sidecar({}, source(['values.global.proxy.includeIPRanges=10.0.0.0/8', 'values.global.proxy.excludeIPRanges=10.1.0.0/16']));
      expect([iptablesArg(g, '-i'), iptablesArg(g, '-x')]).toEqual(['10.0.0.0/8', '10.1.0.0/16']);
    });
    it('include/exclude inbound ports; the status port and 15090/15021 stay excluded', () => {
      const f = sidecar({ annotations: { 'traffic.sidecar.istio.io/includeInboundPorts': '8080,9090', 'traffic.sidecar.istio.io/excludeInboundPorts': '9999' } });
      expect(iptablesArg(f, '-b')).toBe('8080,9090');
      expect(iptablesArg(f, '-d')).toBe('15090,15021,9999,15020');
      expect(iptablesArg(sidecar({}, source(['values.global.proxy.excludeInboundPorts=7000'])), '-d')).toBe('15090,15021,7000,15020');
    });
    it('include/exclude outbound ports and kubevirt interfaces add -q, -o and -k only when set', () => {
      expect(initOf(sidecar())?.args).not.toEqual(expect.arrayContaining(['-q']));
      expect(initOf(sidecar())?.args).not.toEqual(expect.arrayContaining(['-o']));
      expect(initOf(sidecar())?.args).not.toEqual(expect.arrayContaining(['-k']));
      const f = sidecar({ annotations: { 'traffic.sidecar.istio.io/includeOutboundPorts': '443,8443', 'traffic.sidecar.istio.io/excludeOutboundPorts': '3306', 'traffic.sidecar.istio.io/kubevirtInterfaces': 'net1,net2' } });
      expect([iptablesArg(f, '-q'), iptablesArg(f, '-o'), iptablesArg(f, '-k')]).toEqual(['443,8443', '3306', 'net1,net2']);
      expect(iptablesArg(sidecar({}, source(['values.global.proxy.excludeOutboundPorts=5432'])), '-o')).toBe('5432');
    });
    it('status.sidecar.istio.io/port: excluded from redirection; 0 removes the readiness probe', () => {
      const f = sidecar({ annotations: { 'status.sidecar.istio.io/port': '15555' } });
      expect(iptablesArg(f, '-d')).toBe('15090,15021,15555');
      expect(proxyOf(f).readinessProbe?.httpGet).toEqual({ path: '/healthz/ready', port: 15021 });
      const g = sidecar({ annotations: { 'status.sidecar.istio.io/port': '0' } });
      expect(iptablesArg(g, '-d')).toBe('15090,15021');
      expect(proxyOf(g).readinessProbe).toBeUndefined();
    });
    it('readiness.status.sidecar.istio.io/* set the probe timing', () => {
      const p = proxyOf(sidecar({ annotations: { 'readiness.status.sidecar.istio.io/initialDelaySeconds': '5', 'readiness.status.sidecar.istio.io/periodSeconds': '7', 'readiness.status.sidecar.istio.io/failureThreshold': '11' } }));
      expect(p.readinessProbe).toMatchObject({ initialDelaySeconds: 5, periodSeconds: 7, failureThreshold: 11, timeoutSeconds: 3 });
      const q = proxyOf(sidecar({}, source(['values.global.proxy.readinessInitialDelaySeconds=4', 'values.global.proxy.readinessPeriodSeconds=6', 'values.global.proxy.readinessFailureThreshold=8'])));
      expect(q.readinessProbe).toMatchObject({ initialDelaySeconds: 4, periodSeconds: 6, failureThreshold: 8 });
    });
  });

  describe('CNI', () => {
    it('chained: istio-validation only checks the redirection, unprivileged; the plugin reads the traffic annotations', () => {
      const f = sidecar({ annotations: { 'traffic.sidecar.istio.io/excludeOutboundPorts': '3306' } }, source(CNI));
      const init = initOf(f);
      expect(f.spec.initContainers?.map((c) => c.name)).toEqual(['istio-validation']);
      expect(init?.args?.slice(-2)).toEqual(['--run-validation', '--skip-rule-apply']);
      expect(init?.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        privileged: false,
        capabilities: { drop: ['ALL'] },
        readOnlyRootFilesystem: true,
        runAsGroup: 1337,
        runAsNonRoot: true,
        runAsUser: 1337,
      });
      expect(f.metadata.annotations).toEqual({
        'kubectl.kubernetes.io/default-container': 'app',
        'kubectl.kubernetes.io/default-logs-container': 'app',
        'sidecar.istio.io/interceptionMode': 'REDIRECT',
        'traffic.sidecar.istio.io/includeOutboundIPRanges': '*',
        'traffic.sidecar.istio.io/includeInboundPorts': '*',
        'traffic.sidecar.istio.io/excludeInboundPorts': '15020',
        'traffic.sidecar.istio.io/excludeOutboundPorts': '3306',
      });
    });
    it('no container asks for NET_ADMIN or NET_RAW or runs as root', () => {
      const f = sidecar({}, source(CNI));
      for (const c of [...(f.spec.initContainers ?? []), ...f.spec.containers]) {
        expect(c.securityContext?.capabilities?.add ?? [], c.name).toEqual([]);
        expect(c.securityContext?.runAsUser, c.name).toBe(1337);
        expect(c.securityContext?.runAsNonRoot, c.name).toBe(true);
        expect(c.securityContext?.privileged, c.name).toBe(false);
      }
    });
    it('not chained (multus): k8s.v1.cni.cncf.io/networks gets istio-cni appended', () => {
      const src = source(MULTUS);
      expect(sidecar({}, src).metadata.annotations['k8s.v1.cni.cncf.io/networks']).toBe('istio-cni');
      expect(sidecar({ annotations: { 'k8s.v1.cni.cncf.io/networks': 'macvlan-conf' } }, src).metadata.annotations['k8s.v1.cni.cncf.io/networks']).toBe('macvlan-conf, istio-cni');
      expect(sidecar({}, source(CNI)).metadata.annotations).not.toHaveProperty('k8s.v1.cni.cncf.io/networks');
      expect(sidecar().metadata.annotations).not.toHaveProperty('k8s.v1.cni.cncf.io/networks');
    });
  });

  describe('holdApplicationUntilProxyStarts', () => {
    const hook = { postStart: { exec: { command: ['pilot-agent', 'wait'] } } };
    it('from the pod\'s proxy.istio.io/config', () => {
      expect(proxyOf(sidecar({ annotations: { 'proxy.istio.io/config': 'holdApplicationUntilProxyStarts: true' } })).lifecycle).toEqual(hook);
    });
    it('from meshConfig.defaultConfig', () => {
      expect(proxyOf(sidecar({}, source(['meshConfig.defaultConfig.holdApplicationUntilProxyStarts=true']))).lifecycle).toEqual(hook);
    });
    it('from values.global.proxy.holdApplicationUntilProxyStarts', () => {
      expect(proxyOf(sidecar({}, source(['values.global.proxy.holdApplicationUntilProxyStarts=true']))).lifecycle).toEqual(hook);
    });
    it('values.global.proxy.lifecycle wins', () => {
      const src = source(['values.global.proxy.holdApplicationUntilProxyStarts=true', 'values.global.proxy.lifecycle.preStop.exec.command[0]=sleep', 'values.global.proxy.lifecycle.preStop.exec.command[1]=5']);
      expect(proxyOf(sidecar({}, src)).lifecycle).toEqual({ preStop: { exec: { command: ['sleep', '5'] } } });
    });
  });

  it('proxyMetadata becomes env of istio-init and istio-proxy', () => {
    const f = sidecar({ annotations: { 'proxy.istio.io/config': '{"proxyMetadata":{"ISTIO_META_DNS_CAPTURE":"true"}}' } });
    expect(envOf(initOf(f))).toEqual({ ISTIO_META_DNS_CAPTURE: 'true' });
    expect(envOf(proxyOf(f)).ISTIO_META_DNS_CAPTURE).toBe('true');
  });

  it('sidecar.istio.io/bootstrapOverride mounts the ConfigMap and points the agent at it', () => {
    const f = sidecar({ annotations: { 'sidecar.istio.io/bootstrapOverride': 'my-bootstrap' } });
    expect(f.spec.volumes).toContainEqual({ name: 'custom-bootstrap-volume', configMap: { name: 'my-bootstrap' } });
    expect(proxyOf(f).volumeMounts).toContainEqual({ name: 'custom-bootstrap-volume', mountPath: '/etc/istio/custom-bootstrap' });
    expect(envOf(proxyOf(f)).ISTIO_BOOTSTRAP_OVERRIDE).toBe('/etc/istio/custom-bootstrap/custom_bootstrap.json');
  });

  it('sidecar.istio.io/userVolume and userVolumeMount add volumes and mounts by name; invalid JSON adds none', () => {
    const f = sidecar({ annotations: { 'sidecar.istio.io/userVolume': '{"cache":{"emptyDir":{}},"certs":{"secret":{"secretName":"tls"}}}', 'sidecar.istio.io/userVolumeMount': '{"certs":{"mountPath":"/etc/tls","readOnly":true}}' } });
    expect(f.spec.volumes.slice(-2)).toEqual([{ name: 'cache', emptyDir: {} }, { name: 'certs', secret: { secretName: 'tls' } }]);
    expect(proxyOf(f).volumeMounts?.at(-1)).toEqual({ name: 'certs', mountPath: '/etc/tls', readOnly: true });
    const g = sidecar({ annotations: { 'sidecar.istio.io/userVolume': 'not json', 'sidecar.istio.io/userVolumeMount': '[1' } });
    expect(g.spec.volumes.map((v) => v.name)).toEqual(sidecar().spec.volumes.map((v) => v.name));
  });

  it('sidecar.istio.io/enableCoreDump (or the value) adds the privileged enable-core-dump init container and a writable root', () => {
    const f = sidecar({ annotations: { 'sidecar.istio.io/enableCoreDump': 'true' } });
    expect(f.spec.initContainers?.map((c) => c.name)).toEqual(['istio-init', 'enable-core-dump']);
    expect(f.spec.initContainers?.[1]?.securityContext).toMatchObject({ privileged: true, capabilities: { add: ['SYS_ADMIN'] }, runAsUser: 0 });
    expect(proxyOf(f).securityContext?.readOnlyRootFilesystem).toBe(false);
    expect(sidecar({}, source(['values.global.proxy.enableCoreDump=true'])).spec.initContainers?.map((c) => c.name)).toEqual(['istio-init', 'enable-core-dump']);
    expect(sidecar({ annotations: { 'sidecar.istio.io/enableCoreDump': 'false' } }, source(['values.global.proxy.enableCoreDump=true'])).spec.initContainers?.map((c) => c.name)).toEqual(['istio-init']);
  });

  it('mountMtlsCerts mounts the istio.<service account> Secret', () => {
    const f = sidecar({ serviceAccountName: 'web-sa' }, source(['values.global.mountMtlsCerts=true']));
    expect(f.spec.volumes).toContainEqual({ name: 'istio-certs', secret: { optional: true, secretName: 'istio.web-sa' } });
    expect(proxyOf(f).volumeMounts).toContainEqual({ name: 'istio-certs', mountPath: '/etc/certs/', readOnly: true });
  });

  it('--concurrency only when the mesh leaves concurrency unset: the CPU limit rounded up (EstimatedConcurrency)', () => {
    expect(proxyOf(sidecar({ annotations: { 'sidecar.istio.io/proxyCPULimit': '1500m' } })).args).not.toContain('--concurrency');
    const src = source();
    const { concurrency: _unset, ...defaultConfig } = src.meshConfig.defaultConfig as Record<string, unknown>;
    const noConcurrency = { ...src, meshConfig: { ...src.meshConfig, defaultConfig } };
    expect(proxyOf(sidecar({ annotations: { 'sidecar.istio.io/proxyCPULimit': '1500m' } }, noConcurrency)).args?.slice(-2)).toEqual(['--concurrency', '2']);
  });

  it('privileged proxies (values.global.proxy.privileged)', () => {
    const f = sidecar({}, source(['values.global.proxy.privileged=true']));
    expect(proxyOf(f).securityContext).toMatchObject({ privileged: true, allowPrivilegeEscalation: true });
  });

  it('workload metadata of a bare Pod and of a CronJob\'s Job', () => {
    expect(envOf(proxyOf(sidecar({ kind: 'Pod', apiVersion: 'v1', name: 'web-1' })))).toMatchObject({ ISTIO_META_OWNER: 'kubernetes://apis/v1/namespaces/shop/pods/web-1', ISTIO_META_WORKLOAD_NAME: 'web-1' });
    expect(envOf(proxyOf(sidecar({ kind: 'CronJob', apiVersion: 'batch/v1beta1', name: 'nightly' }))).ISTIO_META_OWNER).toBe('kubernetes://apis/batch/v1beta1/namespaces/shop/cronjobs/nightly');
  });

  it('ISTIO_META_APP_CONTAINERS and POD_PORTS list every application container', () => {
    const p = proxyOf(sidecar({ containers: [{ name: 'a', ports: [{ containerPort: 80 }] }, { name: 'b', ports: [{ containerPort: 53, protocol: 'UDP' }] }] }));
    expect(envOf(p).ISTIO_META_APP_CONTAINERS).toBe('a,b');
    expect(JSON.parse(envOf(p).ISTIO_META_POD_PORTS as string)).toEqual([{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }]);
  });

  it('values that contain YAML syntax stay strings (the template quotes what it prints)', () => {
    const f = sidecar({ annotations: { 'sidecar.istio.io/logLevel': 'a: "b"', 'traffic.sidecar.istio.io/excludeOutboundPorts': '#1, {x}' } });
    expect(proxyOf(f).args).toContain('--proxyLogLevel=a: "b"');
    expect(iptablesArg(f, '-o')).toBe('#1, {x}');
  });

  it('numeric annotations are printed as numbers; garbage in one is a clear error naming the template, not a crash', () => {
    const r = runTemplates(source(), pod({ annotations: { 'readiness.status.sidecar.istio.io/periodSeconds': '5: {x' } }), ['sidecar']);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues.map((i) => [i.code, i.path])).toEqual([['inject-template-yaml', 'templates.sidecar']]);
  });
});

// ---- gateway ------------------------------------------------------------------------------------

describe('gateway template', () => {
  const gwPod = (annotations?: Record<string, string>) =>
    pod({
      labels: { app: 'istio-ingressgateway', istio: 'ingressgateway' },
      name: 'istio-ingressgateway',
      containers: [{ name: 'istio-proxy', image: 'auto', ports: [{ containerPort: 8080, protocol: 'TCP' }] }],
      annotations: { 'inject.istio.io/templates': 'gateway', ...annotations },
    });

  it('the proxy as a router: no init container, no redirection, the configured image', () => {
    const f = run('gateway', gwPod());
    expect(f.spec.initContainers).toBeUndefined();
    expect(f.spec.containers.map((c) => c.name)).toEqual(['istio-proxy']);
    const p = proxyOf(f);
    expect(p.image).toBe('docker.io/istio/proxyv2:1.11.8');
    expect(p.args).toEqual(['proxy', 'router', '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--proxyLogLevel=warning', '--proxyComponentLogLevel=misc:error', '--log_output_level=default:info']);
    expect(p.readinessProbe?.httpGet).toEqual({ path: '/healthz/ready', port: 15021 });
    expect(p.securityContext).toBeUndefined();
    expect(p.resources).toBeUndefined();
    expect(envOf(p)).toMatchObject({ CA_ADDR: 'istiod.istio-system.svc:15012', ISTIO_META_WORKLOAD_NAME: 'istio-ingressgateway', ISTIO_META_APP_CONTAINERS: '' });
    expect(f.metadata.labels).toEqual({ 'service.istio.io/canonical-name': 'istio-ingressgateway', 'service.istio.io/canonical-revision': 'latest', 'istio.io/rev': 'default' });
    expect(f.metadata.annotations).toEqual({});
    expect(f.spec.volumes.map((v) => v.name)).toEqual(['istio-envoy', 'istio-data', 'istio-podinfo', 'istio-token', 'istiod-ca-cert']);
  });

  it('follows the revision, hub and tag of the injector, and the proxyImage annotation', () => {
    const f = run('gateway', gwPod(), source(['revision=canary', 'hub=my.reg', 'tag=t1']));
    expect(proxyOf(f).image).toBe('my.reg/proxyv2:t1');
    expect(envOf(proxyOf(f)).CA_ADDR).toBe('istiod-canary.istio-system.svc:15012');
    expect(f.metadata.labels['istio.io/rev']).toBe('canary');
    expect(proxyOf(run('gateway', gwPod({ 'sidecar.istio.io/proxyImage': 'mirror/proxyv2:x' }))).image).toBe('mirror/proxyv2:x');
  });

  it('does not interpret CNI settings (nothing to redirect)', () => {
    const f = run('gateway', gwPod(), source(MULTUS));
    expect(f.metadata.annotations).toEqual({});
    expect(f.spec.initContainers).toBeUndefined();
  });
});

// ---- grpc ---------------------------------------------------------------------------------------

describe('grpc-agent template', () => {
  it('the agent without Envoy next to the application, sharing the bootstrap and certificates', () => {
    const f = run('grpc-agent');
    expect(f.spec.initContainers).toBeUndefined();
    expect(f.spec.containers.map((c) => c.name)).toEqual(['app', 'istio-proxy']);
    const [app, agent] = f.spec.containers as [Container, Container];
    // 1.11 keeps the bootstrap with the certificates on istio-data (a separate istio-xds volume came later).
    expect(envOf(app)).toEqual({ GRPC_XDS_BOOTSTRAP: '/var/lib/istio/data/grpc-bootstrap.json' });
    expect(app.volumeMounts).toEqual([{ mountPath: '/var/lib/istio/data', name: 'istio-data' }]);
    expect(envOf(agent)).toMatchObject({ ISTIO_META_GENERATOR: 'grpc', DISABLE_ENVOY: 'true', OUTPUT_CERTS: '/var/lib/istio/data', ISTIO_META_DNS_CAPTURE: 'false', ISTIO_META_APP_CONTAINERS: 'app' });
    expect(agent.args).toEqual(['proxy', 'sidecar', '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--log_output_level=default:info']);
    expect(agent.readinessProbe?.httpGet).toEqual({ path: '/healthz/ready', port: 15020 });
    expect(agent.securityContext).toMatchObject({ runAsUser: 1337, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
    expect(f.metadata.annotations).toMatchObject({ 'sidecar.istio.io/rewriteAppHTTPProbers': 'false' });
    expect(f.spec.volumes.map((v) => v.name)).toEqual(['istio-data', 'istio-podinfo', 'istio-token', 'istiod-ca-cert']);
  });

  it('an existing istio-proxy container is not treated as an application', () => {
    const f = run('grpc-agent', pod({ containers: [{ name: 'app' }, { name: 'istio-proxy', image: 'auto' }] }));
    expect(f.spec.containers.map((c) => c.name)).toEqual(['app', 'istio-proxy']);
  });

  it('resource annotations apply to the agent', () => {
    expect(proxyOf(run('grpc-agent', pod({ annotations: { 'sidecar.istio.io/proxyCPU': '50m' } }))).resources).toEqual({ requests: { cpu: '50m' } });
  });
});

describe('grpc-simple template', () => {
  it('an init container writes the xDS bootstrap; every container reads it', () => {
    const f = run('grpc-simple', pod({ containers: [{ name: 'a' }, { name: 'b' }] }));
    expect(f.spec.initContainers?.map((c) => c.name)).toEqual(['grpc-bootstrap-init']);
    expect(f.spec.containers.map((c) => [c.name, envOf(c)])).toEqual([
      ['a', { GRPC_XDS_BOOTSTRAP: '/var/lib/grpc/data/bootstrap.json' }],
      ['b', { GRPC_XDS_BOOTSTRAP: '/var/lib/grpc/data/bootstrap.json' }],
    ]);
    expect(f.spec.volumes).toEqual([{ name: 'grpc-io-proxyless-bootstrap', emptyDir: {} }]);
    expect(f.metadata.annotations).toEqual({ 'sidecar.istio.io/rewriteAppHTTPProbers': 'false' });
  });

  it('the bootstrap names the plain-text xDS port of the revision\'s istiod', () => {
    const init = run('grpc-simple', pod(), source(['revision=canary'])).spec.initContainers?.[0];
    expect(envOf(init)).toMatchObject({ ISTIO_NAMESPACE: 'istio-system', XDS_ADDRESS: 'istiod-canary.$(ISTIO_NAMESPACE).svc:15010' });
    const script = init?.command?.[2] ?? '';
    expect(script).toContain('"server_uri": "dns:///${XDS_ADDRESS}"');
    expect(script).toMatch(/^EOF$/m);
    expect(envOf(run('grpc-simple').spec.initContainers?.[0]).XDS_ADDRESS).toBe('istiod.$(ISTIO_NAMESPACE).svc:15010');
  });
});
