// Runs many template snippets through a real helm binary in few processes (reference §6.3).
// Each snippet becomes templates/sNNNNN.yaml of one chart named `corpus`, followed by an end
// sentinel (nothing is put before it: that would shift the columns of errors on line 1); one
// extra file renders invalid YAML so `helm template --debug` prints every file's raw text, each
// after a `# Source: <name>` header.
// A snippet that fails aborts the run: the failing file is recorded with the exact stderr/exit
// helm gives (without --debug), removed, and the batch is rerun.
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

import { helmBinary } from '../../../scripts/helm-binaries.mjs';
import { CHART_YAML, NAMESPACE, RELEASE_NAME, spawnCollect, type HelmVersion } from '../harness.js';

export type { HelmVersion };

export interface Snippet {
  /** The template text. */
  readonly text: string;
}

export type HelmOutcome =
  /** Raw bytes of the rendered file (helm output may hold invalid UTF-8). */
  | { readonly ok: true; readonly out: Buffer }
  | { readonly ok: false; readonly stdout: Buffer; readonly stderr: string; readonly exit: number };

export interface BatchOptions {
  /** values.yaml text of the chart. */
  readonly values?: string;
  /** Snippets per chart (default 150). */
  readonly chunk?: number;
  /** helm processes at once (default: cpu count). */
  readonly parallel?: number;
  /** File index of snippets[0] (snippet i is written as snippetFile(firstIndex + i)). */
  readonly firstIndex?: number;
  /**
   * Snippets expected to fail (e.g. because our engine fails on them): each runs alone, so the
   * chunks of the others usually need a single `--debug` run.
   */
  readonly expectFail?: readonly boolean[];
}

/** The file name snippet `i` of a batch gets (also used by our side so error texts match). */
export function snippetFile(i: number): string {
  return `s${String(i).padStart(5, '0')}.yaml`;
}

/** The template name helm gives snippet `i`. */
export function snippetTemplateName(i: number): string {
  return `corpus/templates/${snippetFile(i)}`;
}

const BAD_FILE = 'zzzzzz-invalid.yaml';
const open = (i: number): string => `\n# Source: corpus/templates/${snippetFile(i)}\n`;
/** What ends snippet `i`'s file (helm-batch finds its output by it; ours.ts appends it too). */
export function endSentinel(i: number): string {
  return `<<<E${i}>>>`;
}
const close = endSentinel;

interface RunResult {
  stdout: Buffer;
  stderr: string;
  exit: number;
}

async function run(bin: string, args: string[]): Promise<RunResult> {
  const r = await spawnCollect(bin, args);
  return { stdout: r.stdout, stderr: r.stderr.toString('utf8'), exit: r.exitCode };
}

async function pool<T>(tasks: (() => Promise<T>)[], parallel: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, tasks.length) }, worker));
  return results;
}

/** Rendering succeeded and only the invalid-YAML file made helm fail (the --debug dump is complete). */
function yamlFailure(stderr: string): boolean {
  return /^Error: YAML parse error on /m.test(stderr) && !/^Error: (?!YAML parse error on )/m.test(stderr);
}

/** Extracts the snippet index that a helm error names, or undefined. */
export function failingIndex(stderr: string): number | undefined {
  const m = /corpus\/templates\/s(\d{5})\.yaml/.exec(stderr);
  return m ? Number(m[1]) : undefined;
}

/** Renders the snippets of `items` (keyed by file index); returns outcomes by file index. */
async function runChunk(
  bin: string,
  items: ReadonlyMap<number, string>,
  values: string,
  debugFirst = false,
): Promise<Map<number, HelmOutcome>> {
  const indices = [...items.keys()];
  const dir = mkdtempSync(join(tmpdir(), 'h-fuzz-'));
  const out = new Map<number, HelmOutcome>();
  try {
    const chart = join(dir, 'corpus');
    mkdirSync(join(chart, 'templates'), { recursive: true });
    writeFileSync(join(chart, 'Chart.yaml'), CHART_YAML);
    writeFileSync(join(chart, 'values.yaml'), values);
    writeFileSync(join(chart, 'templates', BAD_FILE), ': [\n');
    const live = new Set(indices);
    for (const i of indices) {
      writeFileSync(join(chart, 'templates', snippetFile(i)), items.get(i)! + close(i));
    }
    const base = ['template', RELEASE_NAME, chart, '--namespace', NAMESPACE];
    let dbg: RunResult | undefined;
    if (debugFirst) {
      const d = await run(bin, [...base, '--debug']);
      if (yamlFailure(d.stderr)) dbg = d;
    }
    while (!dbg && live.size > 0) {
      const plain = await run(bin, base);
      if (yamlFailure(plain.stderr)) break;
      const bad = failingIndex(plain.stderr);
      if (bad === undefined || !live.has(bad)) {
        if (live.size === 1) {
          // A lone snippet whose error does not name its file (e.g. a render panic).
          const [only] = live;
          out.set(only, { ok: false, stdout: plain.stdout, stderr: plain.stderr, exit: plain.exit });
          return out;
        }
        // Not attributable to one snippet: run each remaining one alone.
        for (const i of [...live]) {
          const alone = await runChunk(bin, new Map([[i, items.get(i)!]]), values, false);
          out.set(i, alone.get(i)!);
        }
        return out;
      }
      out.set(bad, { ok: false, stdout: plain.stdout, stderr: plain.stderr, exit: plain.exit });
      live.delete(bad);
      unlinkSync(join(chart, 'templates', snippetFile(bad)));
    }
    if (live.size === 0) return out;
    dbg ??= await run(bin, [...base, '--debug']);
    for (const i of live) {
      const b = dbg.stdout.indexOf(open(i));
      const e = dbg.stdout.indexOf(close(i), b);
      if (b < 0 || e < 0) throw new Error(`helm-batch: output of snippet ${i} not found`);
      out.set(i, { ok: true, out: Buffer.from(dbg.stdout.subarray(b + Buffer.byteLength(open(i)), e)) });
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Renders every snippet with the given helm; result i belongs to snippets[i]. */
export async function helmBatch(
  version: HelmVersion,
  snippets: readonly Snippet[],
  opts: BatchOptions = {},
): Promise<HelmOutcome[]> {
  const bin = await helmBinary(version);
  const chunk = opts.chunk ?? 150;
  const parallel = opts.parallel ?? Math.max(1, cpus().length);
  const first = opts.firstIndex ?? 0;
  const values = opts.values ?? '';
  const tasks: (() => Promise<Map<number, HelmOutcome>>)[] = [];
  const rest: number[] = [];
  snippets.forEach((_, k) => {
    if (opts.expectFail?.[k]) tasks.push(() => runChunk(bin, new Map([[first + k, snippets[k].text]]), values, false));
    else rest.push(k);
  });
  for (let s = 0; s < rest.length; s += chunk) {
    const items = new Map<number, string>();
    for (const k of rest.slice(s, s + chunk)) items.set(first + k, snippets[k].text);
    tasks.push(() => runChunk(bin, items, values, opts.expectFail !== undefined));
  }
  const maps = await pool(tasks, parallel);
  const res: HelmOutcome[] = new Array(snippets.length);
  for (const m of maps) for (const [i, o] of m) res[i - first] = o;
  return res;
}
