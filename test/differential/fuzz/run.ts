// The grammar fuzzer's driver: generates seeded batches of random templates (each batch shares a
// random values.yaml), renders them with real helm (batched) and with our engine, compares per
// template (bytes, or stderr for failures) and shrinks every mismatch to a minimal corpus case.
import { cpus } from 'node:os';
import { printTemplate, type Template } from './ast.js';
import { generateTemplate } from './grammar.js';
import { helmBatch, type HelmOutcome, type HelmVersion } from './helm-batch.js';
import type { OurOutcome, OurRenderer } from './ours.js';
import { sameOutcome } from './compare.js';
import { Rng } from './random.js';
import { shrinkTemplate } from './shrink.js';
import { randomValues } from './values.js';

export interface FuzzBatch {
  readonly values: string;
  /** Global index of the first template of this batch. */
  readonly offset: number;
  readonly templates: readonly Template[];
  readonly texts: readonly string[];
}

/** Deterministic: the same seed and sizes give the same batches. */
export function generateBatches(seed: number, cases: number, batchSize = 100): FuzzBatch[] {
  const rng = new Rng(seed);
  const out: FuzzBatch[] = [];
  for (let offset = 0; offset < cases; offset += batchSize) {
    const brng = rng.fork();
    const values = randomValues(brng);
    const templates: Template[] = [];
    const n = Math.min(batchSize, cases - offset);
    for (let i = 0; i < n; i++) templates.push(generateTemplate(brng.fork(), values.shape, { definePrefix: `f${offset + i}-` }));
    out.push({ values: values.yaml, offset, templates, texts: templates.map(printTemplate) });
  }
  return out;
}

export interface Mismatch {
  readonly version: HelmVersion;
  readonly index: number;
  readonly values: string;
  readonly text: string;
  readonly helm: HelmOutcome;
  readonly ours: OurOutcome;
  /** Minimal reproduction in corpus format (when shrinking ran). */
  readonly corpusCase?: string;
}

export interface FuzzReport {
  readonly templates: number;
  /** Per version: how many templates helm rendered / failed on. */
  readonly helm: Record<string, { ok: number; failed: number }>;
  readonly compared: number;
  readonly mismatches: Mismatch[];
  readonly note?: string;
}

/**
 * Renders every snippet with helm; result i of batch b is at [b][i]. `expectFail[b][i]` (our
 * engine's verdict, when known) lets the failing ones run alone and the rest in one pass.
 */
export async function helmSide(
  version: HelmVersion,
  batches: readonly FuzzBatch[],
  expectFail?: readonly (readonly boolean[])[],
): Promise<HelmOutcome[][]> {
  const all: HelmOutcome[][] = new Array(batches.length);
  // One helmBatch call (one chart) per values file, as many at once as there are CPUs.
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const i = next++;
      const b = batches[i];
      all[i] = await helmBatch(version, b.texts.map((text) => ({ text })), {
        values: b.values,
        chunk: 100,
        parallel: 1,
        firstIndex: b.offset,
        expectFail: expectFail?.[i],
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, cpus().length) }, worker));
  return all;
}

/** The corpus-format text for one case (paste under `cases:` of a file with these values). */
export function corpusSnippet(name: string, values: string, text: string, error: boolean): string {
  const lines = [`# values:`, ...values.trimEnd().split('\n').map((l) => `#   ${l}`), `  - name: ${name}`, `    t: ${JSON.stringify(text)}`];
  if (error) lines.push('    error: true');
  return lines.join('\n');
}

export interface RunOptions {
  readonly seed: number;
  readonly cases: number;
  readonly versions?: readonly HelmVersion[];
  readonly batchSize?: number;
  /** Our renderer; without it only the helm side runs. */
  readonly ours?: OurRenderer;
  /** Shrink mismatches (costs helm runs); default true. */
  readonly shrink?: boolean;
  readonly maxShrink?: number;
  /** Rounds per shrink (default 60). */
  readonly shrinkRounds?: number;
  readonly log?: (msg: string) => void;
}

export async function runFuzz(opts: RunOptions): Promise<FuzzReport> {
  const versions = opts.versions ?? ['helm3', 'helm4'];
  const batches = generateBatches(opts.seed, opts.cases, opts.batchSize ?? 100);
  const helmStats: Record<string, { ok: number; failed: number }> = {};
  const mismatches: Mismatch[] = [];
  let compared = 0;
  for (const version of versions) {
    const ours = opts.ours ? batches.map((b) => opts.ours!(version, b.texts.map((text, i) => ({ index: b.offset + i, text })), b.values)) : undefined;
    const helm = await helmSide(version, batches, ours?.map((b) => b.map((o) => !o.ok)));
    const st = { ok: 0, failed: 0 };
    for (const b of helm) for (const r of b) if (r.ok) st.ok++; else st.failed++;
    helmStats[version] = st;
    opts.log?.(`${version}: ${st.ok} rendered, ${st.failed} failed`);
    if (!ours) continue;
    for (const [bi, b] of batches.entries()) {
      for (let i = 0; i < b.texts.length; i++) {
        compared++;
        if (sameOutcome(helm[bi][i], ours[bi][i])) continue;
        mismatches.push({ version, index: b.offset + i, values: b.values, text: b.texts[i], helm: helm[bi][i], ours: ours[bi][i] });
      }
    }
  }
  if (opts.ours && opts.shrink !== false) {
    const budget = opts.maxShrink ?? 10;
    for (let k = 0; k < mismatches.length && k < budget; k++) {
      const m = mismatches[k];
      const bi = batches.findIndex((b) => m.index >= b.offset && m.index < b.offset + b.texts.length);
      const tmpl = batches[bi].templates[m.index - batches[bi].offset];
      const small = await shrinkTemplate(tmpl, m.version, m.values, opts.ours, opts.log, opts.shrinkRounds);
      const text = printTemplate(small.template);
      mismatches[k] = { ...m, corpusCase: corpusSnippet(`fuzz-${opts.seed}-${m.index}`, m.values, text, !small.helm.ok) };
    }
  }
  return {
    templates: opts.cases,
    helm: helmStats,
    compared,
    mismatches,
    note: opts.ours ? undefined : 'our engine is not available: helm side only',
  };
}
