/**
 * The public API of istio-installer.
 *
 * Today the package exposes its template language, layer by layer (each usable alone):
 * - `gotemplate`: Go's text/template (TemplateSet, the Go value model, errors);
 * - `sprigFuncs`: the Sprig v3 function map as helm exposes it;
 * - `yaml`: values loading (YAML 1.1, sigs.k8s.io/yaml semantics), toYaml, JSON and TOML;
 * - `renderTemplates`: helm's rendering of a set of chart template files.
 * The IstioOperator API and `render()` of manifests come with later issues.
 */
export * as gotemplate from './gotemplate/index.js';
export * as yaml from './yaml/index.js';
export { sprigFuncs } from './sprig/index.js';
export { helmFuncMap } from './helm/funcs.js';
export {
  renderTemplates,
  type RenderRequest,
  type RenderResult,
  type ReleaseInfo,
  type ChartMetadata,
  type Compat,
} from './helm/engine.js';
export { HelmRenderError, helmStderr } from './helm/errors.js';
