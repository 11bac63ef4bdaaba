/**
 * src/revision/tag.ts (`tag generate`) and the chart path (values.revisionTags): the tag's
 * MutatingWebhookConfiguration, for `default` the validator and the deactivated previous default
 * injector, the checks against a cluster snapshot, and that no pod is ever sent to two injectors.
 * Goldens: test/golden/tags/*.yaml (UPDATE_GOLDEN=1 rewrites them; read the diff before committing).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KUBE_VERSIONS, render, validateObjects } from '../../src/manifest/index.js';
import { IstioOperatorError } from '../../src/operator/issues.js';
import { clusterStateOf } from '../../src/revision/cluster-state.js';
import { matchingWebhooks } from '../../src/revision/selector.js';
import { DEACTIVATED_SELECTOR, generateTag, safeGenerateTag } from '../../src/revision/tag.js';
import type { KubeObject, Labels } from '../../src/revision/types.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden', 'tags');

type Webhook = {
  name: string;
  namespaceSelector?: unknown;
  objectSelector?: unknown;
  clientConfig: { caBundle?: string; url?: string; service?: { name: string; namespace: string; path?: string } };
};
const webhooks = (o: KubeObject): Webhook[] => o.webhooks as Webhook[];
const names = (o: KubeObject): string[] => webhooks(o).map((w) => w.name);

/** Rendered objects of an installation as plain KubeObjects. */
function installed(revision: string, components = ['Pilot'], iop?: unknown): KubeObject[] {
  return render({ revision, components, ...(iop !== undefined ? { iop } : {}) }).objects.map((o) => structuredClone(o.object) as unknown as KubeObject);
}

/** What istiod does once it runs: its CA bundle patched into its webhooks; plus server-set metadata. */
function asInCluster(objects: KubeObject[], ca: string): KubeObject[] {
  return objects.map((o) => {
    if (!o.kind.endsWith('WebhookConfiguration')) return o;
    const copy = structuredClone(o) as KubeObject & { metadata: Record<string, unknown> };
    for (const w of webhooks(copy)) w.clientConfig.caBundle = ca;
    copy.metadata.resourceVersion = '4711';
    copy.metadata.uid = '0b0e0f00-0000-4000-8000-000000000000';
    return copy;
  });
}

function namespace(name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } } };
}

const CA_DEFAULT = 'REVGQVVMVCBDQQ==';
const CA_CANARY = 'Q0FOQVJZIENB';

/** A cluster with the revision-less istiod and revision canary installed, and a few namespaces. */
function cluster(extra: KubeObject[] = []) {
  return clusterStateOf([
    ...asInCluster(installed('', ['Base', 'Pilot']), CA_DEFAULT),
    ...asInCluster(installed('canary'), CA_CANARY),
    namespace('istio-system'),
    namespace('legacy', { 'istio-injection': 'enabled' }),
    namespace('shop', { 'istio.io/rev': 'prod' }),
    namespace('plain'),
    ...extra,
  ]);
}

function expectValid(objects: readonly KubeObject[]): void {
  for (const version of KUBE_VERSIONS) expect(validateObjects(objects, { version }), `Kubernetes ${version}`).toEqual([]);
}

describe('generateTag: an ordinary tag', () => {
  const out = generateTag({ tag: 'prod', revision: 'canary' });

  it('is one MutatingWebhookConfiguration istio-revision-tag-<tag> pointing at the revision', () => {
    expect(out.objects).toHaveLength(1);
    const [mwc] = out.objects as [KubeObject];
    expect(mwc.kind).toBe('MutatingWebhookConfiguration');
    expect(mwc.metadata.name).toBe('istio-revision-tag-prod');
    expect(mwc.metadata.labels).toMatchObject({ 'istio.io/tag': 'prod', 'istio.io/rev': 'canary', app: 'sidecar-injector', 'operator.istio.io/component': 'Pilot' });
    expect(names(mwc)).toEqual(['rev.namespace.sidecar-injector.istio.io', 'rev.object.sidecar-injector.istio.io']);
    for (const w of webhooks(mwc)) expect(w.clientConfig.service).toEqual({ name: 'istiod-canary', namespace: 'istio-system', path: '/inject', port: 443 });
    expect(out.warnings).toEqual([]);
    expectValid(out.objects);
  });

  it('injects namespaces and pods labelled istio.io/rev=<tag>, nothing else', () => {
    const who = (ns: Record<string, string>, pod: Record<string, string>) => matchingWebhooks(out.objects, { namespace: { name: 'n', labels: ns }, pod: { labels: pod } }).map((m) => m.webhook);
    expect(who({ 'istio.io/rev': 'prod' }, {})).toEqual(['rev.namespace.sidecar-injector.istio.io']);
    expect(who({}, { 'istio.io/rev': 'prod' })).toEqual(['rev.object.sidecar-injector.istio.io']);
    expect(who({ 'istio.io/rev': 'canary' }, {})).toEqual([]);
    expect(who({ 'istio-injection': 'enabled' }, {})).toEqual([]);
    expect(who({ 'istio.io/rev': 'prod' }, { 'sidecar.istio.io/inject': 'false' })).toEqual([]);
  });

  it('YAML is the objects, one document each', () => {
    expect(out.yaml.startsWith('---\napiVersion: admissionregistration.k8s.io/v1\n')).toBe(true);
    expect(out.yaml.split('\n---\n')).toHaveLength(1);
  });

  it('follows the installation (istio namespace) and --webhook-name', () => {
    const o = generateTag({ tag: 'prod', revision: '1-11-8', webhookName: 'prod-injector', render: { iop: { spec: { namespace: 'mesh' } } } });
    const [mwc] = o.objects as [KubeObject];
    expect(mwc.metadata.name).toBe('prod-injector');
    expect(webhooks(mwc)[0]?.clientConfig.service).toMatchObject({ name: 'istiod-1-11-8', namespace: 'mesh' });
    const named = generateTag({ tag: 'prod', revision: '1-11-8', render: { iop: { spec: { namespace: 'mesh' } } } });
    expect(named.objects[0]?.metadata.name).toBe('istio-revision-tag-prod-mesh');
  });

  it('refuses bad names with issues (throwing variant: IstioOperatorError)', () => {
    for (const [input, code] of [
      [{ tag: 'Prod', revision: 'canary' }, 'tag-invalid-name'],
      [{ tag: '', revision: 'canary' }, 'tag-invalid-name'],
      [{ tag: 'a'.repeat(64), revision: 'canary' }, 'tag-invalid-name'],
      [{ tag: 'prod', revision: 'Canary_1' }, 'tag-invalid-revision'],
      [{ tag: 'prod', revision: 'canary', webhookName: 'Bad Name' }, 'tag-invalid-webhook-name'],
    ] as const) {
      const r = safeGenerateTag(input);
      expect(r.success, JSON.stringify(input)).toBe(false);
      if (!r.success) expect(r.issues.map((i) => i.code)).toEqual([code]);
    }
    expect(() => generateTag({ tag: 'Prod', revision: 'x' })).toThrow(IstioOperatorError);
    expect(safeGenerateTag(null as never).success).toBe(false);
  });

  it('passes render problems through, and says so when the installation renders no injector', () => {
    const bad = safeGenerateTag({ tag: 'prod', revision: 'canary', render: { set: ['values.global.proxy.logLevel=7'], kubeVersion: '1.2' } });
    expect(bad.success).toBe(false);
    const none = safeGenerateTag({ tag: 'prod', revision: 'canary', render: { set: ['components.pilot.enabled=false'] } });
    expect(none.success).toBe(false);
    if (!none.success) expect(none.issues.map((i) => i.code)).toEqual(['tag-not-rendered']);
  });
});

describe('generateTag: the tag default', () => {
  const out = generateTag({ tag: 'default', revision: 'canary' });

  it('is the tag, istiod-default-validator and the deactivated previous default injector, in apply order', () => {
    expect(out.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'MutatingWebhookConfiguration/istio-revision-tag-default',
      'ValidatingWebhookConfiguration/istiod-default-validator',
      'MutatingWebhookConfiguration/istio-sidecar-injector',
    ]);
    const [tag, vwc, old] = out.objects as [KubeObject, KubeObject, KubeObject];
    expect(names(tag)).toEqual([
      'rev.namespace.sidecar-injector.istio.io',
      'rev.object.sidecar-injector.istio.io',
      'namespace.sidecar-injector.istio.io',
      'object.sidecar-injector.istio.io',
    ]);
    expect(webhooks(vwc)[0]?.clientConfig.service?.name).toBe('istiod-canary');
    expect(vwc.metadata.labels?.['istio.io/rev']).toBe('canary');
    for (const w of webhooks(old)) {
      expect(w.namespaceSelector).toEqual(DEACTIVATED_SELECTOR);
      expect(w.objectSelector).toEqual(DEACTIVATED_SELECTOR);
    }
    expect(out.warnings.map((w) => w.code)).toEqual(['tag-default-deactivation-assumed']);
    expectValid(out.objects);
  });

  it('applied over a cluster with the revision-less istiod, every pod has at most one injector (without the deactivation: two)', () => {
    const before = installed('').filter((o) => o.kind === 'MutatingWebhookConfiguration');
    const applied = [...out.objects.filter((o) => o.kind === 'MutatingWebhookConfiguration')];
    const after = [...before.filter((o) => !applied.some((a) => a.metadata.name === o.metadata.name)), ...applied];
    const naive = [...before, applied[0] as KubeObject];
    let overlapsWithout = 0;
    const nsLabels: Labels[] = [{}, { 'istio-injection': 'enabled' }, { 'istio.io/rev': 'default' }, { 'istio-injection': 'disabled' }];
    const podLabels: Labels[] = [{}, { 'sidecar.istio.io/inject': 'true' }, { 'istio.io/rev': 'default' }, { 'sidecar.istio.io/inject': 'false' }];
    for (const ns of nsLabels)
      for (const pod of podLabels) {
        const t = { namespace: { name: 'n', labels: ns }, pod: { labels: pod } };
        const hits = matchingWebhooks(after, t);
        expect(hits.length, JSON.stringify(t)).toBeLessThanOrEqual(1);
        for (const h of hits) expect(h.configuration).toBe('istio-revision-tag-default');
        if (matchingWebhooks(naive, t).length > 1) overlapsWithout++;
      }
    expect(overlapsWithout).toBeGreaterThan(0);
  });

  it('for the revision-less istiod itself (revision default or "")', () => {
    const a = generateTag({ tag: 'default', revision: 'default' });
    const b = generateTag({ tag: 'default', revision: '' });
    expect(a.yaml).toBe(b.yaml);
    expect(a.objects.map((o) => o.metadata.name)).toEqual(['istio-revision-tag-default', 'istiod-default-validator', 'istio-sidecar-injector']);
    expect(webhooks(a.objects[0] as KubeObject)[0]?.clientConfig.service?.name).toBe('istiod');
    expectValid(a.objects);
  });
});

describe('generateTag with a cluster state', () => {
  it('copies the canonical webhook caBundle into every webhook of the tag', () => {
    const out = generateTag({ tag: 'prod', revision: 'canary', clusterState: cluster() });
    for (const w of webhooks(out.objects[0] as KubeObject)) expect(w.clientConfig.caBundle).toBe(CA_CANARY);
    expect(out.warnings).toEqual([]);
    expectValid(out.objects);
  });

  it('copies an injection URL (remote istiod) into the tag', () => {
    const remote = asInCluster(installed('ext', ['Pilot'], { spec: { values: { istiodRemote: { injectionURL: 'https://istiod.example.com:15017/inject' } } } }), CA_CANARY);
    const state = clusterStateOf(remote);
    const out = generateTag({ tag: 'prod', revision: 'ext', clusterState: state });
    for (const w of webhooks(out.objects[0] as KubeObject)) expect(w.clientConfig).toEqual({ url: 'https://istiod.example.com:15017/inject', caBundle: CA_CANARY });
  });

  it('for default: the snapshot injector is deactivated, server metadata left out, caBundle of the validator copied', () => {
    const out = generateTag({ tag: 'default', revision: 'canary', clusterState: cluster() });
    const [tag, vwc, old] = out.objects as [KubeObject, KubeObject, KubeObject];
    expect(webhooks(tag)[0]?.clientConfig.caBundle).toBe(CA_CANARY);
    expect(webhooks(vwc)[0]?.clientConfig.caBundle).toBe(CA_CANARY);
    expect(old.metadata).not.toHaveProperty('resourceVersion');
    expect(old.metadata).not.toHaveProperty('uid');
    expect(old.metadata.labels?.['istio.io/rev']).toBe('default');
    for (const w of webhooks(old)) {
      expect(w.clientConfig.caBundle).toBe(CA_DEFAULT);
      expect(w.objectSelector).toEqual(DEACTIVATED_SELECTOR);
    }
    expect(out.warnings).toEqual([]);
    expectValid(out.objects);
  });

  it('refuses a tag named like an installed revision (unless --overwrite; never for default)', () => {
    const r = safeGenerateTag({ tag: 'canary', revision: 'default', clusterState: cluster() });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.issues.map((i) => i.code)).toEqual(['tag-revision-conflict']);
      expect(r.issues[0]?.message).toContain('cannot create revision tag "canary": found existing control plane revision with same name');
    }
    expect(safeGenerateTag({ tag: 'canary', revision: 'default', overwrite: true, clusterState: cluster() }).success).toBe(true);
  });

  it('refuses an existing tag without --overwrite', () => {
    const prod = generateTag({ tag: 'prod', revision: 'default' }).objects;
    const state = cluster([...prod]);
    const r = safeGenerateTag({ tag: 'prod', revision: 'canary', clusterState: state });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0]?.message).toContain('revision tag "prod" already exists, and --overwrite is false');
    const ok = safeGenerateTag({ tag: 'prod', revision: 'canary', clusterState: state, overwrite: true });
    expect(ok.success && ok.data.warnings).toEqual([]);
  });

  it('needs exactly one canonical webhook of the revision', () => {
    const missing = safeGenerateTag({ tag: 'prod', revision: 'stable', clusterState: cluster() });
    expect(missing.success).toBe(false);
    if (!missing.success) expect(missing.issues[0]?.message).toContain('cannot find MutatingWebhookConfiguration with revision "stable"');
    const twice = installed('canary').filter((o) => o.kind === 'MutatingWebhookConfiguration').map((o) => ({ ...o, metadata: { ...o.metadata, name: 'copy' } }));
    const multi = safeGenerateTag({ tag: 'prod', revision: 'canary', clusterState: cluster(twice) });
    expect(multi.success).toBe(false);
    if (!multi.success) expect(multi.issues.map((i) => i.code)).toEqual(['tag-multiple-canonical-webhooks']);
  });

  it('warns about namespaces or pods the new tag would inject a second time', () => {
    const foreign: KubeObject = {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: 'hand-made' },
      webhooks: [
        {
          name: 'prod.sidecar-injector.istio.io',
          clientConfig: { url: 'https://x.example/inject' },
          rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
          namespaceSelector: { matchLabels: { 'istio.io/rev': 'prod' } },
          sideEffects: 'None',
          admissionReviewVersions: ['v1'],
        },
      ],
    };
    const out = generateTag({ tag: 'prod', revision: 'canary', clusterState: cluster([foreign]) });
    const overlap = out.warnings.filter((w) => w.code === 'tag-overlap');
    expect(overlap.length).toBeGreaterThan(0);
    expect(overlap[0]?.message).toMatch(/namespace shop.*hand-made\/prod\.sidecar-injector\.istio\.io/);
  });

  it('warns about an older default validator it cannot delete', () => {
    const oldValidator: KubeObject = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'istiod-istio-system', labels: { app: 'istiod' } }, webhooks: [] };
    const out = generateTag({ tag: 'default', revision: 'canary', clusterState: cluster([oldValidator]) });
    expect(out.warnings.map((w) => w.code)).toEqual(['tag-old-default-validator']);
    expect(out.warnings[0]?.suggestion).toBe('after applying, delete it: kubectl delete validatingwebhookconfiguration istiod-istio-system');
  });
});

describe('values.revisionTags (the chart path)', () => {
  const mwcs = (revision: string, revisionTags: string[]) =>
    installed(revision, ['Pilot'], { spec: { values: { revisionTags } } }).filter((o) => o.kind === 'MutatingWebhookConfiguration');

  it.each([
    ['', ['default']],
    ['', ['default', 'prod']],
    ['canary', ['canary', 'default']],
    ['canary', ['prod']],
  ] as const)('revision %j with tags %j: never two webhooks for one pod', (revision, tags) => {
    const configs = mwcs(revision, [...tags]);
    const nsLabels: Labels[] = [{}, { 'istio-injection': 'enabled' }, { 'istio.io/rev': 'default' }, { 'istio.io/rev': 'canary' }, { 'istio.io/rev': 'prod' }];
    const podLabels: Labels[] = [{}, { 'sidecar.istio.io/inject': 'true' }, { 'istio.io/rev': 'default' }, { 'istio.io/rev': 'canary' }, { 'istio.io/rev': 'prod' }];
    for (const ns of nsLabels)
      for (const pod of podLabels) {
        const t = { namespace: { name: 'n', labels: ns }, pod: { labels: pod } };
        expect(matchingWebhooks(configs, t).length, JSON.stringify(t)).toBeLessThanOrEqual(1);
      }
    expectValid(configs);
  });

  it('a tag named like the revision itself takes over: the injector stays, deactivated', () => {
    const [tag, own] = mwcs('', ['default']) as [KubeObject, KubeObject];
    expect(tag.metadata.name).toBe('istio-revision-tag-default');
    expect(own.metadata.name).toBe('istio-sidecar-injector');
    expect(names(own)).toEqual(names(tag));
    for (const w of webhooks(own)) expect([w.namespaceSelector, w.objectSelector]).toEqual([DEACTIVATED_SELECTOR, DEACTIVATED_SELECTOR]);
    const who = matchingWebhooks([tag, own], { namespace: { name: 'n', labels: { 'istio-injection': 'enabled' } }, pod: { labels: {} } });
    expect(who.map((m) => m.configuration)).toEqual(['istio-revision-tag-default']);
  });
});

describe('goldens (test/golden/tags)', () => {
  it.each([
    ['prod', { tag: 'prod', revision: '1-11-8' }],
    ['default', { tag: 'default', revision: '1-11-8' }],
  ] as const)('%s', (name, input) => {
    const out = generateTag(input);
    expectValid(out.objects);
    const file = join(GOLDEN, `${name}.yaml`);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
      if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`missing golden ${file} (UPDATE_GOLDEN=1 writes it)`);
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(file, out.yaml);
    }
    expect(out.yaml).toBe(readFileSync(file, 'utf8'));
  });
});
