/**
 * Test charts from a flat file map ('Chart.yaml', 'values.yaml', 'charts/kid/Chart.yaml', ...),
 * built straight into the loader's Chart type so these tests do not depend on the loader.
 */
import { parse } from 'yaml';
import type { Chart, ChartDependency, ChartMetadata } from '../../../src/helm/load/chart.js';

interface RawDependency {
  name: string;
  version?: string;
  alias?: string;
  condition?: string;
  tags?: string[];
  'import-values'?: (string | { child: string; parent: string })[];
}

function metadata(text: string): ChartMetadata {
  const raw = parse(text) as Record<string, unknown> & { dependencies?: RawDependency[] };
  const deps = raw.dependencies?.map(
    (d): ChartDependency => ({
      name: d.name,
      ...(d.version === undefined ? {} : { version: d.version }),
      ...(d.alias === undefined ? {} : { alias: d.alias }),
      ...(d.condition === undefined ? {} : { condition: d.condition }),
      ...(d.tags === undefined ? {} : { tags: d.tags }),
      ...(d['import-values'] === undefined ? {} : { importValues: d['import-values'] }),
    }),
  );
  return {
    apiVersion: String(raw.apiVersion),
    name: String(raw.name),
    version: String(raw.version),
    ...(typeof raw.type === 'string' ? { type: raw.type } : {}),
    ...(deps === undefined ? {} : { dependencies: deps }),
  };
}

/** The chart rooted at `prefix` ('' for the top) of a file map. */
export function chartFromFiles(files: Readonly<Record<string, string>>, prefix = ''): Chart {
  const chartYaml = files[`${prefix}Chart.yaml`];
  if (chartYaml === undefined) throw new Error(`no ${prefix}Chart.yaml`);
  const subNames = new Set<string>();
  for (const name of Object.keys(files)) {
    const m = new RegExp(`^${prefix.replace(/[/.]/g, '\\$&')}charts/([^/]+)/Chart\\.yaml$`).exec(name);
    if (m) subNames.add(m[1]);
  }
  const valuesText = files[`${prefix}values.yaml`];
  return {
    metadata: metadata(chartYaml),
    ...(valuesText === undefined ? {} : { valuesText }),
    templates: [],
    files: [],
    dependencies: [...subNames].sort().map((n) => chartFromFiles(files, `${prefix}charts/${n}/`)),
  };
}
