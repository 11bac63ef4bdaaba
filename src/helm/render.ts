/**
 * `renderChart`: `helm template` as a synchronous library call (reference §2.1). Given a loaded
 * chart it runs helm's pipeline in helm's order (measured on helm 3.17.3 and 4.1.4):
 *
 * 1. `--kube-version` parsed (an invalid one fails first);
 * 2. user values merged (`-f`, `--set*`), unless `values` are given already merged; then a
 *    library chart is rejected;
 * 3. deprecation warning; dependencies (conditions, tags, aliases, import-values) and
 *    coalescing with chart defaults;
 * 4. values.schema.json of the root and every enabled subchart (unless skipSchemaValidation);
 * 5. the root chart's kubeVersion constraint;
 * 6. templates rendered, output assembled.
 *
 * The result carries what helm prints: `stdout`, the stderr `warnings` lines in order, and on
 * failure an error whose `stderr()` is helm's error text.
 */
import type { Compat } from '../gotemplate/template.js';
import type { GoValue } from '../gotemplate/value.js';
import { HelmChartError } from './errors.js';
import { parseKubeVersion, type KubeVersion } from './kube-version.js';
import type { Chart } from './load/chart.js';
import type { RenderedHook, RenderedManifest } from './output/assemble.js';
import { renderResolved } from './render-resolved.js';
import { validateValuesSchemas, type SchemaNode } from './schema/index.js';
import { formatValuesWarning, mergeUserValues, resolveChart, type ResolvedChart, type ValueOptions } from './values/index.js';

export interface RenderChartOptions extends ValueOptions {
  /** Target helm version; default 'helm4'. */
  readonly compat?: Compat;
  /** Default 'release-name'. */
  readonly releaseName?: string;
  /** Default 'default'. */
  readonly namespace?: string;
  readonly isUpgrade?: boolean;
  /** `--kube-version`, e.g. '1.29' or 'v1.29.3'. */
  readonly kubeVersion?: string;
  /** `--api-versions`, added to the default list. */
  readonly apiVersions?: readonly string[];
  readonly includeCrds?: boolean;
  readonly skipTests?: boolean;
  readonly noHooks?: boolean;
  /** `--show-only` patterns (filepath.Match on the path after the chart name). */
  readonly showOnly?: readonly string[];
  readonly skipSchemaValidation?: boolean;
  readonly debug?: boolean;
  /** Already merged user values (skips the ValueOptions parsing). */
  readonly values?: Map<string, GoValue>;
  /** Bound on the total rendered text in characters; default 64 Mi. */
  readonly maxOutput?: number;
}

export type { RenderedHook, RenderedManifest };

export type RenderChartResult =
  | {
      readonly ok: true;
      readonly manifests: readonly RenderedManifest[];
      readonly hooks: readonly RenderedHook[];
      readonly crds: readonly RenderedManifest[];
      readonly notes?: string;
      readonly warnings: readonly string[];
      /** Exactly what `helm template` prints to stdout. */
      readonly stdout: string;
    }
  | {
      readonly ok: false;
      readonly error: HelmChartError;
      readonly warnings: readonly string[];
      /** What helm prints to stdout before failing (with --debug). */
      readonly stdout: string;
    };

function schemaTree(r: ResolvedChart): SchemaNode {
  return {
    name: r.name,
    ...(r.chart.schemaText !== undefined ? { schemaText: r.chart.schemaText } : {}),
    values: r.values,
    children: r.subcharts.map(schemaTree),
  };
}

function deprecationWarning(compat: Compat): string {
  return compat === 'helm3' ? 'WARNING: This chart is deprecated\n' : 'level=WARN msg="this chart is deprecated"\n';
}

/** Renders a loaded chart exactly as `helm template` (of the chosen version) would. Never throws. */
export function renderChart(chart: Chart, options: RenderChartOptions = {}): RenderChartResult {
  try {
    return runPipeline(chart, options);
  } catch (e) {
    // Every failure helm has is returned as data above; reaching here is a bug of ours.
    const msg = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: new HelmChartError(`internal error: ${msg}`, 'internal', false, e, options.debug ?? false),
      warnings: [],
      stdout: '',
    };
  }
}

function runPipeline(chart: Chart, options: RenderChartOptions): RenderChartResult {
  const compat = options.compat ?? 'helm4';
  const debug = options.debug ?? false;
  const warnings: string[] = [];
  const fail = (message: string, stage: HelmChartError['stage']): RenderChartResult => ({
    ok: false,
    error: new HelmChartError(message, stage, false, undefined, debug),
    warnings,
    stdout: '',
  });

  let kubeVersion: KubeVersion | undefined;
  if (options.kubeVersion !== undefined) {
    const kv = parseKubeVersion(options.kubeVersion, compat);
    if (!kv.ok) return fail(kv.error, 'options');
    kubeVersion = kv.value;
  }

  let userValues = options.values;
  if (userValues === undefined) {
    const merged = mergeUserValues(options, compat);
    if (!merged.ok) return fail(merged.error, 'values');
    userValues = merged.values;
  }
  if (chart.metadata.type === 'library') return fail('library charts are not installable', 'chart');
  // helm 4.1.4 loads `apiVersion: v3` charts but refuses to render them (measured).
  if (compat === 'helm4' && chart.metadata.apiVersion === 'v3') return fail('invalid chart apiVersion', 'chart');
  if (chart.metadata.deprecated === true) warnings.push(deprecationWarning(compat));

  const resolved = resolveChart(chart, userValues, compat);
  for (const w of resolved.warnings) {
    const line = formatValuesWarning(w, compat);
    if (line !== '') warnings.push(line);
  }
  if (!resolved.ok) return fail(resolved.error, 'dependencies');

  if (!options.skipSchemaValidation) {
    const v = validateValuesSchemas(schemaTree(resolved.root), compat);
    if (!v.ok) return fail(v.error, 'schema');
  }

  const r = renderResolved(resolved.root, {
    compat,
    debug,
    ...(options.releaseName !== undefined ? { releaseName: options.releaseName } : {}),
    ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
    ...(options.isUpgrade !== undefined ? { isUpgrade: options.isUpgrade } : {}),
    ...(kubeVersion !== undefined ? { kubeVersion } : {}),
    ...(options.apiVersions !== undefined ? { apiVersions: options.apiVersions } : {}),
    ...(options.includeCrds !== undefined ? { includeCrds: options.includeCrds } : {}),
    ...(options.skipTests !== undefined ? { skipTests: options.skipTests } : {}),
    ...(options.noHooks !== undefined ? { noHooks: options.noHooks } : {}),
    ...(options.showOnly !== undefined ? { showOnly: options.showOnly } : {}),
    ...(options.maxOutput !== undefined ? { maxOutput: options.maxOutput } : {}),
  });
  warnings.push(...r.logs);
  if (!r.ok) return { ok: false, error: r.error, warnings, stdout: r.stdout };
  return {
    ok: true,
    manifests: r.manifests,
    hooks: r.hooks,
    crds: r.crds,
    ...(r.notes !== undefined ? { notes: r.notes } : {}),
    warnings,
    stdout: r.stdout,
  };
}
