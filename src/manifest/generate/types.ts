/**
 * The types of `manifest generate` as a library (issue 6 contract): what render() takes and the
 * ManifestSet it returns.
 */
import type { ComposeFile } from '../../operator/compose/index.js';
import type { Issue } from '../../operator/issues.js';
import type { ChartName, ComponentName } from '../../operator/translate/types.js';

export type { ChartName, ComponentName, ComposeFile, Issue };

/** One rendered Kubernetes object. */
export interface ManifestObject {
  readonly component: ComponentName;
  /** Gateways: the gateway entry's name (istio-ingressgateway, ...). */
  readonly gatewayName?: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** metadata.namespace as rendered; absent for cluster-scoped objects. */
  readonly namespace?: string;
  /** The object as plain data (read it, do not change it). */
  readonly object: Readonly<Record<string, unknown>>;
  /**
   * The document text, ending with one newline, without `---`: helm's text exactly when no
   * overlay changed the object, else the patched object as go-yaml v2 prints it (keys sorted).
   */
  readonly yaml: string;
}

/** What one component rendered: its chart, values and objects (in install order). */
export interface ComponentManifest {
  readonly component: ComponentName;
  readonly gatewayName?: string;
  readonly chart: ChartName;
  readonly namespace: string;
  /** The chart values (plain data), exactly what `manifest values` writes. */
  readonly values: Readonly<Record<string, unknown>>;
  /** The values file given to the chart (`helm template -f` this file gives the same objects, before overlays). */
  readonly valuesYaml: string;
  readonly objects: readonly ManifestObject[];
}

/** The result of render(): every object in install order, per component too. */
export interface ManifestSet {
  /** In plan order: Base, Pilot, IstiodRemote, Cni, IngressGateways..., EgressGateways... */
  readonly components: readonly ComponentManifest[];
  /** All objects, in install order (docs: "Output order"). */
  readonly objects: readonly ManifestObject[];
  /** Warnings of every stage (composition, validation, translation, charts). */
  readonly warnings: readonly Issue[];
  /** The Kubernetes version rendered for and validated against (one of KUBE_VERSIONS). */
  readonly kubeVersion: string;
  /** The objects in install order, each as `---\n<yaml>`: only YAML, deterministic. */
  toYaml(): string;
}

export interface RenderInput {
  /** A built-in profile name (wins over `--set profile=` and spec.profile). */
  readonly profile?: string;
  /** IstioOperator files (`-f`), in order. */
  readonly files?: readonly ComposeFile[];
  /** `--set PATH=VALUE` flags, applied after the files. */
  readonly set?: readonly string[];
  /**
   * An IstioOperator as an object: layered like one more file after `files` (the profile it names
   * applies, `set` goes on top). apiVersion and kind may be left out. Shown as `<iop>` in issues.
   */
  readonly iop?: unknown;
  /** Overrides spec.revision (`--revision`). */
  readonly revision?: string;
  /** Target Kubernetes version ('1.34', 'v1.25', '1.25.3'); default the newest of KUBE_VERSIONS. */
  readonly kubeVersion?: string;
  /** Only these components (`--component`): Base, Pilot, Cni, IstiodRemote, IngressGateways, EgressGateways, or a gateway's name. */
  readonly components?: readonly string[];
  /** istioctl's --force: schema, format and Kubernetes validation errors become warnings. */
  readonly force?: boolean;
}

export type SafeRenderResult = { readonly success: true; readonly data: ManifestSet } | { readonly success: false; readonly issues: readonly Issue[] };
