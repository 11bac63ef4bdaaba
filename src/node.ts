/**
 * The package entry for Node: everything of index.ts, and `loadChart` also takes a path (a chart
 * directory or a .tgz file), read from disk by src/helm/load/fs.ts.
 */
import { loadChart as loadChartFromMemory, type ChartSource } from './index.js';
import type { ChartLoadResult, LoadOptions } from './helm/load/index.js';
import { loadChart as loadChartFromPath } from './helm/load/fs.js';

export * from './index.js';

/** Loads a chart from a directory or .tgz path, an in-memory file map, or .tgz bytes. */
export function loadChart(source: string | ChartSource, options: LoadOptions = {}): ChartLoadResult {
  return typeof source === 'string' ? loadChartFromPath(source, options) : loadChartFromMemory(source, options);
}
