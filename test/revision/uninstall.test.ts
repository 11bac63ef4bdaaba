/**
 * planUninstall on the snapshots of test/fixtures/cluster-state/ (made by generate.ts there from
 * our own render() output). Each scenario states what must and what must not be listed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareInstallOrder, render, type ManifestSet } from '../../src/manifest/index.js';
import { IstioOperatorError, type Issue } from '../../src/operator/issues.js';
import { clusterStateOf, parseClusterState, type ClusterState } from '../../src/revision/cluster-state.js';
import type { KubeObject } from '../../src/revision/types.js';
import { snapshots } from '../fixtures/cluster-state/generate.js';
import { deletionManifest, planUninstall, podRevision, safePlanUninstall, type UninstallInput, type UninstallPlan } from '../../src/revision/uninstall.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'cluster-state');

const states = new Map<string, ClusterState>();
function state(name: string): ClusterState {
  let s = states.get(name);
  if (!s) {
    const r = parseClusterState(readFileSync(join(DIR, `${name}.yaml`), 'utf8'), `${name}.yaml`);
    if (!r.success) throw new Error(r.issues.map((i) => i.message).join('\n'));
    s = r.state;
    states.set(name, s);
  }
  return s;
}

const sets = new Map<string, ManifestSet>();
function iop(file: string): ManifestSet {
  let s = sets.get(file);
  if (!s) {
    s = render({ files: [{ name: file, text: readFileSync(join(DIR, file), 'utf8') }] });
    sets.set(file, s);
  }
  return s;
}

const id = (o: KubeObject): string => `${o.kind}:${o.metadata.namespace ?? ''}:${o.metadata.name}`;
const ids = (p: UninstallPlan): string[] => p.objects.map(id);
const lbl = (o: KubeObject, k: string): string | undefined => o.metadata.labels?.[k];
const component = (o: KubeObject): string | undefined => lbl(o, 'operator.istio.io/component');
const owner = (o: KubeObject): string | undefined => lbl(o, 'install.operator.istio.io/owning-resource');
const codes = (p: UninstallPlan): string[] => p.warnings.map((w) => w.code);
const messages = (p: UninstallPlan): string => p.warnings.map((w) => w.message).join('\n');

/** Invariants of every plan: only our objects, no pods or namespaces, reverse install order. */
function checkInvariants(p: UninstallPlan): void {
  for (const o of p.objects) {
    expect(['Pod', 'Namespace', 'ReplicaSet']).not.toContain(o.kind);
    if (o.kind === 'CustomResourceDefinition') expect(component(o)).toBe('Base');
    else {
      expect(['Base', 'Pilot', 'IstiodRemote', 'Cni', 'IngressGateways', 'EgressGateways']).toContain(component(o));
      expect(owner(o)).toBeDefined();
    }
  }
  const keys = p.objects.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}) }));
  for (let i = 1; i < keys.length; i++) expect(compareInstallOrder(keys[i - 1]!, keys[i]!)).toBeGreaterThanOrEqual(0);
  expect(new Set(ids(p)).size).toBe(p.objects.length);
}

function plan(input: Omit<UninstallInput, 'state'>, snapshot: string): UninstallPlan {
  const p = planUninstall({ state: state(snapshot), ...input });
  checkInvariants(p);
  return p;
}

describe('scenario 1, default-only: one default installation', () => {
  it('--revision default lists istiod, its webhooks and the gateway; never Base or CRDs; warns about pods, namespace and gateway', () => {
    const p = plan({ revision: 'default' }, 'default-only');
    expect(ids(p)).toContain('Deployment:istio-system:istiod');
    expect(ids(p)).toContain('MutatingWebhookConfiguration::istio-sidecar-injector');
    expect(ids(p)).toContain('ValidatingWebhookConfiguration::istio-validator-istio-system');
    expect(ids(p)).toContain('Deployment:istio-system:istio-ingressgateway');
    expect(p.objects.filter((o) => component(o) === 'Base')).toEqual([]);
    expect(p.objects.filter((o) => o.kind === 'CustomResourceDefinition')).toEqual([]);
    expect(codes(p)).toEqual(expect.arrayContaining(['uninstall-pods-still-injected', 'uninstall-namespace-still-labelled', 'uninstall-gateway-removed']));
    expect(messages(p)).toContain('namespace shop is still labelled istio-injection=enabled');
    expect(messages(p)).not.toContain('plain');
    // Deletion order: Services first, CRDs/ServiceAccounts last.
    expect(p.objects[0]?.kind).toBe('Service');
    expect(p.objects.at(-1)?.kind).toBe('ServiceAccount');
  });

  it('--purge lists every object of the installation, Base and CRDs included (nothing else remains)', () => {
    const p = plan({ purge: true }, 'default-only');
    const ours = state('default-only').objects.filter((o) => component(o) !== undefined && o.kind !== 'Pod');
    expect(ids(p).sort()).toEqual(ours.map(id).sort());
    expect(p.objects.at(-1)?.kind).toBe('CustomResourceDefinition');
    expect(codes(p)).not.toContain('uninstall-crds-kept');
  });

  it('an unknown revision lists nothing and says which control planes exist', () => {
    const p = plan({ revision: 'nope' }, 'default-only');
    expect(p.objects).toEqual([]);
    expect(p.warnings[0]?.code).toBe('uninstall-nothing-found');
    expect(p.warnings[0]?.suggestion).toContain('default in istio-system');
  });

  it('--istioNamespace scopes --revision: nothing of istio-system for another namespace', () => {
    expect(plan({ revision: 'default', istioNamespace: 'other' }, 'default-only').objects).toEqual([]);
  });

  it('-o yaml form keeps only identities', () => {
    const p = plan({ revision: 'default' }, 'default-only');
    const m = deletionManifest(p.objects);
    expect(m[0]).toEqual({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'istiod', namespace: 'istio-system' } });
    expect(m.find((o) => o.kind === 'MutatingWebhookConfiguration')?.metadata).toEqual({ name: 'istio-sidecar-injector' });
  });
});

describe('scenario 2, default-canary: default and canary side by side in istio-system', () => {
  it('--revision canary lists only canary objects: no default istiod, no Base, no gateway', () => {
    const p = plan({ revision: 'canary' }, 'default-canary');
    expect(p.objects.length).toBeGreaterThan(10);
    for (const o of p.objects) expect(lbl(o, 'istio.io/rev')).toBe('canary');
    expect(ids(p)).toContain('Deployment:istio-system:istiod-canary');
    expect(ids(p)).toContain('MutatingWebhookConfiguration::istio-sidecar-injector-canary');
    expect(ids(p)).not.toContain('Deployment:istio-system:istiod');
    expect(ids(p)).not.toContain('MutatingWebhookConfiguration::istio-sidecar-injector');
    expect(ids(p)).not.toContain('Deployment:istio-system:istio-ingressgateway');
    expect(messages(p)).toContain('namespace new is still labelled istio.io/rev=canary');
    expect(messages(p)).not.toContain('namespace old');
  });

  it('--revision default lists the default istiod and the gateway, never canary objects', () => {
    const p = plan({ revision: 'default' }, 'default-canary');
    for (const o of p.objects) expect(lbl(o, 'istio.io/rev') ?? 'default').toBe('default');
    expect(ids(p)).toContain('Deployment:istio-system:istiod');
    expect(ids(p)).not.toContain('Deployment:istio-system:istiod-canary');
    expect(messages(p)).toContain('1 pod is still injected by revision default (1 namespace old)');
    expect(messages(p)).toContain('gateway Deployment istio-system/istio-ingressgateway');
  });

  it('--purge --revision canary removes canary only: Base and CRDs stay with warnings', () => {
    const p = plan({ purge: true, revision: 'canary' }, 'default-canary');
    for (const o of p.objects) expect(lbl(o, 'istio.io/rev')).toBe('canary');
    expect(codes(p)).toEqual(expect.arrayContaining(['uninstall-base-kept', 'uninstall-crds-kept']));
  });

  it('-f canary.iop.yaml lists exactly what --revision canary lists', () => {
    const byFile = plan({ installation: iop('canary.iop.yaml') }, 'default-canary');
    expect(ids(byFile)).toEqual(ids(plan({ revision: 'canary' }, 'default-canary')));
  });

  it('--purge (the whole istio-system) lists both revisions, Base and CRDs', () => {
    const p = plan({ purge: true }, 'default-canary');
    expect(ids(p)).toEqual(expect.arrayContaining(['Deployment:istio-system:istiod', 'Deployment:istio-system:istiod-canary', 'ClusterRole::istiod-istio-system']));
    expect(p.objects.some((o) => o.kind === 'CustomResourceDefinition')).toBe(true);
  });
});

describe('scenario 3, canary-tags: tag prod -> canary (in the IstioOperator), tag stable -> default (tag generate)', () => {
  it('--revision canary lists the prod tag webhook, not the stable one; warns about the namespace on tag prod', () => {
    const p = plan({ revision: 'canary' }, 'canary-tags');
    expect(ids(p)).toContain('MutatingWebhookConfiguration::istio-revision-tag-prod');
    expect(ids(p)).not.toContain('MutatingWebhookConfiguration::istio-revision-tag-stable');
    expect(messages(p)).toContain('namespace prod-apps is still labelled istio.io/rev=prod (tag of revision canary)');
    expect(messages(p)).not.toContain('stable-apps');
  });

  it('--revision default lists the stable tag webhook and warns about stable-apps and the istio-injection namespace', () => {
    const p = plan({ revision: 'default' }, 'canary-tags');
    expect(ids(p)).toContain('MutatingWebhookConfiguration::istio-revision-tag-stable');
    expect(ids(p)).not.toContain('MutatingWebhookConfiguration::istio-revision-tag-prod');
    expect(messages(p)).toContain('namespace stable-apps is still labelled istio.io/rev=stable (tag of revision default)');
    expect(messages(p)).toContain('namespace legacy is still labelled istio-injection=enabled');
    expect(messages(p)).not.toContain('prod-apps');
  });

  it('-f canary-tags.iop.yaml lists the tag it declares', () => {
    const p = plan({ installation: iop('canary-tags.iop.yaml') }, 'canary-tags');
    expect(ids(p)).toContain('MutatingWebhookConfiguration::istio-revision-tag-prod');
    expect(ids(p)).not.toContain('MutatingWebhookConfiguration::istio-revision-tag-stable');
  });
});

describe('scenario 4, two-meshes: IstioOperator mesh-a (istio-system, default) and mesh-b (istio-b, revision blue)', () => {
  it('--purge of istio-system never lists an object of mesh-b; CRDs stay', () => {
    const p = plan({ purge: true }, 'two-meshes');
    expect(p.objects.length).toBeGreaterThan(20);
    for (const o of p.objects) expect(owner(o)).toBe('mesh-a');
    expect(ids(p).some((i) => i.includes('istio-b'))).toBe(false);
    expect(ids(p)).toContain('ClusterRole::istiod-istio-system');
    expect(codes(p)).toContain('uninstall-crds-kept');
    expect(p.objects.some((o) => o.kind === 'CustomResourceDefinition')).toBe(false);
  });

  it('--purge --istioNamespace istio-b never lists an object of mesh-a', () => {
    const p = plan({ purge: true, istioNamespace: 'istio-b' }, 'two-meshes');
    for (const o of p.objects) expect(owner(o)).toBe('mesh-b');
    expect(ids(p)).toEqual(expect.arrayContaining(['Deployment:istio-b:istiod-blue', 'MutatingWebhookConfiguration::istio-sidecar-injector-blue-istio-b', 'ClusterRole::istiod-istio-b', 'Deployment:istio-b:istio-ingressgateway']));
    expect(ids(p)).not.toContain('Deployment:istio-system:istio-ingressgateway');
  });

  it('-f mesh-b.iop.yaml --purge equals the namespace purge of istio-b', () => {
    expect(ids(plan({ purge: true, installation: iop('mesh-b.iop.yaml') }, 'two-meshes'))).toEqual(ids(plan({ purge: true, istioNamespace: 'istio-b' }, 'two-meshes')));
  });

  it('purging both, one after the other, lists every object of ours exactly once, CRDs with the last', () => {
    const a = plan({ purge: true }, 'two-meshes');
    const rest = clusterStateOf(state('two-meshes').objects.filter((o) => !a.objects.includes(o)));
    const b = planUninstall({ state: rest, purge: true, istioNamespace: 'istio-b' });
    expect(b.objects.some((o) => o.kind === 'CustomResourceDefinition')).toBe(true);
    const ours = state('two-meshes').objects.filter((o) => component(o) !== undefined && o.kind !== 'Pod');
    expect([...ids(a), ...ids(b)].sort()).toEqual(ours.map(id).sort());
  });

  it('--revision default in istio-system lists nothing of istio-b', () => {
    const p = plan({ revision: 'default' }, 'two-meshes');
    for (const o of p.objects) expect(owner(o)).toBe('mesh-a');
  });
});

describe('scenario 5, foreign-objects: objects that are not ours next to a default installation', () => {
  const foreign = ['Deployment:istio-system:kiali', 'Service:istio-system:kiali', 'Secret:istio-system:cacerts', 'CustomResourceDefinition::certificates.cert-manager.io', 'CustomResourceDefinition::wasmplugins.extensions.istio.io', 'ConfigMap:istio-system:pilot-notes', 'Deployment:istio-operator:istio-operator', 'Pod:istio-system:debug-shell'];
  it('--purge never lists them, and still lists our objects and CRDs', () => {
    const p = plan({ purge: true }, 'foreign-objects');
    for (const f of foreign) expect(ids(p)).not.toContain(f);
    expect(ids(p)).toContain('Deployment:istio-system:istiod');
    expect(ids(p)).toContain('CustomResourceDefinition::virtualservices.networking.istio.io');
    expect(p.objects.some((o) => o.kind === 'Pod')).toBe(false);
  });

  it('--revision default never lists them', () => {
    const p = plan({ revision: 'default' }, 'foreign-objects');
    for (const f of foreign) expect(ids(p)).not.toContain(f);
  });
});

describe('scenario 6, gateways-cni: gateway in istio-ingress and CNI for default; canary without either', () => {
  it('--revision default lists the gateway in istio-ingress and CNI, warns that CNI goes while canary remains', () => {
    const p = plan({ revision: 'default' }, 'gateways-cni');
    expect(ids(p)).toEqual(expect.arrayContaining(['Deployment:istio-ingress:istio-ingressgateway', 'DaemonSet:istio-system:istio-cni-node', 'ClusterRole::istio-cni']));
    expect(codes(p)).toEqual(expect.arrayContaining(['uninstall-gateway-removed', 'uninstall-cni-removed']));
    expect(messages(p)).toContain('revision(s) canary remain');
  });

  it('--revision canary lists neither the gateway nor CNI', () => {
    const p = plan({ revision: 'canary' }, 'gateways-cni');
    expect(ids(p).some((i) => i.includes('istio-ingress') || i.includes('cni'))).toBe(false);
    expect(codes(p)).not.toContain('uninstall-gateway-removed');
    expect(messages(p)).toContain('namespace web is still labelled istio.io/rev=canary');
  });
});

describe('scenario 7, named-same-namespace: IstioOperators control-plane (default, Base) and canary-cp (canary) in istio-system', () => {
  it('-f canary-cp.iop.yaml --purge lists only canary-cp objects; Base stays because control-plane remains', () => {
    const p = plan({ purge: true, installation: iop('canary-cp.iop.yaml') }, 'named-same-namespace');
    expect(p.objects.length).toBeGreaterThan(10);
    for (const o of p.objects) expect(owner(o)).toBe('canary-cp');
    expect(codes(p)).toEqual(expect.arrayContaining(['uninstall-base-kept', 'uninstall-crds-kept']));
  });

  it('-f control-plane.iop.yaml --purge lists only control-plane objects and keeps its Base for canary-cp', () => {
    const p = plan({ purge: true, installation: iop('control-plane.iop.yaml') }, 'named-same-namespace');
    for (const o of p.objects) expect(owner(o)).toBe('control-plane');
    expect(p.objects.some((o) => component(o) === 'Base')).toBe(false);
    expect(messages(p)).toContain('revision canary (owner canary-cp)');
  });

  it('-f with a file that does not match the snapshot lists nothing', () => {
    const p = plan({ installation: iop('mesh-a.iop.yaml') }, 'named-same-namespace');
    expect(p.objects).toEqual([]);
    expect(codes(p)).toContain('uninstall-nothing-found');
  });
});

describe('the fixtures', () => {
  it('are what generate.ts makes from the current charts (identities and labels; run it after chart changes)', () => {
    const summary = (text: string, file: string): string[] => {
      const r = parseClusterState(text, file);
      if (!r.success) throw new Error(file);
      return r.state.objects.map((o) => `${id(o)} ${JSON.stringify(o.metadata.labels ?? {})}`).sort();
    };
    const fresh = snapshots();
    expect(fresh.size).toBe(7);
    for (const [name, text] of fresh) expect(summary(readFileSync(join(DIR, name), 'utf8'), name), name).toEqual(summary(text, name));
  });
});

describe('input errors and details', () => {
  it('no mode and --revision with -f are errors (safe and throwing forms)', () => {
    const none = safePlanUninstall({ state: state('default-only') });
    expect(none.success).toBe(false);
    if (!none.success) expect(none.issues[0]?.code).toBe('uninstall-no-mode');
    const both = safePlanUninstall({ state: state('default-only'), revision: 'x', installation: iop('default.iop.yaml') });
    expect(both.success).toBe(false);
    expect(() => planUninstall({ state: state('default-only') })).toThrow(IstioOperatorError);
  });

  it('namespace warnings follow the webhooks: istio-injection wins over istio.io/rev, any istio-injection value turns revisions off', () => {
    const ns = (name: string, labels: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
    const s = clusterStateOf([...state('default-canary').objects, ns('both', { 'istio-injection': 'enabled', 'istio.io/rev': 'canary' }), ns('off', { 'istio-injection': 'disabled', 'istio.io/rev': 'canary' })]);
    const canary = messages(planUninstall({ state: s, revision: 'canary' }));
    expect(canary).not.toContain('namespace both');
    expect(canary).not.toContain('namespace off');
    const def = messages(planUninstall({ state: s, revision: 'default' }));
    expect(def).toContain('namespace both is still labelled istio-injection=enabled');
    expect(def).not.toContain('namespace off');
  });

  it('an object of ours whose installation cannot be placed is not listed, with a warning', () => {
    const mystery: KubeObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'mystery', labels: { 'operator.istio.io/component': 'Pilot', 'install.operator.istio.io/owning-resource': 'unknown', 'istio.io/rev': 'default' } },
    };
    const p = planUninstall({ state: clusterStateOf([...state('default-only').objects, mystery]), revision: 'default' });
    expect(ids(p)).not.toContain('ClusterRole::mystery');
    expect(p.warnings.find((w) => w.code === 'uninstall-ambiguous-owner')?.message).toContain('ClusterRole mystery');
    expect(codes(plan({ revision: 'default' }, 'default-only'))).not.toContain('uninstall-ambiguous-owner');
  });

  it('never throws and keeps its invariants on snapshots with odd fields and labels', () => {
    const base = state('canary-tags').objects;
    const junk = fc.oneof(fc.constant(null), fc.string({ maxLength: 8 }), fc.integer(), fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }));
    const field = fc.constantFrom('webhooks', 'subjects', 'roleRef', 'spec', 'metadata.labels', 'metadata.annotations');
    const labelKey = fc.constantFrom('operator.istio.io/component', 'install.operator.istio.io/owning-resource', 'istio.io/rev', 'istio.io/tag', '__proto__');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(base.length - 1), field, junk, labelKey, fc.string({ maxLength: 8 })), { maxLength: 8 }),
        fc.constantFrom<Omit<UninstallInput, 'state'>>({ purge: true }, { revision: 'canary' }, { revision: 'default' }, { purge: true, revision: 'canary' }),
        (edits, mode) => {
          const objects = base.map((o) => ({ ...o, metadata: { ...o.metadata, labels: { ...(o.metadata.labels ?? {}) } } })) as KubeObject[];
          for (const [i, f, value, key, labelValue] of edits) {
            const o = objects[i] as Record<string, unknown> & KubeObject;
            if (f === 'metadata.labels') Object.defineProperty(o.metadata.labels, key, { value: labelValue, enumerable: true, writable: true, configurable: true });
            else if (f === 'metadata.annotations') (o.metadata as Record<string, unknown>).annotations = { 'sidecar.istio.io/status': labelValue };
            else o[f] = value;
          }
          const p = planUninstall({ state: clusterStateOf(objects), ...mode });
          checkInvariants(p);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('revision "" means default', () => {
    expect(ids(plan({ revision: '' }, 'default-only'))).toEqual(ids(plan({ revision: 'default' }, 'default-only')));
  });

  it('podRevision: status annotation first, then the label of a pod with a proxy; istiod pods have none', () => {
    const pod = (labels: Record<string, string>, annotations: Record<string, string>, containers: string[]): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'n', labels, annotations },
      spec: { containers: containers.map((name) => ({ name })) },
    });
    expect(podRevision(pod({ 'istio.io/rev': 'x' }, { 'sidecar.istio.io/status': '{"revision":"canary"}' }, ['app']))).toBe('canary');
    expect(podRevision(pod({}, { 'sidecar.istio.io/status': '{"revision":""}' }, ['app']))).toBe('default');
    expect(podRevision(pod({ 'istio.io/rev': 'blue' }, { 'sidecar.istio.io/status': 'not json' }, ['app']))).toBe('blue');
    expect(podRevision(pod({ 'istio.io/rev': 'blue' }, {}, ['istio-proxy']))).toBe('blue');
    expect(podRevision(pod({ 'istio.io/rev': 'default' }, {}, ['discovery']))).toBeUndefined();
  });

  it('every warning is a warning with a message', () => {
    const all: Issue[] = [];
    for (const s of ['default-only', 'default-canary', 'canary-tags', 'two-meshes', 'foreign-objects', 'gateways-cni', 'named-same-namespace']) {
      for (const input of [{ purge: true }, { revision: 'default' }, { revision: 'canary' }]) all.push(...plan(input, s).warnings);
    }
    for (const w of all) {
      expect(w.severity).toBe('warning');
      expect(w.message.length).toBeGreaterThan(10);
    }
  });
});
