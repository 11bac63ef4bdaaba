/**
 * The CustomResourceDefinitions Istio resources are validated against: the base chart's, rendered
 * with the Base plan's values when Base is enabled (also when --component leaves it out of the
 * output); when a resource's kind is not among them (Base disabled, or rendering fewer CRDs), the
 * base chart's defaults are added under them (the plan's CRDs win where both define a kind).
 */
import { renderChart } from '../../helm/render.js';
import type { RenderPlan } from '../../operator/translate/types.js';
import { bundledChart } from './charts.js';
import { renderComponent } from './component.js';
import { isPlainObject } from './plain.js';
import type { ComponentManifest } from './types.js';

const defaults = new Map<string, readonly unknown[]>();

function isCrd(o: unknown): boolean {
  return isPlainObject(o) && o.kind === 'CustomResourceDefinition' && typeof o.apiVersion === 'string' && o.apiVersion.startsWith('apiextensions.k8s.io/');
}

/** The base chart's CRDs with its default values (cached per Kubernetes version). */
export function defaultBaseCrds(kubeVersion: string): readonly unknown[] {
  let crds = defaults.get(kubeVersion);
  if (crds === undefined) {
    const r = renderChart(bundledChart('base'), { compat: 'helm4', releaseName: 'istio', namespace: 'istio-system', kubeVersion });
    crds = r.ok ? r.manifests.map((m) => m.object).filter(isCrd) : [];
    defaults.set(kubeVersion, crds);
  }
  return crds;
}

/**
 * The CRDs of the Base plan when Base is enabled but not among the rendered components (when it
 * is, its CRDs are among the validated objects and count from there); none otherwise.
 */
export function planCrds(kubeVersion: string, basePlan: RenderPlan | undefined, rendered: readonly ComponentManifest[]): unknown[] {
  if (basePlan === undefined || rendered.some((c) => c.component === 'Base')) return [];
  const r = renderComponent(basePlan, kubeVersion);
  return r.ok ? r.manifest.objects.map((o) => o.object).filter(isCrd) : [];
}
