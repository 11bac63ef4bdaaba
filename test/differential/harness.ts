/**
 * The helm side of the differential corpus: reads corpus files, builds one chart per file, runs
 * the real helm 3 and helm 4 binaries on it and cuts helm's output apart per case.
 *
 * Corpus format (test/differential/corpus/<area>/<topic>.yaml):
 *   values: |       optional values.yaml text for every case of the file
 *   cases:
 *     - name: kebab-case-name
 *       t: '{{ template text }}'
 *       error: true   optional: the case fails in helm (either version)
 *
 * Non-error cases of a file are rendered in ONE `helm template --debug` run: each case is
 * templates/NNNN.yaml, wrapped in begin/end sentinels, plus one file rendering invalid YAML, so
 * helm prints every file's raw rendered text (reference §6.3) and the sentinels cut it apart.
 * Error cases run alone (a chart with only that case, no sentinels, no --debug) and keep
 * stdout, stderr and the exit code; when such a case renders fine in one helm version (range over
 * an int works only in helm 4), its raw output is captured the batched way instead.
 *
 * Results are cached under node_modules/.cache/istio-installer-helm/results, keyed by a hash of
 * the helm version and the chart content.
 */
import { spawn } from 'node:child_process';
import { helmBinary } from '../../scripts/helm-binaries.mjs';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';


export type HelmVersion = 'helm3' | 'helm4';
export const HELM_VERSIONS: readonly HelmVersion[] = ['helm3', 'helm4'];

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CORPUS_DIR = join(ROOT, 'test', 'differential', 'corpus');
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'istio-installer-helm', 'results');

/** Chart name, release name and namespace every corpus chart is rendered with. */
export const CHART_NAME = 'corpus';
export const RELEASE_NAME = 'rel';
export const NAMESPACE = 'ns';
export const CHART_YAML = `apiVersion: v2\nname: ${CHART_NAME}\nversion: 0.1.0\n`;
/** The file that makes the batched run fail on YAML parsing, so `--debug` prints raw output. */
export const INVALID_FILE = 'templates/zzzz-invalid.yaml';
const INVALID_TEXT = ': [\n';
/** Printed after every render error by `helm template` (measured, both versions). */
export const DEBUG_HINT = '\n\nUse --debug flag to render out invalid YAML\n';

/**
 * The environment helm runs in for a comparison: the caller's minus HELM_* and KUBECONFIG (a
 * developer's kubeconfig namespace would change the default namespace), plus TZ=UTC, a
 * kubeconfig path that does not exist and private helm homes under `scratch`.
 */
export function cleanHelmEnv(scratch: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('HELM_') && k !== 'KUBECONFIG') env[k] = v;
  env.TZ = 'UTC';
  env.KUBECONFIG = join(scratch, 'no-kubeconfig');
  env.HELM_CACHE_HOME = join(scratch, 'helm-cache');
  env.HELM_CONFIG_HOME = join(scratch, 'helm-config');
  env.HELM_DATA_HOME = join(scratch, 'helm-data');
  return env;
}

export interface CorpusCase {
  readonly name: string;
  /** Template text. */
  readonly t: string;
  readonly error: boolean;
  /** templates/NNNN.yaml: the case's file inside the chart. */
  readonly file: string;
}

export interface CorpusFile {
  /** Path relative to the corpus directory, e.g. `seed/basics.yaml`. */
  readonly path: string;
  readonly values: string;
  readonly cases: readonly CorpusCase[];
}

/** What helm did with one case. */
export type HelmResult =
  | { readonly kind: 'output'; readonly output: Buffer }
  | { readonly kind: 'error'; readonly stdout: Buffer; readonly stderr: Buffer; readonly exitCode: number }
  /** A case not marked `error: true` that made the batch fail; measured alone. */
  | {
      readonly kind: 'unexpected-error';
      readonly stdout: Buffer;
      readonly stderr: Buffer;
      readonly exitCode: number;
    };

/** Case names: kebab-case is the convention; function names keep their case (`to-fromYaml`). */
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Case file name inside the chart for the i-th case (0-based). */
export function caseFile(i: number): string {
  return `templates/${String(i + 1).padStart(4, '0')}.yaml`;
}

/** Parses and validates one corpus file; throws with the file name on any format problem. */
export function parseCorpusFile(path: string, text: string): CorpusFile {
  const fail = (msg: string): never => {
    throw new Error(`corpus ${path}: ${msg}`);
  };
  let doc: unknown;
  try {
    doc = parseYaml(text, { uniqueKeys: true });
  } catch (e) {
    return fail(`not valid YAML: ${(e as Error).message}`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return fail('top level must be a mapping');
  const top = doc as Record<string, unknown>;
  for (const k of Object.keys(top)) if (k !== 'values' && k !== 'cases') fail(`unknown top-level key "${k}"`);
  const values = top.values ?? '';
  if (typeof values !== 'string') fail('"values" must be a string (use `values: |`)');
  else if (LONE_SURROGATE.test(values)) fail('"values" holds a lone surrogate, which has no UTF-8 form');
  if (!Array.isArray(top.cases) || top.cases.length === 0) fail('"cases" must be a non-empty list');
  const seen = new Set<string>();
  const cases = (top.cases as unknown[]).map((c, i): CorpusCase => {
    if (c === null || typeof c !== 'object' || Array.isArray(c)) return fail(`case #${i + 1} must be a mapping`);
    const rec = c as Record<string, unknown>;
    for (const k of Object.keys(rec)) if (!['name', 't', 'error'].includes(k)) fail(`case #${i + 1}: unknown key "${k}"`);
    const { name, t, error } = rec;
    if (typeof name !== 'string' || !NAME_RE.test(name)) return fail(`case #${i + 1} (${JSON.stringify(name)}): "name" must be kebab-case (letters, digits, - . _)`);
    if (seen.has(name)) fail(`duplicate case name "${name}"`);
    seen.add(name);
    if (typeof t !== 'string') return fail(`case ${name}: "t" must be a string`);
    if (LONE_SURROGATE.test(t)) fail(`case ${name}: "t" holds a lone surrogate (\\uD800-\\uDFFF), which has no UTF-8 form; templates are text`);
    if (error !== undefined && typeof error !== 'boolean') fail(`case ${name}: "error" must be true or false`);
    return { name, t, error: error === true, file: caseFile(i) };
  });
  return { path, values: values as string, cases };
}

/** Every corpus file under `dir` (recursively, *.yaml), sorted by path; throws on a malformed file. */
export function loadCorpus(dir: string = CORPUS_DIR): CorpusFile[] {
  const { files, problems } = loadCorpusChecked(dir);
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('\n'));
  return files;
}

/** Like loadCorpus, but malformed files are returned as problems instead of thrown. */
export function loadCorpusChecked(dir: string = CORPUS_DIR): { files: CorpusFile[]; problems: { path: string; message: string }[] } {
  const out: CorpusFile[] = [];
  const problems: { path: string; message: string }[] = [];
  const walk = (d: string): void => {
    if (!existsSync(d)) return;
    for (const ent of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (ent.name.endsWith('.yaml')) {
        try {
          out.push(parseCorpusFile(relative(dir, p), readFileSync(p, 'utf8')));
        } catch (e) {
          problems.push({ path: relative(dir, p), message: (e as Error).message });
        }
      }
    }
  };
  walk(dir);
  return { files: out, problems };
}

// ---------------------------------------------------------------------------------------------
// Charts

/** A chart's files: path inside the chart → text. */
export type ChartFiles = ReadonlyMap<string, string>;

/** Begin/end sentinels around case number `n` (1-based) in a batched chart. */
export function sentinels(file: string): { begin: string; end: string } {
  const id = file.replace(/^templates\//, '').replace(/\.yaml$/, '');
  return { begin: `<<<CORPUS-BEGIN-${id}>>>`, end: `<<<CORPUS-END-${id}>>>` };
}

/** The batched chart: every given case wrapped in sentinels, plus the invalid-YAML file. */
export function batchChart(file: CorpusFile, cases: readonly CorpusCase[]): ChartFiles {
  const files = new Map<string, string>([
    ['Chart.yaml', CHART_YAML],
    ['values.yaml', file.values],
  ]);
  for (const c of cases) {
    const s = sentinels(c.file);
    files.set(c.file, s.begin + c.t + s.end);
  }
  files.set(INVALID_FILE, INVALID_TEXT);
  return files;
}

/** The chart for one case alone (no sentinels). */
export function singleChart(file: CorpusFile, c: CorpusCase): ChartFiles {
  return new Map([
    ['Chart.yaml', CHART_YAML],
    ['values.yaml', file.values],
    [c.file, c.t],
  ]);
}

/** Only the template files of a chart, keyed by template name (`corpus/templates/0001.yaml`). */
export function templatesOf(chart: ChartFiles): Map<string, string> {
  const out = new Map<string, string>();
  for (const [p, text] of chart) if (p.startsWith('templates/')) out.set(`${CHART_NAME}/${p}`, text);
  return out;
}

/**
 * Cuts the raw text of a batched run (helm's --debug print, or our own concatenated output) into
 * per-case outputs. Returns undefined for a case whose sentinels are missing.
 */
export function cutBatch(raw: Buffer, cases: readonly CorpusCase[]): Map<string, Buffer | undefined> {
  const out = new Map<string, Buffer | undefined>();
  for (const c of cases) {
    const s = sentinels(c.file);
    const b = raw.indexOf(s.begin);
    const e = b < 0 ? -1 : raw.indexOf(s.end, b + s.begin.length);
    out.set(c.name, b < 0 || e < 0 ? undefined : Buffer.from(raw.subarray(b + s.begin.length, e)));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Running helm

export interface ProcResult {
  stdout: Buffer;
  stderr: Buffer;
  exitCode: number;
}

/** A tiny pool: at most `limit` helm processes at once (the CI machine has 2 cores). */
const LIMIT = Math.max(2, cpus().length);
let running = 0;
const waiting: (() => void)[] = [];
async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= LIMIT) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * Runs a binary and collects its raw stdout and stderr. By default in this directory's process
 * with the corpus environment (helm namespace `ns`, TZ=UTC); the chart corpus passes its own.
 */
export function spawnCollect(
  bin: string,
  args: readonly string[],
  opts: { readonly cwd?: string; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<ProcResult> {
  return new Promise((resolve, reject) => {
    const env = opts.env ?? { ...process.env, HELM_NAMESPACE: NAMESPACE, TZ: 'UTC' };
    const p = spawn(bin, [...args], { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on('data', (d: Buffer) => out.push(d));
    p.stderr.on('data', (d: Buffer) => err.push(d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err), exitCode: code ?? -1 }));
  });
}

const versionCache = new Map<HelmVersion, Promise<string>>();
/** `helm version` output of a binary (part of the cache key). */
function helmVersionString(helm: HelmVersion): Promise<string> {
  const cached = versionCache.get(helm);
  if (cached) return cached;
  const v = helmBinary(helm).then(async (bin) => {
    const r = await spawnCollect(bin, ['version', '--template', '{{.Version}}-{{.GitCommit}}']);
    return r.stdout.toString('utf8');
  });
  versionCache.set(helm, v);
  return v;
}

function chartHash(version: string, chart: ChartFiles, args: readonly string[]): string {
  const h = createHash('sha256');
  h.update(`v2\0${version}\0${args.join(' ')}\0`);
  for (const [p, text] of [...chart].sort((a, b) => (a[0] < b[0] ? -1 : 1))) h.update(`${p}\0${text}\0`);
  return h.digest('hex');
}

interface CachedProc {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * Runs `helm template rel <chart> -n ns [extra]` on a chart written to a temp dir. The temp chart
 * path is replaced by `<chart>` in stdout and stderr. Results are cached by content hash.
 */
export async function runHelm(helm: HelmVersion, chart: ChartFiles, extra: readonly string[] = []): Promise<ProcResult> {
  const version = await helmVersionString(helm);
  const key = chartHash(version, chart, extra);
  const cacheFile = join(CACHE_DIR, `${key}.json`);
  if (existsSync(cacheFile)) {
    try {
      const c = JSON.parse(readFileSync(cacheFile, 'utf8')) as CachedProc;
      return { stdout: Buffer.from(c.stdout, 'base64'), stderr: Buffer.from(c.stderr, 'base64'), exitCode: c.exitCode };
    } catch {
      // a damaged cache entry is simply recomputed
    }
  }
  const bin = await helmBinary(helm);
  const result = await withSlot(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-chart-'));
    try {
      for (const [p, text] of chart) {
        mkdirSync(dirname(join(dir, p)), { recursive: true });
        writeFileSync(join(dir, p), text);
      }
      const r = await spawnCollect(bin, ['template', RELEASE_NAME, dir, '-n', NAMESPACE, ...extra]);
      return { stdout: replaceAll(r.stdout, dir, '<chart>'), stderr: replaceAll(r.stderr, dir, '<chart>'), exitCode: r.exitCode };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  const entry: CachedProc = {
    stdout: result.stdout.toString('base64'),
    stderr: result.stderr.toString('base64'),
    exitCode: result.exitCode,
  };
  writeFileSync(tmp, JSON.stringify(entry));
  renameSync(tmp, cacheFile);
  return result;
}

function replaceAll(buf: Buffer, from: string, to: string): Buffer {
  const needle = Buffer.from(from);
  if (buf.indexOf(needle) < 0) return buf;
  const parts: Buffer[] = [];
  let at = 0;
  for (let i = buf.indexOf(needle); i >= 0; i = buf.indexOf(needle, at)) {
    parts.push(buf.subarray(at, i), Buffer.from(to));
    at = i + needle.length;
  }
  parts.push(buf.subarray(at));
  return Buffer.concat(parts);
}

/** The template file named in a helm error message, e.g. `corpus/templates/0003.yaml`. */
export function failingFile(stderr: string): string | undefined {
  const m = /corpus\/(templates\/[^\s:()]+\.yaml)/.exec(stderr);
  return m?.[1];
}

/** True when a run failed only because a template's output was not valid YAML (render itself was fine). */
function isYamlFailure(r: ProcResult): boolean {
  return r.exitCode !== 0 && /^Error: YAML parse error on /m.test(r.stderr.toString('utf8'));
}

/**
 * Runs a batch of cases that are expected to render. When a case fails, it is measured alone and
 * reported as 'unexpected-error'; the rest is re-run in two halves (so a file with many unmarked
 * failing cases costs O(k log n) helm runs, not one full run per failure).
 */
async function runBatch(helm: HelmVersion, file: CorpusFile, cases: readonly CorpusCase[], out: Map<string, HelmResult>): Promise<void> {
  if (cases.length === 0) return;
  const r = await runHelm(helm, batchChart(file, cases), ['--debug']);
  if (isYamlFailure(r)) {
    const cut = cutBatch(r.stdout, cases);
    for (const c of cases) {
      const o = cut.get(c.name);
      if (o === undefined) {
        throw new Error(`${file.path}: helm ${helm} printed no output for case "${c.name}" (${c.file}); stderr:\n${r.stderr.toString('utf8')}`);
      }
      out.set(c.name, { kind: 'output', output: o });
    }
    return;
  }
  const stderr = r.stderr.toString('utf8');
  const bad = failingFile(stderr);
  const badCase = cases.find((c) => c.file === bad);
  if (!badCase) {
    throw new Error(`${file.path}: the batched helm ${helm} run failed and the message names no case (exit ${r.exitCode}):\n${stderr}`);
  }
  const alone = await runHelm(helm, singleChart(file, badCase));
  out.set(badCase.name, { kind: 'unexpected-error', stdout: alone.stdout, stderr: alone.stderr, exitCode: alone.exitCode });
  const rest = cases.filter((c) => c !== badCase);
  const half = Math.ceil(rest.length / 2);
  await Promise.all([runBatch(helm, file, rest.slice(0, half), out), runBatch(helm, file, rest.slice(half), out)]);
}

/** Runs an `error: true` case alone. */
async function runErrorCase(helm: HelmVersion, file: CorpusFile, c: CorpusCase): Promise<HelmResult> {
  const r = await runHelm(helm, singleChart(file, c));
  if (r.exitCode !== 0 && !isYamlFailure(r)) return { kind: 'error', stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
  // It rendered in this helm version: capture its raw output the batched way.
  const out = new Map<string, HelmResult>();
  await runBatch(helm, file, [c], out);
  return out.get(c.name) as HelmResult;
}

/** Helm's result for every case of a corpus file, keyed by case name (file order). */
export async function runHelmOnFile(helm: HelmVersion, file: CorpusFile): Promise<Map<string, HelmResult>> {
  const out = new Map<string, HelmResult>();
  const batched = file.cases.filter((c) => !c.error);
  const errorCases = file.cases.filter((c) => c.error);
  const errorResults = Promise.all(errorCases.map(async (c) => [c.name, await runErrorCase(helm, file, c)] as const));
  if (batched.length > 0) await runBatch(helm, file, batched, out);
  for (const [name, r] of await errorResults) out.set(name, r);
  return new Map(file.cases.map((c) => [c.name, out.get(c.name) as HelmResult]));
}

// ---------------------------------------------------------------------------------------------
// Reporting helpers

/** Makes bytes readable in a report: invisible and invalid bytes escaped, newlines shown as ⏎. */
export function showBytes(b: Buffer): string {
  let s = '';
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c === 0x0a) {
      s += '⏎\n';
      i++;
    } else if (c === 0x09) {
      s += '→';
      i++;
    } else if (c === 0x5c) {
      s += '\\\\';
      i++;
    } else if (c < 0x20 || c === 0x7f) {
      s += `\\x${c.toString(16).padStart(2, '0')}`;
      i++;
    } else if (c < 0x80) {
      s += String.fromCharCode(c);
      i++;
    } else {
      const n = c >= 0xf0 && c < 0xf8 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
      const seq = n > 0 ? b.subarray(i, i + n) : undefined;
      const ok = seq !== undefined && seq.length === n && [...seq.subarray(1)].every((x) => (x & 0xc0) === 0x80);
      const ch = ok ? seq.toString('utf8') : '';
      if (ok && !ch.includes('\ufffd') && !/[\u0080-\u00a0\u2000-\u200f\u2028-\u202f\u205f-\u206f\ufeff]/.test(ch)) {
        s += ch;
        i += n;
      } else if (ok) {
        s += `\\u{${ch.codePointAt(0)?.toString(16)}}`;
        i += n;
      } else {
        s += `\\x${c.toString(16).padStart(2, '0')}`;
        i++;
      }
    }
  }
  return s;
}

/**
 * Encodes a Go string held as a JS string (invalid bytes as U+DC80..U+DCFF) to its bytes.
 * Deliberately not src/gotemplate/bytes.ts's utf8Encode: the oracle must not share code with the
 * engine under test, and here a stray surrogate (an engine bug) becomes bytes that can never
 * match helm's output, where utf8Encode would turn it into U+FFFD and could hide it.
 */
export function goStringBytes(s: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
        i++;
        continue;
      }
    }
    if (c >= 0xdc80 && c <= 0xdcff) out.push(c - 0xdc00);
    else if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Buffer.from(out);
}

// ---------------------------------------------------------------------------------------------
// Our engine's side

/** What our engine did with a chart: per-file outputs or helm-style stderr. */
export type OurRender = { ok: true; outputs: Map<string, string> } | { ok: false; stderr: string; template: string };

export interface Engine {
  render(chart: ChartFiles, helm: HelmVersion): OurRender;
}

/** Loads our engine lazily, so the helm side runs (and reports) even while modules are missing. */
export async function loadEngine(): Promise<Engine> {
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

/** Our per-case results for one file and helm version, rendered the way helm's were. */
export function oursForFile(eng: Engine, file: CorpusFile, helm: HelmVersion, results: Map<string, HelmResult>): Map<string, Buffer | OurRender> {
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

export function describeOurs(o: Buffer | OurRender): string {
  if (Buffer.isBuffer(o)) return `output: ${showBytes(o)}`;
  if (o.ok) return 'rendered, but the case sentinels are missing from the output';
  return `exit 1\nstderr: ${showBytes(goStringBytes(o.stderr))}`;
}

export function describeHelm(r: HelmResult): string {
  if (r.kind === 'output') return `output: ${showBytes(r.output)}`;
  return `exit ${r.exitCode}\n${r.stdout.length > 0 ? `stdout: ${showBytes(r.stdout)}\n` : ''}stderr: ${showBytes(r.stderr)}`;
}

/** Compares one case; returns a report line or undefined when identical. */
export function compareCase(file: CorpusFile, c: CorpusCase, helm: HelmVersion, h: HelmResult, o: Buffer | OurRender): string | undefined {
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
