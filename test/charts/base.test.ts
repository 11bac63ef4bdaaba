/**
 * charts/base: the Istio 1.11 CRDs (scripts/gen/chart-shared/_crds.tpl), the shared RBAC and
 * service accounts, the remote istiod Service/Endpoints and istiod-default-validator, rendered by
 * the library; plus the differential check against helm 3 and helm 4 and `helm lint --strict`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatKubeIssue, KUBE_VERSIONS, validateManifestText } from '../../src/manifest/kube/index.js';
import { CHARTS_ROOT, HELM_VERSIONS, helmRun, helmTemplate, objectId, parseDocs, renderOurs, templateArgs, type OursOptions } from './render.js';

interface Obj {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly [field: string]: unknown;
}
interface CrdVersion {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  readonly subresources?: { readonly status?: object };
  readonly additionalPrinterColumns?: readonly { readonly name: string; readonly jsonPath: string }[];
  readonly schema: { readonly openAPIV3Schema: { readonly type: string; readonly properties: Record<string, { type: string; 'x-kubernetes-preserve-unknown-fields'?: boolean }> } };
}
interface Crd extends Obj {
  readonly spec: {
    readonly group: string;
    readonly scope: string;
    readonly names: { kind: string; listKind: string; plural: string; singular: string; shortNames?: string[]; categories?: string[] };
    readonly versions: readonly CrdVersion[];
  };
}
interface Rule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
}

function render(set: readonly string[] = []): Obj[] {
  const out = renderOurs('base', { set });
  expect(out.stderr).toBe('');
  expect(out.exitCode).toBe(0);
  return parseDocs(out.stdout).map((d) => d.object as Obj);
}
const ofKind = (objs: readonly Obj[], kind: string): Obj[] => objs.filter((o) => o.kind === kind);
const named = (objs: readonly Obj[], kind: string, name: string): Obj | undefined => objs.find((o) => o.kind === kind && o.metadata.name === name);

/** name -> [storage version, other served versions...], shortNames, category. */
const CRDS: Record<string, { versions: string[]; shortNames: string[]; category: string; columns: string[] }> = {
  'destinationrules.networking.istio.io': { versions: ['v1alpha3', 'v1beta1'], shortNames: ['dr'], category: 'networking-istio-io', columns: ['Host', 'Age'] },
  'envoyfilters.networking.istio.io': { versions: ['v1alpha3'], shortNames: [], category: 'networking-istio-io', columns: [] },
  'gateways.networking.istio.io': { versions: ['v1alpha3', 'v1beta1'], shortNames: ['gw'], category: 'networking-istio-io', columns: [] },
  'serviceentries.networking.istio.io': { versions: ['v1alpha3', 'v1beta1'], shortNames: ['se'], category: 'networking-istio-io', columns: ['Hosts', 'Location', 'Resolution', 'Age'] },
  'sidecars.networking.istio.io': { versions: ['v1alpha3', 'v1beta1'], shortNames: [], category: 'networking-istio-io', columns: [] },
  'virtualservices.networking.istio.io': { versions: ['v1alpha3', 'v1beta1'], shortNames: ['vs'], category: 'networking-istio-io', columns: ['Gateways', 'Hosts', 'Age'] },
  'workloadentries.networking.istio.io': { versions: ['v1alpha3', 'v1beta1'], shortNames: ['we'], category: 'networking-istio-io', columns: ['Address', 'Age'] },
  'workloadgroups.networking.istio.io': { versions: ['v1alpha3'], shortNames: ['wg'], category: 'networking-istio-io', columns: ['Age'] },
  'authorizationpolicies.security.istio.io': { versions: ['v1beta1'], shortNames: [], category: 'security-istio-io', columns: [] },
  'peerauthentications.security.istio.io': { versions: ['v1beta1'], shortNames: ['pa'], category: 'security-istio-io', columns: ['Mode', 'Age'] },
  'requestauthentications.security.istio.io': { versions: ['v1beta1'], shortNames: ['ra'], category: 'security-istio-io', columns: [] },
  'telemetries.telemetry.istio.io': { versions: ['v1alpha1'], shortNames: ['telemetry'], category: 'telemetry-istio-io', columns: ['Age'] },
  'istiooperators.install.istio.io': { versions: ['v1alpha1'], shortNames: ['iop', 'io'], category: '', columns: ['Revision', 'Status', 'Age'] },
};

describe('base chart: CRDs', () => {
  const objs = render();
  const crds = ofKind(objs, 'CustomResourceDefinition') as Crd[];

  it('renders exactly the 13 Istio 1.11 CRDs, apiextensions.k8s.io/v1, kept on uninstall', () => {
    expect(crds.map((c) => c.metadata.name).sort()).toEqual(Object.keys(CRDS).sort());
    for (const c of crds) {
      expect(c.apiVersion).toBe('apiextensions.k8s.io/v1');
      expect(c.metadata.annotations?.['helm.sh/resource-policy']).toBe('keep');
      expect(c.metadata.labels?.['operator.istio.io/component']).toBe('Base');
    }
  });

  it.each(Object.entries(CRDS))('%s: names, versions, storage, short names, categories, columns', (name, want) => {
    const c = crds.find((x) => x.metadata.name === name);
    expect(c).toBeDefined();
    if (!c) return;
    const [plural, ...group] = name.split('.');
    expect(c.spec.group).toBe(group.join('.'));
    expect(c.spec.scope).toBe('Namespaced');
    expect(c.spec.names.plural).toBe(plural);
    expect(c.spec.names.singular).toBe(c.spec.names.kind.toLowerCase());
    expect(c.spec.names.listKind).toBe(`${c.spec.names.kind}List`);
    expect(c.spec.names.shortNames ?? []).toEqual(want.shortNames);
    expect(c.spec.names.categories ?? []).toEqual(want.category ? ['istio-io', want.category] : []);
    expect(c.spec.versions.map((v) => v.name)).toEqual(want.versions);
    expect(c.spec.versions.map((v) => v.storage)).toEqual(want.versions.map((_, i) => i === 0));
    for (const v of c.spec.versions) {
      expect(v.served).toBe(true);
      expect(v.subresources?.status).toEqual({});
      expect((v.additionalPrinterColumns ?? []).map((col) => col.name)).toEqual(want.columns);
      const s = v.schema.openAPIV3Schema;
      expect(s.type).toBe('object');
      for (const field of ['spec', 'status']) {
        expect(s.properties[field]).toMatchObject({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
      }
    }
  });

  it('base.enableIstioConfigCRDs=false keeps only the IstioOperator CRD', () => {
    const only = ofKind(render(['base.enableIstioConfigCRDs=false']), 'CustomResourceDefinition');
    expect(only.map((c) => c.metadata.name)).toEqual(['istiooperators.install.istio.io']);
  });

  it('base.enableCRDTemplates is accepted and changes nothing', () => {
    expect(renderOurs('base', { set: ['base.enableCRDTemplates=true'] }).stdout).toBe(renderOurs('base').stdout);
  });
});

describe('base chart: RBAC and service accounts', () => {
  it('names follow global.istioNamespace and bindings point at the shared service accounts', () => {
    for (const ns of ['istio-system', 'mesh']) {
      const objs = render(ns === 'istio-system' ? [] : [`global.istioNamespace=${ns}`]);
      expect(ofKind(objs, 'ServiceAccount').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
        `${ns}/istio-reader-service-account`,
        `${ns}/istiod-service-account`,
      ]);
      expect(ofKind(objs, 'ClusterRole').map((o) => o.metadata.name).sort()).toEqual([`istio-reader-${ns}`, `istiod-${ns}`]);
      const bindings = [...ofKind(objs, 'ClusterRoleBinding'), ...ofKind(objs, 'RoleBinding')];
      const wiring = bindings.map((b) => {
        const ref = b.roleRef as { kind: string; name: string };
        const subjects = b.subjects as { kind: string; name: string; namespace: string }[];
        return `${b.kind}/${b.metadata.name} -> ${ref.kind}/${ref.name} for ${subjects.map((s) => `${s.kind}/${s.namespace}/${s.name}`).join(',')}`;
      });
      expect(wiring.sort()).toEqual(
        [
          `ClusterRoleBinding/istiod-${ns} -> ClusterRole/istiod-${ns} for ServiceAccount/${ns}/istiod-service-account`,
          `ClusterRoleBinding/istio-reader-${ns} -> ClusterRole/istio-reader-${ns} for ServiceAccount/${ns}/istio-reader-service-account`,
          `RoleBinding/istiod-${ns} -> Role/istiod-${ns} for ServiceAccount/${ns}/istiod-service-account`,
        ].sort(),
      );
      expect(named(objs, 'Role', `istiod-${ns}`)?.metadata.namespace).toBe(ns);
    }
  });

  const rulesOf = (objs: readonly Obj[], kind: string, name: string): Rule[] => (named(objs, kind, name)?.rules ?? []) as Rule[];
  const allows = (rules: readonly Rule[], group: string, resource: string, verb: string): boolean =>
    rules.some((r) => r.apiGroups.includes(group) && (r.resources.includes(resource) || r.resources.includes('*')) && r.verbs.includes(verb));

  it('istiod reads what it discovers (core, endpointslices, Istio config, MCS) and may export services', () => {
    const rules = rulesOf(render(), 'ClusterRole', 'istiod-istio-system');
    for (const [group, resource] of [
      ['', 'pods'], ['', 'services'], ['', 'endpoints'], ['', 'namespaces'], ['', 'nodes'], ['', 'secrets'],
      ['discovery.k8s.io', 'endpointslices'], ['networking.istio.io', 'virtualservices'], ['security.istio.io', 'peerauthentications'],
      ['telemetry.istio.io', 'telemetries'], ['multicluster.x-k8s.io', 'serviceimports'], ['multicluster.x-k8s.io', 'serviceexports'],
      ['apiextensions.k8s.io', 'customresourcedefinitions'],
    ]) {
      expect(allows(rules, group, resource, 'watch'), `${group}/${resource}`).toBe(true);
    }
    expect(allows(rules, 'multicluster.x-k8s.io', 'serviceexports', 'create')).toBe(true);
    expect(allows(rules, 'networking.istio.io', 'workloadentries', 'create')).toBe(true);
    expect(allows(rules, 'admissionregistration.k8s.io', 'mutatingwebhookconfigurations', 'patch')).toBe(true);
  });

  it('global.istiod.enableAnalysis grants status updates of Istio resources', () => {
    const statusRule = (rules: readonly Rule[]) => rules.find((r) => r.apiGroups.includes('networking.istio.io') && r.resources.includes('*/status'));
    expect(statusRule(rulesOf(render(), 'ClusterRole', 'istiod-istio-system'))).toBeUndefined();
    expect(statusRule(rulesOf(render(['global.istiod.enableAnalysis=true']), 'ClusterRole', 'istiod-istio-system'))?.verbs).toEqual(['update']);
  });

  it('the reader may write ConfigMaps and webhook configurations only with global.externalIstiod', () => {
    const writes = (rules: readonly Rule[]) => [
      allows(rules, '', 'configmaps', 'create'),
      allows(rules, '', 'configmaps', 'update'),
      allows(rules, 'admissionregistration.k8s.io', 'mutatingwebhookconfigurations', 'patch'),
      allows(rules, 'admissionregistration.k8s.io', 'validatingwebhookconfigurations', 'update'),
    ];
    expect(writes(rulesOf(render(), 'ClusterRole', 'istio-reader-istio-system'))).toEqual([false, false, false, false]);
    expect(writes(rulesOf(render(['global.externalIstiod=true']), 'ClusterRole', 'istio-reader-istio-system'))).toEqual([true, true, true, true]);
  });

  it('global.imagePullSecrets reach both service accounts', () => {
    for (const sa of ofKind(render(['global.imagePullSecrets={a,b}']), 'ServiceAccount')) {
      expect(sa.imagePullSecrets).toEqual([{ name: 'a' }, { name: 'b' }]);
    }
    for (const sa of ofKind(render(), 'ServiceAccount')) expect(sa).not.toHaveProperty('imagePullSecrets');
  });
});

describe('base chart: global.remotePilotAddress', () => {
  const remote = (set: readonly string[]) =>
    render(set)
      .filter((o) => o.kind === 'Service' || o.kind === 'Endpoints')
      .map((o) => ({ id: objectId(o), spec: o.spec as Record<string, unknown> | undefined, subsets: o.subsets }));
  const port = [{ name: 'tcp-istiod', port: 15012, protocol: 'TCP' }];

  it('renders nothing without an address', () => {
    expect(remote([])).toEqual([]);
  });

  it('IP address, in-cluster istiod: headless Service istiod-remote with Endpoints', () => {
    expect(remote(['global.remotePilotAddress=10.0.0.1'])).toEqual([
      { id: 'Service/istio-system/istiod-remote', spec: { clusterIP: 'None', ports: port }, subsets: undefined },
      { id: 'Endpoints/istio-system/istiod-remote', spec: undefined, subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: port }] },
    ]);
  });

  const webhook = { name: 'tcp-webhook', port: 443, protocol: 'TCP', targetPort: 15017 };
  const webhookEndpoint = { name: 'tcp-webhook', port: 15017, protocol: 'TCP' };

  it('IP address, external istiod: Service istiod with the webhook port too, Endpoints istiod on 15012 and 15017', () => {
    expect(remote(['global.remotePilotAddress=169.10.112.88', 'global.externalIstiod=true'])).toEqual([
      { id: 'Service/istio-system/istiod', spec: { ports: [...port, webhook] }, subsets: undefined },
      { id: 'Endpoints/istio-system/istiod', spec: undefined, subsets: [{ addresses: [{ ip: '169.10.112.88' }], ports: [...port, webhookEndpoint] }] },
    ]);
  });

  it('no istiod in this cluster (pilot.enabled false) names it istiod even without externalIstiod; base ignores the revision', () => {
    const want = [
      { id: 'Service/istio-system/istiod', spec: { ports: [...port, webhook] }, subsets: undefined },
      { id: 'Endpoints/istio-system/istiod', spec: undefined, subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [...port, webhookEndpoint] }] },
    ];
    expect(remote(['global.remotePilotAddress=10.0.0.1', 'pilot.enabled=false'])).toEqual(want);
    expect(remote(['global.remotePilotAddress=10.0.0.1', 'pilot.enabled=false', 'revision=canary'])).toEqual(want);
    expect(remote(['global.remotePilotAddress=10.0.0.1', 'pilot.enabled=true', 'global.externalIstiod=true', 'revision=canary'])).toEqual(want);
  });

  it('host name, external istiod: ExternalName Service istiod and no Endpoints', () => {
    expect(remote(['global.remotePilotAddress=istiod.example.com', 'global.externalIstiod=true'])).toEqual([
      { id: 'Service/istio-system/istiod', spec: { type: 'ExternalName', externalName: 'istiod.example.com', ports: [...port, webhook] }, subsets: undefined },
    ]);
  });

  it('host name, in-cluster istiod: ExternalName Service istiod-remote (an Endpoints address must be an IP)', () => {
    expect(remote(['global.remotePilotAddress=istiod.example.com'])).toEqual([
      { id: 'Service/istio-system/istiod-remote', spec: { type: 'ExternalName', externalName: 'istiod.example.com', ports: port }, subsets: undefined },
    ]);
  });

  it('only well-formed IP literals become Endpoints', () => {
    const kinds = (address: string) => remote([`global.remotePilotAddress=${address}`]).map((r) => r.id.split('/')[0]);
    expect(kinds('10.1.2.3')).toEqual(['Service', 'Endpoints']);
    expect(kinds('fd00\\:\\:1')).toEqual(['Service', 'Endpoints']);
    expect(kinds('10.1.2.3.nip.io')).toEqual(['Service']);
    expect(kinds('256.1.2.3x')).toEqual(['Service']);
  });
});

describe('base chart: istiod-default-validator', () => {
  const validator = (set: readonly string[]) => named(render(set), 'ValidatingWebhookConfiguration', 'istiod-default-validator');

  it('is rendered only when defaultRevision is set and global.configValidation is on', () => {
    expect(validator([])).toBeUndefined();
    expect(validator(['defaultRevision=default', 'global.configValidation=false'])).toBeUndefined();
    expect(validator(['defaultRevision=default'])).toBeDefined();
  });

  it('sends unlabelled Istio resources to istiod (default) or istiod-<revision>, failing open', () => {
    for (const [rev, service] of [['default', 'istiod'], ['canary', 'istiod-canary']]) {
      const v = validator([`defaultRevision=${rev}`, 'global.istioNamespace=mesh']);
      expect(v?.apiVersion).toBe('admissionregistration.k8s.io/v1');
      expect(v?.metadata.labels?.['istio.io/rev']).toBe(rev);
      const hooks = v?.webhooks as Record<string, unknown>[];
      expect(hooks).toHaveLength(1);
      expect(hooks[0]).toEqual({
        name: 'validation.istio.io',
        clientConfig: { service: { name: service, namespace: 'mesh', path: '/validate', port: 443 } },
        rules: [{ operations: ['CREATE', 'UPDATE'], apiGroups: ['security.istio.io', 'networking.istio.io', 'telemetry.istio.io'], apiVersions: ['*'], resources: ['*'] }],
        objectSelector: { matchExpressions: [{ key: 'istio.io/rev', operator: 'DoesNotExist' }] },
        failurePolicy: 'Ignore',
        sideEffects: 'None',
        admissionReviewVersions: ['v1beta1', 'v1'],
      });
    }
  });

  it('base.validationURL replaces the Service', () => {
    const hooks = validator(['defaultRevision=default', 'base.validationURL=https://istiod.example.com:15017/validate'])?.webhooks as { clientConfig: unknown }[];
    expect(hooks[0].clientConfig).toEqual({ url: 'https://istiod.example.com:15017/validate' });
  });
});

describe('base chart: values.yaml', () => {
  it('documents every key with a comment line right above it', () => {
    const lines = readFileSync(join(CHARTS_ROOT, 'base', 'values.yaml'), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (/^\s*[A-Za-z_][\w.-]*:/.test(line)) expect(lines[i - 1] ?? '', `line ${i + 1}: ${line}`).toMatch(/^\s*#/);
    });
  });
});

const CASES: readonly OursOptions[] = [
  {},
  { set: ['revision=canary'] },
  { set: ['defaultRevision=default'] },
  { set: ['global.remotePilotAddress=10.0.0.1'] },
  { set: ['global.remotePilotAddress=istiod.example.com', 'global.externalIstiod=true'] },
  { set: ['global.remotePilotAddress=10.0.0.1', 'pilot.enabled=false', 'revision=canary', 'ownerName=remote'] },
  { set: ['global.remotePilotAddress=fd00\\:\\:1', 'global.externalIstiod=true', 'global.istioNamespace=mesh'], namespace: 'mesh' },
  { set: ['defaultRevision=canary', 'base.validationURL=https://x:15017/validate', 'global.istiod.enableAnalysis=true', 'global.imagePullSecrets={a,b}'] },
  { set: ['base.enableIstioConfigCRDs=false', 'global.istioNamespace=mesh'], namespace: 'mesh' },
];

describe('base chart: helm 3, helm 4 and the library agree', () => {
  it.each(HELM_VERSIONS)('helm lint --strict is clean with %s', async (version) => {
    const r = await helmRun(version, ['lint', '--strict', 'charts/base'], ['charts/base']);
    expect(r.stdout + r.stderr).not.toMatch(/\[(WARNING|ERROR)\]/);
    expect(r.exitCode).toBe(0);
  }, 60_000);

  it.each(CASES.map((c) => [JSON.stringify(c), c] as const))('helm template %s', async (_, opts) => {
    const args = templateArgs(opts);
    const [h3, h4] = await Promise.all(HELM_VERSIONS.map((v) => helmTemplate(v, 'charts/base', args)));
    expect(h3.exitCode).toBe(0);
    expect(h4.stdout).toBe(h3.stdout);
    for (const compat of HELM_VERSIONS) expect(renderOurs('base', { ...opts, compat }).stdout).toBe(h3.stdout);
  }, 60_000);
});

describe('base chart: strict Kubernetes validation', () => {
  const versions = [KUBE_VERSIONS[0], KUBE_VERSIONS[KUBE_VERSIONS.length - 1]];
  it.each(CASES.flatMap((c) => versions.map((v) => [v, JSON.stringify(c), c] as const)))('Kubernetes %s: %s', (version, _, opts) => {
    const out = renderOurs('base', opts);
    expect(out.exitCode).toBe(0);
    expect(validateManifestText(out.stdout, { version }).map((i) => formatKubeIssue(i))).toEqual([]);
  });
});
