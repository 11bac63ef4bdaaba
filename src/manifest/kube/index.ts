/** Strict Kubernetes object validation (see docs/kubernetes-validation.md). */
export type { KubeIssue } from './issues.js';
export { formatKubeIssue } from './issues.js';
export { KUBE_VERSIONS } from './tables.js';
export type { KubeValidateOptions } from './validate.js';
export { validateObjects } from './validate.js';
export { validateManifestText } from './text.js';
