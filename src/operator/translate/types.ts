/**
 * The translation's output: one render plan per enabled component (issue 6 contract). A plan says
 * which bundled chart to render, as which release, in which namespace, with which values, and which
 * overlays to apply to the rendered objects afterwards.
 */
import type { Issue } from '../issues.js';

export type ComponentName = 'Base' | 'Pilot' | 'Cni' | 'IstiodRemote' | 'IngressGateways' | 'EgressGateways';

export type ChartName = 'base' | 'istiod' | 'istiod-remote' | 'gateway' | 'cni';

/** One `components.X.k8s.overlays[]` entry, normalised (kind and name present, patches a list). */
export interface K8sObjectOverlay {
  readonly apiVersion?: string;
  readonly kind: string;
  readonly name: string;
  readonly patches: readonly { readonly path: string; readonly value?: unknown }[];
}

export interface RenderPlan {
  readonly component: ComponentName;
  /** Gateways: the entry's name (istio-ingressgateway, ...). */
  readonly gatewayName?: string;
  readonly chart: ChartName;
  /** Always 'istio' (istioctl's release name). */
  readonly releaseName: string;
  /** The component's namespace (facts §3.1). */
  readonly namespace: string;
  /** '' for the default revision. */
  readonly revision: string;
  /**
   * The chart values, plain JSON data (objects with null prototype), ONLY keys the chart's
   * values.schema.json knows at top level. `manifest values` writes exactly this.
   */
  readonly values: Readonly<Record<string, unknown>>;
  /** components.X.k8s.overlays (or the gateway entry's). */
  readonly overlays: readonly K8sObjectOverlay[];
}

export type TranslateResult =
  | { readonly ok: true; readonly plans: readonly RenderPlan[]; readonly warnings: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

export interface TranslateOptions {
  /** Overrides spec.revision (the CLI's --revision). */
  readonly revision?: string;
}
