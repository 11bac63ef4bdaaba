/**
 * Helm chart loading (pure): from an in-memory file map (directory semantics) or .tgz bytes.
 * Reading from disk is in ./fs.ts.
 */
import { ChartLoadError, type Chart, type ChartFile, type ChartLoadResult } from './chart.js';
import { newLoadContext } from './archive.js';
import { detectChartVersion, directoryFiles, loadBufferedFiles, toResult, type LoadOptions } from './files.js';

export type { Chart, ChartDependency, ChartFile, ChartLoadResult, ChartMetadata } from './chart.js';
export { ChartLoadError } from './chart.js';
export { loadChartArchive } from './archive.js';
export { MAX_CHART_SIZE, MAX_FILE_SIZE, type LoadOptions } from './files.js';

/**
 * Loads a chart from its files as `helm template` loads a chart directory: names are
 * chart-relative ('/' or '\' separated; `..`, absolute names and NUL are refused), `.helmignore`
 * and helm's default rule `templates/.?*` apply, UTF-8 BOMs are stripped, `charts/` holds
 * subchart folders and .tgz archives. Pure: works without fs, so charts can be bundled.
 */
export function loadChartFromFiles(files: Iterable<readonly [string, Uint8Array | string]>, options: LoadOptions = {}): ChartLoadResult {
  const ctx = newLoadContext(options.compat ?? 'helm4');
  return toResult(ctx, () => {
    const buffered = directoryFiles(files);
    detectChartVersion(buffered, ctx);
    return loadBufferedFiles(buffered, ctx);
  });
}

/**
 * One chart's CRD files as helm takes them (measured): files anywhere under `crds/` whose
 * extension is .yaml, .yml or .json in any letter case, in file order. Helm adds the CRDs of
 * each enabled subchart after the parent's (source path `<parent>/charts/<name>/crds/...`);
 * the caller walks the resolved subcharts.
 */
export function chartCrds(chart: Chart): ChartFile[] {
  return chart.files.filter((f) => f.name.startsWith('crds/') && /\.(ya?ml|json)$/i.test(f.name));
}

/** Throws the error of a failed result (for callers that prefer exceptions). */
export function unwrapChart(result: ChartLoadResult): Chart {
  if (result.ok) return result.chart;
  throw result.error instanceof ChartLoadError ? result.error : new ChartLoadError(String(result.error));
}
