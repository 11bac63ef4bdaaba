/**
 * The istiod chart (reference §4.2): the objects for default values and for a revision, their
 * labels and selectors, the mesh ConfigMap merge, the injector ConfigMap, the telemetry v2
 * EnvoyFilters, the HPA API version per Kubernetes version, no name collisions between two
 * control planes in one namespace, secure defaults; helm 3, helm 4 and the embedded renderer
 * agreeing; helm lint --strict.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { TemplateSet, type GoFuncSpec } from '../../src/gotemplate/index.js';
import { defaultMeshConfig } from '../../src/inject/mesh.js';
import { runTemplates } from '../../src/inject/run-templates.js';
import type { InjectionSource } from '../../src/inject/types.js';
import { renderFuncs } from '../../src/helm/engine.js';
import { formatKubeIssue, KUBE_VERSIONS, validateManifestText } from '../../src/manifest/kube/index.js';
import { CHARTS_ROOT, HELM_VERSIONS, helmRun, helmTemplate, objectId, parseDocs, renderOurs, templateArgs, type OursOptions } from './render.js';

interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly [key: string]: unknown;
}

interface EnvVar {
  readonly name: string;
  readonly value?: string;
}
interface Container {
  readonly name: string;
  readonly image: string;
  readonly args: string[];
  readonly env: EnvVar[];
  readonly securityContext: Record<string, unknown>;
  readonly volumeMounts: { name: string; mountPath: string }[];
  readonly readinessProbe: Record<string, unknown>;
}
interface DeploymentLike extends K8sObject {
  readonly spec: {
    readonly replicas?: number;
    readonly selector: { matchLabels: Record<string, string> };
    readonly template: {
      metadata: { labels: Record<string, string>; annotations: Record<string, string> };
      spec: { serviceAccountName: string; securityContext: Record<string, unknown>; containers: Container[]; volumes: { name: string }[] };
    };
  };
}
interface ConfigMapLike extends K8sObject {
  readonly data: Record<string, string>;
}

function render(opts: OursOptions = {}): K8sObject[] {
  const out = renderOurs('istiod', opts);
  expect(out.stderr).toBe('');
  expect(out.exitCode).toBe(0);
  return parseDocs(out.stdout).map((d) => d.object as K8sObject);
}

const ids = (objs: readonly K8sObject[]) => objs.map((o) => `${o.kind}/${o.metadata.name}`).sort();

function find<T extends K8sObject>(objs: readonly K8sObject[], kind: string, name: string): T {
  const o = objs.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind}/${name} in ${ids(objs).join(', ')}`);
  return o as T;
}

const DEFAULT_IDS = [
  'ClusterRole/istio-reader-clusterrole-istio-system',
  'ClusterRole/istiod-clusterrole-istio-system',
  'ClusterRoleBinding/istio-reader-clusterrole-istio-system',
  'ClusterRoleBinding/istiod-clusterrole-istio-system',
  'ConfigMap/istio',
  'ConfigMap/istio-sidecar-injector',
  'Deployment/istiod',
  'EnvoyFilter/stats-filter-1.11',
  'EnvoyFilter/tcp-stats-filter-1.11',
  'HorizontalPodAutoscaler/istiod',
  'MutatingWebhookConfiguration/istio-sidecar-injector',
  'PodDisruptionBudget/istiod',
  'Role/istiod',
  'RoleBinding/istiod',
  'Service/istiod',
  'ServiceAccount/istiod',
  'ValidatingWebhookConfiguration/istio-validator-istio-system',
];

const CANARY_IDS = [
  'ClusterRole/istio-reader-clusterrole-canary-istio-system',
  'ClusterRole/istiod-clusterrole-canary-istio-system',
  'ClusterRoleBinding/istio-reader-clusterrole-canary-istio-system',
  'ClusterRoleBinding/istiod-clusterrole-canary-istio-system',
  'ConfigMap/istio-canary',
  'ConfigMap/istio-sidecar-injector-canary',
  'Deployment/istiod-canary',
  'EnvoyFilter/stats-filter-1.11-canary',
  'EnvoyFilter/tcp-stats-filter-1.11-canary',
  'HorizontalPodAutoscaler/istiod-canary',
  'MutatingWebhookConfiguration/istio-sidecar-injector-canary',
  'PodDisruptionBudget/istiod-canary',
  'Role/istiod-canary',
  'RoleBinding/istiod-canary',
  'Service/istiod-canary',
  'ServiceAccount/istiod-canary',
  'ValidatingWebhookConfiguration/istio-validator-canary-istio-system',
];

describe('objects', () => {
  it('default values render the 1.11 object set', () => {
    expect(ids(render())).toEqual(DEFAULT_IDS);
  });

  it('revision canary suffixes every name', () => {
    expect(ids(render({ set: ['revision=canary'] }))).toEqual(CANARY_IDS);
  });

  it('outside istio-system the cluster-wide names carry the namespace', () => {
    const got = ids(render({ namespace: 'other-ns' }));
    expect(got).toContain('ClusterRole/istiod-clusterrole-other-ns');
    expect(got).toContain('ClusterRoleBinding/istio-reader-clusterrole-other-ns');
    expect(got).toContain('MutatingWebhookConfiguration/istio-sidecar-injector-other-ns');
  });

  it('no revision and revision canary in one namespace share no kind and name', () => {
    for (const namespace of ['istio-system', 'other-ns']) {
      const a = new Set(ids(render({ namespace })));
      const b = ids(render({ namespace, set: ['revision=canary'] }));
      expect(b.filter((id) => a.has(id)), namespace).toEqual([]);
    }
  });

  it('PDB, HPA, mesh ConfigMap, injector ConfigMap and EnvoyFilters can be switched off', () => {
    const got = ids(
      render({
        set: [
          'global.defaultPodDisruptionBudget.enabled=false',
          'pilot.autoscaleEnabled=false',
          'pilot.configMap=false',
          'global.omitSidecarInjectorConfigMap=true',
          'telemetry.enabled=false',
        ],
      }),
    );
    for (const gone of ['PodDisruptionBudget/istiod', 'HorizontalPodAutoscaler/istiod', 'ConfigMap/istio', 'ConfigMap/istio-sidecar-injector', 'EnvoyFilter/stats-filter-1.11'])
      expect(got).not.toContain(gone);
    expect(got).toContain('Deployment/istiod');
  });

  it('pilot.jwksResolverExtraRootCA renders pilot-jwks-extra-cacerts[-rev] and mounts it', () => {
    const objs = render({ set: ['revision=canary', 'pilot.jwksResolverExtraRootCA=PEM'] });
    expect(find<ConfigMapLike>(objs, 'ConfigMap', 'pilot-jwks-extra-cacerts-canary').data).toEqual({ 'extra.pem': 'PEM' });
    const pod = find<DeploymentLike>(objs, 'Deployment', 'istiod-canary').spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: 'extracacerts', configMap: { name: 'pilot-jwks-extra-cacerts-canary' } });
    expect(pod.containers[0]?.volumeMounts).toContainEqual({ name: 'extracacerts', mountPath: '/cacerts' });
  });
});

describe('labels and selectors (§4.2)', () => {
  it('every object carries the revision, owner and Pilot component labels', () => {
    for (const [set, rev] of [[[], 'default'], [['revision=canary'], 'canary']] as const) {
      for (const o of render({ set: [...set, 'ownerName=my-iop'] })) {
        expect(o.metadata.labels, objectId(o)).toMatchObject({
          'istio.io/rev': rev,
          'install.operator.istio.io/owning-resource': 'my-iop',
          'operator.istio.io/component': 'Pilot',
        });
      }
    }
  });

  it('default revision: selector istio=pilot, Service and PDB app=istiod,istio=pilot, pod label istio=pilot', () => {
    const objs = render();
    const dep = find<DeploymentLike>(objs, 'Deployment', 'istiod');
    expect(dep.spec.selector.matchLabels).toEqual({ istio: 'pilot' });
    expect(dep.spec.template.metadata.labels).toMatchObject({ app: 'istiod', istio: 'pilot', 'istio.io/rev': 'default', 'sidecar.istio.io/inject': 'false' });
    expect((find(objs, 'Service', 'istiod').spec as { selector: unknown }).selector).toEqual({ app: 'istiod', istio: 'pilot' });
    expect((find(objs, 'PodDisruptionBudget', 'istiod').spec as { selector: unknown }).selector).toEqual({ matchLabels: { app: 'istiod', istio: 'pilot' } });
  });

  it('revision canary: selectors app=istiod,istio.io/rev=canary, pod label istio=istiod', () => {
    const objs = render({ set: ['revision=canary'] });
    const dep = find<DeploymentLike>(objs, 'Deployment', 'istiod-canary');
    const sel = { app: 'istiod', 'istio.io/rev': 'canary' };
    expect(dep.spec.selector.matchLabels).toEqual(sel);
    expect(dep.spec.template.metadata.labels).toMatchObject({ ...sel, istio: 'istiod' });
    expect((find(objs, 'Service', 'istiod-canary').spec as { selector: unknown }).selector).toEqual(sel);
    expect((find(objs, 'PodDisruptionBudget', 'istiod-canary').spec as { selector: unknown }).selector).toEqual({ matchLabels: sel });
  });

  it('the default selectors do not select canary pods, and the other way round', () => {
    const matches = (sel: Record<string, string>, labels: Record<string, string>) => Object.entries(sel).every(([k, v]) => labels[k] === v);
    const dflt = find<DeploymentLike>(render(), 'Deployment', 'istiod');
    const canary = find<DeploymentLike>(render({ set: ['revision=canary'] }), 'Deployment', 'istiod-canary');
    expect(matches(dflt.spec.selector.matchLabels, canary.spec.template.metadata.labels)).toBe(false);
    expect(matches(canary.spec.selector.matchLabels, dflt.spec.template.metadata.labels)).toBe(false);
  });
});

describe('Deployment', () => {
  const env = (c: Container) => Object.fromEntries(c.env.map((e) => [e.name, e.value]));

  it('runs discovery with the 1.11 arguments, environment and volumes', () => {
    const dep = find<DeploymentLike>(render({ namespace: 'other-ns', set: ['revision=canary'] }), 'Deployment', 'istiod-canary');
    const pod = dep.spec.template.spec;
    expect(pod.serviceAccountName).toBe('istiod-canary');
    const c = pod.containers[0] as Container;
    expect(c.name).toBe('discovery');
    expect(c.image).toBe('docker.io/istio/pilot:1.11.8');
    expect(c.args).toEqual(['discovery', '--monitoringAddr=:15014', '--log_output_level=default:info', '--domain', 'cluster.local', '--keepaliveMaxServerConnectionAge', '30m']);
    expect(env(c)).toMatchObject({
      REVISION: 'canary',
      JWT_POLICY: 'third-party-jwt',
      PILOT_CERT_PROVIDER: 'istiod',
      KUBECONFIG: '/var/run/secrets/remote/config',
      PILOT_TRACE_SAMPLING: '1',
      ISTIOD_ADDR: 'istiod-canary.other-ns.svc:15012',
      PILOT_ENABLE_ANALYSIS: 'false',
      CLUSTER_ID: 'Kubernetes',
      INJECTION_WEBHOOK_CONFIG_NAME: 'istio-sidecar-injector-canary-other-ns',
    });
    expect(env(c)).not.toHaveProperty('PILOT_ENDPOINT_TELEMETRY_LABEL');
    expect(c.readinessProbe).toMatchObject({ httpGet: { path: '/ready', port: 8080 } });
    expect(pod.volumes.map((v) => v.name)).toEqual(['local-certs', 'istio-token', 'cacerts', 'istio-kubeconfig']);
    expect(c.volumeMounts.map((v) => v.name)).toEqual(['istio-token', 'local-certs', 'cacerts', 'istio-kubeconfig']);
  });

  it('pilot.env replaces a chart variable of the same name in place and appends the others', () => {
    const c = find<DeploymentLike>(render({ set: ['pilot.env.CLUSTER_ID=c1', 'pilot.env.EXTRA=x'] }), 'Deployment', 'istiod').spec.template.spec.containers[0] as Container;
    const names = c.env.map((e) => e.name);
    expect(names.filter((n) => n === 'CLUSTER_ID')).toHaveLength(1);
    expect(env(c)).toMatchObject({ CLUSTER_ID: 'c1', EXTRA: 'x' });
    expect(names.at(-1)).toBe('EXTRA');
  });

  it('telemetry v2 off sets PILOT_ENDPOINT_TELEMETRY_LABEL=false', () => {
    const c = find<DeploymentLike>(render({ set: ['telemetry.v2.enabled=false'] }), 'Deployment', 'istiod').spec.template.spec.containers[0] as Container;
    expect(env(c).PILOT_ENDPOINT_TELEMETRY_LABEL).toBe('false');
  });

  it('replicas only without the autoscaler', () => {
    expect(find<DeploymentLike>(render(), 'Deployment', 'istiod').spec.replicas).toBeUndefined();
    expect(find<DeploymentLike>(render({ set: ['pilot.autoscaleEnabled=false', 'pilot.replicaCount=3'] }), 'Deployment', 'istiod').spec.replicas).toBe(3);
  });

  it('runs as non-root 1337, read-only root, no capabilities, RuntimeDefault seccomp, no privilege escalation', () => {
    const pod = find<DeploymentLike>(render(), 'Deployment', 'istiod').spec.template.spec;
    expect(pod.securityContext).toEqual({ fsGroup: 1337, runAsGroup: 1337, runAsNonRoot: true, runAsUser: 1337, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.containers[0]?.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      runAsGroup: 1337,
      runAsNonRoot: true,
      runAsUser: 1337,
    });
  });

  it('Service ports 15010, 15012, 443->15017, 15014', () => {
    const svc = find(render(), 'Service', 'istiod').spec as { ports: { name: string; port: number; targetPort?: number }[] };
    expect(svc.ports.map((p) => [p.name, p.port, p.targetPort ?? p.port])).toEqual([
      ['grpc-xds', 15010, 15010],
      ['https-dns', 15012, 15012],
      ['https-webhook', 443, 15017],
      ['http-monitoring', 15014, 15014],
    ]);
  });

  it('the istiod ClusterRole has the multicluster.x-k8s.io ServiceExport and ServiceImport rules', () => {
    const rules = (find(render(), 'ClusterRole', 'istiod-clusterrole-istio-system') as unknown as { rules: { apiGroups: string[]; resources: string[] }[] }).rules;
    const mcs = rules.filter((r) => r.apiGroups.includes('multicluster.x-k8s.io')).flatMap((r) => r.resources);
    expect(mcs.sort()).toEqual(['serviceexports', 'serviceimports']);
  });
});

describe('external control plane (global.externalIstiod in the istiod chart, contract A)', () => {
  const env = (c: Container) => Object.fromEntries(c.env.map((e) => [e.name, e.value]));
  const discovery = (objs: readonly K8sObject[], name = 'istiod') => find<DeploymentLike>(objs, 'Deployment', name).spec.template.spec;
  type SecretVolume = { name: string; secret?: { secretName: string; optional: boolean }; configMap?: { name: string } };

  it('renders no webhook configurations here (they live in the config cluster), everything else as usual', () => {
    const objs = render({ set: ['global.externalIstiod=true', 'revisionTags={prod}'] });
    expect(ids(objs)).toEqual(DEFAULT_IDS.filter((id) => !id.includes('WebhookConfiguration')));
    const canary = render({ set: ['global.externalIstiod=true', 'revision=canary'] });
    expect(ids(canary)).toEqual(CANARY_IDS.filter((id) => !id.includes('WebhookConfiguration')));
    // the switch is what removes them
    expect(ids(render({ set: ['revisionTags={prod}'] }))).toContain('MutatingWebhookConfiguration/istio-revision-tag-prod');
  });

  it('environment: EXTERNAL_ISTIOD, SHARED_MESH_CONFIG and the config cluster\'s webhook configuration names', () => {
    const c = discovery(render({ namespace: 'external-istiod', set: ['global.externalIstiod=true', 'global.istioNamespace=external-istiod', 'global.multiCluster.clusterName=config'] })).containers[0] as Container;
    expect(env(c)).toMatchObject({
      EXTERNAL_ISTIOD: 'true',
      SHARED_MESH_CONFIG: 'istio',
      INJECTION_WEBHOOK_CONFIG_NAME: 'istio-sidecar-injector-external-istiod',
      VALIDATION_WEBHOOK_CONFIG_NAME: 'istio-validator-external-istiod',
      CLUSTER_ID: 'config',
    });
    const canary = discovery(render({ set: ['global.externalIstiod=true', 'revision=canary'] }), 'istiod-canary').containers[0] as Container;
    expect(env(canary)).toMatchObject({ SHARED_MESH_CONFIG: 'istio-canary', INJECTION_WEBHOOK_CONFIG_NAME: 'istio-sidecar-injector-canary', VALIDATION_WEBHOOK_CONFIG_NAME: 'istio-validator-canary-istio-system' });
    const plain = discovery(render()).containers[0] as Container;
    expect(env(plain)).not.toHaveProperty('EXTERNAL_ISTIOD');
    expect(env(plain)).not.toHaveProperty('SHARED_MESH_CONFIG');
  });

  it('the injector name stays with operatorManageWebhooks; the validator name is empty without configValidation', () => {
    const c = discovery(render({ set: ['global.externalIstiod=true', 'global.operatorManageWebhooks=true', 'global.configValidation=false'] })).containers[0] as Container;
    expect(env(c)).toMatchObject({ INJECTION_WEBHOOK_CONFIG_NAME: 'istio-sidecar-injector', VALIDATION_WEBHOOK_CONFIG_NAME: '' });
    // a local istiod with operatorManageWebhooks patches nothing (unchanged)
    const local = discovery(render({ set: ['global.operatorManageWebhooks=true'] })).containers[0] as Container;
    expect(env(local)).toMatchObject({ INJECTION_WEBHOOK_CONFIG_NAME: '', VALIDATION_WEBHOOK_CONFIG_NAME: '' });
  });

  it('pilot.env and pilot.k8s.env still win by name', () => {
    const c = discovery(render({ set: ['global.externalIstiod=true', 'pilot.env.SHARED_MESH_CONFIG=mine', 'pilot.k8s.env[0].name=EXTERNAL_ISTIOD', 'pilot.k8s.env[0].value=no'] })).containers[0] as Container;
    expect(c.env.filter((e) => e.name === 'SHARED_MESH_CONFIG')).toEqual([{ name: 'SHARED_MESH_CONFIG', value: 'mine' }]);
    expect(c.env.filter((e) => e.name === 'EXTERNAL_ISTIOD')).toEqual([{ name: 'EXTERNAL_ISTIOD', value: 'no' }]);
  });

  it('mounts its own mesh and injector ConfigMaps and requires the istio-kubeconfig Secret', () => {
    const pod = discovery(render({ set: ['global.externalIstiod=true', 'revision=canary'] }), 'istiod-canary');
    const volumes = pod.volumes as SecretVolume[];
    expect(volumes.map((v) => v.name)).toEqual(['local-certs', 'istio-token', 'cacerts', 'istio-kubeconfig', 'config-volume', 'inject-volume']);
    expect(volumes.find((v) => v.name === 'istio-kubeconfig')?.secret).toEqual({ secretName: 'istio-kubeconfig', optional: false });
    expect(volumes.find((v) => v.name === 'config-volume')?.configMap).toEqual({ name: 'istio-canary' });
    expect(volumes.find((v) => v.name === 'inject-volume')?.configMap).toEqual({ name: 'istio-sidecar-injector-canary' });
    const mounts = Object.fromEntries((pod.containers[0] as Container).volumeMounts.map((m) => [m.name, m.mountPath]));
    expect(mounts).toMatchObject({ 'istio-kubeconfig': '/var/run/secrets/remote', 'config-volume': '/etc/istio/config', 'inject-volume': '/var/lib/istio/inject' });
    // the ConfigMaps it mounts are the ones this release renders
    const objs = render({ set: ['global.externalIstiod=true', 'revision=canary'] });
    expect(ids(objs)).toEqual(expect.arrayContaining(['ConfigMap/istio-canary', 'ConfigMap/istio-sidecar-injector-canary']));
    // a local istiod: the kubeconfig stays optional, no extra mounts
    const local = discovery(render()).volumes as SecretVolume[];
    expect(local.find((v) => v.name === 'istio-kubeconfig')?.secret?.optional).toBe(true);
    expect(local.map((v) => v.name)).not.toContain('config-volume');
  });

  it('fails clearly when the ConfigMaps it mounts are not rendered', () => {
    const noMesh = renderOurs('istiod', { set: ['global.externalIstiod=true', 'pilot.configMap=false'] });
    expect(noMesh.exitCode).toBe(1);
    expect(noMesh.stderr).toContain('global.externalIstiod: the external istiod mounts the mesh ConfigMap istio[-<revision>] of its release; set pilot.configMap=true');
    const noInjector = renderOurs('istiod', { set: ['global.externalIstiod=true', 'global.omitSidecarInjectorConfigMap=true'] });
    expect(noInjector.exitCode).toBe(1);
    expect(noInjector.stderr).toContain('set global.omitSidecarInjectorConfigMap=false');
    // without externalIstiod both are allowed
    expect(renderOurs('istiod', { set: ['pilot.configMap=false', 'global.omitSidecarInjectorConfigMap=true'] }).exitCode).toBe(0);
  });

  it.each(HELM_VERSIONS)('%s fails with the same message', async (version) => {
    for (const set of [['global.externalIstiod=true', 'pilot.configMap=false'], ['global.externalIstiod=true', 'global.omitSidecarInjectorConfigMap=true']]) {
      const opts: OursOptions = { set };
      const helm = await helmTemplate(version, 'istiod', templateArgs(opts));
      expect(helm.exitCode).toBe(1);
      const ours = renderOurs('istiod', { ...opts, compat: version });
      expect(ours.exitCode).toBe(1);
      expect(ours.stderr).toBe(helm.stderr);
    }
  });
});

describe('multi-cluster services (pilot.multiClusterServices, contract C)', () => {
  const ALL = ['enabled', 'autoExport', 'host', 'clusterLocal'].map((k) => `pilot.multiClusterServices.${k}=true`);
  const mcsEnv = (set: readonly string[]) =>
    (find<DeploymentLike>(render({ set }), 'Deployment', 'istiod').spec.template.spec.containers[0] as Container).env
      .filter((e) => e.name.startsWith('ENABLE_MCS'))
      .map((e) => `${e.name}=${e.value ?? ''}`);

  it('off by default: no MCS flag', () => {
    expect(mcsEnv([])).toEqual([]);
  });

  it.each([
    ['1.11.8 (the chart default tag)', [], ['ENABLE_MCS_SERVICE_DISCOVERY=true', 'ENABLE_MCS_AUTOEXPORT=true', 'ENABLE_MCS_HOST=true']],
    ['pilot.tag 1.10.3', ['pilot.tag=1.10.3'], ['ENABLE_MCS_SERVICE_DISCOVERY=true', 'ENABLE_MCS_AUTOEXPORT=true', 'ENABLE_MCS_HOST=true']],
    ['pilot.tag 1.12.0', ['pilot.tag=1.12.0'], ['ENABLE_MCS_SERVICE_DISCOVERY=true', 'ENABLE_MCS_AUTO_EXPORT=true', 'ENABLE_MCS_HOST=true', 'ENABLE_MCS_CLUSTER_LOCAL=true']],
    ['global.tag 1.12.0-distroless', ['global.tag=1.12.0-distroless'], ['ENABLE_MCS_SERVICE_DISCOVERY=true', 'ENABLE_MCS_AUTO_EXPORT=true', 'ENABLE_MCS_HOST=true', 'ENABLE_MCS_CLUSTER_LOCAL=true']],
    ['pilot.tag v1.12.1 over global.tag 1.11.8', ['pilot.tag=v1.12.1', 'global.tag=1.11.8'], ['ENABLE_MCS_SERVICE_DISCOVERY=true', 'ENABLE_MCS_AUTO_EXPORT=true', 'ENABLE_MCS_HOST=true', 'ENABLE_MCS_CLUSTER_LOCAL=true']],
    ['pilot.tag 1.11.2 over global.tag 1.12.0', ['pilot.tag=1.11.2', 'global.tag=1.12.0'], ['ENABLE_MCS_SERVICE_DISCOVERY=true', 'ENABLE_MCS_AUTOEXPORT=true', 'ENABLE_MCS_HOST=true']],
    ['unknown version (latest): both spellings', ['pilot.tag=latest'], ['ENABLE_MCS_SERVICE_DISCOVERY=true', 'ENABLE_MCS_AUTOEXPORT=true', 'ENABLE_MCS_AUTO_EXPORT=true', 'ENABLE_MCS_HOST=true', 'ENABLE_MCS_CLUSTER_LOCAL=true']],
    ['unknown version (11.0, not 1.x)', ['pilot.tag=11.0.1'], ['ENABLE_MCS_SERVICE_DISCOVERY=true', 'ENABLE_MCS_AUTOEXPORT=true', 'ENABLE_MCS_AUTO_EXPORT=true', 'ENABLE_MCS_HOST=true', 'ENABLE_MCS_CLUSTER_LOCAL=true']],
  ] as const)('all four on, %s', (_name, set, want) => {
    expect(mcsEnv([...ALL, ...set])).toEqual(want);
  });

  it('each value sets only its own flag', () => {
    expect(mcsEnv(['pilot.multiClusterServices.enabled=true'])).toEqual(['ENABLE_MCS_SERVICE_DISCOVERY=true']);
    expect(mcsEnv(['pilot.multiClusterServices.host=true'])).toEqual(['ENABLE_MCS_HOST=true']);
    expect(mcsEnv(['pilot.multiClusterServices.autoExport=true', 'pilot.tag=1.12.0'])).toEqual(['ENABLE_MCS_AUTO_EXPORT=true']);
    expect(mcsEnv(['pilot.multiClusterServices.clusterLocal=true'])).toEqual([]);
    expect(mcsEnv(['pilot.multiClusterServices.clusterLocal=true', 'pilot.tag=1.12.0'])).toEqual(['ENABLE_MCS_CLUSTER_LOCAL=true']);
  });

  it('a number tag is read as its text (1.12 -> 12)', () => {
    const out = renderOurs('istiod', { set: ['pilot.multiClusterServices.autoExport=true'], valueFiles: ['test/charts/values/istiod-mcs-number-tag.yaml'] });
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain('ENABLE_MCS_AUTO_EXPORT');
    expect(out.stdout).not.toContain('ENABLE_MCS_AUTOEXPORT');
  });

  it('pilot.env overrides a flag by name', () => {
    expect(mcsEnv(['pilot.multiClusterServices.enabled=true', 'pilot.env.ENABLE_MCS_SERVICE_DISCOVERY=false'])).toEqual(['ENABLE_MCS_SERVICE_DISCOVERY=false']);
  });
});

describe('mesh ConfigMap', () => {
  const mesh = (opts: OursOptions, name = 'istio') => parse(find<ConfigMapLike>(render(opts), 'ConfigMap', name).data.mesh ?? '') as Record<string, unknown>;

  it('the base mesh: discovery address of this revision, root namespace = release namespace, trust domain', () => {
    expect(mesh({})).toEqual({
      defaultConfig: { discoveryAddress: 'istiod.istio-system.svc:15012', tracing: { zipkin: { address: 'zipkin.istio-system:9411' } } },
      enablePrometheusMerge: true,
      rootNamespace: 'istio-system',
      trustDomain: 'cluster.local',
    });
    expect(mesh({ namespace: 'ns2', set: ['revision=canary'] }, 'istio-canary')).toMatchObject({
      defaultConfig: { discoveryAddress: 'istiod-canary.ns2.svc:15012' },
      rootNamespace: 'ns2',
    });
  });

  it('meshConfig merges over the base mesh (maps recursively, values win)', () => {
    const m = mesh({ set: ['meshConfig.trustDomain=example.org', 'meshConfig.accessLogFile=/dev/stdout', 'meshConfig.defaultConfig.proxyMetadata.FOO=bar'] });
    expect(m).toMatchObject({
      trustDomain: 'example.org',
      accessLogFile: '/dev/stdout',
      rootNamespace: 'istio-system',
      defaultConfig: { discoveryAddress: 'istiod.istio-system.svc:15012', proxyMetadata: { FOO: 'bar' } },
    });
  });

  it('meshConfig.rootNamespace moves the mesh root and the EnvoyFilters', () => {
    const objs = render({ set: ['meshConfig.rootNamespace=cfg'] });
    expect((parse(find<ConfigMapLike>(objs, 'ConfigMap', 'istio').data.mesh ?? '') as { rootNamespace: string }).rootNamespace).toBe('cfg');
    for (const o of objs.filter((x) => x.kind === 'EnvoyFilter')) expect(o.metadata.namespace).toBe('cfg');
  });

  it('meshNetworks come from global.meshNetworks', () => {
    const cm = find<ConfigMapLike>(render({ set: ['global.meshNetworks.n1.gateways[0].address=1.2.3.4', 'global.meshNetworks.n1.gateways[0].port=15443'] }), 'ConfigMap', 'istio');
    expect(parse(cm.data.meshNetworks ?? '')).toEqual({ networks: { n1: { gateways: [{ address: '1.2.3.4', port: 15443 }] } } });
  });
});

describe('injector ConfigMap', () => {
  const file = (f: string) => readFileSync(join(CHARTS_ROOT, 'istiod', 'files', f), 'utf8').trim();
  const injector = (opts: OursOptions = {}, name = 'istio-sidecar-injector') => find<ConfigMapLike>(render(opts), 'ConfigMap', name).data;

  it('values: the global, istio_cni, sidecarInjectorWebhook and revision values as JSON', () => {
    const values = JSON.parse(injector({ set: ['revision=canary', 'global.hub=my.hub'] }, 'istio-sidecar-injector-canary').values ?? '') as Record<string, unknown>;
    expect(Object.keys(values).sort()).toEqual(['global', 'istio_cni', 'revision', 'sidecarInjectorWebhook']);
    expect(values.revision).toBe('canary');
    expect(values.global).toMatchObject({ hub: 'my.hub', tag: '1.11.8', proxy: { image: 'proxyv2' } });
  });

  it('config: policy, selectors and the four templates verbatim from files/ (not executed by Helm)', () => {
    const config = parse(injector().config ?? '') as { defaultTemplates: string[]; policy: string; templates: Record<string, string>; template: string };
    expect(config.defaultTemplates).toEqual(['sidecar']);
    expect(config.policy).toBe('enabled');
    expect(config).toMatchObject({ alwaysInjectSelector: [], neverInjectSelector: [], injectedAnnotations: {} });
    expect(Object.keys(config.templates).sort()).toEqual(['gateway', 'grpc-agent', 'grpc-simple', 'sidecar']);
    expect(config.templates.sidecar?.trim()).toBe(file('injection-template.yaml'));
    expect(config.templates.gateway?.trim()).toBe(file('gateway-injection-template.yaml'));
    expect(config.templates['grpc-simple']?.trim()).toBe(file('grpc-simple.yaml'));
    expect(config.templates['grpc-agent']?.trim()).toBe(file('grpc-agent.yaml'));
    expect(config.templates.sidecar).toContain('{{ annotation .ObjectMeta');
    expect(config.template).toContain('{{');
  });

  it('sidecarInjectorWebhook.templates replace a chart template and add new ones; defaultTemplates and policy follow the values', () => {
    const config = parse(
      injector({ set: ['sidecarInjectorWebhook.templates.sidecar=mine', 'sidecarInjectorWebhook.templates.extra=x: 1', 'sidecarInjectorWebhook.defaultTemplates={sidecar,extra}', 'global.proxy.autoInject=disabled'] }).config ?? '',
    ) as { defaultTemplates: string[]; policy: string; templates: Record<string, string> };
    expect(config.templates.sidecar?.trim()).toBe('mine');
    expect(config.templates.extra?.trim()).toBe('x: 1');
    expect(config.templates.gateway?.trim()).toBe(file('gateway-injection-template.yaml'));
    expect(config.defaultTemplates).toEqual(['sidecar', 'extra']);
    expect(config.policy).toBe('disabled');
  });
});

describe('injection templates (files/, executed by istiod)', () => {
  // istiod 1.11 executes them with sprig plus its own functions (pkg/kube/inject); parsing only
  // needs the names to exist, so these stand-ins never run.
  const ISTIOD_FUNCS = ['annotation', 'isset', 'valueOrDefault', 'structToJSON', 'protoToJSON', 'toJSON', 'fromJSON', 'toYaml', 'env', 'excludeInboundPort', 'includeInboundPorts', 'appendMultusNetwork', 'directory', 'formatDuration', 'omit', 'strdict', 'toLower'];
  const parser = () => {
    const funcs = renderFuncs('helm4');
    for (const name of ISTIOD_FUNCS) funcs.set(name, { name, params: ['interface {}'], variadic: true, results: ['interface {}'], fn: () => '' } satisfies GoFuncSpec);
    return new TemplateSet({ funcs, compat: 'helm4' });
  };

  it.each(['injection-template.yaml', 'gateway-injection-template.yaml', 'grpc-simple.yaml', 'grpc-agent.yaml'])('%s parses as a Go template with istiod\'s functions', (f) => {
    expect(() => parser().parse(f, readFileSync(join(CHARTS_ROOT, 'istiod', 'files', f), 'utf8'))).not.toThrow();
  });

  it('the parse check rejects an unknown function', () => {
    expect(() => parser().parse('x', '{{ notAnIstiodFunc 1 }}')).toThrow(/notAnIstiodFunc/);
  });

  /**
   * Executes a template the way istiod does (src/inject's template data and function set) for a
   * pod `app` (port 8080) of Deployment `web` in namespace `shop`; .Values is the injector
   * ConfigMap's `values` as rendered by the chart. Returns the parsed pod patch.
   * test/inject/templates.test.ts pins each annotation; this checks the chart's values feed them.
   */
  function inject(file: string, opts: OursOptions = {}): PodPatch {
    const cm = render(opts).find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('istio-sidecar-injector')) as ConfigMapLike;
    const values = JSON.parse(cm.data.values ?? '') as Record<string, unknown>;
    const template = readFileSync(join(CHARTS_ROOT, 'istiod', 'files', file), 'utf8');
    const source: InjectionSource = {
      config: { policy: 'enabled', defaultTemplates: ['t'], templates: { t: template }, alwaysInjectSelector: [], neverInjectSelector: [], injectedAnnotations: {} },
      values,
      meshConfig: defaultMeshConfig(),
      revision: typeof values.revision === 'string' && values.revision !== '' ? values.revision : 'default',
    };
    const r = runTemplates(source, {
      typeMeta: { apiVersion: 'v1', kind: 'Pod' },
      deploymentMeta: { name: 'web', namespace: 'shop' },
      metadata: { name: 'web-1', namespace: 'shop', labels: { app: 'web', version: 'v1' } },
      spec: { containers: [{ name: 'app', ports: [{ containerPort: 8080, protocol: 'TCP' }] }] },
    }, ['t']);
    if (!r.success) throw new Error(r.issues.map((i) => i.message).join('\n'));
    return r.fragments[0] as unknown as PodPatch;
  }

  type PodContainer = { name: string; image?: string; args?: string[]; env?: EnvVar[]; securityContext?: Record<string, unknown> };
  type PodPatch = { metadata: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: { initContainers?: PodContainer[]; containers: PodContainer[]; volumes: { name: string }[] } };
  const envOf = (c: PodContainer | undefined) => Object.fromEntries((c?.env ?? []).map((e) => [e.name, e.value]));

  it('sidecar: istio-init and istio-proxy from the global hub and tag, identity volumes', () => {
    const pod = inject('injection-template.yaml');
    expect(pod.metadata.labels).toMatchObject({ 'service.istio.io/canonical-name': 'web', 'service.istio.io/canonical-revision': 'v1', 'security.istio.io/tlsMode': 'istio' });
    const init = pod.spec.initContainers?.[0];
    expect(init).toMatchObject({ name: 'istio-init', image: 'docker.io/istio/proxyv2:1.11.8' });
    expect(init?.args).toEqual(['istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337', '-m', 'REDIRECT', '-i', '*', '-x', '', '-b', '*', '-d', '15090,15021,15020']);
    expect(init?.securityContext).toMatchObject({ capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] }, runAsUser: 0 });
    const proxy = pod.spec.containers[0];
    expect(proxy).toMatchObject({ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.11.8', args: ['proxy', 'sidecar', '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--proxyLogLevel=warning', '--proxyComponentLogLevel=misc:error', '--log_output_level=default:info'] });
    expect(proxy?.securityContext).toMatchObject({ runAsUser: 1337, runAsNonRoot: true, readOnlyRootFilesystem: true });
    expect(envOf(proxy)).toMatchObject({ CA_ADDR: 'istiod.istio-system.svc:15012', ISTIO_META_APP_CONTAINERS: 'app', ISTIO_META_WORKLOAD_NAME: 'web', ISTIO_META_OWNER: 'kubernetes://apis/v1/namespaces/shop/pods/web', ISTIO_META_INTERCEPTION_MODE: 'REDIRECT' });
    expect(JSON.parse(envOf(proxy).ISTIO_META_POD_PORTS ?? '')).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);
    expect(pod.spec.volumes.map((v) => v.name)).toEqual(['istio-envoy', 'istio-data', 'istio-podinfo', 'istio-token', 'istiod-ca-cert']);
  });

  it('sidecar with CNI: the istio-validation init container runs unprivileged', () => {
    const pod = inject('injection-template.yaml', { set: ['istio_cni.enabled=true', 'revision=canary'] });
    const init = pod.spec.initContainers?.[0];
    expect(init?.name).toBe('istio-validation');
    expect(envOf(pod.spec.containers[0]).CA_ADDR).toBe('istiod-canary.istio-system.svc:15012');
    expect(init?.args?.slice(-2)).toEqual(['--run-validation', '--skip-rule-apply']);
    expect(init?.securityContext).toMatchObject({ capabilities: { drop: ['ALL'] }, runAsUser: 1337, runAsNonRoot: true });
  });

  it('gateway: the istio-proxy container runs the router', () => {
    const pod = inject('gateway-injection-template.yaml');
    expect(pod.spec.initContainers).toBeUndefined();
    expect(pod.spec.containers.map((c) => c.name)).toEqual(['istio-proxy']);
    expect(pod.spec.containers[0]?.args?.slice(0, 2)).toEqual(['proxy', 'router']);
  });

  it('grpc-simple: a bootstrap init container and GRPC_XDS_BOOTSTRAP in the application', () => {
    const pod = inject('grpc-simple.yaml');
    expect(pod.spec.initContainers?.map((c) => c.name)).toEqual(['grpc-bootstrap-init']);
    expect(envOf(pod.spec.containers[0])).toEqual({ GRPC_XDS_BOOTSTRAP: '/var/lib/grpc/data/bootstrap.json' });
    expect(pod.spec.volumes).toEqual([{ name: 'grpc-io-proxyless-bootstrap', emptyDir: {} }]);
  });

  it('grpc-agent: the agent without Envoy next to the application', () => {
    const pod = inject('grpc-agent.yaml');
    expect(pod.spec.containers.map((c) => c.name)).toEqual(['app', 'istio-proxy']);
    expect(envOf(pod.spec.containers[1])).toMatchObject({ ISTIO_META_GENERATOR: 'grpc', DISABLE_ENVOY: 'true', ISTIO_META_APP_CONTAINERS: 'app' });
  });
});

describe('telemetry v2 EnvoyFilters (1.11 proxies)', () => {
  type Patch = { applyTo: string; match: { context: string; proxy: { proxyVersion: string } }; patch: { value: { typed_config: { value: { config: { configuration: { value: string }; vm_config: Record<string, unknown> } } } } } };
  const filters = (opts: OursOptions = {}) => render(opts).filter((o) => o.kind === 'EnvoyFilter');
  const configs = (f: K8sObject) =>
    Object.fromEntries(((f.spec as { configPatches: Patch[] }).configPatches).map((p) => [p.match.context, JSON.parse(p.patch.value.typed_config.value.config.configuration.value) as Record<string, unknown>]));

  it('stats and tcp stats for SIDECAR_OUTBOUND, SIDECAR_INBOUND and GATEWAY of ^1\\.11', () => {
    const [stats, tcp] = filters();
    for (const [f, applyTo] of [[stats, 'HTTP_FILTER'], [tcp, 'NETWORK_FILTER']] as const) {
      const patches = (f?.spec as { configPatches: Patch[] }).configPatches;
      expect(patches.map((p) => p.match.context).sort()).toEqual(['GATEWAY', 'SIDECAR_INBOUND', 'SIDECAR_OUTBOUND']);
      for (const p of patches) {
        expect(p.applyTo).toBe(applyTo);
        expect(p.match.proxy.proxyVersion).toBe('^1\\.11.*');
      }
    }
  });

  it('host-header fallback is disabled for inbound and gateway, not outbound', () => {
    for (const f of filters()) {
      const c = configs(f);
      expect(c.SIDECAR_INBOUND).toEqual({ debug: 'false', stat_prefix: 'istio', disable_host_header_fallback: true });
      expect(c.GATEWAY).toEqual({ debug: 'false', stat_prefix: 'istio', disable_host_header_fallback: true });
      expect(c.SIDECAR_OUTBOUND).toEqual({ debug: 'false', stat_prefix: 'istio' });
    }
  });

  it('configOverride is merged into each kind of configuration', () => {
    const fs = filters({
      set: [
        'telemetry.v2.prometheus.configOverride.inboundSidecar.debug=true',
        'telemetry.v2.prometheus.configOverride.outboundSidecar.metrics[0].name=requests_total',
        'telemetry.v2.prometheus.configOverride.gateway.disable_host_header_fallback=false',
      ],
    });
    expect(fs).toHaveLength(2);
    for (const f of fs) {
      const c = configs(f);
      expect(c.SIDECAR_INBOUND).toEqual({ debug: true, stat_prefix: 'istio', disable_host_header_fallback: true });
      expect(c.SIDECAR_OUTBOUND).toEqual({ debug: 'false', stat_prefix: 'istio', metrics: [{ name: 'requests_total' }] });
      expect(c.GATEWAY).toEqual({ debug: 'false', stat_prefix: 'istio', disable_host_header_fallback: false });
    }
  });

  it('off unless telemetry.enabled, v2.enabled and v2.prometheus.enabled', () => {
    expect(filters().map((f) => f.metadata.name)).toEqual(['stats-filter-1.11', 'tcp-stats-filter-1.11']);
    for (const off of ['telemetry.enabled=false', 'telemetry.v2.enabled=false', 'telemetry.v2.prometheus.enabled=false']) expect(filters({ set: [off] }), off).toEqual([]);
  });

  it('wasmEnabled loads the compiled module in the sidecar HTTP filters only', () => {
    const [stats, tcp] = filters({ set: ['telemetry.v2.prometheus.wasmEnabled=true'] });
    const vm = (f: K8sObject | undefined) => Object.fromEntries(((f?.spec as { configPatches: Patch[] }).configPatches).map((p) => [p.match.context, p.patch.value.typed_config.value.config.vm_config]));
    expect(vm(stats).SIDECAR_INBOUND).toMatchObject({ runtime: 'envoy.wasm.runtime.v8', code: { local: { filename: '/etc/istio/extensions/stats-filter.compiled.wasm' } } });
    expect(vm(stats).GATEWAY).toEqual({ vm_id: 'stats_outbound', code: { local: { inline_string: 'envoy.wasm.stats' } } });
    expect(vm(tcp).SIDECAR_INBOUND).toEqual({ vm_id: 'tcp_stats_inbound', code: { local: { inline_string: 'envoy.wasm.stats' } } });
  });
});

describe('HorizontalPodAutoscaler API version by Kubernetes version', () => {
  it.each([
    ['1.22.0', 'autoscaling/v2beta2'],
    ['1.30.0', 'autoscaling/v2'],
  ])('--kube-version %s -> %s (ours and both helms)', async (kubeVersion, apiVersion) => {
    const hpa = find(render({ kubeVersion }), 'HorizontalPodAutoscaler', 'istiod') as K8sObject & { spec: Record<string, unknown> };
    expect(hpa.apiVersion).toBe(apiVersion);
    expect(hpa.spec).toEqual({
      minReplicas: 1,
      maxReplicas: 5,
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'istiod' },
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
    });
    for (const version of HELM_VERSIONS) {
      const helm = await helmTemplate(version, 'istiod', templateArgs({ kubeVersion }));
      expect(helm.exitCode).toBe(0);
      expect(renderOurs('istiod', { compat: version, kubeVersion }).stdout).toBe(helm.stdout);
    }
  });
});

/** Values of many types and the legacy (non-k8s) scheduling values. */
const ODD = [
  'pilot.env.A=1',
  'pilot.env.B=true',
  'pilot.env.C=x y',
  'pilot.deploymentLabels.team=mesh',
  'pilot.podAnnotations.foo=bar',
  'pilot.plugins={authn,health}',
  'pilot.resources=null',
  'pilot.image=my.reg/istio/pilot:dev',
  'pilot.nodeSelector.disk=ssd',
  'pilot.tolerations[0].key=k',
  'pilot.tolerations[0].operator=Exists',
  'pilot.autoscaleEnabled=false',
  'pilot.replicaCount=2',
  'sidecarInjectorWebhook.injectedAnnotations.a=c',
  'sidecarInjectorWebhook.neverInjectSelector[0].matchLabels.x=y',
  'global.oneNamespace=true',
  'global.logAsJson=true',
  'global.priorityClassName=high',
  'global.imagePullPolicy=Always',
  'global.imagePullSecrets={s1,s2}',
  'global.meshNetworks.n1.endpoints[0].fromRegistry=c1',
  'global.multiCluster.clusterName=c1',
  'global.jwtPolicy=first-party-jwt',
  'global.proxy.tracer=stackdriver',
  'meshConfig.rootNamespace=cfg',
  'meshConfig.defaultConfig.proxyMetadata.ISTIO_META_DNS_CAPTURE=yes',
];

/** The acceptance cases: ours prints helm's bytes for each helm; helm 3 and 4 print the same documents. */
const CASES: readonly (readonly [string, OursOptions])[] = [
  ['defaults', {}],
  ['revision=canary', { set: ['revision=canary'] }],
  ['-n other-ns', { namespace: 'other-ns' }],
  ['k8s settings file', { valueFiles: ['test/charts/values/istiod-k8s-all.yaml'] }],
  ['revision, tags, jwks, telemetry overrides', { set: ['revision=canary', 'revisionTags={prod,stable}', 'pilot.jwksResolverExtraRootCA=PEM', 'telemetry.v2.prometheus.configOverride.gateway.debug=true', 'meshConfig.accessLogFile=/dev/stdout'] }],
  ['typed env, legacy scheduling values, one namespace, other tracer', { namespace: 'mesh', set: ODD }],
  ['external control plane', { namespace: 'external-istiod', set: ['global.externalIstiod=true', 'global.istioNamespace=external-istiod', 'global.multiCluster.clusterName=config', 'revisionTags={prod}', 'pilot.k8s.service.type=LoadBalancer'] }],
  ['external control plane, revision, operatorManageWebhooks, no validation', { set: ['global.externalIstiod=true', 'revision=canary', 'global.operatorManageWebhooks=true', 'global.configValidation=false'] }],
  ['MCS on, istiod 1.11', { set: ['pilot.multiClusterServices.enabled=true', 'pilot.multiClusterServices.autoExport=true', 'pilot.multiClusterServices.host=true', 'pilot.multiClusterServices.clusterLocal=true'] }],
  ['MCS on, istiod 1.12', { set: ['pilot.multiClusterServices.enabled=true', 'pilot.multiClusterServices.autoExport=true', 'pilot.multiClusterServices.clusterLocal=true', 'pilot.tag=1.12.0'] }],
  ['MCS on, unknown version, number tag', { set: ['pilot.multiClusterServices.autoExport=true', 'pilot.multiClusterServices.clusterLocal=true', 'global.tag=latest'], valueFiles: ['test/charts/values/istiod-mcs-number-tag.yaml'] }],
  ['remote istiod address, local istiod', { set: ['global.remotePilotAddress=10.0.0.1'] }],
];

/**
 * helm 4 knows MutatingWebhookConfiguration and ValidatingWebhookConfiguration in its install order
 * (after every other known kind); helm 3 sorts them among the unknown kinds, by name, so they come
 * after the EnvoyFilters. This moves helm 3's webhook documents to where helm 4 puts them: before
 * the first document of an unknown kind (the EnvoyFilters), keeping their relative order.
 */
const WEBHOOK_KINDS = new Set(['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);
function inHelm4Order(docs: readonly { object: unknown; text: string }[]): { object: unknown; text: string }[] {
  const kind = (d: { object: unknown }) => (d.object as K8sObject).kind;
  const hooks = docs.filter((d) => WEBHOOK_KINDS.has(kind(d)));
  const rest = docs.filter((d) => !WEBHOOK_KINDS.has(kind(d)));
  const at = rest.findIndex((d) => kind(d) === 'EnvoyFilter');
  return at < 0 ? [...rest, ...hooks] : [...rest.slice(0, at), ...hooks, ...rest.slice(at)];
}

describe('helm 3, helm 4 and the embedded renderer agree', () => {
  it.each(CASES)('%s', async (_name, opts) => {
    const outputs: string[] = [];
    for (const version of HELM_VERSIONS) {
      const helm = await helmTemplate(version, 'istiod', templateArgs(opts));
      expect(helm.stderr).toBe('');
      expect(helm.exitCode).toBe(0);
      expect(renderOurs('istiod', { ...opts, compat: version }).stdout).toBe(helm.stdout);
      outputs.push(helm.stdout);
    }
    const [h3, h4] = outputs.map((o) => parseDocs(o ?? ''));
    // The same documents; the only order difference is the webhook kinds' place (see inHelm4Order).
    expect(inHelm4Order(h3 ?? []).map((d) => d.text)).toEqual((h4 ?? []).map((d) => d.text));
  });
});

describe('helm lint --strict', () => {
  it.each(HELM_VERSIONS)('%s is clean with default values, a revision, an external control plane and MCS', async (version) => {
    for (const extra of [[], ['--set', 'revision=canary'], ['--set', 'global.externalIstiod=true,revision=canary,pilot.multiClusterServices.enabled=true,pilot.multiClusterServices.autoExport=true']]) {
      const r = await helmRun(version, ['lint', '--strict', 'charts/istiod', ...extra], ['charts/istiod']);
      expect(r.stdout + r.stderr).toContain('0 chart(s) failed');
      expect(r.stdout).not.toMatch(/\[(WARNING|ERROR)\]/);
      expect(r.exitCode).toBe(0);
    }
  });
});

describe('strict Kubernetes validation (oldest and newest schema versions)', () => {
  const versions = [KUBE_VERSIONS[0] as string, KUBE_VERSIONS[KUBE_VERSIONS.length - 1] as string];
  // The EnvoyFilters are checked against the base chart's CRDs.
  const crds = parseDocs(renderOurs('base').stdout)
    .map((d) => d.object as K8sObject)
    .filter((o) => o.kind === 'CustomResourceDefinition');
  const cases: readonly OursOptions[] = [
    {},
    { set: ['revision=canary'], namespace: 'other-ns' },
    { valueFiles: ['test/charts/values/istiod-k8s-all.yaml'] },
    {
      set: [
        'revision=canary',
        'pilot.jwksResolverExtraRootCA=PEM',
        'pilot.env.A=1',
        'pilot.plugins={a,b}',
        'global.imagePullSecrets={pull}',
        'global.oneNamespace=true',
        'global.logAsJson=true',
        'telemetry.v2.prometheus.wasmEnabled=true',
        'telemetry.v2.prometheus.configOverride.gateway.debug=true',
        'meshConfig.rootNamespace=cfg',
        'global.externalIstiod=true',
        'pilot.autoscaleEnabled=false',
      ],
    },
    { namespace: 'mesh', set: ODD },
    { namespace: 'external-istiod', set: ['global.externalIstiod=true', 'revision=canary', 'pilot.k8s.service.type=LoadBalancer'] },
    { set: ['pilot.multiClusterServices.enabled=true', 'pilot.multiClusterServices.autoExport=true', 'pilot.multiClusterServices.host=true', 'pilot.multiClusterServices.clusterLocal=true', 'pilot.tag=latest'] },
  ];
  it('the base chart provides the EnvoyFilter CRD', () => {
    expect(crds.map((c) => c.metadata.name)).toContain('envoyfilters.networking.istio.io');
  });
  for (const opts of cases) {
    it(`${templateArgs(opts).join(' ')}`, () => {
      const out = renderOurs('istiod', opts);
      expect(out.exitCode).toBe(0);
      for (const version of versions) {
        const issues = validateManifestText(out.stdout, { version, crds }).map((i) => formatKubeIssue(i));
        expect(issues, version).toEqual([]);
      }
    });
  }
});
