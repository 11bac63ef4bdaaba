/**
 * The chart corpus: whole charts rendered by `helm template` (helm 3 and helm 4) and by our CLI,
 * compared on stdout, stderr and exit code.
 *
 * Layout: test/differential/charts/<case>/ holds a `case.yaml` and whatever files the case needs
 * (by convention the chart lives in `chart/`, values files next to it):
 *
 *   args: [rel, ./chart, -f, v.yaml]   helm template arguments after `template`
 *   only: helm3 | helm4                optional; the case runs for that version only...
 *   reason: why                        ...and must say why
 *   env: { HELM_NAMESPACE: x }         optional extra environment
 *   deliberate:                        optional: where we differ from helm on purpose (safety);
 *     exitCode: 1                      our expected exit code, stdout ('' if absent) and stderr,
 *     stderr: "Error: ...\n"           compared instead of helm's; needs a reason too
 *   tgz:                               optional; archives built at test time (deterministic)
 *     chart/charts/kid-0.1.0.tgz: src/kid     target path <- source folder (packed as `kid/...`)
 *
 * Every case is copied into a fresh scratch directory (so the generated .tgz files never land in
 * the repository) and both helm and our CLI run with that directory as cwd, with relative paths
 * only, so nothing machine-specific shows in the output.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { helmBinary } from '../../scripts/helm-binaries.mjs';
import { HELM_VERSIONS, ROOT, cleanHelmEnv, spawnCollect, type HelmVersion } from './harness.js';

export { HELM_VERSIONS, type HelmVersion };

export const CHARTS_DIR = join(ROOT, 'test', 'differential', 'charts');
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'istio-installer-helm', 'charts');

export interface ChartCase {
  readonly name: string;
  readonly args: readonly string[];
  readonly only?: HelmVersion;
  readonly reason?: string;
  readonly env: Readonly<Record<string, string>>;
  /** Our expected result where we differ from helm on purpose (then `reason` says why). */
  readonly deliberate?: RunResult;
  /** The case's files (relative '/'-separated path -> bytes), case.yaml excluded, archives built. */
  readonly files: ReadonlyMap<string, Buffer>;
}

export interface RunResult {
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  readonly exitCode: number;
}

const NAME_RE = /^[a-z0-9][a-z0-9-]*$/;

function walkFiles(dir: string, base: string = dir, out: Map<string, Buffer> = new Map()): Map<string, Buffer> {
  for (const ent of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, ent.name);
    if (ent.isDirectory()) walkFiles(p, base, out);
    else if (ent.isFile()) out.set(relative(base, p).split('\\').join('/'), readFileSync(p));
  }
  return out;
}

/** Every case under the corpus directory, sorted by name; throws on a malformed case.yaml. */
export function loadChartCases(dir: string = CHARTS_DIR): ChartCase[] {
  const cases: ChartCase[] = [];
  for (const ent of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!ent.isDirectory()) continue;
    const caseDir = join(dir, ent.name);
    cases.push(parseCase(ent.name, caseDir));
  }
  return cases;
}

function parseCase(name: string, caseDir: string): ChartCase {
  const fail = (msg: string): never => {
    throw new Error(`chart case ${name}: ${msg}`);
  };
  if (!NAME_RE.test(name)) fail('the folder name must be kebab-case');
  const specPath = join(caseDir, 'case.yaml');
  if (!existsSync(specPath)) fail('case.yaml is missing');
  const spec = parseYaml(readFileSync(specPath, 'utf8'), { uniqueKeys: true }) as unknown;
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return fail('case.yaml must be a mapping');
  const rec = spec as Record<string, unknown>;
  for (const k of Object.keys(rec)) if (!['args', 'only', 'reason', 'env', 'tgz', 'deliberate'].includes(k)) fail(`unknown key "${k}"`);
  const { args, only, reason, env, tgz, deliberate } = rec;
  if (!Array.isArray(args) || !args.every((a): a is string => typeof a === 'string')) return fail('"args" must be a list of strings');
  if (only !== undefined && only !== 'helm3' && only !== 'helm4') fail('"only" must be helm3 or helm4');
  if ((only !== undefined || deliberate !== undefined) && (typeof reason !== 'string' || reason.trim() === '')) fail('"only" and "deliberate" need a "reason"');
  let ours: RunResult | undefined;
  if (deliberate !== undefined) {
    const d = deliberate as Record<string, unknown> | null;
    if (d === null || typeof d !== 'object' || typeof d.exitCode !== 'number' || typeof d.stderr !== 'string' || (d.stdout !== undefined && typeof d.stdout !== 'string')) {
      fail('"deliberate" must have exitCode (number), stderr (string) and optionally stdout (string)');
    } else {
      ours = { exitCode: d.exitCode, stdout: Buffer.from((d.stdout as string | undefined) ?? ''), stderr: Buffer.from(d.stderr) };
    }
  }
  const envRec: Record<string, string> = {};
  if (env !== undefined) {
    if (env === null || typeof env !== 'object' || Array.isArray(env)) fail('"env" must be a mapping');
    for (const [k, v] of Object.entries(env as Record<string, unknown>)) {
      if (typeof v !== 'string') fail(`env ${k} must be a string`);
      envRec[k] = v as string;
    }
  }
  const files = walkFiles(caseDir);
  files.delete('case.yaml');
  if (tgz !== undefined) {
    if (tgz === null || typeof tgz !== 'object' || Array.isArray(tgz)) fail('"tgz" must be a mapping target -> source folder');
    for (const [target, source] of Object.entries(tgz as Record<string, unknown>)) {
      if (typeof source !== 'string') return fail(`tgz ${target}: the source must be a folder path`);
      const src = join(caseDir, source);
      if (!existsSync(src) || !statSync(src).isDirectory()) fail(`tgz ${target}: ${source} is not a folder`);
      files.set(target, makeTgz(posix.basename(source), walkFiles(src)));
    }
  }
  return {
    name,
    args,
    ...(only !== undefined ? { only: only as HelmVersion } : {}),
    ...(typeof reason === 'string' ? { reason } : {}),
    ...(ours !== undefined ? { deliberate: ours } : {}),
    env: envRec,
    files,
  };
}

// ---------------------------------------------------------------------------------------------
// Deterministic .tgz: ustar headers with fixed mode/owner/mtime, gzip with a zero mtime.

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function tarHeader(name: string, size: number, type: '0' | '5'): Buffer {
  const h = Buffer.alloc(512);
  if (Buffer.byteLength(name) > 100) throw new Error(`tar: name too long: ${name}`);
  h.write(name, 0, 'utf8');
  h.write(octal(type === '5' ? 0o755 : 0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(0, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write(type, 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

/** A gzipped tar of `files` under the top folder `top/`, byte-identical on every run. */
export function makeTgz(top: string, files: ReadonlyMap<string, Buffer>): Buffer {
  const parts: Buffer[] = [];
  for (const [p, data] of [...files].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    parts.push(tarHeader(`${top}/${p}`, data.length, '0'), data);
    const pad = (512 - (data.length % 512)) % 512;
    if (pad > 0) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

// ---------------------------------------------------------------------------------------------
// Materialising and running

/** Writes the case's files into `dir` (which must exist and be empty). */
export function writeCase(c: ChartCase, dir: string): void {
  for (const [p, data] of c.files) {
    const target = join(dir, ...p.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
}

function run(bin: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  return spawnCollect(bin, args, { cwd, env });
}

/**
 * The environment helm runs with: the test process's, minus every HELM_* variable and KUBECONFIG
 * (a developer's kubeconfig namespace would change the default namespace), plus TZ=UTC, a
 * kubeconfig path that does not exist, and the case's own variables.
 */
export function helmEnv(c: ChartCase, scratch: string): NodeJS.ProcessEnv {
  return { ...cleanHelmEnv(scratch), ...c.env };
}

const versionCache = new Map<HelmVersion, Promise<string>>();
function helmVersionString(helm: HelmVersion): Promise<string> {
  let v = versionCache.get(helm);
  if (!v) {
    v = helmBinary(helm).then(async (bin) => {
      const r = await run(bin, ['version', '--template', '{{.Version}}-{{.GitCommit}}'], ROOT, { ...process.env });
      return r.stdout.toString('utf8');
    });
    versionCache.set(helm, v);
  }
  return v;
}

function caseHash(version: string, c: ChartCase): string {
  const h = createHash('sha256');
  h.update(`charts-v2\0${version}\0${JSON.stringify(c.args)}\0${JSON.stringify(c.env)}\0`);
  for (const [p, data] of [...c.files].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    h.update(`${p}\0${data.length}\0`);
    h.update(data);
  }
  return h.digest('hex');
}

/** `helm template <args>` of the real binary on the case, with cwd = `dir` (already written); cached. */
export async function runHelmCase(helm: HelmVersion, c: ChartCase, dir: string, scratch: string): Promise<RunResult> {
  const version = await helmVersionString(helm);
  const cacheFile = join(CACHE_DIR, `${caseHash(version, c)}.json`);
  if (existsSync(cacheFile)) {
    try {
      const j = JSON.parse(readFileSync(cacheFile, 'utf8')) as { stdout: string; stderr: string; exitCode: number };
      return { stdout: Buffer.from(j.stdout, 'base64'), stderr: Buffer.from(j.stderr, 'base64'), exitCode: j.exitCode };
    } catch {
      // a damaged entry is recomputed
    }
  }
  const bin = await helmBinary(helm);
  const raw = await run(bin, ['template', ...c.args], dir, helmEnv(c, scratch));
  // Cached normalised: the scratch path of this run means nothing to the next one.
  const r = normalise(raw, dir);
  mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ stdout: r.stdout.toString('base64'), stderr: r.stderr.toString('base64'), exitCode: r.exitCode }));
  renameSync(tmp, cacheFile);
  return r;
}

/** What stands for the case folder's absolute path after normalisation. */
export const CASE_DIR_MARK = '<case-dir>';
/** What stands for a helm 3 debug-log timestamp after normalisation. */
export const TIME_MARK = '<time>';
// Go prints no fraction at all when the nanoseconds are zero (a whole second: one run in a
// thousand for our millisecond clock), so the fraction is optional.
const GO_TIME = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [+-]\d{4} [A-Z]+ m=[+-]\d+\.\d+/g;
const HELM3_DEBUG_TRACE = /^helm\.go:\d+: .*\[debug\] [^]*$/m;

/**
 * The only normalisations, all of machine-specific text:
 * - the case folder's absolute path (helm 4 names it in "unable to detect chart at ..." and in its
 *   --debug log; helm 3 in its --debug "CHART PATH") becomes `<case-dir>`;
 * - helm 3's --debug log timestamps (Go time.Now().String(), with the monotonic clock) become `<time>`;
 * - helm 3's --debug error trailer (`helm.go:NN: <time> [debug] ...` followed by a Go stack trace of
 *   the helm binary itself, with source paths of helm's build machine) is cut off.
 */
export function normalise(r: RunResult, dir: string): RunResult {
  const fix = (b: Buffer): Buffer => {
    let s = b.toString('latin1');
    if (!s.includes(dir) && !GO_TIME.test(s)) return b;
    GO_TIME.lastIndex = 0;
    s = s.split(Buffer.from(dir, 'utf8').toString('latin1')).join(CASE_DIR_MARK).replace(GO_TIME, TIME_MARK).replace(HELM3_DEBUG_TRACE, '');
    return Buffer.from(s, 'latin1');
  };
  return { stdout: fix(r.stdout), stderr: fix(r.stderr), exitCode: r.exitCode };
}

/** Our CLI in-process on the case: `helm template <args> --helm-compat 3|4`, cwd = `dir`. */
export async function runOursCase(helm: HelmVersion, c: ChartCase, dir: string): Promise<RunResult> {
  const { main } = await import('../../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (s: string) => {
      stdout += s;
    },
    stderr: (s: string) => {
      stderr += s;
    },
  };
  let exitCode: number;
  try {
    exitCode = await main(['helm', 'template', '--helm-compat', helm === 'helm3' ? '3' : '4', ...c.args], io, { cwd: dir, env: { ...c.env } });
  } catch (e) {
    stderr += `CLI EXCEPTION: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
    exitCode = -1;
  }
  // The real bin writes these strings with process.stdout.write, i.e. as UTF-8.
  return normalise({ stdout: Buffer.from(stdout, 'utf8'), stderr: Buffer.from(stderr, 'utf8'), exitCode }, dir);
}

/** A readable first difference between two byte strings (for failure reports). */
export function firstDifference(label: string, expected: Buffer, actual: Buffer): string | undefined {
  if (expected.equals(actual)) return undefined;
  const e = expected.toString('utf8').split('\n');
  const a = actual.toString('utf8').split('\n');
  let i = 0;
  while (i < e.length && i < a.length && e[i] === a[i]) i++;
  const show = (lines: string[]): string =>
    lines
      .slice(Math.max(0, i - 2), i + 4)
      .map((l) => `      ${JSON.stringify(l)}`)
      .join('\n');
  return `  ${label} differs at line ${i + 1}:\n    helm:\n${show(e)}\n    ours:\n${show(a)}`;
}
