/**
 * Acceptance (issue 5): `helm lint --strict charts/<chart>` exits 0 and prints no [WARNING] or
 * [ERROR] line, with helm 3.17.3 and helm 4.1.4, for every chart.
 */
import { describe, expect, it } from 'vitest';
import { HELM_VERSIONS, chartPath, helmRun } from '../render.js';
import { CHART_NAMES, chartExists, missingChart } from './matrix.js';

describe.each(CHART_NAMES)('chart %s: helm lint --strict', (chart) => {
  it.each(HELM_VERSIONS)('%s: exit 0, no warnings or errors', async (version) => {
    expect(chartExists(chart), missingChart(chart)).toBe(true);
    const dir = chartPath(chart);
    const r = await helmRun(version, ['lint', '--strict', dir], [dir]);
    const text = r.stdout + r.stderr;
    expect(text.split('\n').filter((l) => /\[(WARNING|ERROR)\]/.test(l)), text).toEqual([]);
    expect(r.exitCode, text).toBe(0);
    expect(text).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
  });
});
