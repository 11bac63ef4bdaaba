/**
 * Loading a chart from disk (the one module of the core that reads files): a chart directory or
 * a .tgz, with the checks and messages of `helm template` (helm 3.17.3 / 4.1.4, measured).
 *
 * Directories are walked like helm's `sympath.Walk`: entries in name order, `.helmignore` (and
 * the default `templates/.?*` rule) applied to directories and files, symbolic links resolved
 * with helm's notice on stderr. Unlike helm, a link that resolves outside the chart directory,
 * or back into one of its own parents, is refused: chart loading never reads outside the chart.
 */
import { closeSync, lstatSync, openSync, readFileSync, readSync, readdirSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Compat } from '../../gotemplate/template.js';
import { compareGoStrings } from '../../gotemplate/value.js';
import { loadChartArchive, MAX_TAR_STREAM, newLoadContext } from './archive.js';
import { ChartLoadError, type Chart, type ChartLoadResult } from './chart.js';
import {
  detectChartVersion,
  loadBufferedFiles,
  MAX_CHART_SIZE,
  MAX_FILE_SIZE,
  stripBom,
  toResult,
  type BufferedFile,
  type LoadContext,
  type LoadOptions,
} from './files.js';
import { HELMIGNORE, HelmIgnore, HelmIgnoreError } from './helmignore.js';
import { goQuote } from './metadata.js';

function fail(message: string): never {
  throw new ChartLoadError(message);
}

const GO_ERRNO: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** A Node fs error as Go's *PathError prints it, e.g. `open /x: permission denied`. */
function fsErrorMessage(e: unknown): string | undefined {
  if (!e || typeof e !== 'object' || !('code' in e)) return undefined;
  const err = e as { code?: unknown; syscall?: unknown; path?: unknown; message?: unknown };
  const code = String(err.code);
  const op = err.syscall === 'scandir' || err.syscall === 'read' ? 'open' : String(err.syscall ?? 'open');
  const text = GO_ERRNO[code] ?? String(err.message ?? code);
  return typeof err.path === 'string' ? `${op} ${err.path}: ${text}` : text;
}

function errnoCode(e: unknown): string | undefined {
  return e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

/** slog's text-handler quoting of an attribute value. */
function slogValue(s: string): string {
  return s === '' || /[\s"=\\]|[^\x21-\x7e]/.test(s) ? goQuote(s) : s;
}

function symlinkNotice(compat: Compat, path: string, resolved: string): string {
  return compat === 'helm3'
    ? `walk.go:75: found symbolic link in path: ${path} resolves to ${resolved}. Contents of linked file included and used\n`
    : `level=INFO msg="found symbolic link in path. Contents of linked file included and used" path=${slogValue(path)} resolved=${slogValue(resolved)}\n`;
}

function isInside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..' && !/^[a-zA-Z]:/.test(rel));
}

/** helm's LoadDir with our link rule. Returns the chart's files in walk order. */
function walkChartDir(topdir: string, ctx: LoadContext): BufferedFile[] {
  const rootReal = realpathSync(topdir);
  let rules: HelmIgnore;
  const ignorePath = join(topdir, HELMIGNORE);
  let ignoreText: string | undefined;
  try {
    if (statSync(ignorePath)) {
      const real = realpathSync(ignorePath);
      if (!isInside(rootReal, real)) fail(`${HELMIGNORE} resolves to ${real}, outside the chart directory ${rootReal}; refusing to read it`);
      ignoreText = readFileSync(real, 'utf8');
    }
  } catch (e) {
    if (e instanceof ChartLoadError || errnoCode(e) !== 'ENOENT') throw e;
    ignoreText = undefined;
  }
  try {
    rules = HelmIgnore.parse(ignoreText);
  } catch (e) {
    if (e instanceof HelmIgnoreError) fail(e.message);
    throw e;
  }

  const files: BufferedFile[] = [];
  let total = 0;

  /** Visits `path` (shown as `path`, chart-relative `rel`), whose real location is `real`. */
  const visit = (path: string, rel: string, st: Stats, real: string, realAncestors: readonly string[]): void => {
    if (st.isDirectory()) {
      if (rel !== '' && rules.ignores(rel, true)) return;
      if (realAncestors.includes(real)) fail(`symbolic link ${path} leads back into ${real}, a loop; refusing to follow it`);
      const names = readdirSync(path).sort(compareGoStrings);
      for (const name of names) {
        const child = join(path, name);
        const childRel = rel === '' ? name : rel + '/' + name;
        let lst: Stats;
        try {
          lst = lstatSync(child);
        } catch (e) {
          fail(`lstat ${child}: ${errnoCode(e) === 'ENOENT' ? 'no such file or directory' : String(e)}`);
        }
        if (lst.isSymbolicLink()) {
          let resolved: string;
          try {
            resolved = realpathSync(child);
          } catch (e) {
            const target = resolve(dirname(child), readLinkSafe(child));
            fail(`error evaluating symlink ${child}: lstat ${target}: ${errnoCode(e) === 'ENOENT' ? 'no such file or directory' : String(e)}`);
          }
          ctx.warnings.push(symlinkNotice(ctx.compat, child, resolved));
          const target = lstatSync(resolved);
          // helm resolves (and reports) a link before applying .helmignore to it
          if (rules.ignores(childRel, target.isDirectory())) continue;
          if (!isInside(rootReal, resolved)) {
            fail(`symbolic link ${child} resolves to ${resolved}, outside the chart directory ${rootReal}; refusing to follow it`);
          }
          visit(child, childRel, target, resolved, [...realAncestors, real]);
        } else {
          visit(child, childRel, lst, join(real, name), [...realAncestors, real]);
        }
      }
      return;
    }
    if (rules.ignores(rel, false)) return;
    if (!st.isFile()) fail(`cannot load irregular file ${path} as it has file mode type bits set`);
    if (st.size > MAX_FILE_SIZE) fail(`chart file ${goQuote(path.slice(path.lastIndexOf(sep) + 1))} is larger than the maximum file size ${MAX_FILE_SIZE}`);
    total += st.size;
    if (total > MAX_CHART_SIZE) fail(`chart directory is larger than the maximum size ${MAX_CHART_SIZE}`);
    let data: Uint8Array;
    try {
      data = new Uint8Array(readFileSync(real));
    } catch (e) {
      fail(`error reading ${rel}: ${String(e)}`);
    }
    files.push({ name: rel, data: stripBom(data) });
  };
  visit(topdir, '', statSync(topdir), rootReal, []);
  return files;
}

function readLinkSafe(p: string): string {
  try {
    return readlinkSync(p);
  } catch {
    return p;
  }
}

/** Go's http.DetectContentType, reduced to what a chart file can plausibly be. */
function sniffContentType(head: Uint8Array): string {
  const starts = (sig: string): boolean => [...sig].every((c, i) => head[i] === c.charCodeAt(0));
  if (starts('%PDF-')) return 'application/pdf';
  if (starts('PK\x03\x04')) return 'application/zip';
  if (starts('\x1f\x8b\x08')) return 'application/x-gzip';
  if (starts('\xfe\xff')) return 'text/plain; charset=utf-16be';
  if (starts('\xff\xfe')) return 'text/plain; charset=utf-16le';
  if (starts('\xef\xbb\xbf')) return 'text/plain; charset=utf-8';
  for (const b of head) {
    if (b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f)) return 'application/octet-stream';
  }
  return 'text/plain; charset=utf-8';
}

/** helm's ensureArchive: the first 512 bytes (zero-padded, as helm reads them) must be gzip. */
function ensureArchive(name: string): void {
  const head = new Uint8Array(512);
  const fd = openSync(name, 'r');
  try {
    readSync(fd, head, 0, 512, 0);
  } finally {
    closeSync(fd);
  }
  const type = sniffContentType(head);
  if (type === 'application/x-gzip') return;
  if (name.endsWith('.yml') || name.endsWith('.yaml')) fail(`file '${name}' seems to be a YAML file, but expected a gzipped archive`);
  fail(`file '${name}' does not appear to be a gzipped archive; got '${type}'`);
}

/**
 * Loads a chart directory or .tgz from disk as `helm template` does. Errors carry helm's
 * message without "Error: "; `warnings` are the stderr lines helm prints while loading.
 */
export function loadChart(path: string, options: LoadOptions = {}): ChartLoadResult {
  const compat = options.compat ?? 'helm4';
  const ctx = newLoadContext(compat);
  let st: Stats;
  try {
    st = statSync(path);
  } catch {
    return { ok: false, error: new ChartLoadError(`path ${goQuote(path)} not found`), warnings: [] };
  }
  const abs = resolve(path);
  try {
    return st.isDirectory() ? toResult(ctx, () => loadDirectory(abs, ctx, compat)) : loadArchiveFile(abs, st, compat);
  } catch (e) {
    const m = e instanceof ChartLoadError ? undefined : fsErrorMessage(e);
    if (m === undefined) throw e;
    return { ok: false, error: new ChartLoadError(m), warnings: ctx.warnings };
  }
}

function loadArchiveFile(abs: string, st: Stats, compat: Compat): ChartLoadResult {
  try {
    ensureArchive(abs);
  } catch (e) {
    if (e instanceof ChartLoadError) return { ok: false, error: e, warnings: [] };
    throw e;
  }
  if (st.size > MAX_TAR_STREAM) {
    return { ok: false, error: new ChartLoadError(`chart archive ${abs} is larger than ${MAX_TAR_STREAM} bytes; refusing to read it`), warnings: [] };
  }
  const r = loadChartArchive(new Uint8Array(readFileSync(abs)), { compat });
  if (!r.ok && compat === 'helm3' && r.error.message === 'gzip: invalid header') {
    const error = new ChartLoadError(`file '${abs}' does not appear to be a valid chart file (details: gzip: invalid header)`);
    return { ok: false, error, warnings: r.warnings };
  }
  return r;
}

function loadDirectory(abs: string, ctx: LoadContext, compat: Compat): Chart {
  if (compat === 'helm4') {
    const chartYaml = join(abs, 'Chart.yaml');
    try {
      statSync(chartYaml);
    } catch {
      fail(`unable to detect chart at ${chartYaml}: open ${chartYaml}: no such file or directory`);
    }
  }
  const files = walkChartDir(abs, ctx);
  detectChartVersion(files, ctx);
  return loadBufferedFiles(files, ctx);
}
