/**
 * The helm layer's public API (pure: no file system; `loadChart(path)` lives in load/fs.ts).
 *
 * - `loadChartFromFiles(files)` / `loadChartArchive(bytes)`: a chart from an in-memory file map
 *   or a .tgz;
 * - `renderChart(chart, options)`: `helm template` (helm 3.17.3 or 4.1.4 behaviour), returning
 *   the manifests (source, text, parsed object, kind, name), hooks, CRDs, notes, the stderr
 *   warnings and exactly the text helm prints;
 * - `renderTemplates(request)`: the template step alone over a flat file map.
 */
export type { Compat } from '../gotemplate/template.js';
export {
  renderChart,
  type RenderChartOptions,
  type RenderChartResult,
  type RenderedHook,
  type RenderedManifest,
} from './render.js';
export { HelmChartError, HelmRenderError, helmStderr, type ChartErrorStage } from './errors.js';
export {
  loadChartFromFiles,
  loadChartArchive,
  chartCrds,
  ChartLoadError,
  type Chart,
  type ChartDependency,
  type ChartFile,
  type ChartLoadResult,
  type ChartMetadata,
} from './load/index.js';
export { mergeUserValues, type ValueOptions } from './values/index.js';
export { parseKubeVersion, type KubeVersion } from './kube-version.js';
export { renderTemplates, type RenderRequest, type RenderResult, type ReleaseInfo } from './engine.js';
export { helmFuncMap } from './funcs.js';
export { DEFAULT_MAX_OUTPUT } from './engine.js';
