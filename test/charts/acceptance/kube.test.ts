/**
 * Acceptance (issue 5): every object of every matrix case, rendered by helm 4 with
 * `--kube-version` set to the oldest and to the newest Kubernetes version the object validator
 * knows, passes strict validation against that version's API (unknown fields are errors); Istio
 * custom resources are checked against the CRDs the base chart renders.
 */
import { describe, expect, it } from 'vitest';
import { formatKubeIssue, validateObjects } from '../../../src/manifest/kube/index.js';
import { helmTemplate, objectId, parseDocs, templateArgs } from '../render.js';
import { CHART_NAMES, NEWEST_KUBE, OLDEST_KUBE, RELEASE, casesOf, chartExists, missingChart } from './matrix.js';

const crdCache = new Map<string, Promise<unknown[]>>();
/** The CustomResourceDefinitions charts/base renders (default values) for `version`. */
function baseCrds(version: string): Promise<unknown[]> {
  let p = crdCache.get(version);
  if (!p) {
    p = helmTemplate('helm4', 'base', templateArgs({ releaseName: RELEASE, namespace: 'istio-system', kubeVersion: version })).then((r) => {
      if (r.exitCode !== 0) throw new Error(`charts/base does not render:\n${r.stderr}`);
      return parseDocs(r.stdout)
        .map((d) => d.object)
        .filter((o) => (o as { kind?: unknown }).kind === 'CustomResourceDefinition');
    });
    crdCache.set(version, p);
  }
  return p;
}

describe('the base chart provides the Istio CRDs', () => {
  it.each([OLDEST_KUBE, NEWEST_KUBE])('Kubernetes %s', async (version) => {
    expect(chartExists('base'), missingChart('base')).toBe(true);
    const names = (await baseCrds(version)).map((c) => (c as { metadata: { name: string } }).metadata.name);
    expect(names).toEqual(expect.arrayContaining(['envoyfilters.networking.istio.io', 'istiooperators.install.istio.io']));
  });
});

describe.each(CHART_NAMES)('chart %s: valid Kubernetes objects', (chart) => {
  if (!chartExists(chart)) {
    it('exists', () => {
      expect.fail(missingChart(chart));
    });
    return;
  }
  it.each(casesOf(chart, [OLDEST_KUBE, NEWEST_KUBE]).map((c) => [c.label, c] as const))('%s', async (_label, c) => {
    const version = c.opts.kubeVersion as string;
    const r = await helmTemplate('helm4', chart, templateArgs(c.opts));
    expect(r.exitCode, r.stderr).toBe(0);
    const docs = parseDocs(r.stdout);
    expect(docs.length).toBeGreaterThan(0);
    const objects = docs.map((d) => d.object);
    const issues = validateObjects(objects, { version, crds: await baseCrds(version) });
    const report = issues.map((i) => `${docs[i.document]?.source ?? '?'} ${objectId(objects[i.document])}: ${formatKubeIssue(i)}`);
    expect(report).toEqual([]);
  });
});
