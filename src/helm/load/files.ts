/**
 * Building a Chart from its files, as helm's `loader.LoadFiles` does (helm 3.17.3 and the v2
 * chart loader of helm 4.1.4), plus the directory rules of `loader.LoadDir` for in-memory file
 * maps: `.helmignore`, walk order, BOM stripping and the per-file size limit.
 *
 * Classification (measured):
 * - Chart.yaml -> metadata; requirements.yaml (decoded over the metadata; kept in .Files for
 *   apiVersion v1, dropped with a warning otherwise); Chart.lock / requirements.lock -> lock
 *   (requirements.lock also kept in .Files for v1, warning otherwise); values.yaml ->
 *   valuesText (must load); values.schema.json -> schemaText;
 * - templates/** -> templates; charts/<x>/** and charts/<x>.tgz -> subcharts (names starting
 *   with '_' or '.' are skipped; any charts/**.prov file goes to .Files of the parent);
 * - everything else -> files (.Files).
 */
import { utf8Decode, utf8Encode } from '../../gotemplate/bytes.js';
import type { Compat } from '../../gotemplate/template.js';
import { compareGoStrings } from '../../gotemplate/value.js';
import { loadValues, YamlError } from '../../yaml/load.js';
import { ChartLoadError, type Chart, type ChartFile, type ChartLoadResult, type ChartMetadata } from './chart.js';
import { HELMIGNORE, HelmIgnore, HelmIgnoreError } from './helmignore.js';
import {
  goQuote,
  MetadataError,
  newRawMetadata,
  probeApiVersion,
  unmarshalLock,
  unmarshalMetadata,
  validateMetadata,
  type RawMetadata,
} from './metadata.js';

/** helm's limit for one file of a chart (bytes): `MaxDecompressedFileSize`, 5 MiB. */
export const MAX_FILE_SIZE = 5 * 1024 * 1024;
/** helm's limit for a whole decompressed chart archive (bytes): `MaxDecompressedChartSize`, 100 MiB. */
export const MAX_CHART_SIZE = 100 * 1024 * 1024;
/** Our own bound on subchart nesting (helm has none; a chart nesting this deep is hostile). */
export const MAX_CHART_DEPTH = 64;

export interface LoadOptions {
  /** Which helm's messages and rules to follow (default 'helm4'). */
  readonly compat?: Compat;
}

/** Warnings (complete stderr lines) collected while loading, in helm's order. */
export interface LoadContext {
  readonly compat: Compat;
  readonly warnings: string[];
  /** Archive nesting guard: remaining depth. */
  readonly depth: number;
  /** Reads a nested .tgz (provided by the archive module to avoid an import cycle). */
  readonly loadArchive: (bytes: Uint8Array, ctx: LoadContext) => Chart;
}

/** A file as helm buffers it: chart-relative '/' name and bytes. */
export interface BufferedFile {
  name: string;
  readonly data: Uint8Array;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** bytes.TrimPrefix(data, utf8bom). */
export function stripBom(data: Uint8Array): Uint8Array {
  if (data.length >= 3 && data[0] === UTF8_BOM[0] && data[1] === UTF8_BOM[1] && data[2] === UTF8_BOM[2]) return data.subarray(3);
  return data;
}

/** A warning as helm prints it: log.Printf with file:line in helm 3, slog INFO in helm 4. */
export function loaderWarning(compat: Compat, helm3Line: number, text: string): string {
  return compat === 'helm3' ? `load.go:${helm3Line}: ${text}\n` : `level=INFO msg=${goQuote(text)}\n`;
}

function fail(message: string): never {
  throw new ChartLoadError(message);
}

/** helm's `(*Chart).Name()`: the metadata name, or "" before Chart.yaml is read. */
function chartName(meta: RawMetadata | null): string {
  return meta && typeof meta.name === 'string' ? meta.name : '';
}

/** `filepath.Ext`. */
function ext(name: string): string {
  for (let i = name.length - 1; i >= 0 && name[i] !== '/'; i--) if (name[i] === '.') return name.slice(i);
  return '';
}

/**
 * helm's LoadFiles on already-buffered files (names relative to the chart root). Throws
 * ChartLoadError with helm's message.
 */
export function loadBufferedFiles(files: readonly BufferedFile[], ctx: LoadContext): Chart {
  let meta: RawMetadata | null = null;
  let lock: unknown = undefined;
  let valuesText: string | undefined;
  let schemaText: string | undefined;
  const templates: ChartFile[] = [];
  const chartFiles: ChartFile[] = [];
  const subcharts = new Map<string, BufferedFile[]>();

  for (const f of files) {
    if (f.name !== 'Chart.yaml') continue;
    meta ??= newRawMetadata();
    try {
      unmarshalMetadata(utf8Decode(f.data), ctx.compat, meta);
    } catch (e) {
      if (e instanceof MetadataError) fail('cannot load Chart.yaml: ' + e.message);
      throw e;
    }
    if (typeof meta.apiVersion !== 'string' || meta.apiVersion === '') meta.apiVersion = 'v1';
  }

  for (const f of files) {
    const name = f.name;
    if (name === 'Chart.yaml') continue;
    if (name === 'Chart.lock') {
      lock = loadLock(f, 'Chart.lock', ctx.compat);
    } else if (name === 'values.yaml') {
      const text = utf8Decode(f.data);
      try {
        loadValues(text, { compat: ctx.compat });
      } catch (e) {
        if (e instanceof YamlError) fail('cannot load values.yaml: ' + e.message);
        throw e;
      }
      valuesText = text;
    } else if (name === 'values.schema.json') {
      schemaText = utf8Decode(f.data);
    } else if (name === 'requirements.yaml') {
      meta ??= newRawMetadata();
      if (meta.apiVersion !== 'v1') {
        ctx.warnings.push(
          loaderWarning(ctx.compat, 120, 'Warning: Dependencies are handled in Chart.yaml since apiVersion "v2". We recommend migrating dependencies to Chart.yaml.'),
        );
      }
      try {
        unmarshalMetadata(utf8Decode(f.data), ctx.compat, meta);
      } catch (e) {
        if (e instanceof MetadataError) fail('cannot load requirements.yaml: ' + e.message);
        throw e;
      }
      if (meta.apiVersion === 'v1') chartFiles.push({ name, data: f.data });
    } else if (name === 'requirements.lock') {
      lock = loadLock(f, 'requirements.lock', ctx.compat);
      meta ??= newRawMetadata();
      if (meta.apiVersion === 'v1') chartFiles.push({ name, data: f.data });
      else {
        ctx.warnings.push(
          loaderWarning(ctx.compat, 138, 'Warning: Dependency locking is handled in Chart.lock since apiVersion "v2". We recommend migrating to Chart.lock.'),
        );
      }
    } else if (name.startsWith('templates/')) {
      templates.push({ name, data: f.data });
    } else if (name.startsWith('charts/')) {
      if (ext(name) === '.prov') {
        chartFiles.push({ name, data: f.data });
        continue;
      }
      const rest = name.slice('charts/'.length);
      const slash = rest.indexOf('/');
      const cname = slash >= 0 ? rest.slice(0, slash) : rest;
      let list = subcharts.get(cname);
      if (!list) subcharts.set(cname, (list = []));
      list.push({ name: rest, data: f.data });
    } else {
      chartFiles.push({ name, data: f.data });
    }
  }

  if (meta === null) fail('Chart.yaml file is missing');
  const v = validateMetadata(meta, ctx.compat);
  if (!v.ok) fail(v.message);
  const metadata: ChartMetadata = v.metadata;
  const parentName = chartName(meta);

  const dependencies: Chart[] = [];
  for (const [n, list] of subcharts) {
    if (n.startsWith('_') || n.startsWith('.')) continue;
    const isArchive = ext(n) === '.tgz';
    if (isArchive && list[0].name !== n) fail(`error unpacking subchart tar in ${parentName}: expected ${n}, got ${list[0].name}`);
    let sub: Chart;
    try {
      if (ctx.depth <= 0) fail(`chart nesting is deeper than ${MAX_CHART_DEPTH} levels`);
      const inner: LoadContext = { ...ctx, depth: ctx.depth - 1 };
      if (isArchive) {
        sub = ctx.loadArchive(list[0].data, inner);
      } else {
        const buff: BufferedFile[] = [];
        for (const f of list) {
          const i = f.name.indexOf('/');
          if (i < 0) continue;
          buff.push({ name: f.name.slice(i + 1), data: f.data });
        }
        sub = loadBufferedFiles(buff, inner);
      }
    } catch (e) {
      if (e instanceof ChartLoadError) fail(`error unpacking subchart ${n} in ${parentName}: ${e.message}`);
      throw e;
    }
    dependencies.push(sub);
  }

  const chart: { -readonly [K in keyof Chart]: Chart[K] } = { metadata, templates, files: chartFiles, dependencies };
  if (lock !== undefined) chart.lock = lock;
  if (valuesText !== undefined) chart.valuesText = valuesText;
  if (schemaText !== undefined) chart.schemaText = schemaText;
  return chart;
}

function loadLock(f: BufferedFile, file: string, compat: Compat): unknown {
  try {
    return unmarshalLock(utf8Decode(f.data), compat);
  } catch (e) {
    if (e instanceof MetadataError) fail(`cannot load ${file}: ${e.message}`);
    throw e;
  }
}

/**
 * helm 4's chart-version detection on the root chart (before loading): the apiVersion of
 * Chart.yaml decides the loader; unknown versions are refused. `v3` charts load like v2 ones
 * (helm 4.1.4 refuses them later, when rendering: "invalid chart apiVersion").
 */
export function detectChartVersion(files: readonly BufferedFile[], ctx: LoadContext): void {
  if (ctx.compat !== 'helm4') return;
  const chartYaml = files.find((f) => f.name === 'Chart.yaml');
  if (!chartYaml) return;
  let apiVersion: string;
  try {
    apiVersion = probeApiVersion(utf8Decode(chartYaml.data));
  } catch (e) {
    if (e instanceof MetadataError) fail('cannot load Chart.yaml: ' + e.message);
    throw e;
  }
  if (apiVersion !== '' && apiVersion !== 'v1' && apiVersion !== 'v2' && apiVersion !== 'v3') fail('unsupported chart version');
}

// ---- directory semantics for in-memory files ----

/** Compares two chart-relative paths in `filepath.Walk` order (directory entries sorted by name). */
export function compareWalkOrder(a: string, b: string): number {
  const as = a.split('/');
  const bs = b.split('/');
  const n = Math.min(as.length, bs.length);
  for (let i = 0; i < n; i++) {
    const c = compareGoStrings(as[i], bs[i]);
    if (c !== 0) return c;
  }
  return as.length - bs.length;
}

/**
 * Cleans an in-memory file name (Go's path.Clean after turning '\' into '/'); refuses names that
 * are absolute, leave the chart (`..`) or name the chart root itself.
 */
export function cleanChartPath(raw: string): string {
  if (raw.includes('\0')) fail(`chart file name ${goQuote(raw)} contains a NUL character`);
  const name = raw.replace(/\\/g, '/');
  if (name.startsWith('/') || /^[a-zA-Z]:\//.test(name)) fail(`chart file name ${goQuote(raw)} is an absolute path`);
  const out: string[] = [];
  for (const seg of name.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') fail(`chart file name ${goQuote(raw)} refers to the parent directory`);
    out.push(seg);
  }
  if (out.length === 0) fail(`chart file name ${goQuote(raw)} does not name a file`);
  return out.join('/');
}

/**
 * The files `helm template` would read from a chart directory holding `entries`: `.helmignore`
 * (plus the default `templates/.?*` rule) applied to every file and every parent directory,
 * walk order, UTF-8 BOM stripped, helm's per-file size limit.
 */
export function directoryFiles(entries: Iterable<readonly [string, Uint8Array | string]>): BufferedFile[] {
  const all: BufferedFile[] = [];
  const seen = new Set<string>();
  for (const [rawName, content] of entries) {
    const name = cleanChartPath(rawName);
    if (seen.has(name)) fail(`chart file ${goQuote(name)} is given more than once`);
    seen.add(name);
    all.push({ name, data: typeof content === 'string' ? utf8Encode(content) : content });
  }
  const dirs = new Set<string>();
  for (const f of all) for (let i = f.name.indexOf('/'); i >= 0; i = f.name.indexOf('/', i + 1)) dirs.add(f.name.slice(0, i));
  for (const f of all) if (dirs.has(f.name)) fail(`chart path ${goQuote(f.name)} is both a file and a directory`);
  const ignoreFile = all.find((f) => f.name === HELMIGNORE);
  let rules: HelmIgnore;
  try {
    rules = HelmIgnore.parse(ignoreFile ? utf8Decode(ignoreFile.data) : undefined);
  } catch (e) {
    if (e instanceof HelmIgnoreError) fail(e.message);
    throw e;
  }
  const dirVerdict = new Map<string, boolean>();
  const dirIgnored = (dir: string): boolean => {
    let v = dirVerdict.get(dir);
    if (v === undefined) {
      const slash = dir.lastIndexOf('/');
      v = (slash >= 0 && dirIgnored(dir.slice(0, slash))) || rules.ignores(dir, true);
      dirVerdict.set(dir, v);
    }
    return v;
  };
  all.sort((a, b) => compareWalkOrder(a.name, b.name));
  const out: BufferedFile[] = [];
  for (const f of all) {
    const slash = f.name.lastIndexOf('/');
    if (slash >= 0 && dirIgnored(f.name.slice(0, slash))) continue;
    if (rules.ignores(f.name, false)) continue;
    if (f.data.length > MAX_FILE_SIZE) {
      fail(`chart file ${goQuote(f.name.slice(slash + 1))} is larger than the maximum file size ${MAX_FILE_SIZE}`);
    }
    out.push({ name: f.name, data: stripBom(f.data) });
  }
  return out;
}

/** Runs a loader step, turning a ChartLoadError into a result. */
export function toResult(ctx: LoadContext, run: () => Chart): ChartLoadResult {
  try {
    return { ok: true, chart: run(), warnings: ctx.warnings };
  } catch (e) {
    if (e instanceof ChartLoadError) return { ok: false, error: e, warnings: ctx.warnings };
    throw e;
  }
}
