/**
 * `k8s.overlays` (facts §3.5), applied to the rendered objects of one component.
 * Signature committed first (CONTRACT T2); the implementation follows.
 */
import type { Issue } from '../../operator/issues.js';
import type { ComponentName, K8sObjectOverlay } from '../../operator/translate/types.js';

export type { ComponentName, K8sObjectOverlay };

/** One parsed document. */
export interface KubeObject {
  readonly [key: string]: unknown;
}

export interface OverlayTarget {
  readonly object: Record<string, unknown>;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export type OverlayResult = { readonly ok: true; readonly changed: ReadonlySet<number> } | { readonly ok: false; readonly issues: readonly Issue[] };

export interface OverlayContext {
  readonly component: ComponentName;
  readonly namespace: string;
  readonly revision: string;
  readonly file?: string;
}

/** Applies overlays IN PLACE to the objects of ONE component (mutates object trees; caller passes copies). */
export function applyOverlays(targets: readonly OverlayTarget[], overlays: readonly K8sObjectOverlay[], context: OverlayContext): OverlayResult {
  void targets;
  void context;
  if (overlays.length === 0) return { ok: true, changed: new Set() };
  return { ok: false, issues: [{ severity: 'error', code: 'overlay-not-implemented', path: '', message: 'k8s.overlays are not implemented yet' }] };
}
