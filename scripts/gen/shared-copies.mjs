/**
 * Shared chart templates: every file in scripts/gen/chart-shared/ starts with the line
 * `{{/* shared by: <chart> <chart> ... *\/}}`; gen copies it to charts/<chart>/templates/<file>
 * for each chart listed whose charts/<chart>/Chart.yaml exists. The copy's first line is a
 * generated-file header (a Go template comment, so the copy renders exactly as the source
 * would), the rest is the source without its first line.
 *
 * A file under charts/<chart>/templates/ that starts with the header but that gen would not write
 * (its source is gone, or no longer lists the chart) is stale and gets removed.
 *
 * Shared directories (files that cannot carry a header, e.g. the injection templates a chart reads
 * with .Files.Get): a subdirectory D of scripts/gen/chart-shared/ holding a file SHARED-BY (chart
 * names separated by white space) is copied verbatim, SHARED-BY excepted, to charts/<chart>/D/ for
 * each chart named. That directory of those charts then holds only copies: any other file in it is
 * stale.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SHARED_DIR = 'scripts/gen/chart-shared';
const SHARED_BY = /^\{\{-?\s*\/\*\s*shared by:([^*]*)\*\/\s*-?\}\}$/;
const CHART_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** The first line of every generated copy. */
export function sharedHeader(file) {
  return `{{/* Generated from ${SHARED_DIR}/${file} by \`npm run gen\`; do not edit (edit the source). */}}`;
}

/** Whether `text` (a file under charts/<chart>/templates/) is a generated shared copy. */
export function isSharedCopy(text) {
  return /^\{\{\/\* Generated from scripts\/gen\/chart-shared\/[^ ]+ by `npm run gen`; do not edit/.test(text);
}

/** The chart names in a source's first line; throws when the line is not the `shared by` comment. */
export function sharedBy(file, text) {
  const nl = text.indexOf('\n');
  const first = (nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, '');
  const m = SHARED_BY.exec(first);
  if (!m) throw new Error(`${SHARED_DIR}/${file}: the first line must be {{/* shared by: <chart> ... */}}, got ${JSON.stringify(first)}`);
  const charts = m[1].trim().split(/\s+/).filter((c) => c !== '');
  if (charts.length === 0) throw new Error(`${SHARED_DIR}/${file}: "shared by" names no chart`);
  for (const c of charts) if (!CHART_NAME.test(c)) throw new Error(`${SHARED_DIR}/${file}: "${c}" is not a chart name`);
  return charts;
}

/** The file listing the charts of a shared directory. */
export const SHARED_BY_FILE = 'SHARED-BY';

function filesUnder(abs, rel, out = []) {
  for (const e of readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.isDirectory()) filesUnder(join(abs, e.name), `${rel}/${e.name}`, out);
    else if (e.isFile()) out.push(`${rel}/${e.name}`);
  }
  return out;
}

/** Shared directories: `[{ dir, charts }]` (dir relative to chart-shared/, e.g. "files"). */
function sharedDirs(root) {
  const dir = join(root, SHARED_DIR);
  if (!existsSync(dir)) return [];
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const list = join(dir, e.name, SHARED_BY_FILE);
    if (!existsSync(list)) throw new Error(`${SHARED_DIR}/${e.name}/ has no ${SHARED_BY_FILE} file naming the charts it is copied to`);
    const charts = readFileSync(list, 'utf8').trim().split(/\s+/).filter((c) => c !== '');
    if (charts.length === 0) throw new Error(`${SHARED_DIR}/${e.name}/${SHARED_BY_FILE} names no chart`);
    for (const c of charts) if (!CHART_NAME.test(c)) throw new Error(`${SHARED_DIR}/${e.name}/${SHARED_BY_FILE}: "${c}" is not a chart name`);
    out.push({ dir: e.name, charts });
  }
  return out.sort((a, b) => (a.dir < b.dir ? -1 : 1));
}

/** `Map<repo-relative path, content>` of every copy, for charts that exist under `root`. */
export function generateSharedCopies(root) {
  const out = new Map();
  const dir = join(root, SHARED_DIR);
  if (!existsSync(dir)) return out;
  for (const { dir: sub, charts } of sharedDirs(root)) {
    const files = filesUnder(join(dir, sub), '').filter((f) => f !== `/${SHARED_BY_FILE}`);
    for (const chart of charts) {
      if (!existsSync(join(root, 'charts', chart, 'Chart.yaml'))) continue;
      for (const f of files) out.set(`charts/${chart}/${sub}${f}`, readFileSync(join(dir, sub, ...f.split('/').filter(Boolean)), 'utf8'));
    }
  }
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    const charts = sharedBy(file, text);
    const nl = text.indexOf('\n');
    const body = nl < 0 ? '' : text.slice(nl + 1);
    for (const chart of charts) {
      if (!existsSync(join(root, 'charts', chart, 'Chart.yaml'))) continue;
      out.set(`charts/${chart}/templates/${file}`, `${sharedHeader(file)}\n${body}`);
    }
  }
  return out;
}

/** Generated copies under charts/x/templates/ that `out` does not contain (repo-relative, sorted). */
export function staleSharedCopies(root, out) {
  const charts = join(root, 'charts');
  if (!existsSync(charts)) return [];
  const stale = [];
  const walk = (abs, rel) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const a = join(abs, e.name);
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(a, r);
      else if (e.isFile() && !out.has(r) && isSharedCopy(readFileSync(a, 'utf8'))) stale.push(r);
    }
  };
  for (const c of readdirSync(charts, { withFileTypes: true })) {
    const t = join(charts, c.name, 'templates');
    if (c.isDirectory() && existsSync(t)) walk(t, `charts/${c.name}/templates`);
  }
  for (const { dir, charts: names } of sharedDirs(root)) {
    for (const chart of names) {
      const d = join(charts, chart, dir);
      if (!existsSync(join(charts, chart, 'Chart.yaml')) || !existsSync(d)) continue;
      for (const f of filesUnder(d, `charts/${chart}/${dir}`)) if (!out.has(f)) stale.push(f);
    }
  }
  return [...new Set(stale)].sort();
}
