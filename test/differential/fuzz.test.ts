// The grammar fuzzer in `npm test`: a fixed seed, 2,000 random templates per helm version
// (batched helm runs, one random values.yaml per 100 templates), compared byte for byte (or
// stderr for failures) with our engine. Any mismatch fails the test and is printed with the
// template, both outputs and a shrunk case in corpus format.
import { describe, expect, it } from 'vitest';
import { printTemplate, sizeOf, type Template } from './fuzz/ast.js';
import type { HelmVersion } from './fuzz/helm-batch.js';
import { renderOurs, type OurRenderer } from './fuzz/ours.js';
import { shrinkTemplate } from './fuzz/shrink.js';
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

  it('shrinks a disagreement to the node that causes it', async () => {
    // A deliberately broken "engine": our real one, except that it upper-cases a lone "zz".
    const broken: OurRenderer = (v, snippets, values) =>
      renderOurs(v, snippets, values).map((o) => (o.ok ? { ok: true, out: Buffer.from(o.out.toString('utf8').replace('zz', 'ZZ')) } : o));
    const lit = (text: string) => ({ k: 'lit', text }) as const;
    const t: Template = {
      defines: [{ name: 'f0-0', body: [{ k: 'text', s: 'def' }] }],
      body: [
        { k: 'text', s: 'head ' },
        { k: 'out', e: { k: 'call', fn: 'upper', args: [lit('"abc"')] }, t: 0 },
        {
          k: 'if',
          branches: [{ cond: lit('true'), body: [{ k: 'out', e: { k: 'call', fn: 'print', args: [lit('"zz"'), lit('1')] }, t: 1 }] }],
          els: [{ k: 'text', s: 'else' }],
          t: 0,
        },
        { k: 'template', name: 'f0-0' },
      ],
    };
    const r = await shrinkTemplate(t, 'helm3', 'a: 1\n', broken);
    expect(sizeOf(r.template)).toBeLessThan(sizeOf(t));
    expect(printTemplate(r.template)).toBe('{{ "zz" }}');
  }, 120_000);

  for (const version of ['helm3', 'helm4'] as HelmVersion[]) {
    it(`${CASES} random templates render identically to ${version}`, async () => {
      const report = await runFuzz({ seed: SEED, cases: CASES, versions: [version], ours: renderOurs, maxShrink: 1, shrinkRounds: 25 });
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
