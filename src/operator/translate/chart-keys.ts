/**
 * Which top-level values keys each chart knows, read from the bundled schema (the same source
 * scripts/gen/chart-schemas.mjs cuts charts/<chart>/values.schema.json from): for base, istiod,
 * istiod-remote and cni the `x-charts` annotation of each top-level property of `Values`; for
 * gateway the properties of `GatewayChartValues`. A test compares this with the chart files.
 */
import { istioOperatorSchema } from '../../generated/istio-operator-schema.js';
import { clone, newObj, type Obj } from './data.js';
import type { ChartName } from './types.js';

function computeKeys(): ReadonlyMap<ChartName, ReadonlySet<string>> {
  const defs = istioOperatorSchema.definitions ?? {};
  const values = defs['Values']?.properties ?? {};
  const out = new Map<ChartName, Set<string>>();
  for (const c of ['base', 'istiod', 'istiod-remote', 'cni'] as const) out.set(c, new Set());
  for (const key of Object.keys(values)) {
    for (const chart of values[key]?.['x-charts'] ?? []) out.get(chart as ChartName)?.add(key);
  }
  out.set('gateway', new Set(Object.keys(defs['GatewayChartValues']?.properties ?? {})));
  return out;
}

let cache: ReadonlyMap<ChartName, ReadonlySet<string>> | undefined;

/** The top-level keys the chart's values.schema.json declares. */
export function chartKeys(chart: ChartName): ReadonlySet<string> {
  cache ??= computeKeys();
  return cache.get(chart) ?? new Set();
}

/** A deep copy of `values` (null-prototype maps throughout) holding only the chart's top-level keys, in order. */
export function pruneToChart(chart: ChartName, values: Obj): Obj {
  const keys = chartKeys(chart);
  const out = newObj();
  for (const k of Object.keys(values)) if (keys.has(k)) out[k] = clone(values[k]);
  return out;
}
