/**
 * Manifests: `manifest generate` (render an IstioOperator into ordered, validated Kubernetes
 * objects), k8s.overlays, and the strict Kubernetes validation.
 */
export * from './generate/index.js';
export { applyOverlays, type OverlayContext, type OverlayResult, type OverlayTarget } from './overlay/index.js';
export { formatKubeIssue, KUBE_VERSIONS, validateObjects, validateManifestText, type KubeIssue, type KubeValidateOptions } from './kube/index.js';
