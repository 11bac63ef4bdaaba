// The grammar fuzzer in `npm test`: a fixed seed, 2,000 random templates per helm version
// (batched helm runs, one random values.yaml per 100 templates), compared byte for byte (or
// stderr for failures) with our engine. Any mismatch fails the test and is printed with the
// template, both outputs and a shrunk case in corpus format.
import { describe, expect, it } from 'vitest';
import { printTemplate } from './fuzz/ast.js';
import type { HelmVersion } from './fuzz/helm-batch.js';
import { renderOurs } from './fuzz/ours.js';
import { generateBatches, runFuzz, type Mismatch } from './fuzz/run.js';

const SEED = 20261124;
const CASES = 2000;

function describeMismatch(m: Mismatch): string {
  const show = (o: { ok: boolean; out?: Buffer; stderr?: string }): string =>
    o.ok ? JSON.stringify(o.out!.toString('utf8')) : JSON.stringify(o.stderr);
  return [
    `--- ${m.version} template #${m.index}`,
    `template: ${JSON.stringify(m.text)}`,
    `helm: ${show(m.helm)}`,
    `ours: ${show(m.ours)}`,
    m.corpusCase ? `minimal case:\n${m.corpusCase}` : '',
  ].join('\n');
}

describe('grammar fuzzer', () => {
  it('generates the same templates for the same seed', () => {
    const a = generateBatches(99, 30, 10).flatMap((b) => b.texts);
    const b = generateBatches(99, 30, 10).flatMap((b) => b.texts);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBeGreaterThan(25);
  });

  it('generated templates use the whole grammar', () => {
    const text = generateBatches(5, 400, 100)
      .flatMap((b) => b.templates.map(printTemplate))
      .join('\n');
    for (const needle of ['{{ if ', '{{ else if ', '{{ with ', '{{ else with ', '{{ range ', ' := ', ' = ', '{{ break }}', '{{ continue }}', '{{ define ', '{{ template ', 'include ', 'tpl ', '{{- ', ' -}}', '{{/* ', ' | ', '.Values.'])
      expect(text, `no ${JSON.stringify(needle)} in 400 templates`).toContain(needle);
  });

  for (const version of ['helm3', 'helm4'] as HelmVersion[]) {
    it(`${CASES} random templates render identically to ${version}`, async () => {
      const report = await runFuzz({ seed: SEED, cases: CASES, versions: [version], ours: renderOurs, maxShrink: 3 });
      const st = report.helm[version];
      expect(st.ok + st.failed).toBe(CASES);
      // Most templates are meant to render; a few exercise the error paths.
      expect(st.ok).toBeGreaterThan(CASES * 0.85);
      expect(st.failed).toBeGreaterThan(0);
      expect(report.compared).toBe(CASES);
      expect(report.mismatches.map(describeMismatch).join('\n\n')).toBe('');
    }, 300_000);
  }
});
