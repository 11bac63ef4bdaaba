// The same behaviour, through the built package (dist/), as a user importing
// `istio-installer` gets it. `npm test` builds dist/ before running the tests.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dist = new URL('../../dist/index.js', import.meta.url);

describe('the built package', () => {
  it('exists (npm test builds it; run npm run build when calling vitest directly)', () => {
    expect(existsSync(dist)).toBe(true);
  });

  it('renders a chart template with helm semantics', async () => {
    const pkg = (await import(dist.href)) as typeof import('../../src/index.js');
    const values = pkg.yaml.loadValues('replicas: 1000000\nname: web\nlist: [b, a]\n');
    const r = pkg.renderTemplates({
      chartName: 'demo',
      files: new Map([['templates/x.yaml', 'n: {{ .Values.replicas }}\nname: {{ .Values.name | upper | quote }}\n{{ toYaml (sortAlpha .Values.list) }}\n{{ .Values.missing }}']]),
      values,
      release: { name: 'r', namespace: 'ns' },
      compat: 'helm4',
    });
    expect(r.ok && r.outputs.get('demo/templates/x.yaml')).toBe('n: 1e+06\nname: "WEB"\n- a\n- b\n');
  });

  it('reports template errors as Go prints them', async () => {
    const pkg = (await import(dist.href)) as typeof import('../../src/index.js');
    const set = new pkg.gotemplate.TemplateSet({ funcs: pkg.sprigFuncs('helm3'), compat: 'helm3', missingKey: 'zero' });
    set.parse('t', '{{ .a.b }}');
    expect(() => set.execute('t', new Map())).toThrow('template: t:1:5: executing "t" at <.a.b>: nil pointer evaluating interface {}.b');
  });
});

describe('the built package: kube-inject and revision tags', () => {
  it('injects a Deployment with the templates of a rendered installation', async () => {
    const pkg = (await import(dist.href)) as typeof import('../../src/index.js');
    const source = pkg.injectionSourceFromManifest(pkg.render({ profile: 'minimal' }));
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n';
    const out = pkg.inject({ source, text, file: 'web.yaml' });
    expect(out.documents.map((d) => d.outcome)).toEqual(['injected']);
    expect(out.yaml).toContain('name: istio-proxy');
    expect(out.yaml).toContain('name: istio-init');
  });

  it('generates the MutatingWebhookConfiguration of a revision tag', async () => {
    const pkg = (await import(dist.href)) as typeof import('../../src/index.js');
    const out = pkg.generateTag({ tag: 'prod', revision: 'canary' });
    expect(out.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['MutatingWebhookConfiguration/istio-revision-tag-prod']);
  });

  it('builds a remote secret from a kubeconfig, offline', async () => {
    const pkg = (await import(dist.href)) as typeof import('../../src/index.js');
    const kubeconfig = [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: c, cluster: {server: "https://198.51.100.9:6443", certificate-authority-data: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg=="}}]',
      'users: [{name: u, user: {token: abc}}]',
      'contexts: [{name: x, context: {cluster: c, user: u}}]',
      'current-context: x',
    ].join('\n');
    const r = pkg.safeGenerateRemoteSecret({ kubeconfig: { text: kubeconfig, file: 'k' }, clusterName: 'west' });
    expect(r.success && r.data.secret.metadata.name).toBe('istio-remote-secret-west');
  });
});

describe('the built package, Node entry (what `import "istio-installer"` gives in Node)', () => {
  const node = new URL('../../dist/node.js', import.meta.url);

  it('loads a chart directory by path and renders it as helm template does', async () => {
    const pkg = (await import(node.href)) as typeof import('../../src/node.js');
    const loaded = pkg.loadChart(new URL('../../bench/charts/mesh', import.meta.url).pathname);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const r = pkg.renderChart(loaded.chart, { releaseName: 'r', namespace: 'ns', set: ['components.cni.enabled=false'] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.stdout.startsWith('---\n# Source: mesh/templates/')).toBe(true);
    expect(r.manifests.some((m) => m.source.includes('cni-'))).toBe(false);
    const deployments = r.manifests.filter((m) => m.kind === 'Deployment').map((m) => m.name);
    expect(deployments).toEqual(['r-egress', 'r-ingress', 'r-pilot', 'r-telemetry']);
  });

  it('loads the same chart from an in-memory file map (no file system)', async () => {
    const pkg = (await import(node.href)) as typeof import('../../src/node.js');
    const r = pkg.loadChart(
      new Map([
        ['Chart.yaml', 'apiVersion: v2\nname: tiny\nversion: 0.1.0\n'],
        ['templates/cm.yaml', 'kind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n'],
      ]),
    );
    expect(r.ok && pkg.renderChart(r.chart, { releaseName: 'mem' }).stdout).toBe(
      '---\n# Source: tiny/templates/cm.yaml\nkind: ConfigMap\nmetadata:\n  name: mem\n',
    );
  });

  it('composes and validates an IstioOperator', async () => {
    const pkg = (await import(node.href)) as typeof import('../../src/node.js');
    const composed = pkg.composeIstioOperator({ profile: 'demo', set: ['tag=1.10', 'components.cni.enabled=true'] });
    expect(composed.ok).toBe(true);
    if (!composed.ok) return;
    const spec = (composed.value as { spec: { tag: unknown } }).spec;
    expect(spec.tag).toBe('1.10');
    expect(pkg.safeValidateIstioOperator(composed.value, { sourceMap: composed.sourceMap }).success).toBe(true);
    const bad = pkg.safeValidateIstioOperator({ apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', spec: { compnents: {} } });
    expect(bad.success).toBe(false);
    if (bad.success) return;
    expect(bad.issues[0]).toMatchObject({ code: 'unknown-field', path: 'spec.compnents' });
  });
});
