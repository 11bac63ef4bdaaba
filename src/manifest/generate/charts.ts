/**
 * The bundled charts (src/generated/charts.ts, written by `npm run gen`), loaded once per chart
 * with helm's directory semantics (.helmignore, default rules) and kept: render() never touches a
 * disk, and a warm render re-uses the loaded chart (and with it the renderer's per-chart caches).
 */
import { CHART_FILES } from '../../generated/charts.js';
import { loadChartFromFiles, type Chart } from '../../helm/load/index.js';
import type { ChartName } from '../../operator/translate/types.js';

const loaded = new Map<string, Chart>();

/** The names of the bundled charts. */
export function bundledChartNames(): string[] {
  return Object.keys(CHART_FILES);
}

/** The bundled chart's files (chart-relative path, text), in walk order. */
export function bundledChartFiles(name: ChartName): readonly (readonly [string, string])[] {
  const files = Object.prototype.hasOwnProperty.call(CHART_FILES, name) ? CHART_FILES[name] : undefined;
  if (files === undefined) throw new Error(`no bundled chart named ${JSON.stringify(name)}`);
  return files;
}

/** The bundled chart, loaded on first use (throws only when the bundle itself is broken: a bug). */
export function bundledChart(name: ChartName): Chart {
  let chart = loaded.get(name);
  if (chart === undefined) {
    // Bytes through the platform's TextEncoder (far faster than encoding in the loader); the
    // texts are valid UTF-8 (gen refuses anything else), so the bytes are the files' bytes.
    const encoder = new TextEncoder();
    const files = bundledChartFiles(name).map(([path, text]) => [path, encoder.encode(text)] as const);
    const r = loadChartFromFiles(files, { compat: 'helm4' });
    if (!r.ok) throw new Error(`bundled chart ${name} does not load: ${r.error.message}`);
    chart = r.chart;
    loaded.set(name, chart);
  }
  return chart;
}
