/**
 * The differential corpus: every case of test/differential/corpus/**\/*.yaml rendered by the real
 * helm 3.17.3 and helm 4.1.4 and by our engine in the matching compat mode, compared byte for
 * byte (errors: complete stderr and exit code). See harness.ts for how helm is run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CHART_NAME,
  HELM_VERSIONS,
  NAMESPACE,
  RELEASE_NAME,
  batchChart,
  cutBatch,
  goStringBytes,
  loadCorpusChecked,
  runHelmOnFile,
  showBytes,
  singleChart,
  type ChartFiles,
  type CorpusCase,
  type CorpusFile,
  type HelmResult,
  type HelmVersion,
} from './harness.js';

const { files: corpus, problems } = loadCorpusChecked();

/** What our engine did with a chart: per-file outputs or helm-style stderr. */
type OurRender = { ok: true; outputs: Map<string, string> } | { ok: false; stderr: string; template: string };

interface Engine {
  render(chart: ChartFiles, helm: HelmVersion): OurRender;
}

/** Loads our engine lazily, so the helm side runs (and reports) even while modules are missing. */
async function loadEngine(): Promise<Engine> {
  const engine = await import('../../src/helm/engine.js');
  const errors = await import('../../src/helm/errors.js');
  const yaml = await import('../../src/yaml/load.js');
  return {
    render(chart, helm) {
      try {
        return renderOnce(chart, helm);
      } catch (e) {
        return { ok: false, stderr: `ENGINE EXCEPTION: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, template: '' };
      }
    },
  };
  function renderOnce(chart: ChartFiles, helm: HelmVersion): OurRender {
      const files = new Map([...chart].filter(([p]) => p.startsWith('templates/')));
      const r = engine.renderTemplates({
        chartName: CHART_NAME,
        files,
        values: yaml.loadValues(chart.get('values.yaml') ?? '', { compat: helm }),
        release: { name: RELEASE_NAME, namespace: NAMESPACE },
        compat: helm,
      });
      if (r.ok) return { ok: true, outputs: r.outputs };
      return { ok: false, stderr: errors.helmStderr(r.error), template: r.error.template };
  }
}

const helmResults = new Map<string, Map<HelmVersion, Map<string, HelmResult>>>();
let engine: Engine | undefined;
let engineError: unknown;

beforeAll(async () => {
  try {
    engine = await loadEngine();
  } catch (e) {
    engineError = e;
  }
  await Promise.all(
    corpus.flatMap((file) =>
      HELM_VERSIONS.map(async (helm) => {
        const r = await runHelmOnFile(helm, file);
        let m = helmResults.get(file.path);
        if (!m) helmResults.set(file.path, (m = new Map()));
        m.set(helm, r);
      }),
    ),
  );
}, 600_000);

/** Our per-case results for one file and helm version, rendered the way helm's were. */
function ours(file: CorpusFile, helm: HelmVersion, results: Map<string, HelmResult>): Map<string, Buffer | OurRender> {
  const eng = engine as Engine;
  const out = new Map<string, Buffer | OurRender>();
  const batch = file.cases.filter((c) => !c.error && results.get(c.name)?.kind === 'output');
  const alone = file.cases.filter((c) => !batch.includes(c));
  // The batch, exactly as helm rendered it; a case that fails in our engine is taken out and
  // the rest re-rendered, as helm's side does.
  let pending = batch;
  while (pending.length > 0) {
    const r = eng.render(batchChart(file, pending), helm);
    if (r.ok) {
      const raw = Buffer.concat([...r.outputs.values()].map(goStringBytes));
      const cut = cutBatch(raw, pending);
      for (const c of pending) out.set(c.name, cut.get(c.name) ?? r);
      break;
    }
    const bad = pending.find((c) => `${CHART_NAME}/${c.file}` === r.template);
    if (!bad) {
      for (const c of pending) out.set(c.name, r);
      break;
    }
    out.set(bad.name, r);
    pending = pending.filter((c) => c !== bad);
  }
  for (const c of alone) {
    const h = results.get(c.name);
    if (h?.kind === 'output') {
      // An error case that renders in this helm version: helm ran it as a batch of one.
      const r = eng.render(batchChart(file, [c]), helm);
      out.set(c.name, r.ok ? (cutBatch(Buffer.concat([...r.outputs.values()].map(goStringBytes)), [c]).get(c.name) ?? r) : r);
    } else {
      const r = eng.render(singleChart(file, c), helm);
      out.set(c.name, r.ok ? Buffer.concat([...r.outputs.values()].map(goStringBytes)) : r);
    }
  }
  return out;
}

function mismatch(file: CorpusFile, c: CorpusCase, helm: HelmVersion, expected: string, actual: string): string {
  return (
    `${file.path} :: ${c.name} (${helm}, ${c.file})\n` +
    `  template: ${showBytes(Buffer.from(c.t))}\n` +
    `  expected (${helm}):\n${indent(expected)}\n` +
    `  actual (ours):\n${indent(actual)}`
  );
}

function indent(s: string): string {
  return s
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

function describeOurs(o: Buffer | OurRender): string {
  if (Buffer.isBuffer(o)) return `output: ${showBytes(o)}`;
  if (o.ok) return 'rendered, but the case sentinels are missing from the output';
  return `exit 1\nstderr: ${showBytes(Buffer.from(o.stderr))}`;
}

function describeHelm(r: HelmResult): string {
  if (r.kind === 'output') return `output: ${showBytes(r.output)}`;
  return `exit ${r.exitCode}\n${r.stdout.length > 0 ? `stdout: ${showBytes(r.stdout)}\n` : ''}stderr: ${showBytes(r.stderr)}`;
}

/** Compares one case; returns a report line or undefined when identical. */
function compareCase(file: CorpusFile, c: CorpusCase, helm: HelmVersion, h: HelmResult, o: Buffer | OurRender): string | undefined {
  if (h.kind === 'unexpected-error') {
    return `${file.path} :: ${c.name} fails in ${helm} but is not marked error: true (mark it error: true)\n${indent(describeHelm(h))}`;
  }
  if (h.kind === 'output') {
    if (Buffer.isBuffer(o) && o.equals(h.output)) return undefined;
    return mismatch(file, c, helm, describeHelm(h), describeOurs(o));
  }
  if (!Buffer.isBuffer(o) && !o.ok && h.stdout.length === 0 && h.exitCode === 1 && h.stderr.equals(goStringBytes(o.stderr))) return undefined;
  return mismatch(file, c, helm, describeHelm(h), describeOurs(o));
}

describe('differential corpus', () => {
  it('has corpus files', () => {
    expect(corpus.length).toBeGreaterThan(0);
  });

  for (const p of problems) {
    it(`${p.path} is a well-formed corpus file`, () => {
      throw new Error(p.message);
    });
  }

  for (const file of corpus) {
    describe(file.path, () => {
      for (const helm of HELM_VERSIONS) {
        it(`matches ${helm} (${file.cases.length} cases)`, () => {
          const results = helmResults.get(file.path)?.get(helm);
          if (!results) throw new Error(`no helm results for ${file.path}`);
          if (!engine) {
            const unexpected = file.cases.filter((c) => results.get(c.name)?.kind === 'unexpected-error').map((c) => c.name);
            const note = unexpected.length > 0 ? `\nalso, these fail in ${helm} without error: true: ${unexpected.join(', ')}` : '';
            throw new Error(`our engine could not be loaded: ${String(engineError)}${note}`);
          }
          const mine = ours(file, helm, results);
          const reports: string[] = [];
          for (const c of file.cases) {
            const rep = compareCase(file, c, helm, results.get(c.name) as HelmResult, mine.get(c.name) as Buffer | OurRender);
            if (rep) reports.push(rep);
          }
          if (reports.length > 0) {
            throw new Error(`${reports.length} of ${file.cases.length} cases differ from ${helm}:\n\n${reports.join('\n\n')}`);
          }
        });
      }
    });
  }
});
