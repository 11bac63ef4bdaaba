/**
 * The public API of istio-installer (pure: no file system, network, environment or clock, so it
 * also runs in a browser; src/node.ts adds loading charts from disk).
 *
 * - The IstioOperator API: `composeIstioOperator` (profiles, -f files, --set),
 *   `validateIstioOperator` / `safeValidateIstioOperator`, every IstioOperator type, the issue
 *   shape shared by all of them.
 * - The Helm chart renderer: `loadChart` (an in-memory file map or a .tgz) and `renderChart`
 *   (exactly what `helm template` prints, helm 3.17.3 or helm 4.1.4 behaviour).
 * - `manifest generate` as a library: `render` / `safeRender` (an IstioOperator to ordered,
 *   validated Kubernetes objects from the bundled charts), the ManifestSet types, `Testing`,
 *   `applyOverlays`, and strict Kubernetes validation (`validateObjects`, `KUBE_VERSIONS`).
 * - Offline sidecar injection: `inject` / `safeInject` with an `InjectionSource` taken from a
 *   rendered installation (`injectionSourceFromManifest`) or istioctl's files.
 * - Revisions: `generateTag`, `listTags`, `listRevisions`, `planUninstall` over a cluster snapshot
 *   (`parseClusterState`), and the webhook selector simulator `matchingWebhooks`.
 * - The template language, layer by layer: `gotemplate` (Go text/template), `sprigFuncs`,
 *   `yaml` (helm's YAML, JSON and TOML), `renderTemplates` (the template step alone).
 */
import { loadChartArchive, loadChartFromFiles, type ChartLoadResult, type LoadOptions } from './helm/load/index.js';

// ---- IstioOperator API ----
export type * from './generated/types.js';
export {
  composeIstioOperator,
  flattenToSetFlags,
  type ComposeFile,
  type ComposeInput,
  type ComposeResult,
  type IstioOperatorDocument,
  type ProfileReader,
} from './operator/compose/index.js';
export {
  validateIstioOperator,
  safeValidateIstioOperator,
  collectIssues,
  type ValidateOptions,
  type SafeValidateResult,
} from './operator/validate/index.js';
export { parseIstioOperatorYaml, parseIstioOperatorBytes, type ParseResult } from './operator/load.js';
export { istioOperatorSchema } from './generated/istio-operator-schema.js';
export { listProfiles, type ProfileName } from './operator/profiles.js';
export {
  IstioOperatorError,
  formatIssue,
  pointerToPath,
  type Issue,
  type Severity,
  type SourceMap,
  type SourcePosition,
} from './operator/issues.js';

// ---- manifest generate ----
export {
  render,
  safeRender,
  Testing,
  COMPONENT_NAMES,
  applyOverlays,
  validateObjects,
  validateManifestText,
  formatKubeIssue,
  KUBE_VERSIONS,
  type RenderInput,
  type ManifestSet,
  type ManifestObject,
  type ComponentManifest,
  type ComponentName,
  type ChartName,
  type SafeRenderResult,
  type KubeIssue,
} from './manifest/index.js';
export { translate, type RenderPlan } from './operator/translate/index.js';

// ---- Offline sidecar injection (kube-inject) ----
export { inject, safeInject, selectTemplates, istioctlSource, TEMPLATES_ANNOTATION } from './inject/index.js';
export type {
  InjectTemplatesConfig,
  InjectionSource,
  PodTarget,
  InjectInput,
  InjectedDocument,
  InjectOutput,
} from './inject/types.js';
export {
  injectionSourceFromManifest,
  safeInjectionSourceFromManifest,
  injectionSourceFromFiles,
  safeInjectionSourceFromFiles,
  type ConfigText,
  type InjectionFiles,
  type InjectionSourceResult,
} from './inject/config.js';
export { parseWorkloads, parseWorkloadsBytes, type WorkloadDocument, type ParseWorkloadsResult } from './inject/parse-workloads.js';

// ---- Revisions, revision tags, uninstall plans ----
export type { KubeObject, Labels } from './revision/types.js';
export {
  selectorMatches,
  matchingWebhooks,
  toSelector,
  type LabelSelector,
  type AdmissionTarget,
  type WebhookMatch,
} from './revision/selector.js';
export { generateTag, safeGenerateTag, type TagGenerateInput, type TagGenerateOutput, type SafeTagGenerateResult } from './revision/tag.js';
export { listTags, formatTagTable, type TagRow } from './revision/tag-list.js';
export { parseClusterState, clusterStateOf, type ClusterState, type ParseClusterStateResult } from './revision/cluster-state.js';
export { listRevisions, type RevisionRow } from './revision/revision-list.js';
export { planUninstall, safePlanUninstall, type UninstallInput, type UninstallPlan, type SafeUninstallResult } from './revision/uninstall.js';

// ---- Multicluster: remote secrets and VM workloads ----
export {
  safeGenerateRemoteSecret,
  generateRemoteSecret,
  referencedFiles,
  remoteSecretName,
  parseKubeconfig,
  REMOTE_SECRET_CODES,
  KUBECONFIG_CODES,
  type RemoteSecretInput,
  type RemoteSecretOutput,
  type RemoteSecretResult,
  type RemoteSecretType,
  type Kubeconfig,
  type ParseKubeconfigResult,
} from './multicluster/index.js';
export {
  safeConfigureWorkload,
  configureWorkload,
  parseWorkloadGroup,
  meshFacts,
  type ConfigureWorkloadInput,
  type ConfigureWorkloadOutput,
  type ConfigureWorkloadResult,
  type WorkloadFile,
  type NamedText,
  type WorkloadGroup,
  type MeshInstallation,
} from './workload/index.js';

// ---- Helm chart renderer ----
export {
  renderChart,
  loadChartFromFiles,
  loadChartArchive,
  chartCrds,
  ChartLoadError,
  HelmChartError,
  HelmRenderError,
  helmStderr,
  mergeUserValues,
  parseKubeVersion,
  renderTemplates,
  helmFuncMap,
  type Compat,
  type Chart,
  type ChartDependency,
  type ChartFile,
  type ChartLoadResult,
  type ChartMetadata,
  type RenderChartOptions,
  type RenderChartResult,
  type RenderedHook,
  type RenderedManifest,
  type ValueOptions,
  type RenderRequest,
  type RenderResult,
  type ReleaseInfo,
  type KubeVersion,
  type ChartErrorStage,
} from './helm/index.js';
export type { LoadOptions } from './helm/load/index.js';

/** Files of a chart (chart-relative path to contents), or a .tgz archive as bytes. */
export type ChartSource = Iterable<readonly [string, Uint8Array | string]> | Uint8Array;

/**
 * Loads a chart from memory: a map of chart-relative paths to contents (what a directory holds),
 * or the bytes of a .tgz. In Node, `loadChart` also takes a path (see the package's Node entry).
 */
export function loadChart(source: ChartSource, options: LoadOptions = {}): ChartLoadResult {
  return source instanceof Uint8Array ? loadChartArchive(source, options) : loadChartFromFiles(source, options);
}

// ---- The template language ----
export * as gotemplate from './gotemplate/index.js';
export * as yaml from './yaml/index.js';
export { sprigFuncs } from './sprig/index.js';
