// Bounds and state: include depth and total output are bounded with clear errors; the parsed
// template set is reused across renders of the same loaded chart while values never leak.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TemplateSet } from '../../../src/gotemplate/template.js';
import { loadChartFromFiles } from '../../../src/helm/load/index.js';
import { renderChart } from '../../../src/helm/render.js';
import type { Chart } from '../../../src/helm/load/chart.js';

function load(files: Record<string, string>): Chart {
  const r = loadChartFromFiles(Object.entries({ 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n', ...files }));
  if (!r.ok) throw r.error;
  return r.chart;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('bounds', () => {
  it('stops a self-including template at helm\'s recursion limit with helm\'s error', () => {
    const chart = load({ 'templates/a.yaml': '{{ define "r" }}{{ include "r" . }}{{ end }}x: {{ include "r" . }}\n' });
    const r = renderChart(chart, { compat: 'helm3' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.stage).toBe('render');
    expect(r.error.message).toContain('rendering template has a nested reference name: r: unable to execute template');
    expect(r.error.stderr('helm3')).toMatch(/^Error: [\s\S]*\n\nUse --debug flag to render out invalid YAML\n$/);
  });

  it('fails with a clear error when the rendered text exceeds the output bound', () => {
    const chart = load({ 'templates/a.yaml': '# {{ range until 500 }}0123456789{{ end }}\n', 'templates/b.yaml': 'kind: B\n' });
    const small = renderChart(chart, { maxOutput: 1000 });
    expect(small.ok).toBe(false);
    if (small.ok) return;
    expect(small.error.message).toBe('rendered output exceeds the limit of 1000 characters (while rendering c/templates/a.yaml)');
    expect(renderChart(chart, { maxOutput: 10000 }).ok).toBe(true);
  });

  it('turns a string too long for JavaScript into the same output error', () => {
    // 2^29 characters and more cannot be a JavaScript string: the executor's buffer overflows.
    const chart = load({ 'templates/a.yaml': '{{ $s := repeat 16777216 "ab" }}{{ range until 64 }}{{ $s }}{{ end }}\n' });
    const r = renderChart(chart, { maxOutput: Number.MAX_SAFE_INTEGER });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(/^rendered output exceeds the limit of \d+ characters \(while rendering c\/templates\/a\.yaml\)$/);
  });
});

describe('reuse across renders', () => {
  const files = {
    'values.yaml': 'a: 1\nkid:\n  enabled: true\n',
    'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\ndependencies:\n- name: kid\n  version: 0.1.0\n  condition: kid.enabled\n',
    'templates/a.yaml': '# {{ .Values.a }}{{ $_ := set .Values "a" 2 }} {{ .Values.a }}\n',
    'charts/kid/Chart.yaml': 'apiVersion: v2\nname: kid\nversion: 0.1.0\n',
    'charts/kid/templates/k.yaml': '# kid {{ .Values.enabled }}\n',
  };

  it('parses once per chart, compat and enabled subcharts; values mutated by templates do not leak', () => {
    const chart = load(files);
    const parse = vi.spyOn(TemplateSet.prototype, 'parse');
    const first = renderChart(chart);
    const parsedFirst = parse.mock.calls.length;
    expect(parsedFirst).toBe(2);
    const second = renderChart(chart);
    expect(parse.mock.calls.length).toBe(parsedFirst);
    expect(first.stdout).toBe(second.stdout);
    expect(second.stdout).toContain('# 1 2\n');

    const without = renderChart(chart, { set: ['kid.enabled=false'] });
    expect(without.stdout).not.toContain('kid');
    expect(parse.mock.calls.length).toBe(parsedFirst + 1);
    expect(renderChart(chart, { compat: 'helm3' }).stdout).toBe(first.stdout);
    expect(renderChart(chart).stdout).toBe(first.stdout);
  });

  it('gives each render its own release and capabilities', () => {
    const chart = load({ 'templates/a.yaml': '# {{ .Release.Name }} {{ .Capabilities.KubeVersion }}\n' });
    expect(renderChart(chart, { releaseName: 'one', kubeVersion: '1.20' }).stdout).toContain('# one v1.20\n');
    expect(renderChart(chart, { releaseName: 'two' }).stdout).toContain('# two v1.35.0\n');
  });
});
