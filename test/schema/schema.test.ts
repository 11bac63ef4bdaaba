import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SCHEMA_FILES, loadAll, makeAjv, type JsonSchema } from './load-schemas.js';
import { walk } from './walk.js';
import { DEFAULT_PROFILE, DEMO_OVERLAY, EXTERNAL_PROFILE, K8S_SETTINGS, LEGACY_VALUES, OPENSHIFT_PROFILE } from './fixtures.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const schemas = loadAll();
const ajv = makeAjv();

function validator() {
  const v = ajv.getSchema('istio-operator.schema.json');
  if (!v) throw new Error('istio-operator.schema.json not registered');
  return v;
}

function errorsOf(doc: unknown) {
  const v = validator();
  return v(doc) ? [] : (v.errors ?? []);
}

describe('schema files', () => {
  it('are what schema/src produces (node schema/src/build.mjs --check)', () => {
    expect(() => execFileSync('node', ['schema/src/build.mjs', '--check'], { cwd: repoRoot, stdio: 'pipe' })).not.toThrow();
  });

  it('have the $id the cross-file references use', () => {
    for (const f of SCHEMA_FILES) expect(schemas[f].$id).toBe(f);
  });

  it('compile together in strict mode, and every definition and $ref resolves', () => {
    let refs = 0;
    for (const f of SCHEMA_FILES) {
      const defs = (schemas[f].definitions ?? {}) as Record<string, JsonSchema>;
      for (const name of Object.keys(defs)) {
        expect(() => ajv.compile({ $ref: `${f}#/definitions/${name}` }), `${f} ${name}`).not.toThrow();
      }
      walk(schemas[f], ({ node }) => {
        if (typeof node.$ref === 'string') {
          refs++;
          const target = node.$ref.startsWith('#') ? `${f}${node.$ref}` : node.$ref;
          expect(ajv.getSchema(target), `${f}: ${node.$ref}`).toBeDefined();
        }
      });
    }
    expect(refs).toBeGreaterThan(200);
    expect(ajv.getSchema('istio-operator.schema.json')).toBeDefined();
  });
});

describe('schema conventions', () => {
  it('every property and every definition has a description', () => {
    const missing: string[] = [];
    let described = 0;
    for (const f of SCHEMA_FILES) {
      walk(schemas[f], ({ pointer, node, propertyName }) => {
        const isDefinition = /\/definitions\/[^/]+$/.test(pointer);
        if (propertyName === undefined && !isDefinition) return;
        if (typeof node.description !== 'string' || node.description.trim() === '') missing.push(`${f}#${pointer}`);
        else if (propertyName !== undefined) described++;
      });
    }
    expect(missing).toEqual([]);
    expect(described).toBeGreaterThan(700);
  });

  it('definitions carry a title (the generated type name)', () => {
    for (const f of SCHEMA_FILES) {
      for (const [name, node] of Object.entries((schemas[f].definitions ?? {}) as Record<string, JsonSchema>)) {
        expect(node.title, `${f} ${name}`).toBe(name);
      }
    }
  });

  it('closes every object that lists properties, except the legacy addon blocks', () => {
    const open: string[] = [];
    for (const f of SCHEMA_FILES) {
      walk(schemas[f], ({ pointer, node }) => {
        if (node.properties !== undefined && node.additionalProperties !== false) open.push(`${f}#${pointer}`);
      });
    }
    expect(open.sort()).toEqual([
      'values.schema.json#/properties/grafana',
      'values.schema.json#/properties/istiocoredns',
      'values.schema.json#/properties/kiali',
      'values.schema.json#/properties/prometheus',
      'values.schema.json#/properties/tracing',
    ]);
  });

  it('leaves only a known set of objects free', () => {
    const free: string[] = [];
    for (const f of SCHEMA_FILES) {
      walk(schemas[f], ({ pointer, node }) => {
        if (node.type === 'object' && node.properties === undefined && node.additionalProperties === undefined) free.push(`${f}#${pointer}`);
      });
    }
    expect(free.sort()).toEqual([
      'istio-operator.schema.json#/definitions/IstioOperatorSpec/properties/unvalidatedValues',
      'k8s.schema.json#/definitions/ObjectMeta/properties/managedFields/items',
      'k8s.schema.json#/definitions/Volume/properties/ephemeral/properties/volumeClaimTemplate/properties/metadata',
      'k8s.schema.json#/definitions/Volume/properties/ephemeral/properties/volumeClaimTemplate/properties/spec',
      'values.schema.json#/definitions/EgressGatewayConfig/properties/additionalContainers/items',
      'values.schema.json#/definitions/GlobalProxyConfig/properties/envoyAccessLogService',
      'values.schema.json#/definitions/GlobalProxyConfig/properties/envoyMetricsService',
      'values.schema.json#/definitions/IngressGatewayConfig/properties/additionalContainers/items',
      'values.schema.json#/definitions/TelemetryConfig/properties/v2/properties/prometheus/properties/configOverride/properties/gateway',
      'values.schema.json#/definitions/TelemetryConfig/properties/v2/properties/prometheus/properties/configOverride/properties/inboundSidecar',
      'values.schema.json#/definitions/TelemetryConfig/properties/v2/properties/prometheus/properties/configOverride/properties/outboundSidecar',
      'values.schema.json#/definitions/TelemetryConfig/properties/v2/properties/stackdriver/properties/configOverride',
    ]);
  });

  it('marks every top-level values property with the charts that read it', () => {
    // The gateway chart has its own root (GatewayChartValues): no spec.values property names it.
    const charts = new Set(['base', 'istiod', 'istiod-remote', 'cni']);
    const props = schemas['values.schema.json'].properties as Record<string, JsonSchema>;
    for (const [name, node] of Object.entries(props)) {
      const x = node['x-charts'];
      expect(Array.isArray(x), name).toBe(true);
      for (const c of x as unknown[]) expect(charts.has(c as string), `${name}: ${String(c)}`).toBe(true);
    }
    expect(props.global['x-charts']).toEqual([...charts]);
    expect(props.gateways['x-charts']).toEqual([]);
    expect(props.cni['x-charts']).toEqual(['cni']);
    // every chart reads something
    const used = new Set(Object.values(props).flatMap((n) => n['x-charts'] as string[]));
    expect(used).toEqual(charts);
  });

  it('x-deprecated is a non-empty replacement text, on the paths istioctl 1.11 warns about', () => {
    const deprecated: string[] = [];
    for (const f of SCHEMA_FILES) {
      walk(schemas[f], ({ pointer, node }) => {
        if (node['x-deprecated'] === undefined) return;
        expect(typeof node['x-deprecated']).toBe('string');
        expect((node['x-deprecated'] as string).length).toBeGreaterThan(3);
        deprecated.push(`${f}#${pointer}`);
      });
    }
    for (const p of [
      'values.schema.json#/definitions/GlobalProxyConfig/properties/holdApplicationUntilProxyStarts',
      'values.schema.json#/definitions/GlobalConfig/properties/certificates',
      'values.schema.json#/definitions/GlobalConfig/properties/centralIstiod',
      'values.schema.json#/definitions/GlobalConfig/properties/arch',
      'values.schema.json#/definitions/TracerConfig/properties/zipkin/properties/address',
      'values.schema.json#/definitions/TelemetryConfig/properties/v2/properties/stackdriver/properties/logging',
      'values.schema.json#/properties/grafana/properties/enabled',
      'istio-operator.schema.json#/definitions/IstioOperatorSpec/properties/addonComponents',
    ]) {
      expect(deprecated).toContain(p);
    }
  });

  it('every default validates against its own schema', () => {
    let checked = 0;
    for (const f of SCHEMA_FILES) {
      walk(schemas[f], ({ pointer, node }) => {
        if (!('default' in node)) return;
        const v = ajv.compile({ $ref: `${f}#${pointer}` });
        expect(v(node.default), `${f}#${pointer}: ${JSON.stringify(v.errors)}`).toBe(true);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('uses no type arrays (ajv strict mode rejects union types; unions are anyOf)', () => {
    for (const f of SCHEMA_FILES) walk(schemas[f], ({ pointer, node }) => expect(Array.isArray(node.type), `${f}#${pointer}`).toBe(false));
  });
});

describe('good documents validate', () => {
  const cases: [string, string][] = [
    ['default profile', DEFAULT_PROFILE],
    ['demo overlay', DEMO_OVERLAY],
    ['external profile', EXTERNAL_PROFILE],
    ['openshift profile', OPENSHIFT_PROFILE],
    ['every k8s setting', K8S_SETTINGS],
    ['legacy paths (warned, not rejected)', LEGACY_VALUES],
  ];
  it.each(cases)('%s', (_name, text) => {
    expect(errorsOf(parse(text))).toEqual([]);
  });

  it('accepts the empty document, numeric tags and any unvalidatedValues', () => {
    expect(errorsOf({})).toEqual([]);
    expect(errorsOf({ spec: { tag: 1.11, components: { pilot: { tag: 2 } } } })).toEqual([]);
    expect(errorsOf({ spec: { unvalidatedValues: { x: { y: [1, 'a', null] } } } })).toEqual([]);
    // k8s settings are merged into the rendered objects, so partial objects are fine
    expect(errorsOf({ spec: { components: { pilot: { k8s: { readinessProbe: { httpGet: { path: '/ready' } }, hpaSpec: { scaleTargetRef: { name: 'istio-pilot' } } } } } } })).toEqual([]);
    expect(errorsOf({ spec: { components: { base: { k8s: { overlays: [{ kind: 'ClusterRoleBinding', name: 'istio-reader-istio-system', patches: [{ path: 'subjects.[name:istio-reader-service-account].name', value: 'x' }] }] } } } } })).toEqual([]);
  });
});

describe('bad documents fail at the expected path', () => {
  type Case = [name: string, doc: unknown, instancePath: string, keyword: string];
  const spec = (s: unknown) => ({ apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', spec: s });
  const pilotK8s = (k8s: unknown) => spec({ components: { pilot: { k8s } } });
  const values = (v: unknown) => spec({ values: v });
  const cases: Case[] = [
    ['unknown root key', { apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', specs: {} }, '', 'additionalProperties'],
    ['wrong apiVersion', { apiVersion: 'install.istio.io/v1beta1' }, '/apiVersion', 'enum'],
    ['wrong kind', { kind: 'Deployment' }, '/kind', 'enum'],
    ['unknown spec key', spec({ profiles: 'demo' }), '/spec', 'additionalProperties'],
    ['removed component', spec({ components: { citadel: { enabled: true } } }), '/spec/components', 'additionalProperties'],
    ['quoted enabled', spec({ components: { pilot: { enabled: 'true' } } }), '/spec/components/pilot/enabled', 'type'],
    ['tag as boolean', spec({ tag: true }), '/spec/tag', 'anyOf'],
    ['tag as map', spec({ tag: { a: 1 } }), '/spec/tag', 'anyOf'],
    ['hub on base', spec({ components: { base: { hub: 'x' } } }), '/spec/components/base', 'additionalProperties'],
    ['gateway label value not string', spec({ components: { ingressGateways: [{ name: 'g', label: { a: 1 } }] } }), '/spec/components/ingressGateways/0/label/a', 'type'],
    ['unknown k8s key', pilotK8s({ replicas: 2 }), '/spec/components/pilot/k8s', 'additionalProperties'],
    ['base takes only overlays', spec({ components: { base: { k8s: { resources: {} } } } }), '/spec/components/base/k8s', 'additionalProperties'],
    ['istiodRemote takes only overlays', spec({ components: { istiodRemote: { k8s: { env: [] } } } }), '/spec/components/istiodRemote/k8s', 'additionalProperties'],
    ['negative replicaCount', pilotK8s({ replicaCount: -1 }), '/spec/components/pilot/k8s/replicaCount', 'minimum'],
    ['env without name', pilotK8s({ env: [{ value: 'x' }] }), '/spec/components/pilot/k8s/env/0', 'required'],
    ['env value not string', pilotK8s({ env: [{ name: 'A', value: 1 }] }), '/spec/components/pilot/k8s/env/0/value', 'type'],
    ['bad quantity', pilotK8s({ resources: { requests: { cpu: 'lots' } } }), '/spec/components/pilot/k8s/resources/requests/cpu', 'anyOf'],
    ['bad resources key', pilotK8s({ resources: { request: {} } }), '/spec/components/pilot/k8s/resources', 'additionalProperties'],
    ['bad node operator', pilotK8s({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'Maybe' }] }] } } } }),
      '/spec/components/pilot/k8s/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/0/matchExpressions/0/operator', 'enum'],
    ['targetPort boolean', spec({ components: { ingressGateways: [{ name: 'g', k8s: { service: { ports: [{ port: 80, targetPort: true }] } } }] } }),
      '/spec/components/ingressGateways/0/k8s/service/ports/0/targetPort', 'anyOf'],
    ['bad service type', pilotK8s({ service: { type: 'Internal' } }), '/spec/components/pilot/k8s/service/type', 'enum'],
    ['hpa utilization as string', pilotK8s({ hpaSpec: { metrics: [{ type: 'Resource', resource: { name: 'cpu', targetAverageUtilization: '80' } }] } }),
      '/spec/components/pilot/k8s/hpaSpec/metrics/0/resource/targetAverageUtilization', 'type'],
    ['runAsUser fractional', pilotK8s({ securityContext: { runAsUser: 1.5 } }), '/spec/components/pilot/k8s/securityContext/runAsUser', 'type'],
    ['volume without name', pilotK8s({ volumes: [{ emptyDir: {} }] }), '/spec/components/pilot/k8s/volumes/0', 'required'],
    ['unknown volume source', pilotK8s({ volumes: [{ name: 'v', glusterFS: {} }] }), '/spec/components/pilot/k8s/volumes/0', 'additionalProperties'],
    ['overlay patch key', pilotK8s({ overlays: [{ kind: 'Deployment', name: 'istiod', patches: [{ path: 'a', values: 1 }] }] }),
      '/spec/components/pilot/k8s/overlays/0/patches/0', 'additionalProperties'],
    ['toleration effect', pilotK8s({ tolerations: [{ effect: 'NoRun' }] }), '/spec/components/pilot/k8s/tolerations/0/effect', 'enum'],
    ['probe port of the wrong type', pilotK8s({ readinessProbe: { httpGet: { port: 1.5 } } }), '/spec/components/pilot/k8s/readinessProbe/httpGet/port', 'anyOf'],
    ['unknown global key', values({ global: { badKey: 1 } }), '/spec/values/global', 'additionalProperties'],
    ['unknown proxy key', values({ global: { proxy: { foo: 1 } } }), '/spec/values/global/proxy', 'additionalProperties'],
    ['unknown cni key', values({ cni: { foo: 1 } }), '/spec/values/cni', 'additionalProperties'],
    ['proto alias the charts do not read', values({ gateways: { istio_ingressgateway: {} } }), '/spec/values/gateways', 'additionalProperties'],
    ['snake_case alias', values({ telemetry: { v2: { metadata_exchange: {} } } }), '/spec/values/telemetry/v2', 'additionalProperties'],
    ['traceSampling as string', values({ pilot: { traceSampling: '1' } }), '/spec/values/pilot/traceSampling', 'type'],
    ['plugins as maps', values({ pilot: { plugins: [{ a: 1 }] } }), '/spec/values/pilot/plugins/0', 'type'],
    ['bad proxy log level', values({ global: { proxy: { logLevel: 'verbose' } } }), '/spec/values/global/proxy/logLevel', 'enum'],
    ['statusPort too big', values({ global: { proxy: { statusPort: 70000 } } }), '/spec/values/global/proxy/statusPort', 'maximum'],
    ['keepalive not a duration', values({ pilot: { keepaliveMaxServerConnectionAge: '30 minutes' } }), '/spec/values/pilot/keepaliveMaxServerConnectionAge', 'pattern'],
    ['gateway type', values({ gateways: { 'istio-ingressgateway': { type: 'External' } } }), '/spec/values/gateways/istio-ingressgateway/type', 'enum'],
    ['gateway port without its merge key', values({ gateways: { 'istio-ingressgateway': { ports: [{ port: 80 }] } } }), '/spec/values/gateways/istio-ingressgateway/ports/0', 'required'],
    ['config source without its merge key', spec({ meshConfig: { configSources: [{ subscribedResources: ['SERVICE_REGISTRY'] }] } }), '/spec/meshConfig/configSources/0', 'required'],
    ['egress has no ingressPorts', values({ gateways: { 'istio-egressgateway': { ingressPorts: [] } } }), '/spec/values/gateways/istio-egressgateway', 'additionalProperties'],
    ['revision as number', values({ revision: 1 }), '/spec/values/revision', 'type'],
    ['proxyMetadata boolean (upstream bug fixed)', values({ meshConfig: { defaultConfig: { proxyMetadata: { X: false } } } }),
      '/spec/values/meshConfig/defaultConfig/proxyMetadata/X', 'type'],
    ['unknown meshConfig key', spec({ meshConfig: { foo: 1 } }), '/spec/meshConfig', 'additionalProperties'],
    ['unknown defaultConfig key', spec({ meshConfig: { defaultConfig: { foo: 1 } } }), '/spec/meshConfig/defaultConfig', 'additionalProperties'],
    ['outbound mode', spec({ meshConfig: { outboundTrafficPolicy: { mode: 'DENY' } } }), '/spec/meshConfig/outboundTrafficPolicy/mode', 'enum'],
    ['connectTimeout text', spec({ meshConfig: { connectTimeout: '10 seconds' } }), '/spec/meshConfig/connectTimeout', 'pattern'],
    ['extension provider without name', spec({ meshConfig: { extensionProviders: [{ zipkin: {} }] } }), '/spec/meshConfig/extensionProviders/0', 'required'],
    ['tracing sampling above 100', spec({ meshConfig: { defaultConfig: { tracing: { sampling: 101 } } } }), '/spec/meshConfig/defaultConfig/tracing/sampling', 'maximum'],
    ['status enum', { status: { status: 'BROKEN' } }, '/status/status', 'enum'],
  ];
  it.each(cases)('%s', (_name, doc, instancePath, keyword) => {
    const errors = errorsOf(doc);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((e) => `${e.instancePath} ${e.keyword}`)).toContain(`${instancePath} ${keyword}`);
  });

  it('reports all problems at once', () => {
    const errors = errorsOf(spec({ foo: 1, components: { pilot: { enabled: 'yes' } }, values: { global: { bar: 2 } } }));
    const paths = new Set(errors.map((e) => e.instancePath));
    expect(paths).toEqual(new Set(['/spec', '/spec/components/pilot/enabled', '/spec/values/global']));
  });
});

describe('json-schema-to-typescript', () => {
  it('compiles the schema to one named type per definition (no numbered duplicates)', async () => {
    const { compile } = await import('json-schema-to-typescript');
    const ts = await compile(schemas['istio-operator.schema.json'] as Parameters<typeof compile>[0], 'IstioOperator', {
      cwd: fileURLToPath(new URL('../../schema/', import.meta.url)),
      bannerComment: '',
    });
    const names = [...ts.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]);
    expect(names.filter((n) => /[a-z]\d+$/i.test(n) && !/^K8S/.test(n))).toEqual([]);
    for (const n of ['IstioOperator', 'IstioOperatorSpec', 'KubernetesResourcesSpec', 'Values', 'GlobalConfig', 'MeshConfig', 'ProxyConfig', 'GlobalProxyConfig']) {
      expect(names).toContain(n);
    }
    expect(ts).toMatch(/tag\?: string \| number;/);
    expect(ts).toMatch(/enabled\?: boolean;/);
  });
});

describe('Kubernetes field lists (1.22)', () => {
  const defs = schemas['k8s.schema.json'].definitions as Record<string, JsonSchema>;
  const keys = (name: string) => Object.keys(defs[name].properties as object).sort();
  it('Volume has a name and all 29 volume sources of core/v1', () => {
    expect(keys('Volume')).toEqual([
      'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'configMap', 'csi', 'downwardAPI', 'emptyDir',
      'ephemeral', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'gitRepo', 'glusterfs', 'hostPath', 'iscsi', 'name',
      'nfs', 'persistentVolumeClaim', 'photonPersistentDisk', 'portworxVolume', 'projected', 'quobyte', 'rbd', 'scaleIO',
      'secret', 'storageos', 'vsphereVolume',
    ]);
  });
  it('PodSecurityContext has every field', () => {
    expect(keys('PodSecurityContext')).toEqual([
      'fsGroup', 'fsGroupChangePolicy', 'runAsGroup', 'runAsNonRoot', 'runAsUser', 'seLinuxOptions', 'seccompProfile',
      'supplementalGroups', 'sysctls', 'windowsOptions',
    ]);
  });
  it('KubernetesResourcesSpec has the fields of Istio 1.11', () => {
    expect(keys('KubernetesResourcesSpec')).toEqual([
      'affinity', 'env', 'hpaSpec', 'imagePullPolicy', 'nodeSelector', 'overlays', 'podAnnotations', 'podDisruptionBudget',
      'priorityClassName', 'readinessProbe', 'replicaCount', 'resources', 'securityContext', 'service', 'serviceAnnotations',
      'strategy', 'tolerations', 'volumeMounts', 'volumes',
    ]);
  });
});
