/** IstioOperator -> render plans (issue 6). */
export type { ChartName, ComponentName, K8sObjectOverlay, RenderPlan, TranslateOptions, TranslateResult } from './types.js';
export { translate } from './translate.js';
export { RELEASE_NAME } from './context.js';
export { chartKeys } from './chart-keys.js';
export { istiodMinorVersion } from './istiod-version.js';
