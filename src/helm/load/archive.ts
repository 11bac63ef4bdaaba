/**
 * Loading a chart from a .tgz held in memory, as helm's `loader.LoadArchive` does: gunzip,
 * read the tar, drop the first path segment of every entry (the chart's top directory), check
 * names, apply helm's size limits, strip UTF-8 BOMs, then build the chart from the files
 * (no .helmignore: it was applied when the archive was packaged).
 *
 * Where helm refuses an entry we give helm's message. Where helm accepts something unsafe we
 * refuse it with our own message (measured: helm 3.17.3 and 4.1.4 load symlinks, hard links,
 * devices and fifos as empty files, and an absolute entry `/x/y` as `y` of a sibling directory).
 * helm 4 reports every failure of reading the root archive as "unable to load chart archive".
 */
import { Gunzip } from 'fflate';
import type { Compat } from '../../gotemplate/template.js';
import { ChartLoadError, type Chart, type ChartLoadResult } from './chart.js';
import {
  detectChartVersion,

  loadBufferedFiles,
  MAX_CHART_DEPTH,
  MAX_CHART_SIZE,
  MAX_FILE_SIZE,
  stripBom,
  toResult,
  type BufferedFile,
  type LoadContext,
  type LoadOptions,
} from './files.js';
import { goQuote } from './metadata.js';
import { readTar, TarError } from './tar.js';

/** Bound on the decompressed tar stream: helm's content limit plus room for tar headers. */
export const MAX_TAR_STREAM = MAX_CHART_SIZE + 16 * 1024 * 1024;

function fail(message: string): never {
  throw new ChartLoadError(message);
}

/** Our own refusal of an entry helm would accept: reported as is in both compat modes. */
class UnsafeEntryError extends ChartLoadError {}

function refuse(message: string): never {
  throw new UnsafeEntryError(message);
}

/** gunzip with a bound on the output; messages follow Go's compress/gzip where helm shows them. */
function gunzipBounded(bytes: Uint8Array, limit: number): Uint8Array {
  if (bytes.length < 10) fail('unexpected EOF');
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b || bytes[2] !== 8) fail('gzip: invalid header');
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const g = new Gunzip((chunk) => {
    total += chunk.length;
    if (total > limit) over = true;
    else chunks.push(chunk);
  });
  const STEP = 64 * 1024;
  try {
    for (let i = 0; i < bytes.length && !over; i += STEP) {
      const end = Math.min(bytes.length, i + STEP);
      g.push(bytes.subarray(i, end), end === bytes.length);
    }
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/unexpected EOF/i.test(msg)) fail('unexpected EOF');
    fail(`gzip: invalid compressed data (${msg})`);
  }
  if (over) fail(`decompressed chart is larger than the maximum size ${MAX_CHART_SIZE}`);
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** Go's path.Clean for a '/'-separated path. */
function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const s = out.join('/');
  if (rooted) return '/' + s;
  return s === '' ? '.' : s;
}

const KIND: Record<string, string> = {
  symlink: 'a symbolic link',
  hardlink: 'a hard link',
  char: 'a character device',
  block: 'a block device',
  fifo: 'a named pipe',
  other: 'not a regular file',
};

/** helm's LoadArchiveFiles: the chart's files from a .tgz. Throws ChartLoadError. */
export function archiveFiles(bytes: Uint8Array): BufferedFile[] {
  const tar = gunzipBounded(bytes, MAX_TAR_STREAM);
  let entries;
  try {
    entries = readTar(tar);
  } catch (e) {
    if (e instanceof TarError) fail(e.message);
    throw e;
  }
  const files: BufferedFile[] = [];
  let remaining = MAX_CHART_SIZE;
  for (const e of entries) {
    if (e.type === 'dir' || e.type === 'paxGlobal') continue;
    const delimiter = e.name.includes('\\') ? '\\' : '/';
    const parts = e.name.split(delimiter);
    let n = parts.slice(1).join(delimiter).split(delimiter).join('/');
    // Our own rules first: helm would accept these.
    if (e.name.startsWith('/') || e.name.startsWith('\\') || /^[a-zA-Z]:[/\\]/.test(e.name)) {
      refuse(`chart archive entry ${goQuote(e.name)} is an absolute path; refusing to load it`);
    }
    if (e.type !== 'file') {
      refuse(`chart archive entry ${goQuote(e.name)} is ${KIND[e.type] ?? 'not a regular file'}; only regular files are allowed`);
    }
    if (n.startsWith('/')) fail('chart illegally contains absolute paths');
    n = cleanPath(n);
    if (n === '.') fail(`chart illegally contains content outside the base directory: ${goQuote(e.name)}`);
    if (n.startsWith('..')) fail('chart illegally references parent directory');
    if (/^[a-zA-Z]:\//.test(n)) fail('chart contains illegally named files');
    if (parts[0] === 'Chart.yaml') fail('chart yaml not in base directory');
    if (e.size > remaining) fail(`decompressed chart is larger than the maximum size ${MAX_CHART_SIZE}`);
    if (e.size > MAX_FILE_SIZE) fail(`decompressed chart file ${goQuote(e.name)} is larger than the maximum file size ${MAX_FILE_SIZE}`);
    remaining -= e.size;
    if (remaining <= 0) fail(`decompressed chart is larger than the maximum size ${MAX_CHART_SIZE}`);
    files.push({ name: n, data: stripBom(e.data) });
  }
  if (files.length === 0) fail('no files in chart archive');
  return files;
}

function loadArchiveChart(bytes: Uint8Array, ctx: LoadContext): Chart {
  return loadBufferedFiles(archiveFiles(bytes), ctx);
}

/** A root archive: helm 4 first reads it to detect the chart's apiVersion. */
function loadRootArchive(bytes: Uint8Array, ctx: LoadContext): Chart {
  let files: BufferedFile[];
  try {
    files = archiveFiles(bytes);
  } catch (e) {
    if (e instanceof ChartLoadError && !(e instanceof UnsafeEntryError) && ctx.compat === 'helm4') fail('unable to load chart archive');
    throw e;
  }
  if (ctx.compat === 'helm4') {
    if (!files.some((f) => f.name === 'Chart.yaml')) fail('unable to detect chart version, no Chart.yaml found');
    detectChartVersion(files, ctx);
  }
  return loadBufferedFiles(files, ctx);
}

export function newLoadContext(compat: Compat): LoadContext {
  return { compat, warnings: [], depth: MAX_CHART_DEPTH, loadArchive: loadArchiveChart };
}

/**
 * Loads a chart from the bytes of a .tgz (pure: no fs). Errors carry helm's message without
 * the "Error: " prefix.
 */
export function loadChartArchive(bytes: Uint8Array, options: LoadOptions = {}): ChartLoadResult {
  const ctx = newLoadContext(options.compat ?? 'helm4');
  return toResult(ctx, () => loadRootArchive(bytes, ctx));
}
