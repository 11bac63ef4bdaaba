/**
 * The istiod-remote chart (reference §4.3, §6): the objects of a cluster served by an external
 * istiod, with and without global.configCluster; the injection endpoint (URL or Service path);
 * revision naming; helm 3, helm 4 and the embedded renderer agreeing; helm lint --strict.
 */
import { describe, expect, it } from 'vitest';
import { formatKubeIssue, KUBE_VERSIONS, validateManifestText } from '../../src/manifest/kube/index.js';
import { HELM_VERSIONS, helmRun, helmTemplate, objectId, parseDocs, renderOurs, templateArgs, type OursOptions } from './render.js';

interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  readonly [key: string]: unknown;
}

function objects(opts: OursOptions = {}): K8sObject[] {
  const out = renderOurs('istiod-remote', opts);
  expect(out.stderr).toBe('');
  expect(out.exitCode).toBe(0);
  return parseDocs(out.stdout).map((d) => d.object as K8sObject);
}

/** Sorted `Kind/name` of every object but the CRDs (counted separately). */
function ids(objs: readonly K8sObject[]): string[] {
  return objs
    .filter((o) => o.kind !== 'CustomResourceDefinition')
    .map((o) => `${o.kind}/${o.metadata.name}`)
    .sort();
}

const crds = (objs: readonly K8sObject[]) => objs.filter((o) => o.kind === 'CustomResourceDefinition').map((o) => o.metadata.name);

/** configCluster false: what a remote cluster gets. */
const REMOTE = [
  'ClusterRole/istio-reader-clusterrole-istio-system',
  'ClusterRoleBinding/istio-reader-clusterrole-istio-system',
  'MutatingWebhookConfiguration/istio-sidecar-injector',
  'ServiceAccount/istio-reader-service-account',
];
/** configCluster true adds istiod's account and RBAC (besides the CRDs) and the validating webhook. */
const CONFIG_CLUSTER_EXTRA = [
  'ClusterRole/istiod-clusterrole-istio-system',
  'ClusterRoleBinding/istiod-clusterrole-istio-system',
  'Role/istiod',
  'RoleBinding/istiod',
  'ServiceAccount/istiod',
  'ValidatingWebhookConfiguration/istio-validator-istio-system',
];

describe('object sets', () => {
  it('configCluster false (default): the reader account and the injection webhook, no CRDs', () => {
    const objs = objects();
    expect(ids(objs)).toEqual([...REMOTE].sort());
    expect(crds(objs)).toEqual([]);
  });

  it('configCluster true adds the CRDs and the validating webhook', () => {
    const objs = objects({ set: ['global.configCluster=true'] });
    expect(ids(objs)).toEqual([...REMOTE, ...CONFIG_CLUSTER_EXTRA].sort());
    const names = crds(objs);
    expect(names).toHaveLength(13);
    expect(names).toContain('istiooperators.install.istio.io');
    expect(names).toContain('virtualservices.networking.istio.io');
  });

  it('configCluster true without configValidation has no validating webhook', () => {
    expect(ids(objects({ set: ['global.configCluster=true', 'global.configValidation=false'] }))).toEqual(
      [...REMOTE, ...CONFIG_CLUSTER_EXTRA.filter((id) => !id.startsWith('Validating'))].sort(),
    );
  });

  it('the mesh ConfigMap only with pilot.configMap, the injector ConfigMap only without omitSidecarInjectorConfigMap', () => {
    expect(ids(objects({ set: ['pilot.configMap=true'] }))).toEqual([...REMOTE, 'ConfigMap/istio'].sort());
    expect(ids(objects({ set: ['global.omitSidecarInjectorConfigMap=false'] }))).toEqual([...REMOTE, 'ConfigMap/istio-sidecar-injector'].sort());
    const canary = ids(objects({ set: ['pilot.configMap=true', 'global.omitSidecarInjectorConfigMap=false', 'revision=canary'] }));
    expect(canary).toContain('ConfigMap/istio-canary');
    expect(canary).toContain('ConfigMap/istio-sidecar-injector-canary');
  });

  it('the reader ClusterRole may write ConfigMaps and patch webhooks: the istiod serving the cluster from elsewhere does it, external or a primary', () => {
    type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
    const readerRules = (set: string[]) =>
      (objects({ set }).find((o) => o.kind === 'ClusterRole' && o.metadata.name.startsWith('istio-reader')) as unknown as { rules: Rule[] }).rules;
    const writes = (rules: Rule[]) =>
      rules.filter((r) => (r.resources.includes('configmaps') || r.resources.includes('mutatingwebhookconfigurations')) && r.verbs.includes('update'));
    expect(writes(readerRules([]))).toHaveLength(2);
    // a remote cluster of a primary (externalIstiod false) has no istiod of its own either
    expect(writes(readerRules(['global.externalIstiod=false']))).toHaveLength(2);
  });

  it('the mesh ConfigMap sends proxies to the Service istiod when global.remotePilotAddress is set (no local istiod)', () => {
    const cm = objects({ set: ['pilot.configMap=true', 'global.remotePilotAddress=10.0.0.1'] }).find((o) => o.kind === 'ConfigMap') as unknown as { data: { mesh: string } };
    expect(cm.data.mesh).toContain('discoveryAddress: istiod.istio-system.svc:15012');
  });

  it('the reader ServiceAccount is the one the reader binding names', () => {
    const objs = objects({ namespace: 'remote' });
    const sa = objs.find((o) => o.kind === 'ServiceAccount');
    const binding = objs.find((o) => o.kind === 'ClusterRoleBinding') as unknown as { subjects: { kind: string; name: string; namespace: string }[] };
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: sa?.metadata.name, namespace: sa?.metadata.namespace }]);
  });

  it('every object is labelled with the revision, the owner and the IstiodRemote component', () => {
    for (const o of objects({ set: ['global.configCluster=true', 'revision=canary', 'ownerName=remote-iop'] })) {
      if (o.kind === 'CustomResourceDefinition') continue;
      expect(o.metadata.labels, objectId(o)).toMatchObject({
        'istio.io/rev': 'canary',
        'install.operator.istio.io/owning-resource': 'remote-iop',
        'operator.istio.io/component': 'IstiodRemote',
      });
    }
  });
});

describe('injection endpoint', () => {
  type Hooks = { webhooks: { name: string; clientConfig: Record<string, unknown> }[] };
  const mwc = (opts: OursOptions) => objects(opts).find((o) => o.kind === 'MutatingWebhookConfiguration') as unknown as K8sObject & Hooks;

  it('defaults to the istiod Service of the release namespace at /inject, port 443', () => {
    for (const w of mwc({ namespace: 'external' }).webhooks)
      expect(w.clientConfig).toEqual({ service: { name: 'istiod', namespace: 'external', path: '/inject', port: 443 }, caBundle: '' });
  });

  it('uses istiodRemote.injectionPath on the Service', () => {
    for (const w of mwc({ set: ['istiodRemote.injectionPath=/inject/cluster/c1/net/n1'] }).webhooks)
      expect(w.clientConfig).toEqual({ service: { name: 'istiod', namespace: 'istio-system', path: '/inject/cluster/c1/net/n1', port: 443 }, caBundle: '' });
  });

  it('uses istiodRemote.injectionURL instead of the Service', () => {
    const hooks = mwc({ set: ['istiodRemote.injectionURL=https://x:15017/inject'] }).webhooks;
    expect(hooks).toHaveLength(4);
    for (const w of hooks) expect(w.clientConfig).toEqual({ url: 'https://x:15017/inject', caBundle: '' });
  });

  it('validation uses base.validationURL in a config cluster', () => {
    const vwc = objects({ set: ['global.configCluster=true', 'base.validationURL=https://x:15017/validate'] }).find((o) => o.kind === 'ValidatingWebhookConfiguration') as unknown as Hooks;
    for (const w of vwc.webhooks) expect(w.clientConfig).toEqual({ url: 'https://x:15017/validate', caBundle: '' });
  });
});

describe('remote istiod Service (global.remotePilotAddress, contract B)', () => {
  type Port = { name: string; port: number; protocol: string; targetPort?: number };
  type Svc = K8sObject & { spec: { type?: string; clusterIP?: string; externalName?: string; ports: Port[] } };
  type Eps = K8sObject & { subsets: { addresses: { ip: string }[]; ports: Port[] }[] };
  const remoteObjs = (opts: OursOptions) => objects(opts).filter((o) => o.kind === 'Service' || o.kind === 'Endpoints');
  const discovery = { name: 'tcp-istiod', port: 15012, protocol: 'TCP' };
  const webhook = { name: 'tcp-webhook', port: 443, protocol: 'TCP', targetPort: 15017 };
  const webhookEndpoint = { name: 'tcp-webhook', port: 15017, protocol: 'TCP' };
  const mesh = (opts: OursOptions) => (objects(opts).find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('istio')) as unknown as { data: { mesh: string } }).data.mesh;

  it('renders nothing without an address', () => {
    expect(remoteObjs({})).toEqual([]);
  });

  it('an IP address: Service and Endpoints istiod[-<rev>] in the release namespace, discovery and webhook ports', () => {
    const objs = remoteObjs({ namespace: 'external-istiod', set: ['global.remotePilotAddress=203.0.113.10', 'revision=canary', 'ownerName=remote-iop'] });
    expect(objs.map((o) => objectId(o))).toEqual(['Service/external-istiod/istiod-canary', 'Endpoints/external-istiod/istiod-canary']);
    const [svc, eps] = objs as [Svc, Eps];
    expect(svc.spec).toEqual({ ports: [discovery, webhook] });
    expect(eps.subsets).toEqual([{ addresses: [{ ip: '203.0.113.10' }], ports: [discovery, webhookEndpoint] }]);
    for (const o of objs) {
      expect(o.metadata.labels).toEqual({ app: 'istiod', 'istio.io/rev': 'canary', 'install.operator.istio.io/owning-resource': 'remote-iop', 'operator.istio.io/component': 'IstiodRemote' });
    }
  });

  it('the injection webhook Service is the rendered Service, its port 443 mapped to an Endpoints port', () => {
    const objs = objects({ set: ['global.remotePilotAddress=203.0.113.20', 'global.externalIstiod=false'] });
    const mwc = objs.find((o) => o.kind === 'MutatingWebhookConfiguration') as unknown as { webhooks: { clientConfig: { service: { name: string; namespace: string; port: number } } }[] };
    const svc = objs.find((o) => o.kind === 'Service') as Svc;
    const eps = objs.find((o) => o.kind === 'Endpoints') as Eps;
    for (const w of mwc.webhooks) {
      expect(`${w.clientConfig.service.namespace}/${w.clientConfig.service.name}`).toBe(`${svc.metadata.namespace}/${svc.metadata.name}`);
      const port = svc.spec.ports.find((p) => p.port === w.clientConfig.service.port);
      expect(port?.targetPort).toBe(15017);
      expect(eps.subsets[0].ports.find((p) => p.name === port?.name)?.port).toBe(15017);
    }
  });

  it('a host name: an ExternalName Service and no Endpoints', () => {
    const objs = remoteObjs({ set: ['global.remotePilotAddress=istiod.example.com'] }) as Svc[];
    expect(objs.map((o) => objectId(o))).toEqual(['Service/istio-system/istiod']);
    expect(objs[0].spec).toEqual({ type: 'ExternalName', externalName: 'istiod.example.com', ports: [discovery, webhook] });
  });

  it('an istiod in this cluster too (pilot.enabled, not externalIstiod): headless istiod-remote, discovery port only, no revision', () => {
    const objs = remoteObjs({ set: ['global.remotePilotAddress=10.0.0.1', 'pilot.enabled=true', 'global.externalIstiod=false', 'revision=canary'] });
    expect(objs.map((o) => objectId(o))).toEqual(['Service/istio-system/istiod-remote', 'Endpoints/istio-system/istiod-remote']);
    expect((objs[0] as Svc).spec).toEqual({ clusterIP: 'None', ports: [discovery] });
    expect((objs[1] as Eps).subsets[0].ports).toEqual([discovery]);
    // pilot.enabled with externalIstiod (the default here) keeps the name istiod
    expect(remoteObjs({ set: ['global.remotePilotAddress=10.0.0.1', 'pilot.enabled=true'] }).map((o) => objectId(o))).toEqual(['Service/istio-system/istiod', 'Endpoints/istio-system/istiod']);
  });

  it('the mesh discoveryAddress names the same Service', () => {
    for (const [set, name] of [
      [[], 'istiod'],
      [['revision=canary'], 'istiod-canary'],
      [['global.externalIstiod=false'], 'istiod'],
      [['pilot.enabled=true', 'global.externalIstiod=false'], 'istiod-remote'],
    ] as const) {
      const opts = { namespace: 'ns1', set: ['pilot.configMap=true', 'global.remotePilotAddress=10.0.0.1', ...set] };
      const svc = remoteObjs(opts).find((o) => o.kind === 'Service');
      expect(svc?.metadata.name).toBe(name);
      expect(mesh(opts)).toContain(`discoveryAddress: ${name}.ns1.svc:15012`);
    }
  });
});

describe('revision naming', () => {
  it('suffixes revision-specific names with -<revision>', () => {
    expect(ids(objects({ set: ['revision=canary', 'global.configCluster=true'] }))).toEqual(
      [
        'ClusterRole/istio-reader-clusterrole-canary-istio-system',
        'ClusterRoleBinding/istio-reader-clusterrole-canary-istio-system',
        'ClusterRole/istiod-clusterrole-canary-istio-system',
        'ClusterRoleBinding/istiod-clusterrole-canary-istio-system',
        'MutatingWebhookConfiguration/istio-sidecar-injector-canary',
        'Role/istiod-canary',
        'RoleBinding/istiod-canary',
        'ServiceAccount/istio-reader-service-account',
        'ServiceAccount/istiod-canary',
        'ValidatingWebhookConfiguration/istio-validator-canary-istio-system',
      ].sort(),
    );
  });

  it('adds -<namespace> to the injection webhook configuration outside istio-system', () => {
    expect(ids(objects({ namespace: 'remote', set: ['revision=canary'] }))).toContain('MutatingWebhookConfiguration/istio-sidecar-injector-canary-remote');
  });
});

/** The acceptance cases: helm 3, helm 4 and ours print the same bytes. */
const CASES: readonly (readonly string[])[] = [
  [],
  ['revision=canary'],
  ['global.configCluster=true'],
  ['global.configCluster=true', 'revision=canary', 'revisionTags={a,b}'],
  ['istiodRemote.injectionURL=https://x:15017/inject', 'base.validationURL=https://x:15017/validate'],
  ['istiodRemote.injectionURL=https://x:15017/inject', 'base.validationURL=https://x:15017/validate', 'global.configCluster=true'],
  ['pilot.configMap=true', 'global.omitSidecarInjectorConfigMap=false', 'global.externalIstiod=false', 'sidecarInjectorWebhook.enableNamespacesByDefault=true'],
  ['global.remotePilotAddress=203.0.113.10', 'global.configCluster=true', 'pilot.configMap=true', 'revision=canary', 'istiodRemote.injectionPath=/inject/cluster/config/net/network1'],
  ['global.remotePilotAddress=203.0.113.20', 'global.externalIstiod=false', 'istiodRemote.injectionPath=/inject/cluster/remote/net/network1'],
  ['global.remotePilotAddress=istiod.example.com', 'pilot.configMap=true'],
  ['global.remotePilotAddress=fd00\\:\\:1', 'pilot.enabled=true', 'global.externalIstiod=false', 'pilot.configMap=true'],
];

describe('helm 3, helm 4 and the embedded renderer agree', () => {
  it.each(CASES.map((c) => [c.join(' ') || '(defaults)', c] as const))('%s', async (_name, set) => {
    const opts: OursOptions = { set };
    for (const version of HELM_VERSIONS) {
      const helm = await helmTemplate(version, 'istiod-remote', templateArgs(opts));
      expect(helm.stderr).toBe('');
      expect(helm.exitCode).toBe(0);
      const ours = renderOurs('istiod-remote', { ...opts, compat: version });
      expect(ours.stdout).toBe(helm.stdout);
    }
  });
});

describe('strict Kubernetes validation', () => {
  const versions = [KUBE_VERSIONS[0], KUBE_VERSIONS[KUBE_VERSIONS.length - 1]];
  it.each(versions.flatMap((v) => CASES.map((c) => [v, c.join(' ') || '(defaults)', c] as const)))('Kubernetes %s, %s', (version, _name, set) => {
    const out = renderOurs('istiod-remote', { set });
    expect(out.exitCode).toBe(0);
    expect(validateManifestText(out.stdout, { version }).map((i) => formatKubeIssue(i))).toEqual([]);
  });

  it('would report an unknown field (the check can fail)', () => {
    const out = renderOurs('istiod-remote');
    const broken = out.stdout.replace('sideEffects: None', 'sideEffects: None\n  unknownField: 1');
    expect(validateManifestText(broken, { version: versions[0] }).length).toBeGreaterThan(0);
  });
});

describe('helm lint --strict', () => {
  it.each(HELM_VERSIONS)('%s with a remote istiod address: only helm 4 warns, and only that v1 Endpoints is deprecated from Kubernetes 1.33', async (version) => {
    const r = await helmRun(version, ['lint', '--strict', 'charts/istiod-remote', '--set', 'global.remotePilotAddress=203.0.113.10,pilot.configMap=true'], ['charts/istiod-remote']);
    const findings = r.stdout.split('\n').filter((l) => /\[(WARNING|ERROR)\]/.test(l));
    // Endpoints (not EndpointSlice) as the contract says: still served by every Kubernetes version
    // the object validator knows; helm 4 --strict counts the deprecation notice as a failure.
    expect(findings).toEqual(version === 'helm4' ? ['[WARNING] templates/remote-istiod.yaml: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice'] : []);
  });

  it.each(HELM_VERSIONS)('%s is clean with default values and for a config cluster', async (version) => {
    for (const extra of [[], ['--set', 'global.configCluster=true,revision=canary']]) {
      const r = await helmRun(version, ['lint', '--strict', 'charts/istiod-remote', ...extra], ['charts/istiod-remote']);
      expect(r.stdout + r.stderr).toContain('0 chart(s) failed');
      expect(r.stdout).not.toMatch(/\[(WARNING|ERROR)\]/);
      expect(r.exitCode).toBe(0);
    }
  });
});
