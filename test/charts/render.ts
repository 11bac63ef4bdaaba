/**
 * Rendering the repository's charts (charts/<name>) in tests, three ways that must agree:
 *
 *   renderOurs(chart, opts)            the library: loadChart (src/helm/load/fs.ts) + renderChart
 *   helmTemplate(version, dir, args)   the real `helm template` of helm 3.17.3 / 4.1.4
 *   helmRun(version, args, dirs)       any other helm command on local charts (e.g. `lint --strict`)
 *
 * Real helm runs with cwd = the repository root (so relative paths such as `charts/istiod` and
 * `test/charts/values/x.yaml` work and nothing machine-specific reaches the output), TZ=UTC, no
 * HELM_* variables from the caller (HELM_NAMESPACE unset), no kubeconfig, and private helm
 * cache/config/data directories. Results are cached in
 * node_modules/.cache/istio-installer-helm/charts5/, keyed by a hash of the helm version, the
 * arguments, every file of the chart directories involved and every file named by -f/--values.
 *
 * parseDocs(stdout) cuts `helm template` output into documents with their `# Source:` file.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { helmBinary } from '../../scripts/helm-binaries.mjs';
import { loadChart } from '../../src/helm/load/fs.js';
import { renderChart } from '../../src/helm/render.js';
import type { Chart } from '../../src/helm/load/chart.js';
import { HELM_VERSIONS, ROOT, cleanHelmEnv, spawnCollect, type HelmVersion } from '../differential/harness.js';

export { HELM_VERSIONS, ROOT, type HelmVersion };

/** Every chart of issue 5, in install order. */
export const CHART_NAMES = ['base', 'istiod', 'istiod-remote', 'gateway', 'cni'] as const;
export type ChartName = (typeof CHART_NAMES)[number];

export const CHARTS_ROOT = join(ROOT, 'charts');
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'istio-installer-helm', 'charts5');

/** charts/<chart> relative to the repository root ('/'-separated). */
export function chartPath(chart: string): string {
  return `charts/${chart}`;
}

/** Whether charts/<chart>/Chart.yaml exists (a chart being written may not have landed yet). */
export function chartExists(chart: string): boolean {
  return existsSync(join(CHARTS_ROOT, chart, 'Chart.yaml'));
}

/** The issue-5 charts that exist now. */
export function existingCharts(): ChartName[] {
  return CHART_NAMES.filter(chartExists);
}

/** What a command printed, as text. */
export interface Outcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export interface OursOptions {
  /** Which helm to behave like; default 'helm4'. */
  readonly compat?: HelmVersion;
  /** Default 'istio'. */
  readonly releaseName?: string;
  /** Default 'istio-system'. */
  readonly namespace?: string;
  /** `--kube-version`; default: helm's own default. */
  readonly kubeVersion?: string;
  /** `--set` arguments, in order. */
  readonly set?: readonly string[];
  /** `-f` files, repository-relative or absolute, in order. */
  readonly valueFiles?: readonly string[];
}

const loadedCharts = new Map<string, Chart>();
/** One of the five charts loaded (helm 4 rules) once per test file; a load failure throws naming it. */
export function repoChart(name: string): Chart {
  let c = loadedCharts.get(name);
  if (!c) {
    const loaded = loadChart(join(CHARTS_ROOT, name), { compat: 'helm4' });
    if (!loaded.ok) throw new Error(`charts/${name} does not load: ${loaded.error.message}`);
    c = loaded.chart;
    loadedCharts.set(name, c);
  }
  return c;
}

function abs(p: string): string {
  return isAbsolute(p) ? p : join(ROOT, p);
}

/**
 * `helm template <releaseName> charts/<chart>` by the library, returning what the CLI would print
 * (stdout, stderr, exit code). `chart` is a chart name under charts/ or a path to a chart folder.
 */
export function renderOurs(chart: string, opts: OursOptions = {}): Outcome {
  const compat = opts.compat ?? 'helm4';
  const dir = chart.includes('/') ? abs(chart) : join(CHARTS_ROOT, chart);
  const loaded = loadChart(dir, { compat });
  let stderr = (loaded.warnings ?? []).join('');
  if (!loaded.ok) return { stdout: '', stderr: `${stderr}Error: ${loaded.error.message}\n`, exitCode: 1 };
  const result = renderChart(loaded.chart, {
    compat,
    releaseName: opts.releaseName ?? 'istio',
    namespace: opts.namespace ?? 'istio-system',
    ...(opts.kubeVersion !== undefined ? { kubeVersion: opts.kubeVersion } : {}),
    ...(opts.set !== undefined ? { set: opts.set } : {}),
    ...(opts.valueFiles !== undefined ? { valueFiles: opts.valueFiles.map((f) => ({ name: f, text: readFileSync(abs(f), 'utf8') })) } : {}),
  });
  stderr += result.warnings.join('');
  if (result.ok) return { stdout: result.stdout, stderr, exitCode: 0 };
  return { stdout: result.stdout, stderr: stderr + result.error.stderr(compat), exitCode: 1 };
}

/** The `helm template` arguments equivalent to `opts` (after `template`), for helmTemplate. */
export function templateArgs(opts: OursOptions = {}): string[] {
  const args = [opts.releaseName ?? 'istio'];
  args.push('--namespace', opts.namespace ?? 'istio-system');
  if (opts.kubeVersion !== undefined) args.push('--kube-version', opts.kubeVersion);
  for (const f of opts.valueFiles ?? []) args.push('-f', f);
  for (const s of opts.set ?? []) args.push('--set', s);
  return args;
}

// ---------------------------------------------------------------------------------------------
// Real helm

function filesUnder(dir: string, base: string = dir, out: [string, Buffer][] = []): [string, Buffer][] {
  for (const ent of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = join(dir, ent.name);
    if (ent.isDirectory()) filesUnder(p, base, out);
    else if (ent.isFile()) out.push([relative(base, p).split('\\').join('/'), readFileSync(p)]);
  }
  return out;
}

const versionCache = new Map<HelmVersion, Promise<string>>();
function helmVersionString(version: HelmVersion): Promise<string> {
  let v = versionCache.get(version);
  if (!v) {
    v = helmBinary(version).then(async (bin) => (await spawnCollect(bin, ['version', '--template', '{{.Version}}-{{.GitCommit}}'], { cwd: ROOT, env: cleanEnv('/nonexistent') })).stdout.toString('utf8'));
    versionCache.set(version, v);
  }
  return v;
}

/** The caller's environment minus HELM_* and KUBECONFIG, plus TZ=UTC and private helm homes. */
const cleanEnv = cleanHelmEnv;

/** Paths named by -f/--values in `args` (both `-f x` and `--values=x`). */
function valueFilesIn(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if ((a === '-f' || a === '--values') && i + 1 < args.length) out.push(args[++i]);
    else if (a.startsWith('--values=')) out.push(a.slice('--values='.length));
    else if (a.startsWith('-f') && a.length > 2) out.push(a.slice(2).replace(/^=/, ''));
  }
  return out.flatMap((f) => f.split(','));
}

function cacheKey(version: string, args: readonly string[], chartDirs: readonly string[]): string {
  const h = createHash('sha256');
  h.update(`charts5-v1\0${version}\0${JSON.stringify(args)}\0`);
  for (const d of chartDirs) {
    h.update(`dir\0${d}\0`);
    const a = abs(d);
    if (!existsSync(a)) continue;
    for (const [p, data] of filesUnder(a)) {
      h.update(`${p}\0${data.length}\0`);
      h.update(data);
    }
  }
  for (const f of valueFilesIn(args)) {
    h.update(`values\0${f}\0`);
    if (existsSync(abs(f))) h.update(readFileSync(abs(f)));
  }
  return h.digest('hex');
}

/**
 * `helm <args>` of the real binary with cwd = the repository root; `chartDirs` are the chart
 * folders the command reads (their files are part of the cache key). Cached.
 */
export async function helmRun(version: HelmVersion, args: readonly string[], chartDirs: readonly string[]): Promise<Outcome> {
  const key = cacheKey(await helmVersionString(version), args, chartDirs);
  const cacheFile = join(CACHE_DIR, `${key}.json`);
  if (existsSync(cacheFile)) {
    try {
      return JSON.parse(readFileSync(cacheFile, 'utf8')) as Outcome;
    } catch {
      // a damaged entry is recomputed
    }
  }
  const scratch = mkdtempSync(join(tmpdir(), 'charts5-helm-'));
  try {
    const r = await spawnCollect(await helmBinary(version), args, { cwd: ROOT, env: cleanEnv(scratch) });
    const out: Outcome = { stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), exitCode: r.exitCode };
    mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(out));
    renameSync(tmp, cacheFile);
    return out;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * `helm template <args[0]> <chartDir> <args[1..]>` of the real binary (`chartDir` repository-relative,
 * e.g. `charts/istiod`, or a chart name); `args` usually from templateArgs(opts). Cached.
 */
export function helmTemplate(version: HelmVersion, chartDir: string, args: readonly string[]): Promise<Outcome> {
  const dir = chartDir.includes('/') ? chartDir : chartPath(chartDir);
  const [name, ...rest] = args;
  const full = name !== undefined && !name.startsWith('-') ? ['template', name, dir, ...rest] : ['template', dir, ...args];
  return helmRun(version, full, [dir]);
}

// ---------------------------------------------------------------------------------------------
// Output

/** One document of `helm template` output. */
export interface RenderedDoc {
  /** The template file from the `# Source:` line, e.g. `istiod/templates/deployment.yaml`. */
  readonly source: string | undefined;
  /** The document text (without the `---` line). */
  readonly text: string;
  /** The parsed document (YAML 1.1, as Kubernetes reads it); null for an empty one. */
  readonly object: unknown;
}

/** Splits `helm template` stdout into its non-empty documents; throws on invalid YAML. */
export function parseDocs(stdout: string): RenderedDoc[] {
  const out: RenderedDoc[] = [];
  const chunks = stdout.split(/^---[ \t]*$/m);
  for (const chunk of chunks) {
    const text = chunk.replace(/^\n/, '');
    const m = /^# Source: (.*)$/m.exec(text);
    const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: true });
    for (const d of Array.isArray(docs) ? docs : [docs]) {
      if (d.errors.length > 0) throw new Error(`invalid YAML in ${m?.[1] ?? 'output'}: ${d.errors[0].message}`);
      const object: unknown = d.toJS({ maxAliasCount: 100 });
      if (object === null || object === undefined) continue;
      out.push({ source: m?.[1], text, object });
    }
  }
  return out;
}

/** `kind/name` (with `namespace/` when set) of a parsed object, for messages and uniqueness checks. */
export function objectId(object: unknown): string {
  const o = (object ?? {}) as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  const ns = typeof o.metadata?.namespace === 'string' ? `${o.metadata.namespace}/` : '';
  return `${String(o.kind)}/${ns}${String(o.metadata?.name)}`;
}
