// The library shape of renderChart's result: manifests and hooks as data (source, text, parsed
// object, kind, name; hook events), CRDs, root notes, warnings, and errors as data.
import { describe, expect, it } from 'vitest';
import { loadChartFromFiles, renderChart, HelmChartError, type Chart } from '../../../src/helm/index.js';

function load(files: Record<string, string>): Chart {
  const r = loadChartFromFiles(Object.entries({ 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n', ...files }));
  if (!r.ok) throw r.error;
  return r.chart;
}

describe('renderChart manifests[].object', () => {
  it('reads a document as helm\'s stdout shows it: a | block at the end keeps its final newline (T5 report, cni taint ConfigMap)', () => {
    const chart = load({ 'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  config: |\n    a: 1\n    b: 2\n' });
    const r = renderChart(chart, {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect((r.manifests[0].object as { data: { config: string } }).data.config).toBe('a: 1\nb: 2\n');
  });
});

describe('renderChart result', () => {
  const chart = load({
    'values.yaml': 'num: 3\n',
    'templates/a.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  num: "{{ .Values.num }}"\n  __proto__: x\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: t\n  annotations:\n    helm.sh/hook: test,pre-install\n',
    'templates/NOTES.txt': 'hello {{ .Release.Name }}',
    'crds/x.yaml': 'kind: CustomResourceDefinition\nmetadata:\n  name: x\n',
    'charts/kid/Chart.yaml': 'apiVersion: v2\nname: kid\nversion: 0.1.0\n',
    'charts/kid/templates/NOTES.txt': 'kid notes',
  });

  it('gives manifests, hooks, crds and the root notes as data', () => {
    const r = renderChart(chart, { releaseName: 'r1', includeCrds: true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.manifests).toHaveLength(1);
    const [m] = r.manifests;
    expect([m.source, m.kind, m.name]).toEqual(['c/templates/a.yaml', 'ConfigMap', 'cm']);
    expect(m.text).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  num: "3"\n  __proto__: x');
    const obj = m.object as Record<string, Record<string, unknown>>;
    expect(obj.data.num).toBe('3');
    expect(Object.prototype.hasOwnProperty.call(obj.data, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(obj.data)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(m)).object.metadata.name).toBe('cm');
    expect(r.hooks.map((h) => [h.kind, h.name, h.events])).toEqual([['Pod', 't', ['test', 'pre-install']]]);
    expect(r.crds.map((c) => [c.source, c.kind, c.name])).toEqual([['c/crds/x.yaml', 'CustomResourceDefinition', 'x']]);
    expect(r.notes).toBe('hello r1');
    expect(r.warnings).toEqual([]);
    expect(r.stdout.startsWith('---\n# Source: c/crds/x.yaml\n')).toBe(true);
  });

  it('returns the CRD files without printing them unless includeCrds', () => {
    const r = renderChart(chart);
    expect(r.ok && r.crds.map((c) => c.source)).toEqual(['c/crds/x.yaml']);
    expect(r.stdout).not.toContain('crds');
    expect(r.ok && (r.crds[0].object as { metadata: { name: string } }).metadata.name).toBe('x');
  });

  it('reports an unexpected failure as an internal error instead of throwing', () => {
    const broken = { metadata: { apiVersion: 'v2', name: 'b', version: '1' }, templates: null } as unknown as Chart;
    const r = renderChart(broken);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error.stage).toBe('internal');
  });

  it('reports errors as data with helm\'s stderr text', () => {
    const r = renderChart(load({ 'templates/a.yaml': '{{ required "need x" .Values.x }}' }), { compat: 'helm3' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(HelmChartError);
    expect(r.error.stage).toBe('render');
    expect(r.error.message).toBe('execution error at (c/templates/a.yaml:1:3): need x');
    expect(r.error.stderr('helm3')).toBe('Error: execution error at (c/templates/a.yaml:1:3): need x\n\nUse --debug flag to render out invalid YAML\n');
    expect(r.stdout).toBe('');
    const d = renderChart(load({ 'templates/a.yaml': '{{ required "need x" .Values.x }}' }), { compat: 'helm3', debug: true });
    expect(d.ok ? '' : d.error.stderr('helm3')).toBe('Error: execution error at (c/templates/a.yaml:1:3): need x\n');
    expect(d.stdout).toBe('\n');
  });

  it('rejects an invalid --kube-version with the version\'s parser message', () => {
    const h3 = renderChart(chart, { compat: 'helm3', kubeVersion: '1.x' });
    const h4 = renderChart(chart, { compat: 'helm4', kubeVersion: '1.x' });
    expect(h3.ok ? '' : h3.error.message).toBe("invalid kube version '1.x': Invalid Semantic Version");
    expect(h4.ok ? '' : h4.error.message).toBe('invalid kube version \'1.x\': illegal version string "1.x"');
  });
});
