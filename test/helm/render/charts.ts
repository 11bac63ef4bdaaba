// In-memory chart trees for the render tests: a loaded Chart and its resolved RenderNode,
// built directly (no loader, no coalescing) so the render and output rules are tested alone.
import type { Compat } from '../../../src/gotemplate/template.js';
import type { GoValue } from '../../../src/gotemplate/value.js';
import type { RenderNode } from '../../../src/helm/engine.js';
import type { Chart, ChartFile, ChartMetadata } from '../../../src/helm/load/chart.js';
import { renderResolved, type ResolvedRenderOptions, type ResolvedRenderResult } from '../../../src/helm/render-resolved.js';
import { loadValues } from '../../../src/yaml/load.js';

export interface ChartSpec {
  readonly name: string;
  readonly meta?: Partial<ChartMetadata>;
  /** Files by chart-relative path: templates/** become templates, the rest `.Files`. */
  readonly files?: Record<string, string>;
  readonly values?: string;
  readonly subcharts?: readonly ChartSpec[];
  /** Alias under which the parent uses this chart. */
  readonly alias?: string;
  /** Condition of the parent's dependency entry (specFiles only). */
  readonly condition?: string;
  /** More lines of the parent's dependency entry, e.g. '  tags: [t]\n' (specFiles only). */
  readonly dependencyLines?: string;
}

const enc = new TextEncoder();

export function chartOf(spec: ChartSpec): Chart {
  const templates: ChartFile[] = [];
  const files: ChartFile[] = [];
  // A directory load walks in lexical order.
  for (const [name, text] of Object.entries(spec.files ?? {}).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    (name.startsWith('templates/') ? templates : files).push({ name, data: enc.encode(text) });
  }
  return {
    metadata: { apiVersion: 'v2', name: spec.name, version: '0.1.0', ...spec.meta },
    ...(spec.values !== undefined ? { valuesText: spec.values } : {}),
    templates,
    files,
    dependencies: (spec.subcharts ?? []).map(chartOf),
  };
}

/** The resolved tree of `chart` (built by chartOf from `spec`), values straight from each values text. */
export function nodeOf(chart: Chart, spec: ChartSpec, parentPath?: string, compat: Compat = 'helm4'): RenderNode {
  const name = spec.alias ?? spec.name;
  const path = parentPath === undefined ? name : `${parentPath}/charts/${name}`;
  const values: Map<string, GoValue> = loadValues(spec.values ?? '', { compat });
  const subs = (spec.subcharts ?? []).map((s, i) => nodeOf(chart.dependencies[i], s, path, compat));
  return { chart, name, path, metadata: { ...chart.metadata, name }, values, subcharts: subs };
}

export function renderSpec(spec: ChartSpec, opts: Partial<ResolvedRenderOptions> & { compat: Compat }, chart = chartOf(spec)): ResolvedRenderResult {
  return renderResolved(nodeOf(chart, spec, undefined, opts.compat), opts);
}

/** The chart as files (Chart.yaml, values.yaml, templates, charts/<name>/...), as the measuring script wrote it to disk. */
export function specFiles(spec: ChartSpec, prefix = ''): [string, string][] {
  const m = { apiVersion: 'v2', name: spec.name, version: '0.1.0', ...spec.meta };
  let y = Object.entries(m).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n') + '\n';
  if (spec.subcharts?.length) {
    y += 'dependencies:\n' + spec.subcharts.map((s) => `- name: ${s.name}\n  version: 0.1.0\n` + (s.alias ? `  alias: ${s.alias}\n` : '') + (s.condition ? `  condition: ${s.condition}\n` : '') + (s.dependencyLines ?? '')).join('');
  }
  const out: [string, string][] = [[prefix + 'Chart.yaml', y]];
  if (spec.values !== undefined) out.push([prefix + 'values.yaml', spec.values]);
  for (const [n, t] of Object.entries(spec.files ?? {})) out.push([prefix + n, t]);
  for (const s of spec.subcharts ?? []) out.push(...specFiles(s, `${prefix}charts/${s.name}/`));
  return out;
}
