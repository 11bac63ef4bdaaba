import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateChartBundle } from '../../../scripts/gen/chart-bundle.mjs';
import { REPO } from '../../../scripts/gen/index.mjs';
import { loadChart } from '../../../src/helm/load/fs.js';
import { renderChart } from '../../../src/helm/render.js';
import type { Chart } from '../../../src/helm/load/chart.js';
import { bundledChart, bundledChartNames } from '../../../src/manifest/generate/charts.js';
import type { ChartName } from '../../../src/operator/translate/types.js';

const CHARTS: readonly ChartName[] = ['base', 'istiod', 'istiod-remote', 'gateway', 'cni'];
const decoder = new TextDecoder();

function fromDisk(chart: ChartName): Chart {
  const r = loadChart(join(REPO, 'charts', chart));
  if (!r.ok) throw r.error;
  return r.chart;
}

function filesOf(files: Chart['files']): [string, string][] {
  return files.map((f) => [f.name, decoder.decode(f.data)]);
}

/** Value files that switch on most templates of each chart (beyond the defaults). */
const EXTRA_VALUES: Record<ChartName, string> = {
  base: 'global:\n  istiod:\n    enableAnalysis: true\nbase:\n  validationURL: https://example.com/validate\n',
  istiod: 'revision: canary\nrevisionTags: [prod]\nautoscaleEnabled: true\npilot:\n  autoscaleEnabled: true\nglobal:\n  defaultPodDisruptionBudget:\n    enabled: true\n',
  'istiod-remote': 'global:\n  remotePilotAddress: 10.0.0.1\n',
  gateway: 'name: istio-egressgateway\n',
  cni: 'cni:\n  repair:\n    enabled: true\n',
};

describe('the bundled charts (src/generated/charts.ts)', () => {
  it('hold exactly the five charts', () => {
    expect(bundledChartNames().sort()).toEqual([...CHARTS].sort());
  });

  it('are what `npm run gen` writes now', () => {
    const text = readFileSync(join(REPO, 'src/generated/charts.ts'), 'utf8');
    expect(generateChartBundle(REPO, CHARTS) === text, 'run `npm run gen`').toBe(true);
  });

  for (const chart of CHARTS) {
    it(`${chart}: loads as the chart directory loads (README.md aside)`, () => {
      const disk = fromDisk(chart);
      const ours = bundledChart(chart);
      expect(ours.metadata).toEqual(disk.metadata);
      expect(ours.valuesText).toBe(disk.valuesText);
      expect(ours.schemaText).toBe(disk.schemaText);
      expect(filesOf(ours.templates)).toEqual(filesOf(disk.templates));
      expect(filesOf(ours.files)).toEqual(filesOf(disk.files).filter(([n]) => n !== 'README.md'));
      expect(ours.dependencies).toEqual(disk.dependencies);
    });

    for (const [label, values] of [
      ['default values', ''],
      ['more templates enabled', EXTRA_VALUES[chart]],
    ] as const) {
      it(`${chart}: renders byte for byte as from disk (${label})`, () => {
        const opts = { compat: 'helm4', releaseName: 'istio', namespace: 'istio-system', kubeVersion: '1.34', valueFiles: [{ name: 'v.yaml', text: values }] } as const;
        const a = renderChart(fromDisk(chart), opts);
        const b = renderChart(bundledChart(chart), opts);
        expect(a.ok, a.ok ? '' : a.error.message).toBe(true);
        expect(b.stdout).toBe(a.stdout);
        expect(b.warnings).toEqual(a.warnings);
        expect(b.stdout.length).toBeGreaterThan(100);
      });
    }
  }
});
