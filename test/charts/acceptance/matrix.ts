/**
 * The acceptance matrix of issue 5, shared by the acceptance tests: for every chart, the value
 * sets (default values, `--set revision=canary`, the chart's Kubernetes-settings file when it
 * exists) × the namespaces it is installed into × the Kubernetes versions (helm's default, and
 * the oldest and newest the object validator knows).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KUBE_VERSIONS } from '../../../src/manifest/kube/index.js';
import { CHART_NAMES, ROOT, chartExists, type ChartName, type OursOptions } from '../render.js';

export { CHART_NAMES, chartExists, type ChartName };

export const RELEASE = 'istio';

/** The namespaces each chart is rendered into. */
export const NAMESPACES: Readonly<Record<ChartName, readonly string[]>> = {
  base: ['istio-system'],
  istiod: ['istio-system'],
  'istiod-remote': ['istio-system'],
  gateway: ['istio-system'],
  cni: ['istio-system', 'kube-system'],
};

export const OLDEST_KUBE = KUBE_VERSIONS[0];
export const NEWEST_KUBE = KUBE_VERSIONS[KUBE_VERSIONS.length - 1];

/** test/charts/values/<chart>-k8s-all.yaml (repository-relative) when it exists. */
export function k8sAllFile(chart: string): string | undefined {
  const f = `test/charts/values/${chart}-k8s-all.yaml`;
  return existsSync(join(ROOT, f)) ? f : undefined;
}

/** One value set of a chart. */
export interface ValueSet {
  readonly name: string;
  readonly set?: readonly string[];
  readonly valueFiles?: readonly string[];
}

/** The value sets of `chart`: default, revision canary, and the k8s settings file when there is one. */
export function valueSets(chart: string): ValueSet[] {
  const sets: ValueSet[] = [{ name: 'default values' }, { name: 'revision=canary', set: ['revision=canary'] }];
  const f = k8sAllFile(chart);
  if (f !== undefined) sets.push({ name: `-f ${f}`, valueFiles: [f] });
  return sets;
}

/** One rendering of the matrix. */
export interface Case {
  readonly chart: ChartName;
  readonly label: string;
  readonly opts: OursOptions;
}

/**
 * Every case of `chart`: value sets × namespaces × kube versions (`kubeVersions`; undefined =
 * helm's default).
 */
export function casesOf(chart: ChartName, kubeVersions: readonly (string | undefined)[] = [undefined, OLDEST_KUBE, NEWEST_KUBE]): Case[] {
  const out: Case[] = [];
  for (const vs of valueSets(chart)) {
    for (const namespace of NAMESPACES[chart]) {
      for (const kubeVersion of kubeVersions) {
        const label = `${chart} ${vs.name} -n ${namespace}${kubeVersion !== undefined ? ` --kube-version ${kubeVersion}` : ''}`;
        out.push({
          chart,
          label,
          opts: {
            releaseName: RELEASE,
            namespace,
            ...(kubeVersion !== undefined ? { kubeVersion } : {}),
            ...(vs.set !== undefined ? { set: vs.set } : {}),
            ...(vs.valueFiles !== undefined ? { valueFiles: vs.valueFiles } : {}),
          },
        });
      }
    }
  }
  return out;
}

/** The message for a chart that has not landed: the acceptance requires all five. */
export function missingChart(chart: string): string {
  return `charts/${chart}/Chart.yaml does not exist: the ${chart} chart has not landed`;
}
