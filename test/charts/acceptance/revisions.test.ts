/**
 * Acceptance (issue 5, reference §4.2 and §5.1): istiod installed with no revision and with
 * revision canary into the same namespace. No two objects share kind and name (cluster-scoped
 * ones included); each control plane labels its objects istio.io/rev default|canary, names its
 * objects as §4.2 says, and its selectors pick its own pods only; the injection webhooks of the
 * two send every pod to at most one of them, the one §5.1 says.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { selectorMatches, type LabelSelector, type Labels } from '../../../src/revision/selector.js';
import { helmTemplate, parseDocs, templateArgs } from '../render.js';
import { RELEASE, chartExists, missingChart } from './matrix.js';

type Selector = LabelSelector;
interface Obj {
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Labels };
  readonly spec?: {
    readonly selector?: Selector & Labels;
    readonly template?: { readonly metadata?: { readonly labels?: Labels } };
    readonly scaleTargetRef?: { readonly kind: string; readonly name: string };
  };
  readonly webhooks?: readonly { readonly name: string; readonly namespaceSelector?: Selector; readonly objectSelector?: Selector }[];
}

const NS = 'istio-system';

const matches = selectorMatches;

async function render(set: readonly string[]): Promise<Obj[]> {
  const r = await helmTemplate('helm4', 'istiod', templateArgs({ releaseName: RELEASE, namespace: NS, set }));
  if (r.exitCode !== 0) throw new Error(`istiod ${set.join(' ')} does not render:\n${r.stderr}`);
  return parseDocs(r.stdout).map((d) => d.object as Obj);
}

const key = (o: Obj): string => `${o.kind}/${o.metadata.name}`;
const one = (objs: readonly Obj[], kind: string, name: string): Obj => {
  const found = objs.filter((o) => o.kind === kind && o.metadata.name === name);
  expect(found.map(key), `exactly one ${kind} ${name}`).toEqual([`${kind}/${name}`]);
  return found[0];
};

describe('istiod: a revision next to the default control plane (§4.2)', () => {
  let def: Obj[] = [];
  let canary: Obj[] = [];
  beforeAll(async () => {
    expect(chartExists('istiod'), missingChart('istiod')).toBe(true);
    [def, canary] = await Promise.all([render([]), render(['revision=canary'])]);
  });

  it('no two objects of the two installs share kind and name (cluster-scoped included)', () => {
    expect(def.length).toBeGreaterThan(5);
    const seen = new Set(def.map(key));
    expect(canary.map(key).filter((k) => seen.has(k))).toEqual([]);
    // And none within one install either.
    for (const objs of [def, canary]) expect(new Set(objs.map(key)).size).toBe(objs.length);
  });

  it('every object is labelled istio.io/rev: default, resp. canary', () => {
    expect(def.filter((o) => o.metadata.labels?.['istio.io/rev'] !== 'default').map(key)).toEqual([]);
    expect(canary.filter((o) => o.metadata.labels?.['istio.io/rev'] !== 'canary').map(key)).toEqual([]);
  });

  it('names: istiod-canary, istio-canary, istio-sidecar-injector-canary, *-canary-<ns> cluster objects, *-canary filters', () => {
    for (const kind of ['Deployment', 'Service', 'ServiceAccount', 'Role', 'RoleBinding', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']) {
      one(def, kind, 'istiod');
      one(canary, kind, 'istiod-canary');
    }
    one(canary, 'ConfigMap', 'istio-canary');
    one(canary, 'ConfigMap', 'istio-sidecar-injector-canary');
    one(canary, 'ClusterRole', `istiod-clusterrole-canary-${NS}`);
    one(canary, 'ClusterRole', `istio-reader-clusterrole-canary-${NS}`);
    one(canary, 'ClusterRoleBinding', `istiod-clusterrole-canary-${NS}`);
    one(canary, 'ValidatingWebhookConfiguration', `istio-validator-canary-${NS}`);
    one(canary, 'MutatingWebhookConfiguration', 'istio-sidecar-injector-canary');
    expect(canary.filter((o) => o.kind === 'EnvoyFilter' && !o.metadata.name.endsWith('-canary')).map(key)).toEqual([]);
  });

  it('selectors: {istio: pilot} / {app: istiod, istio: pilot} without a revision, {app: istiod, istio.io/rev: canary} with one', () => {
    expect(one(def, 'Deployment', 'istiod').spec?.selector?.matchLabels).toEqual({ istio: 'pilot' });
    expect(one(def, 'Service', 'istiod').spec?.selector).toEqual({ app: 'istiod', istio: 'pilot' });
    const revSel = { app: 'istiod', 'istio.io/rev': 'canary' };
    expect(one(canary, 'Deployment', 'istiod-canary').spec?.selector?.matchLabels).toEqual(revSel);
    expect(one(canary, 'Service', 'istiod-canary').spec?.selector).toEqual(revSel);
    expect(one(canary, 'PodDisruptionBudget', 'istiod-canary').spec?.selector?.matchLabels).toEqual(revSel);
    const defPod = one(def, 'Deployment', 'istiod').spec?.template?.metadata?.labels ?? {};
    const canPod = one(canary, 'Deployment', 'istiod-canary').spec?.template?.metadata?.labels ?? {};
    expect(defPod).toMatchObject({ app: 'istiod', istio: 'pilot', 'istio.io/rev': 'default' });
    expect(canPod).toMatchObject({ app: 'istiod', istio: 'istiod', 'istio.io/rev': 'canary' });
  });

  it("each install's Deployment, Service and PDB select its own pods and not the other's; the HPA scales its own Deployment", () => {
    const pods = (objs: Obj[], name: string): Labels => one(objs, 'Deployment', name).spec?.template?.metadata?.labels ?? {};
    const sides = [
      { objs: def, name: 'istiod', other: pods(canary, 'istiod-canary') },
      { objs: canary, name: 'istiod-canary', other: pods(def, 'istiod') },
    ];
    for (const { objs, name, other } of sides) {
      const own = pods(objs, name);
      for (const kind of ['Deployment', 'PodDisruptionBudget']) {
        const sel = one(objs, kind, name).spec?.selector;
        expect(matches(sel, own), `${kind} ${name} selects its pods`).toBe(true);
        expect(matches(sel, other), `${kind} ${name} leaves the other install's pods alone`).toBe(false);
      }
      const svc = one(objs, 'Service', name).spec?.selector as Labels;
      expect(matches({ matchLabels: svc }, own), `Service ${name} selects its pods`).toBe(true);
      expect(matches({ matchLabels: svc }, other), `Service ${name} leaves the other install's pods alone`).toBe(false);
      expect(one(objs, 'HorizontalPodAutoscaler', name).spec?.scaleTargetRef).toMatchObject({ kind: 'Deployment', name });
    }
  });

  // §5.1 (TestWebhookSelector): with both installed, a pod is injected by at most one webhook.
  it.each([
    ['ns istio-injection=enabled', { 'istio-injection': 'enabled' }, {}, 'default'],
    ['ns istio-injection=enabled + istio.io/rev=canary', { 'istio-injection': 'enabled', 'istio.io/rev': 'canary' }, {}, 'default'],
    ['ns istio-injection=enabled, pod istio.io/rev=canary', { 'istio-injection': 'enabled' }, { 'istio.io/rev': 'canary' }, 'default'],
    ['ns istio.io/rev=canary', { 'istio.io/rev': 'canary' }, {}, 'canary'],
    ['ns istio.io/rev=default', { 'istio.io/rev': 'default' }, {}, 'default'],
    ['pod istio.io/rev=canary', {}, { 'istio.io/rev': 'canary' }, 'canary'],
    ['pod sidecar.istio.io/inject=true', {}, { 'sidecar.istio.io/inject': 'true' }, 'default'],
    ['no labels', {}, {}, 'none'],
    ['ns istio-injection=disabled', { 'istio-injection': 'disabled' }, { 'sidecar.istio.io/inject': 'true' }, 'none'],
    ['ns istio.io/rev=canary, pod sidecar.istio.io/inject=false', { 'istio.io/rev': 'canary' }, { 'sidecar.istio.io/inject': 'false' }, 'none'],
  ] as const)('injection: %s -> %s', (_name, nsLabels, podLabels, expected) => {
    const hits: string[] = [];
    for (const [rev, objs] of [
      ['default', def],
      ['canary', canary],
    ] as const) {
      for (const mwc of objs.filter((o) => o.kind === 'MutatingWebhookConfiguration')) {
        for (const w of mwc.webhooks ?? []) if (matches(w.namespaceSelector, nsLabels) && matches(w.objectSelector, podLabels)) hits.push(`${rev}:${w.name}`);
      }
    }
    if (expected === 'none') expect(hits).toEqual([]);
    else {
      expect(hits).toHaveLength(1);
      expect(hits[0].startsWith(`${expected}:`), hits[0]).toBe(true);
    }
  });
});
