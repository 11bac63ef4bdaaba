// The measured cases again, through the whole pipeline: loadChartFromFiles (in memory), then
// renderChart with the CLI-equivalent options (values, dependencies, schema, kubeVersion,
// render, output). Same comparison rules as measured.test.ts.
import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import type { Compat } from '../../../src/gotemplate/template.js';
import { loadChartFromFiles } from '../../../src/helm/load/index.js';
import { renderChart, type RenderChartOptions } from '../../../src/helm/render.js';
import { specFiles, type ChartSpec } from './charts.js';
import { expectLikeHelm, type Outcome } from './compare.js';

interface Measured {
  name: string;
  spec: ChartSpec;
  opts: Omit<RenderChartOptions, 'compat'>;
  helm3: Outcome;
  helm4: Outcome;
}

const cases = JSON.parse(readFileSync(new URL('./measured.json', import.meta.url), 'utf8')) as Measured[];

function run(c: Measured, compat: Compat): Outcome {
  const loaded = loadChartFromFiles(specFiles(c.spec), { compat });
  if (!loaded.ok) return { stdout: '', stderr: `Error: ${loaded.error.message}\n`, code: 1 };
  const r = renderChart(loaded.chart, { ...c.opts, compat });
  const warnings = r.warnings.join('');
  if (r.ok) return { stdout: r.stdout, stderr: warnings, code: 0 };
  return { stdout: r.stdout, stderr: warnings + r.error.stderr(compat), code: 1 };
}

describe('renderChart against measured helm output', () => {
  for (const c of cases) {
    for (const compat of ['helm3', 'helm4'] as const) {
      it(`${compat}: ${c.name}`, () => {
        expectLikeHelm(run(c, compat), c[compat], c.opts.debug === true);
      });
    }
  }
});
