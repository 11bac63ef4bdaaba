import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toPlain } from '../../../src/helm/output/plain.js';
import { renderChart } from '../../../src/helm/render.js';
import { bundledChart } from '../../../src/manifest/generate/charts.js';
import { sortInstallOrder } from '../../../src/manifest/generate/order.js';
import { KUBE_VERSIONS, render, safeRender, validateObjects, type ManifestSet, type RenderInput } from '../../../src/manifest/index.js';
import { IstioOperatorError, type Issue } from '../../../src/operator/issues.js';
import { parseYamlDocument } from '../../../src/yaml/index.js';

function ok(input: RenderInput): ManifestSet {
  const r = safeRender(input);
  if (!r.success) throw new Error(r.issues.map((i) => `${i.code}: ${i.message}`).join('\n'));
  return r.data;
}

function failure(input: RenderInput): readonly Issue[] {
  const r = safeRender(input);
  expect(r.success).toBe(false);
  return r.success ? [] : r.issues;
}

const ids = (set: ManifestSet): string[] => set.objects.map((o) => `${o.kind}/${o.namespace ?? ''}/${o.name}`);

const defaultSet = ok({});

describe('render: the default profile', () => {
  it('renders Base, Pilot and the ingress gateway for the newest Kubernetes version', () => {
    expect(defaultSet.components.map((c) => [c.component, c.gatewayName, c.chart, c.namespace])).toEqual([
      ['Base', undefined, 'base', 'istio-system'],
      ['Pilot', undefined, 'istiod', 'istio-system'],
      ['IngressGateways', 'istio-ingressgateway', 'gateway', 'istio-system'],
    ]);
    expect(defaultSet.kubeVersion).toBe(KUBE_VERSIONS[KUBE_VERSIONS.length - 1]);
    expect(ids(defaultSet)).toEqual(expect.arrayContaining(['Deployment/istio-system/istiod', 'Deployment/istio-system/istio-ingressgateway', 'Service/istio-system/istiod']));
    expect(defaultSet.warnings).toEqual([]);
  });

  it('puts the CRDs first and every object in install order, each component too', () => {
    const crds = defaultSet.objects.filter((o) => o.kind === 'CustomResourceDefinition').length;
    expect(crds).toBeGreaterThan(10);
    expect(defaultSet.objects.slice(0, crds).every((o) => o.kind === 'CustomResourceDefinition')).toBe(true);
    expect(defaultSet.objects).toEqual(sortInstallOrder(defaultSet.objects));
    expect(defaultSet.objects.at(-1)?.kind).toBe('Service');
    for (const c of defaultSet.components) {
      expect(c.objects).toEqual(sortInstallOrder(c.objects));
      expect(c.objects.every((o) => o.component === c.component)).toBe(true);
    }
    expect(defaultSet.components.flatMap((c) => c.objects).length).toBe(defaultSet.objects.length);
  });

  it("keeps helm's document text: each component's objects are exactly `helm template -f <valuesYaml>` of its chart", () => {
    for (const c of defaultSet.components) {
      const r = renderChart(bundledChart(c.chart), { compat: 'helm4', releaseName: 'istio', namespace: c.namespace, kubeVersion: defaultSet.kubeVersion, valueFiles: [{ name: 'v.yaml', text: c.valuesYaml }] });
      if (!r.ok) throw r.error;
      expect(c.objects.map((o) => o.yaml).sort()).toEqual(r.manifests.map((m) => `${m.text}\n`).sort());
      expect(parseYamlDocument(c.valuesYaml)).toBeInstanceOf(Map);
    }
  });

  it('toYaml: only YAML documents, `---` before each, in install order, identical on every render', () => {
    const text = defaultSet.toYaml();
    expect(text.startsWith('---\n')).toBe(true);
    expect(text).not.toContain('# Source:');
    const docs = text.split(/^---\n/m).slice(1);
    expect(docs).toEqual(defaultSet.objects.map((o) => o.yaml));
    for (const d of docs) expect(d.endsWith('\n') && !d.endsWith('\n\n')).toBe(true);
    expect(ok({}).toYaml()).toBe(text);
    expect(render().toYaml()).toBe(text);
  });

  it('every object passes strict Kubernetes validation (Istio resources against the CRDs)', () => {
    expect(validateObjects(defaultSet.objects.map((o) => o.object), { version: defaultSet.kubeVersion })).toEqual([]);
    expect(defaultSet.objects.some((o) => o.kind === 'EnvoyFilter')).toBe(true);
  });

  it('is frozen: the set, its lists and shared objects cannot be changed by a caller', () => {
    expect(Object.isFrozen(defaultSet)).toBe(true);
    expect(Object.isFrozen(defaultSet.objects)).toBe(true);
    expect(() => (defaultSet.objects as unknown[]).push(1)).toThrow();
  });
});

describe('render: inputs', () => {
  it('an older supported Kubernetes version, in any spelling', () => {
    const oldest = KUBE_VERSIONS[0];
    expect(ok({ kubeVersion: `v${oldest}.3` }).kubeVersion).toBe(oldest);
  });

  it('an unsupported Kubernetes version is an issue naming the supported ones', () => {
    const issues = failure({ kubeVersion: '1.10' });
    expect(issues[0]).toMatchObject({ code: 'unsupported-kube-version' });
    expect(issues[0].message).toContain(KUBE_VERSIONS.join(', '));
  });

  it('iop: an object layered on its profile, apiVersion and kind optional; set goes on top', () => {
    const set = ok({ iop: { spec: { profile: 'demo' } }, set: ['components.egressGateways[0].k8s.replicaCount=2'] });
    expect(set.components.map((c) => c.component)).toEqual(['Base', 'Pilot', 'IngressGateways', 'EgressGateways']);
    const egress = set.objects.find((o) => o.kind === 'Deployment' && o.name === 'istio-egressgateway');
    expect((egress?.object.spec as { replicas?: number }).replicas).toBe(2);
  });

  it('files and profile as the CLI passes them', () => {
    const file = { name: 'my.yaml', text: 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  components:\n    ingressGateways:\n    - name: istio-ingressgateway\n      enabled: false\n' };
    const set = ok({ profile: 'minimal', files: [file] });
    expect(set.components.map((c) => c.component)).toEqual(['Base', 'Pilot']);
  });

  it('IstioOperator errors come back with their position; render throws them as IstioOperatorError', () => {
    const file = { name: 'bad.yaml', text: 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  componets: {}\n' };
    const issues = failure({ files: [file] });
    expect(issues[0]).toMatchObject({ severity: 'error', code: 'unknown-field', source: { file: 'bad.yaml', line: 4 } });
    expect(() => render({ files: [file] })).toThrow(IstioOperatorError);
  });

  it('revision: istiod-<revision> objects and the istio.io/rev label', () => {
    const set = ok({ revision: 'canary', components: ['Pilot'] });
    const istiod = set.objects.find((o) => o.kind === 'Deployment');
    expect(istiod?.name).toBe('istiod-canary');
    expect((istiod?.object.metadata as { labels: Record<string, string> }).labels['istio.io/rev']).toBe('canary');
    expect(failure({ revision: 'Not_A_Label' }).some((i) => i.path === 'spec.revision' && i.severity === 'error')).toBe(true);
  });
});

describe('render: --component', () => {
  it('keeps the named components only (istioctl names, any case)', () => {
    const set = ok({ components: ['Pilot'] });
    expect(set.components.map((c) => c.component)).toEqual(['Pilot']);
    expect(set.objects.every((o) => o.component === 'Pilot')).toBe(true);
    expect(ok({ components: ['base', 'ingressgateways'] }).components.map((c) => c.component)).toEqual(['Base', 'IngressGateways']);
  });

  it("takes a gateway's name", () => {
    const set = ok({ profile: 'demo', components: ['istio-egressgateway'] });
    expect(set.components.map((c) => c.gatewayName)).toEqual(['istio-egressgateway']);
  });

  it('a component that is not enabled renders nothing, with a warning; an unknown name is an error', () => {
    const set = ok({ components: ['Cni'] });
    expect(set.objects).toEqual([]);
    expect(set.toYaml()).toBe('');
    expect(set.warnings.map((w) => w.code)).toEqual(['component-not-enabled']);
    const egress = ok({ components: ['istio-egressgateway'], set: ['components.egressGateways[0].name=istio-egressgateway'] });
    expect(egress.objects).toEqual([]);
    expect(egress.warnings.map((w) => w.message)).toEqual(['gateway istio-egressgateway is not enabled; it renders nothing']);
    const issues = failure({ components: ['Pliot'] });
    expect(issues[0]).toMatchObject({ code: 'unknown-component' });
    expect(issues[0].suggestion).toContain('istio-ingressgateway');
  });
});

describe('render: overlays and Kubernetes validation', () => {
  const overlay = (patches: { path: string; value?: unknown }[]): RenderInput => ({ iop: { spec: { components: { pilot: { k8s: { overlays: [{ kind: 'Deployment', name: 'istiod', patches }] } } } } } });

  it('a patched object is printed again; the others keep helm text', () => {
    const set = ok(overlay([{ path: 'spec.replicas', value: 3 }]));
    const istiod = set.objects.find((o) => o.kind === 'Deployment' && o.name === 'istiod');
    expect(istiod?.yaml).toMatch(/^ {2}replicas: 3$/m);
    expect(istiod?.object.spec).toMatchObject({ replicas: 3 });
    const before = new Map(defaultSet.objects.map((o) => [`${o.kind}/${o.name}`, o.yaml]));
    const changed = set.objects.filter((o) => before.get(`${o.kind}/${o.name}`) !== o.yaml).map((o) => `${o.kind}/${o.name}`);
    expect(changed).toEqual(['Deployment/istiod']);
  });

  it('an overlay that writes an unknown field fails validation: an error naming component, object and field', () => {
    const issues = failure(overlay([{ path: 'spec.template.spec.bogusField', value: 1 }]));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', code: 'invalid-object' });
    expect(issues[0].message).toBe('Pilot: Deployment istio-system/istiod: spec.template.spec.bogusField: unknown field');
    expect(issues[0].suggestion).toContain('k8s.overlays');
  });

  it('an overlay of the wrong type fails too; --force makes it a warning', () => {
    const input = overlay([{ path: 'spec.replicas', value: 'three' }]);
    expect(failure(input)[0].message).toContain('spec.replicas');
    const forced = ok({ ...input, force: true });
    expect(forced.warnings.filter((w) => w.code === 'invalid-object')).toHaveLength(1);
  });

  it('an overlay naming nothing rendered is an error', () => {
    const issues = failure({ iop: { spec: { components: { pilot: { k8s: { overlays: [{ kind: 'Deployment', name: 'nope', patches: [{ path: 'spec.replicas', value: 1 }] }] } } } } } });
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0].severity).toBe('error');
  });
});

describe('safeRender never throws', () => {
  it('whatever a JavaScript caller passes', () => {
    const anyInput = fc.oneof(
      fc.anything(),
      fc.record(
        {
          profile: fc.oneof(fc.string(), fc.constantFrom('demo', 'minimal', 'empty', 'remote'), fc.anything()),
          files: fc.oneof(fc.array(fc.record({ name: fc.string(), text: fc.oneof(fc.string(), fc.constant('spec:\n  profile: demo\n')) })), fc.anything()),
          set: fc.oneof(fc.array(fc.oneof(fc.string(), fc.constantFrom('profile=demo', 'components.pilot.enabled=false', 'values.global.hub=x', 'revision=a'))), fc.anything()),
          iop: fc.oneof(fc.jsonValue(), fc.anything(), fc.record({ spec: fc.dictionary(fc.constantFrom('profile', 'revision', 'hub', 'tag', 'components', 'values', 'meshConfig'), fc.jsonValue()) })),
          revision: fc.oneof(fc.string(), fc.anything()),
          kubeVersion: fc.oneof(fc.constantFrom(...KUBE_VERSIONS), fc.string(), fc.anything()),
          components: fc.oneof(fc.array(fc.constantFrom('Pilot', 'Base', 'x', 'IngressGateways')), fc.anything()),
          force: fc.oneof(fc.boolean(), fc.anything()),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(anyInput, (input) => {
        const r = safeRender(input as RenderInput);
        if (r.success) expect(typeof r.data.toYaml()).toBe('string');
        else {
          expect(r.issues.length).toBeGreaterThan(0);
          expect(r.issues.some((i) => i.severity === 'error')).toBe(true);
          expect(r.issues.every((i) => i.code !== 'internal-error')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('values that are not JSON data, and a cycle, are issues', () => {
    const cyclic: Record<string, unknown> = { spec: {} };
    (cyclic.spec as Record<string, unknown>).self = cyclic;
    for (const iop of [cyclic, { spec: { values: new Map() } }, { spec: { hub: () => 1 } }]) {
      const issues = failure({ iop });
      expect(issues[0].message).toContain('<iop>');
    }
    expect(failure(42 as unknown as RenderInput)[0]).toMatchObject({ code: 'invalid-input' });
    expect(failure({ profle: 'demo' } as unknown as RenderInput)[0].message).toContain('profle');
  });
});

describe('render: objects are the printed documents as data', () => {
  it('a block scalar ending the document keeps its final newline (as kubectl reads the output)', () => {
    const set = ok({ iop: { spec: { components: { cni: { enabled: true } }, values: { cni: { taint: { enabled: true } } } } } });
    const cm = set.objects.find((o) => o.kind === 'ConfigMap' && o.name === 'istio-cni-taint-configmap');
    expect(cm?.yaml).toMatch(/config: \|\n[\s\S]*[^\n]\n$/);
    expect((cm?.object.data as { config: string }).config.endsWith('\n')).toBe(true);
    for (const o of set.objects) expect(o.object).toEqual(toPlain(parseYamlDocument(o.yaml) ?? null));
  });
});

describe('render: Istio resources are checked against the base chart CRDs', () => {
  const envoyFilterSpec = (value: unknown, base: boolean, configCrds = true): RenderInput => ({
    iop: {
      spec: {
        components: { base: { enabled: base }, pilot: { k8s: { overlays: [{ kind: 'EnvoyFilter', name: 'stats-filter-1.11', patches: [{ path: 'spec', value }] }] } } },
        values: { base: { enableIstioConfigCRDs: configCrds } },
      },
    },
  });

  for (const [base, configCrds] of [
    [true, true],
    [true, false],
    [false, true],
  ] as const) {
    it(`Base ${base ? 'enabled' : 'disabled'}${configCrds ? '' : ', its config CRDs off'}: valid resources pass, a wrong type fails`, () => {
      const set = ok(envoyFilterSpec({ configPatches: [] }, base, configCrds));
      expect(set.objects.some((o) => o.kind === 'EnvoyFilter')).toBe(true);
      expect(set.objects.some((o) => o.kind === 'CustomResourceDefinition' && o.name === 'envoyfilters.networking.istio.io')).toBe(base && configCrds);
      const issues = failure(envoyFilterSpec('not an object', base, configCrds));
      expect(issues[0].message).toMatch(/^Pilot: EnvoyFilter istio-system\/stats-filter-1\.11: spec: /);
    });
  }

  it('--component Pilot alone is still checked against the CRDs', () => {
    expect(failure({ ...envoyFilterSpec('not an object', true), components: ['Pilot'] })[0].code).toBe('invalid-object');
  });
});
