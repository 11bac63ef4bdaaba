/**
 * The random-values fuzz: thousands of tricky values (values-gen.ts; fixed seed) written into one
 * values.yaml, each printed through toYaml, toJson, quote, plain `{{ }}` and toYaml in map and
 * list position. Helm 3.17.3 and helm 4.1.4 render the whole chart in ONE batched run per version
 * (cached by content, see harness.ts); our engine renders the same chart; every value's output
 * must be byte-identical. Mismatches name the value's YAML text and show both outputs.
 *
 * Other seeds / sizes: VALUES_FUZZ_SEED=7 VALUES_FUZZ_COUNT=20000 npx vitest run test/differential/values-fuzz.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { GoValue } from '../../src/gotemplate/value.js';
import {
  CHART_NAME,
  HELM_VERSIONS,
  NAMESPACE,
  RELEASE_NAME,
  batchChart,
  cutBatch,
  goStringBytes,
  runHelmOnFile,
  showBytes,
  type ChartFiles,
  type HelmResult,
  type HelmVersion,
} from './harness.js';
import { PARTS, PART_SEP, compareValue, fuzzCorpusFile, valueTemplate } from './values-fuzz-compare.js';
import { FIXED_VALUES, generateValues, valuesYaml } from './values-gen.js';

const SEED = Number(process.env.VALUES_FUZZ_SEED ?? 20261124);
const COUNT = Number(process.env.VALUES_FUZZ_COUNT ?? 5200);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** At most this many mismatches are printed in full. */
const SHOW = 40;

const values = generateValues(SEED, COUNT);
const file = fuzzCorpusFile(values, `values-fuzz(seed=${SEED},count=${COUNT})`);

type Render = (chart: ChartFiles, helm: HelmVersion) => { ok: true; raw: Buffer } | { ok: false; message: string };

/** Our engine, loaded lazily so the helm side still runs while modules are missing. */
async function loadEngine(): Promise<Render> {
  const engine = await import('../../src/helm/engine.js');
  const yaml = await import('../../src/yaml/load.js');
  return (chart, helm) => {
    try {
      const r = engine.renderTemplates({
        chartName: CHART_NAME,
        files: new Map([...chart].filter(([p]) => p.startsWith('templates/'))),
        values: yaml.loadValues(chart.get('values.yaml') ?? '', { compat: helm }) as Map<string, GoValue>,
        release: { name: RELEASE_NAME, namespace: NAMESPACE },
        compat: helm,
      });
      if (!r.ok) return { ok: false, message: r.error.message };
      return { ok: true, raw: Buffer.concat([...r.outputs.values()].map(goStringBytes)) };
    } catch (e) {
      return { ok: false, message: `ENGINE EXCEPTION: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
    }
  };
}

const helmResults = new Map<HelmVersion, Map<string, HelmResult>>();
let render: Render | undefined;
let engineError: unknown;

beforeAll(async () => {
  try {
    render = await loadEngine();
  } catch (e) {
    engineError = e;
  }
  await Promise.all(HELM_VERSIONS.map(async (h) => helmResults.set(h, await runHelmOnFile(h, file))));
}, 600_000);

describe('values fuzz: generator', () => {
  it(`generates ${COUNT} values, the same for the same seed`, () => {
    expect(values.length).toBe(COUNT);
    expect(COUNT).toBeGreaterThanOrEqual(5000);
    expect(valuesYaml(generateValues(SEED, COUNT))).toBe(file.values);
    expect(valuesYaml(generateValues(SEED + 1, COUNT))).not.toBe(file.values);
  });

  it('covers every kind of value', () => {
    const kinds = new Set(values.map((v) => v.kind));
    expect([...kinds].sort()).toEqual(['list', 'map', 'number', 'scalar', 'string']);
    expect(values.slice(0, FIXED_VALUES.length)).toEqual(FIXED_VALUES);
  });

  it('never produces the part separator, lone surrogates or multi-line YAML entries', () => {
    for (const v of values) {
      expect(v.yaml).not.toContain(PART_SEP);
      expect(v.yaml).not.toContain('\n');
      expect(LONE_SURROGATE.test(v.yaml)).toBe(false);
    }
  });
});

describe('values fuzz: comparison', () => {
  it('reports a corrupted output with the value and both outputs', () => {
    const v = { kind: 'string' as const, yaml: '"yes"' };
    const good = Buffer.from(['"yes"', '"yes"', '"yes"', 'yes', 'key: "yes"', '- "yes"'].join(PART_SEP));
    const bad = Buffer.from(['yes', '"yes"', '"yes"', 'yes', 'key: "yes"', '- "yes"'].join(PART_SEP));
    expect(compareValue(v, 'value-0001', good, Buffer.from(good))).toBeUndefined();
    const rep = compareValue(v, 'value-0001', good, bad);
    expect(rep).toContain('value-0001: value "yes"');
    expect(rep).toContain(`${PARTS[0]}:`);
    expect(rep).toContain('helm: "yes"');
    expect(rep).toContain('ours: yes');
    expect(rep).not.toContain(`${PARTS[1]}:`);
  });

  it('prints every value in every way', () => {
    expect(valueTemplate(7)).toBe(
      '{{- $v := index .Values.fuzz 7 -}}{{ toYaml $v }}' + PART_SEP + '{{ toJson $v }}' + PART_SEP + '{{ quote $v }}' + PART_SEP +
        '{{ $v }}' + PART_SEP + '{{ toYaml (dict "key" $v) }}' + PART_SEP + '{{ toYaml (list $v) }}',
    );
  });
});

describe('values fuzz: against helm', () => {
  for (const helm of HELM_VERSIONS) {
    it(`helm ${helm} renders every value (the values file loads, no case fails)`, () => {
      const results = helmResults.get(helm);
      if (!results) throw new Error(`no ${helm} results`);
      const failed = file.cases.filter((c) => results.get(c.name)?.kind !== 'output');
      const show = failed.slice(0, 5).map((c) => {
        const r = results.get(c.name);
        return `${c.name} (${values[Number(c.name.slice(6)) - 1].yaml}): ${r && r.kind !== 'output' ? showBytes(r.stderr) : 'missing'}`;
      });
      expect(show).toEqual([]);
    });

    it(`our engine matches ${helm} on ${COUNT} values (toYaml, toJson, quote, printing)`, () => {
      const results = helmResults.get(helm);
      if (!results) throw new Error(`no ${helm} results`);
      if (!render) throw new Error(`our engine could not be loaded: ${String(engineError)}`);
      const r = render(batchChart(file, file.cases), helm);
      if (!r.ok) throw new Error(`our engine failed to render the fuzz chart (${helm}): ${r.message}`);
      const ours = cutBatch(r.raw, file.cases);
      const reports: string[] = [];
      file.cases.forEach((c, i) => {
        const h = results.get(c.name);
        if (h?.kind !== 'output') return; // reported by the test above
        const o = ours.get(c.name);
        const rep = o ? compareValue(values[i], c.name, h.output, o) : `${c.name}: value ${values[i].yaml}\n  our output lacks the case sentinels`;
        if (rep) reports.push(rep);
      });
      if (reports.length > 0) {
        throw new Error(
          `${reports.length} of ${COUNT} values differ from ${helm} (seed ${SEED}); first ${Math.min(SHOW, reports.length)}:\n\n` +
            reports.slice(0, SHOW).join('\n\n'),
        );
      }
    });
  }
});
