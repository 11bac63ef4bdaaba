/**
 * The loaded form of a Helm chart: what `helm template` has in memory after reading a chart
 * directory or archive, before values and dependencies are processed.
 *
 * These types are the contract between the loader (src/helm/load) and the rest of the renderer.
 */

/** One file of a chart. `name` is chart-relative and '/'-separated; `data` is the raw bytes. */
export interface ChartFile {
  readonly name: string;
  readonly data: Uint8Array;
}

/** One entry of Chart.yaml `dependencies` (apiVersion v2) or requirements.yaml (v1). */
export interface ChartDependency {
  readonly name: string;
  readonly version?: string;
  readonly repository?: string;
  readonly condition?: string;
  readonly tags?: readonly string[];
  readonly enabled?: boolean;
  readonly importValues?: readonly (string | { readonly child: string; readonly parent: string })[];
  readonly alias?: string;
}

/** Chart.yaml. Go field names (for `.Chart`) are derived by the template layer. */
export interface ChartMetadata {
  readonly apiVersion: string;
  readonly name: string;
  readonly version: string;
  readonly kubeVersion?: string;
  readonly description?: string;
  readonly type?: string;
  readonly keywords?: readonly string[];
  readonly home?: string;
  readonly sources?: readonly string[];
  readonly dependencies?: readonly ChartDependency[];
  readonly maintainers?: readonly { name?: string; email?: string; url?: string }[];
  readonly icon?: string;
  readonly appVersion?: string;
  readonly deprecated?: boolean;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly condition?: string;
  readonly tags?: string;
}

/** A loaded chart and, recursively, the charts found under its charts/ directory. */
export interface Chart {
  readonly metadata: ChartMetadata;
  /** Chart.lock (v2) or requirements.lock (v1), parsed; informational only. */
  readonly lock?: unknown;
  /** values.yaml as text (UTF-8 BOM stripped); parsed per compat later. */
  readonly valuesText?: string;
  /** values.schema.json as text. */
  readonly schemaText?: string;
  /** templates/** after .helmignore, named 'templates/x.yaml'. */
  readonly templates: readonly ChartFile[];
  /** Every other file (crds/, .helmignore, README, ...): what `.Files` sees. */
  readonly files: readonly ChartFile[];
  /** Charts under charts/ (folders and .tgz), in helm's load order. */
  readonly dependencies: readonly Chart[];
}

/** A chart that could not be loaded. `message` is helm's text without the "Error: " prefix. */
export class ChartLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartLoadError';
  }
}

/**
 * The outcome of loading. `warnings` are complete stderr lines (newline-terminated) that helm
 * prints while loading, e.g. about requirements.yaml in an apiVersion v2 chart.
 */
export type ChartLoadResult =
  | { readonly ok: true; readonly chart: Chart; readonly warnings?: readonly string[] }
  | { readonly ok: false; readonly error: ChartLoadError; readonly warnings?: readonly string[] };
