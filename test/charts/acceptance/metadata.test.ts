/**
 * Acceptance (issue 5): every chart's Chart.yaml is apiVersion v2, named after its folder, at the
 * package version, for Istio 1.11.8, and says which Kubernetes versions it supports (CONTRACT).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../render.js';
import { CHART_NAMES, chartExists, missingChart } from './matrix.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe.each(CHART_NAMES)('chart %s: Chart.yaml', (chart) => {
  it('apiVersion v2, version = package.json version, appVersion 1.11.8, kubeVersion >=1.22.0-0', () => {
    expect(chartExists(chart), missingChart(chart)).toBe(true);
    const meta = parseYaml(readFileSync(join(ROOT, 'charts', chart, 'Chart.yaml'), 'utf8')) as Record<string, unknown>;
    expect(meta.apiVersion).toBe('v2');
    expect(meta.name).toBe(chart);
    expect(meta.version).toBe(pkg.version);
    expect(String(meta.appVersion)).toBe('1.11.8');
    expect(meta.type).toBe('application');
    expect(meta.kubeVersion).toBe('>=1.22.0-0');
    expect(typeof meta.description === 'string' && meta.description.trim() !== '' && !meta.description.includes('\n'), 'a one-line description').toBe(true);
  });
});
