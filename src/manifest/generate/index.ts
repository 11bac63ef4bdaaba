/** `manifest generate` as a library: render(), safeRender(), the ManifestSet types, Testing. */
export type { ChartName, ComponentManifest, ComponentName, ManifestObject, ManifestSet, RenderInput, SafeRenderResult } from './types.js';
export { render, safeRender, IOP_INPUT_NAME } from './render.js';
export { Testing } from './testing.js';
export { compareInstallOrder, installRank, sortInstallOrder, type OrderKey } from './order.js';
export { objectsToYaml } from './manifest-set.js';
export { valuesYaml } from './component.js';
export { COMPONENT_NAMES } from './select.js';
export { bundledChart, bundledChartNames } from './charts.js';
