/**
 * Acceptance (issue 5): for every chart and every case of the matrix (default values, revision
 * canary, the Kubernetes-settings file; helm's default, oldest and newest Kubernetes version;
 * every namespace the chart goes to), `helm template` of helm 3.17.3 and helm 4.1.4 and the
 * library (helm 3 and helm 4 behaviour, each against its helm) print the same bytes, and nothing
 * fails.
 */
import { describe, expect, it } from 'vitest';
import { firstDifference } from '../../differential/charts-harness.js';
import { helmTemplate, renderOurs, templateArgs, type Outcome } from '../render.js';
import { CHART_NAMES, casesOf, chartExists, missingChart } from './matrix.js';

function diff(label: string, expected: Outcome, actual: Outcome): string | undefined {
  const parts = [
    firstDifference(`${label} stdout`, Buffer.from(expected.stdout), Buffer.from(actual.stdout)),
    firstDifference(`${label} stderr`, Buffer.from(expected.stderr), Buffer.from(actual.stderr)),
    expected.exitCode === actual.exitCode ? undefined : `  ${label} exit code ${expected.exitCode} vs ${actual.exitCode}`,
  ].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join('\n') : undefined;
}

/** The `---`-separated documents of an output, sorted: equal when only the order differs. */
function docSet(stdout: string): string[] {
  return stdout.split(/^---$/m).sort();
}

describe.each(CHART_NAMES)('chart %s: helm 3 = helm 4 = library', (chart) => {
  if (!chartExists(chart)) {
    it('exists', () => {
      expect.fail(missingChart(chart));
    });
    return;
  }
  it.each(casesOf(chart).map((c) => [c.label, c] as const))('%s', async (_label, c) => {
    const args = templateArgs(c.opts);
    const [h3, h4] = await Promise.all([helmTemplate('helm3', chart, args), helmTemplate('helm4', chart, args)]);
    expect(h3.exitCode, `helm 3 failed:\n${h3.stderr}`).toBe(0);
    expect(h4.exitCode, `helm 4 failed:\n${h4.stderr}`).toBe(0);
    expect(h4.stdout.length).toBeGreaterThan(0);
    expect(h3.stderr + h4.stderr, 'helm prints no warnings').toBe('');
    const order = h3.stdout !== h4.stdout && JSON.stringify(docSet(h3.stdout)) === JSON.stringify(docSet(h4.stdout));
    const problems = [
      order ? '  helm3 vs helm4: the same documents in a different order (install order of the kinds)' : diff('helm3 vs helm4', h3, h4),
      diff('ours(helm3 compat) vs helm3', h3, renderOurs(chart, { ...c.opts, compat: 'helm3' })),
      diff('ours(helm4 compat) vs helm4', h4, renderOurs(chart, { ...c.opts, compat: 'helm4' })),
    ].filter((p): p is string => p !== undefined);
    expect(problems.join('\n'), 'outputs differ').toBe('');
  });
});
