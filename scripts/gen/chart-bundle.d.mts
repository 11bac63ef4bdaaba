/** Declarations of scripts/gen/chart-bundle.mjs (the chart bundle generator). */
/** The text of src/generated/charts.ts for the charts under `root`/charts. */
export function generateChartBundle(root: string, charts: readonly string[], generated?: ReadonlyMap<string, string>, removed?: ReadonlySet<string>): string;
