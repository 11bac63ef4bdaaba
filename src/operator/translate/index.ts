/** IstioOperator -> render plans (issue 6). */
export type { ChartName, ComponentName, K8sObjectOverlay, RenderPlan, TranslateOptions, TranslateResult } from './types.js';
export { translate, RELEASE_NAME } from './translate.js';
export { chartKeys } from './chart-keys.js';
